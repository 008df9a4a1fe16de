package mes.quality.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.annotation.FormAuthentication;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import mes.kernel.Refusal;
import mes.production.LotService;
import mes.production.Permissions;
import mes.quality.ControlPlanService;
import mes.quality.GaugeService;
import mes.quality.InspectionService.InspectionIn;
import mes.quality.InspectionService.InspectionView;
import mes.quality.InspectionService;
import mes.quality.NonconformityService;
import mes.quality.QualityRoles;
import mes.quality.ReleaseService;
import mes.quality.persistence.Characteristic;
import mes.security.Roles;
import mes.web.Params;
import mes.web.Redirects;

/**
 * Inspection at the line or in the lab: scan a lot, enter the sample's values for each
 * characteristic of its control plan, see the verdict at once. An inspection's page shows its
 * corrections and, when it failed, raises the nonconformity. A lot's quality page shows where it
 * stands against its plan and releases it.
 */
@Path("/quality")
@FormAuthentication
@Blocking
@RolesAllowed({Roles.OPERATOR, Roles.SUPERVISOR, Roles.QUALITY, Roles.MAINTENANCE, Roles.AUDITOR, Roles.ADMIN})
public class InspectionPage {

    @CheckedTemplate
    public static class Templates {
        public static native TemplateInstance inspect(String lotQuery, LotService.Snapshot lot, List<Characteristic> plan, List<GaugeService.GaugeView> gauges,
                List<InspectionView> recent, NonconformityService.View reinspecting, boolean mayInspect, String notice, String error);

        public static native TemplateInstance inspection(InspectionView inspection, List<InspectionView> history, Characteristic characteristic,
                List<NonconformityService.View> ncrs, List<InspectionService.PendingCorrection> corrections, String me, boolean mayRaise,
                boolean mayCorrect, String notice, String error);

        public static native TemplateInstance lot(LotService.Snapshot lot, ReleaseService.Status status, List<InspectionView> inspections,
                List<NonconformityService.View> ncrs, boolean mayRelease, boolean mayInspect, String notice, String error);
    }

    @Inject
    LotService lots;

    @Inject
    InspectionService inspections;

    @Inject
    ControlPlanService plans;

    @Inject
    GaugeService gauges;

    @Inject
    ReleaseService releases;

    @Inject
    NonconformityService nonconformities;

    @Inject
    SecurityIdentity identity;

    @GET
    @Path("inspect")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance inspect(@QueryParam("lot") String lotId, @QueryParam("ncr") Long ncr, @QueryParam("notice") String notice,
            @QueryParam("error") String error) {
        String q = Params.blankToNull(lotId);
        LotService.Snapshot lot = q == null ? null : lots.find(q).orElse(null);
        if (q != null && lot == null && error == null) {
            error = "No lot '" + q + "'";
        }
        List<Characteristic> plan = lot == null ? List.of() : plans.active(InspectionService.partOf(lot));
        NonconformityService.View reinspecting = ncr == null ? null : nonconformities.get(ncr);
        return Templates.inspect(q == null ? "" : q, lot, plan, gauges.list(), lot == null ? List.of() : inspections.ofLot(lot.id()),
                reinspecting, Permissions.any(QualityRoles.INSPECTORS, identity.getRoles()), notice, error);
    }

    @POST
    @Path("inspect")
    public Response record(@FormParam("lotId") String lotId, @FormParam("characteristicId") String characteristicId,
            @FormParam("value") List<String> values, @FormParam("result") String result, @FormParam("gaugeId") String gaugeId,
            @FormParam("comment") String comment, @FormParam("nonconformityId") String nonconformityId) {
        Permissions.require(identity, QualityRoles.INSPECTORS);
        String back = "/quality/inspect?lot=" + Redirects.enc(lotId == null ? "" : lotId)
                + (Params.blankToNull(nonconformityId) == null ? "" : "&ncr=" + Redirects.enc(nonconformityId));
        try {
            Integer ch = Params.optionalInteger("characteristic", characteristicId);
            Integer ncr = Params.optionalInteger("nonconformity", nonconformityId);
            InspectionView v = inspections.record(new InspectionIn(lotId, ch == null ? null : ch.longValue(), null, numbers(values),
                    Params.blankToNull(result), gaugeId, null, null, comment, ncr == null ? null : ncr.longValue()));
            String verdict = v.characteristic() + (v.passed() ? " passed" : " FAILED") + (v.gaugeOverdue() ? " (gauge " + v.gaugeId()
                    + " is overdue for calibration: the inspection is flagged)" : "");
            return v.passed() ? Redirects.notice(back, verdict) : Redirects.notice("/quality/inspections/" + v.id(), verdict);
        } catch (Refusal e) {
            return Redirects.error(back, e.getMessage());
        }
    }

