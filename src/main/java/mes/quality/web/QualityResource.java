package mes.quality.web;

import io.quarkus.vertx.http.runtime.security.annotation.BasicAuthentication;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import mes.kernel.Refusal;
import mes.quality.CapaService;
import mes.quality.ControlPlanService.CharacteristicIn;
import mes.quality.ControlPlanService.CharacteristicView;
import mes.quality.ControlPlanService;
import mes.quality.GaugeService;
import mes.quality.InspectionScheduleService;
import mes.quality.InspectionService.InspectionIn;
import mes.quality.InspectionService.InspectionView;
import mes.quality.InspectionService;
import mes.quality.NonconformityService;
import mes.quality.ReleaseService;
import mes.quality.SpcService;
import mes.quality.domain.NonconformityStatus;
import mes.security.Roles;
import mes.web.Params;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Quality over HTTP: control plans, inspections (CMMs and gauges post here), release, SPC, nonconformities, CAPA, gauges. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Quality")
@BasicAuthentication
@Blocking
@RolesAllowed({Roles.OPERATOR, Roles.SUPERVISOR, Roles.QUALITY, Roles.MAINTENANCE, Roles.AUDITOR, Roles.ADMIN})
public class QualityResource {

    public record PlanIn(List<CharacteristicIn> characteristics, String changeNote) {
    }

    public record ApprovalIn(String note) {
    }

    /** An inspection posted: the characteristic by id or by its code in the plan of the lot's part; values, or result for pass / fail. */
    public record InspectionBody(String lotId, Long characteristicId, String characteristic, List<Double> values, String result,
            String gaugeId, String machineId, String inspectedAt, String comment, Long nonconformityId) {
    }

    public record CorrectionIn(List<Double> values, String result, String reason) {
    }

    public record ReleaseIn(String concession) {
    }

    public record NonconformityIn(Long inspectionId, String lotId, String partId, String description) {
    }

    public record ContainmentIn(List<String> lotIds, String containment) {
    }

    public record DispositionIn(String disposition, String note) {
    }

    public record CapaIn(String title, String problem, String owner, String dueOn, Long nonconformityId) {
    }

    public record RootCauseIn(String rootCause) {
    }

    public record ActionIn(String description, String owner, String dueOn) {
    }

    public record DoneIn(String note) {
    }

    public record CheckIn(Boolean effective, String evidence) {
    }

    public record GaugeIn(String description, Integer intervalDays, Boolean active) {
    }

    public record CalibrationIn(String calibratedAt, String result, String certificate, String note) {
    }

    public record NonconformityDetail(NonconformityService.View nonconformity, List<NonconformityService.Suspect> suspects,
            List<CapaService.View> capas, List<Long> evidence) {
    }

    public record GaugeDetail(GaugeService.GaugeView gauge, List<GaugeService.Calibration> calibrations) {
    }

    @Inject
    ControlPlanService plans;

    @Inject
    InspectionService inspections;

    @Inject
    InspectionScheduleService schedule;

    @Inject
    ReleaseService releases;

    @Inject
    SpcService spc;

    @Inject
    NonconformityService nonconformities;

    @Inject
    CapaService capas;

    @Inject
    GaugeService gauges;

    @Inject
    Clock clock;

    // control plans

    @GET
    @Path("/parts/{id}/control-plan")
    @RolesAllowed({Roles.OPERATOR, Roles.SUPERVISOR, Roles.QUALITY, Roles.MAINTENANCE, Roles.AUDITOR, Roles.ADMIN, Roles.INTEGRATION})
    @Operation(summary = "The part's control plan: its active characteristics")
    public ControlPlanService.Plan plan(@PathParam("id") String partId) {
        return plans.plan(partId);
    }

    @PUT
    @Path("/parts/{id}/control-plan")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.QUALITY, Roles.ADMIN})
    @Operation(summary = "Draft the part's next control plan revision (the whole plan, with a change note); it comes into force when a"
            + " second person approves it")
    public ControlPlanService.Plan putPlan(@PathParam("id") String partId, PlanIn body) {
        if (body == null || body.characteristics() == null) {
            throw Refusal.invalid("{\"characteristics\": [...]} is required");
        }
        plans.draft(partId, body.characteristics(), body.changeNote());
        return plans.plan(partId);
    }

    @GET
    @Path("/parts/{id}/control-plan/revisions")
    @Operation(summary = "The revisions of the part's control plan, newest first: draft, approved (in force) and superseded")
    public List<ControlPlanService.Revision> planRevisions(@PathParam("id") String partId) {
        return plans.revisions(partId);
    }

    @GET
    @Path("/parts/{id}/control-plan/revisions/{revision}")
    @Operation(summary = "One revision of the part's control plan as it was drafted or approved")
    public ControlPlanService.Revision planRevision(@PathParam("id") String partId, @PathParam("revision") int revision) {
        return plans.revision(partId, revision);
    }

    @POST
    @Path("/parts/{id}/control-plan/revisions/{revision}/approve")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.QUALITY, Roles.ADMIN})
    @Operation(summary = "Approve the draft (not by who drafted it): it comes into force and supersedes the revision before")
    public ControlPlanService.Plan approvePlan(@PathParam("id") String partId, @PathParam("revision") int revision, ApprovalIn body) {
        return plans.approve(partId, revision, body == null ? null : body.note());
    }

    @DELETE
    @Path("/parts/{id}/control-plan/revisions/{revision}")
    @RolesAllowed({Roles.QUALITY, Roles.ADMIN})
    @Operation(summary = "Discard the draft; the revision in force stays")
    public Response discardPlan(@PathParam("id") String partId, @PathParam("revision") int revision) {
        plans.discard(partId, revision);
        return Response.noContent().build();
    }

    // inspection frequencies and set-up verification

    @GET
    @Path("/inspection-schedule/orders/{id}")
    @Operation(summary = "When the control plan's inspections fell due during the order, whether each was made, and the set-up"
            + " verification of the parts made since the last set-up")
    public InspectionScheduleService.OrderSchedule orderSchedule(@PathParam("id") String orderId) {
        return schedule.schedule(orderId);
    }

    @GET
    @Path("/inspection-schedule/lines/{id}")
    @Operation(summary = "The schedule of the order running or held on the line (204 when none is)")
    public Response lineSchedule(@PathParam("id") String lineId) {
        var s = schedule.forLine(lineId);
        return s == null ? Response.noContent().build() : Response.ok(s).build();
    }

    @GET
    @Path("/inspection-schedule/missed")
    @Operation(summary = "The inspections that fell due in [from, to) and were missed, made late or are overdue")
    public List<InspectionScheduleService.Item> missed(@QueryParam("from") String from, @QueryParam("to") String to) {
        Instant t = to == null ? clock.instant() : Params.instant("to", to);
        Instant f = from == null ? t.minus(Duration.ofDays(1)) : Params.instant("from", from);
        return schedule.missed(f, t);
    }

    @GET
    @Path("/characteristics/{id}")
    public CharacteristicView characteristic(@PathParam("id") long id) {
        return CharacteristicView.of(plans.get(id));
    }

    @GET
    @Path("/characteristics/{id}/spc")
    @Operation(summary = "Control charts (X-bar/R or I-MR) with rule violations, and Cp, Cpk, Pp, Ppk against the plant's targets; default the last 30 days")
    public SpcService.Study spc(@PathParam("id") long id, @QueryParam("from") String from, @QueryParam("to") String to) {
        Instant t = to == null ? clock.instant() : Params.instant("to", to);
        Instant f = from == null ? t.minus(Duration.ofDays(30)) : Params.instant("from", from);
        return spc.study(id, f, t);
    }

    public record BaselineIn(String from, String to, String reason) {
    }

    @GET
    @Path("/characteristics/{id}/spc-baselines")
    @Operation(summary = "The characteristic's frozen SPC baselines, newest (current) first")
    public List<SpcService.Baseline> baselines(@PathParam("id") long id) {
        plans.get(id);
        return spc.baselines(id);
    }

    @POST
    @Path("/characteristics/{id}/spc-baselines")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.QUALITY, Roles.ADMIN})
    @Operation(summary = "Freeze the control limits of the subgroups in [from, to) as the baseline later charts are judged against"
            + " (at least mes.quality.baseline-subgroups subgroups, in statistical control), with a reason")
    public Response freeze(@PathParam("id") long id, BaselineIn body) {
        if (body == null) {
            throw Refusal.invalid("{\"from\", \"to\", \"reason\"} is required");
        }
        SpcService.Baseline b = spc.freeze(id, body.from() == null ? null : Params.instant("from", body.from()),
                body.to() == null ? null : Params.instant("to", body.to()), body.reason());
        return Response.created(URI.create("/api/v1/characteristics/" + id + "/spc-baselines")).entity(b).build();
    }

    // inspections

    @POST
    @Path("/inspections")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.OPERATOR, Roles.QUALITY, Roles.ADMIN, Roles.INTEGRATION})
    @Operation(summary = "Record an inspection of a lot: PASS or FAIL comes from the control plan's limits; signed by the caller")
    public Response inspect(InspectionBody body) {
        if (body == null) {
            throw Refusal.invalid("{\"lotId\", \"characteristic\", \"values\"} is required");
        }
        Instant at = body.inspectedAt() == null ? null : Params.instant("inspectedAt", body.inspectedAt());
        InspectionView v = inspections.record(new InspectionIn(body.lotId(), body.characteristicId(), body.characteristic(), body.values(),
                body.result(), body.gaugeId(), body.machineId(), at, body.comment(), body.nonconformityId()));
        return Response.created(URI.create("/api/v1/inspections/" + v.id())).entity(v).build();
    }

    @GET
    @Path("/inspections")
    @Operation(summary = "Inspections, newest first, superseded ones included: by lot, characteristic or gauge, in [from, to) (default the last 30 days)")
    public List<InspectionView> inspections(@QueryParam("lotId") String lotId, @QueryParam("characteristicId") Long characteristicId,
            @QueryParam("gaugeId") String gaugeId, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("limit") Integer limit) {
        Instant t = to == null ? clock.instant().plusSeconds(60) : Params.instant("to", to);
        Instant f = from == null ? t.minus(Duration.ofDays(30)) : Params.instant("from", from);
        int n = limit == null ? 500 : limit;
        if (n < 1 || n > 5000) {
            throw Refusal.invalid("limit must be 1-5000");
        }
        return inspections.list(Params.blankToNull(lotId), characteristicId, Params.blankToNull(gaugeId), f, t, n);
    }

    @GET
    @Path("/inspections/{id}")
    public List<InspectionView> inspection(@PathParam("id") long id) {
        return inspections.history(id);
    }

    @POST
    @Path("/inspections/{id}/supersede")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.QUALITY, Roles.ADMIN})
    @Operation(summary = "Correct an inspection: a new record with a reason supersedes it; both stay. A correction that changes the"
            + " verdict, or of a special characteristic, is a request (202) that a second person approves or rejects")
    public Response supersede(@PathParam("id") long id, CorrectionIn body) {
        if (body == null) {
            throw Refusal.invalid("{\"values\" or \"result\", \"reason\"} is required");
        }
        InspectionService.Corrected c = inspections.supersede(id, body.values(), body.result(), body.reason());
        if (c.pending() != null) {
            return Response.accepted(c.pending()).location(URI.create("/api/v1/inspection-corrections/" + c.pending().id())).build();
        }
        return Response.created(URI.create("/api/v1/inspections/" + c.applied().id())).entity(c.applied()).build();
    }

    public record DecisionIn(String note) {
    }

    @GET
    @Path("/inspection-corrections")
    @Operation(summary = "Correction requests waiting for a second person, oldest first")
    public List<InspectionService.PendingCorrection> pendingCorrections(@QueryParam("limit") Integer limit) {
        int n = limit == null ? 100 : limit;
        if (n < 1 || n > 1000) {
            throw Refusal.invalid("limit must be 1-1000");
        }
        return inspections.pendingCorrections(n);
    }

    @GET
    @Path("/inspection-corrections/{id}")
    public InspectionService.PendingCorrection correction(@PathParam("id") long id) {
        return inspections.correction(id);
    }

    @POST
    @Path("/inspection-corrections/{id}/approve")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.QUALITY, Roles.ADMIN})
    @Operation(summary = "Approve a correction request (not its requester): the correcting inspection is written")
    public Response approveCorrection(@PathParam("id") long id, DecisionIn body) {
        InspectionView v = inspections.approve(id, body == null ? null : body.note());
        return Response.created(URI.create("/api/v1/inspections/" + v.id())).entity(v).build();
    }

    @POST
    @Path("/inspection-corrections/{id}/reject")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.QUALITY, Roles.ADMIN})
    @Operation(summary = "Reject a correction request (not its requester), with a reason: the inspection stays as it was")
    public InspectionService.PendingCorrection rejectCorrection(@PathParam("id") long id, DecisionIn body) {
        return inspections.reject(id, body == null ? null : body.note());
    }

    // release

    @GET
    @Path("/lots/{id}/release")
    @Operation(summary = "Whether the lot may be released: planned characteristics, current results, what is outstanding, the release if made")
    public ReleaseService.Status releaseStatus(@PathParam("id") String lotId) {
        return releases.status(lotId);
    }

    @POST
    @Path("/lots/{id}/release")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.QUALITY, Roles.ADMIN})
    @Operation(summary = "Release the lot (ISO 9001 8.6); with outstanding inspections only under a concession")
    public Response release(@PathParam("id") String lotId, ReleaseIn body) {
        return Response.status(201).entity(releases.release(lotId, body == null ? null : body.concession())).build();
    }

    // nonconformities

    @GET
    @Path("/nonconformities")
    public List<NonconformityService.View> nonconformities(@QueryParam("status") String status) {
        NonconformityStatus s = null;
        if (status != null) {
            try {
                s = NonconformityStatus.valueOf(status);
            } catch (IllegalArgumentException e) {
                throw Refusal.invalid("status must be OPEN, REWORK or CLOSED");
            }
        }
        return nonconformities.list(s, 500);
    }

    @POST
    @Path("/nonconformities")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.OPERATOR, Roles.SUPERVISOR, Roles.QUALITY, Roles.ADMIN})
    @Operation(summary = "Raise a nonconformity from a failed inspection, or by hand about a lot or a part")
    public Response raise(NonconformityIn body) {
        if (body == null) {
            throw Refusal.invalid("{\"inspectionId\" or \"lotId\" or \"partId\", \"description\"} is required");
        }
        var v = nonconformities.raise(body.inspectionId(), body.lotId(), body.partId(), body.description());
        return Response.created(URI.create("/api/v1/nonconformities/" + v.id())).entity(v).build();
    }

    @GET
    @Path("/nonconformities/{id}")
    public NonconformityDetail nonconformity(@PathParam("id") long id) {
        return new NonconformityDetail(nonconformities.get(id), nonconformities.suspects(id), capas.ofNonconformity(id),
                nonconformities.evidence(id));
    }

    @POST
    @Path("/nonconformities/{id}/containment")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.SUPERVISOR, Roles.QUALITY, Roles.ADMIN})
    @Operation(summary = "Containment: put suspect lots on hold under the nonconformity, and record the action taken")
    public NonconformityService.View contain(@PathParam("id") long id, ContainmentIn body) {
        if (body == null) {
            throw Refusal.invalid("{\"lotIds\", \"containment\"} is required");
        }
        return nonconformities.contain(id, body.lotIds(), body.containment());
    }

    @POST
    @Path("/nonconformities/{id}/disposition")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.QUALITY, Roles.ADMIN})
    @Operation(summary = "Disposition: USE_AS_IS (with the concession in note), REWORK (re-inspect), SCRAP, RETURN_TO_SUPPLIER")
    public NonconformityService.View dispose(@PathParam("id") long id, DispositionIn body) {
        if (body == null) {
            throw Refusal.invalid("{\"disposition\", \"note\"} is required");
        }
        return nonconformities.dispose(id, body.disposition(), body.note());
    }

    // CAPA

    @GET
    @Path("/capas")
    @Operation(summary = "Open CAPAs (oldest first, with their age) and, with includeClosed=true, the closed ones")
    public List<CapaService.View> capas(@QueryParam("includeClosed") boolean includeClosed) {
        return capas.list(includeClosed, 500);
    }

    @GET
    @Path("/capas/overdue-actions")
    public List<CapaService.ActionView> overdueActions() {
        return capas.overdueActions();
    }

    @POST
    @Path("/capas")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.QUALITY, Roles.ADMIN})
    public Response openCapa(CapaIn body) {
        if (body == null) {
            throw Refusal.invalid("{\"title\", \"problem\", \"owner\", \"dueOn\"} is required");
        }
        var v = capas.open(body.title(), body.problem(), body.owner(), date("dueOn", body.dueOn()), body.nonconformityId());
        return Response.created(URI.create("/api/v1/capas/" + v.id())).entity(v).build();
    }

    @GET
    @Path("/capas/{id}")
    public CapaService.View capa(@PathParam("id") long id) {
        return capas.get(id);
    }

    @POST
    @Path("/capas/{id}/root-cause")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.QUALITY, Roles.ADMIN})
    public CapaService.View rootCause(@PathParam("id") long id, RootCauseIn body) {
        return capas.rootCause(id, body == null ? null : body.rootCause());
    }

    @POST
    @Path("/capas/{id}/actions")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.QUALITY, Roles.ADMIN})
    public CapaService.View addAction(@PathParam("id") long id, ActionIn body) {
        if (body == null) {
            throw Refusal.invalid("{\"description\", \"owner\", \"dueOn\"} is required");
        }
        return capas.addAction(id, body.description(), body.owner(), date("dueOn", body.dueOn()));
    }

    @POST
    @Path("/capas/{id}/actions/{actionId}/done")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.SUPERVISOR, Roles.QUALITY, Roles.ADMIN})
    public CapaService.View actionDone(@PathParam("id") long id, @PathParam("actionId") long actionId, DoneIn body) {
        return capas.completeAction(id, actionId, body == null ? null : body.note());
    }

    @POST
    @Path("/capas/{id}/checks")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.QUALITY, Roles.ADMIN})
    @Operation(summary = "Record an effectiveness check once every action is done")
    public CapaService.View check(@PathParam("id") long id, CheckIn body) {
        if (body == null) {
            throw Refusal.invalid("{\"effective\", \"evidence\"} is required");
        }
        return capas.check(id, body.effective(), body.evidence());
    }

    @POST
    @Path("/capas/{id}/close")
    @RolesAllowed({Roles.QUALITY, Roles.ADMIN})
    @Operation(summary = "Close the CAPA: root cause, every action done, and an effective check after them")
    public CapaService.View close(@PathParam("id") long id) {
        return capas.close(id);
    }

    // gauges

    @GET
    @Path("/gauges")
    @Operation(summary = "Gauges with their calibration standing (VALID, DUE, OVERDUE, NEVER_CALIBRATED, OUT_OF_TOLERANCE)")
    public List<GaugeService.GaugeView> gauges(@QueryParam("attention") boolean attention) {
        return attention ? gauges.needingAttention() : gauges.list();
    }

    @GET
    @Path("/gauges/{id}")
    public GaugeDetail gauge(@PathParam("id") String id) {
        return new GaugeDetail(gauges.view(id), gauges.calibrations(id));
    }

    @PUT
    @Path("/gauges/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.QUALITY, Roles.ADMIN})
    public GaugeService.GaugeView putGauge(@PathParam("id") String id, GaugeIn body) {
        if (body == null) {
            throw Refusal.invalid("{\"description\", \"intervalDays\"} is required");
        }
        return gauges.put(id, body.description(), body.intervalDays(), body.active());
    }

    @POST
    @Path("/gauges/{id}/calibrations")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.QUALITY, Roles.ADMIN})
    @Operation(summary = "Record a calibration: PASS (in tolerance) or FAIL (out of tolerance), with the certificate reference")
    public Response calibrate(@PathParam("id") String id, CalibrationIn body) {
        if (body == null) {
            throw Refusal.invalid("{\"calibratedAt\", \"result\", \"certificate\"} is required");
        }
        Instant at = body.calibratedAt() == null ? null : Params.instant("calibratedAt", body.calibratedAt());
        return Response.status(201).entity(gauges.calibrate(id, at, body.result(), body.certificate(), body.note())).build();
    }

    @GET
    @Path("/gauges/{id}/calibrations/{calibrationId}/suspect-inspections")
    @Operation(summary = "For a calibration that found the gauge out of tolerance: the inspections it made since its last good calibration")
    public List<GaugeService.Suspect> suspects(@PathParam("id") String id, @PathParam("calibrationId") long calibrationId) {
        return gauges.suspects(id, calibrationId);
    }

    /** measurements[appraiser][part][trial], as lists: a JSON value of another shape is a clear 400, not a definition error. */
    public record StudyIn(Long characteristicId, Double tolerance, List<String> appraisers, List<List<List<Double>>> measurements, String note) {
        double[][][] matrix() {
            if (measurements == null) {
                return null;
            }
            double[][][] m = new double[measurements.size()][][];
            for (int a = 0; a < m.length; a++) {
                List<List<Double>> parts = measurements.get(a);
                if (parts == null) {
                    throw Refusal.invalid("measurements[" + a + "] is missing: a list of parts, each a list of trials");
                }
                m[a] = new double[parts.size()][];
                for (int p = 0; p < parts.size(); p++) {
                    List<Double> trials = parts.get(p);
                    if (trials == null) {
                        throw Refusal.invalid("measurements[" + a + "][" + p + "] is missing: a list of trials");
                    }
                    m[a][p] = new double[trials.size()];
                    for (int t = 0; t < trials.size(); t++) {
                        Double v = trials.get(t);
                        if (v == null) {
                            throw Refusal.invalid("measurements[" + a + "][" + p + "][" + t + "] is not a number");
                        }
                        m[a][p][t] = v;
                    }
                }
            }
            return m;
        }
    }

    @GET
    @Path("/gauges/{id}/studies")
    @Operation(summary = "The gauge's R&R studies, newest first, each with the average-and-range and the ANOVA figures (AIAG MSA 4th edition)")
    public List<GaugeService.Study> studies(@PathParam("id") String id) {
        gauges.get(id);
        return gauges.studies(id);
    }

    @POST
    @Path("/gauges/{id}/studies")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.QUALITY, Roles.ADMIN})
    @Operation(summary = "Record a gauge R&R study: appraisers' names and measurements[appraiser][part][trial] (2-3 appraisers, 2-10 parts,"
            + " 2-3 trials), the tolerance or a characteristic whose limits give it")
    public Response recordStudy(@PathParam("id") String id, StudyIn body) {
        if (body == null) {
            throw Refusal.invalid("{\"appraisers\", \"measurements\", \"tolerance\" or \"characteristicId\"} is required");
        }
        GaugeService.Study st = gauges.recordStudy(id, body.characteristicId(), body.tolerance(), body.appraisers(), body.matrix(),
                body.note());
        return Response.created(URI.create("/api/v1/gauges/" + id + "/studies")).entity(st).build();
    }

    @POST
    @Path("/gauges/{id}/studies")
    @Consumes("text/csv")
    @RolesAllowed({Roles.QUALITY, Roles.ADMIN})
    @Operation(summary = "Import a gauge R&R study from CSV: a header, then appraiser,part,trial,value per line;"
            + " ?tolerance= or ?characteristicId=")
    public Response importStudy(@PathParam("id") String id, @QueryParam("tolerance") Double tolerance,
            @QueryParam("characteristicId") Long characteristicId, String csv) {
        GaugeService.ParsedCsv parsed = GaugeService.parseStudyCsv(csv);
        GaugeService.Study st = gauges.recordStudy(id, characteristicId, tolerance, parsed.appraisers(), parsed.measurements(), "imported from CSV");
        return Response.created(URI.create("/api/v1/gauges/" + id + "/studies")).entity(st).build();
    }

    private static LocalDate date(String name, String value) {
        return Params.date(name, value);
    }
}