    @GET
    @Path("inspections/{id}")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance inspection(@PathParam("id") long id, @QueryParam("notice") String notice, @QueryParam("error") String error) {
        InspectionView v = inspections.get(id);
        Characteristic ch = v.characteristicId() == null ? null : plans.get(v.characteristicId());
        return Templates.inspection(v, inspections.history(id), ch, v.lotId() == null ? List.of() : nonconformities.ofLot(v.lotId()),
                inspections.correctionsOf(id), identity.getPrincipal().getName(),
                Permissions.any(QualityRoles.RAISERS, identity.getRoles()), Permissions.any(QualityRoles.ENGINEERS, identity.getRoles()),
                notice, error);
    }

    @POST
    @Path("inspections/{id}/supersede")
    public Response supersede(@PathParam("id") long id, @FormParam("value") List<String> values, @FormParam("result") String result,
            @FormParam("reason") String reason) {
        Permissions.require(identity, QualityRoles.ENGINEERS);
        try {
            InspectionService.Corrected c = inspections.supersede(id, numbers(values), Params.blankToNull(result), reason);
            if (c.pending() != null) {
                return Redirects.notice("/quality/inspections/" + id, "Correction to " + c.pending().result()
                        + " requested: a second person approves or rejects it; until then inspection " + id + " stands");
            }
            InspectionView v = c.applied();
            return Redirects.notice("/quality/inspections/" + v.id(), "Inspection " + id + " corrected by " + v.id() + ": " + v.result());
        } catch (Refusal e) {
            return Redirects.error("/quality/inspections/" + id, e.getMessage());
        }
    }

    @POST
    @Path("inspection-corrections/{id}/approve")
    public Response approveCorrection(@PathParam("id") long id, @FormParam("inspection") long inspectionId, @FormParam("note") String note) {
        Permissions.require(identity, QualityRoles.ENGINEERS);
        try {
            InspectionView v = inspections.approve(id, note);
            return Redirects.notice("/quality/inspections/" + v.id(), "Correction approved: inspection " + v.supersedesId()
                    + " is superseded by " + v.id() + " (" + v.result() + ")");
        } catch (Refusal e) {
            return Redirects.error("/quality/inspections/" + inspectionId, e.getMessage());
        }
    }

    @POST
    @Path("inspection-corrections/{id}/reject")
    public Response rejectCorrection(@PathParam("id") long id, @FormParam("inspection") long inspectionId, @FormParam("note") String note) {
        Permissions.require(identity, QualityRoles.ENGINEERS);
        try {
            inspections.reject(id, note);
            return Redirects.notice("/quality/inspections/" + inspectionId, "Correction rejected: the inspection stands as recorded");
        } catch (Refusal e) {
            return Redirects.error("/quality/inspections/" + inspectionId, e.getMessage());
        }
    }

    @GET
    @Path("lots/{id}")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance lot(@PathParam("id") String id, @QueryParam("notice") String notice, @QueryParam("error") String error) {
        LotService.Snapshot lot = lots.find(id).orElseThrow(() -> Refusal.notFound("no lot '" + id + "'"));
        return Templates.lot(lot, releases.status(id), inspections.ofLot(id), nonconformities.ofLot(id),
                Permissions.any(QualityRoles.ENGINEERS, identity.getRoles()), Permissions.any(QualityRoles.INSPECTORS, identity.getRoles()),
                notice, error);
    }

    @POST
    @Path("lots/{id}/release")
    public Response release(@PathParam("id") String id, @FormParam("concession") String concession) {
        Permissions.require(identity, QualityRoles.ENGINEERS);
        String to = "/quality/lots/" + Redirects.enc(id);
        try {
            var r = releases.release(id, concession);
            return Redirects.notice(to, "Lot " + id + " released" + (r.concession() == null ? "" : " under concession"));
        } catch (Refusal e) {
            return Redirects.error(to, e.getMessage());
        }
    }

    /** The sample's values as typed; blank fields are left out, anything else must be a number. */
    static List<Double> numbers(List<String> values) {
        List<Double> out = new ArrayList<>();
        if (values != null) {
            int i = 0;
            for (String v : values) {
                i++;
                Double d = Params.optionalNumber("value " + i, v);
                if (d != null) {
                    out.add(d);
                }
            }
        }
        return out;
    }
}
