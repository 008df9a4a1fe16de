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
import java.util.List;
import java.util.Map;
import mes.kernel.Refusal;
import mes.production.PartService;
import mes.production.Permissions;
import mes.quality.CapaService;
import mes.quality.ControlPlanService.CharacteristicIn;
import mes.quality.ControlPlanService;
import mes.quality.GaugeService;
import mes.quality.InspectionService;
import mes.quality.NonconformityService;
import mes.quality.QualityRoles;
import mes.quality.ReleaseService;
import mes.quality.domain.InspectionFrequency;
import mes.quality.domain.NonconformityStatus;
import mes.quality.domain.Reaction;
import mes.quality.persistence.Characteristic;
import mes.security.Roles;
import mes.web.Params;
import mes.web.Redirects;

/**
 * /quality: what needs a quality engineer today (open nonconformities, lots waiting for release,
 * overdue CAPA actions, gauges due), and /quality/plans: the control plans, edited one
 * characteristic at a time.
 */
@Path("/quality")
@FormAuthentication
@Blocking
@RolesAllowed({Roles.OPERATOR, Roles.SUPERVISOR, Roles.QUALITY, Roles.MAINTENANCE, Roles.AUDITOR, Roles.ADMIN})
public class QualityPage {

    public record PartPlan(String id, String description, long characteristics, long special) {
    }

    @CheckedTemplate
    public static class Templates {
        public static native TemplateInstance dashboard(List<NonconformityService.View> ncrs, List<ReleaseService.Waiting> waiting,
                List<CapaService.ActionView> overdueActions, List<CapaService.View> capas, List<GaugeService.GaugeView> gauges,
                List<InspectionService.InspectionView> flagged, java.time.Instant now);

        public static native TemplateInstance plans(List<PartPlan> parts);

        public static native TemplateInstance plan(PartService.PartView part, ControlPlanService.Plan plan,
                List<ControlPlanService.Revision> revisions, List<GaugeService.GaugeView> gauges, CharacteristicIn editing, InspectionFrequency when,
                Reaction reaction, boolean mayEdit, boolean mayApprove, String notice, String error);
    }

    @Inject
    NonconformityService nonconformities;

    @Inject
    ReleaseService releases;

    @Inject
    CapaService capas;

    @Inject
    GaugeService gauges;

    @Inject
    InspectionService inspections;

    @Inject
    ControlPlanService plans;

    @Inject
    PartService parts;

    @Inject
    SecurityIdentity identity;

    @Inject
    java.time.Clock clock;

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance dashboard() {
        List<NonconformityService.View> open = new java.util.ArrayList<>(nonconformities.list(NonconformityStatus.OPEN, 100));
        open.addAll(nonconformities.list(NonconformityStatus.REWORK, 100));
        return Templates.dashboard(open, releases.waiting(100), capas.overdueActions(), capas.list(false, 100), gauges.needingAttention(),
                inspections.flagged(20), clock.instant());
    }

    @GET
    @Path("plans")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance plans() {
        Map<String, long[]> counts = new java.util.HashMap<>();
        for (Characteristic c : Characteristic.<Characteristic>list("active = true")) {
            long[] n = counts.computeIfAbsent(c.partId, k -> new long[2]);
            n[0]++;
            n[1] += c.special ? 1 : 0;
        }
        return Templates.plans(parts.list().stream().map(p -> {
            long[] n = counts.getOrDefault(p.id(), new long[2]);
            return new PartPlan(p.id(), p.description(), n[0], n[1]);
        }).toList());
    }

    @GET
    @Path("plans/{part}")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance plan(@PathParam("part") String partId, @QueryParam("edit") String edit, @QueryParam("notice") String notice,
            @QueryParam("error") String error) {
        PartService.PartView part = parts.get(partId);
        ControlPlanService.Plan plan = plans.plan(partId);
        List<CharacteristicIn> working = plan.draft() != null ? plan.draft().characteristics()
                : plans.revisionInForce(partId) == null ? List.of() : plans.revision(partId, plan.revision()).characteristics();
        CharacteristicIn editing = edit == null ? null : working.stream().filter(c -> c.code().equals(edit)).findFirst().orElse(null);
        boolean engineer = Permissions.any(QualityRoles.ENGINEERS, identity.getRoles());
        boolean mayApprove = engineer && plan.draft() != null && !plan.draft().draftedBy().equals(identity.getPrincipal().getName());
        InspectionFrequency when = editing == null || editing.when() == null ? InspectionFrequency.NONE : editing.when().normalised();
        Reaction reaction = editing == null || editing.reaction() == null ? Reaction.NONE : editing.reaction().normalised();
        return Templates.plan(part, plan, plans.revisions(partId), gauges.list(), editing, when, reaction, engineer, mayApprove, notice,
                error);
    }

    @POST
    @Path("plans/{part}")
    public Response put(@PathParam("part") String partId, @FormParam("code") String code, @FormParam("operationNo") String operationNo,
            @FormParam("name") String name, @FormParam("kind") String kind, @FormParam("nominal") String nominal,
            @FormParam("lsl") String lsl, @FormParam("usl") String usl, @FormParam("unit") String unit,
            @FormParam("special") String special, @FormParam("method") String method, @FormParam("gaugeId") String gaugeId,
            @FormParam("sampleSize") String sampleSize, @FormParam("frequency") String frequency,
            @FormParam("reactionPlan") String reactionPlan, @FormParam("firstOff") String firstOff,
            @FormParam("afterStopMinutes") String afterStopMinutes, @FormParam("afterMaintenance") String afterMaintenance,
            @FormParam("everyParts") String everyParts, @FormParam("everyMinutes") String everyMinutes,
            @FormParam("lastPiece") String lastPiece, @FormParam("reactHold") String reactHold, @FormParam("reactNcr") String reactNcr) {
        Permissions.require(identity, QualityRoles.ENGINEERS);
        String to = "/quality/plans/" + Redirects.enc(partId);
        try {
            var when = new InspectionFrequency(checked(firstOff), Params.optionalInteger("after a stop of (minutes)", afterStopMinutes),
                    checked(afterMaintenance), Params.optionalInteger("every ... parts", everyParts),
                    Params.optionalInteger("every ... minutes", everyMinutes), checked(lastPiece));
            var draft = plans.draftCharacteristic(partId, new CharacteristicIn(code, Params.optionalInteger("operation", operationNo), name,
                    kind, Params.optionalNumber("nominal", nominal), Params.optionalNumber("lower limit", lsl),
                    Params.optionalNumber("upper limit", usl), unit, checked(special), method, gaugeId,
                    Params.optionalInteger("sample size", sampleSize), frequency, reactionPlan, when)
                    .withReaction(new Reaction(checked(reactHold), checked(reactNcr))));
            return Redirects.notice(to, "Characteristic " + code.trim() + " saved in draft revision " + draft.revision()
                    + "; it comes into force when a second person approves it");
        } catch (Refusal e) {
            return Redirects.error(to, e.getMessage());
        }
    }

    private static boolean checked(String box) {
        return "on".equals(box) || "true".equals(box);
    }

    @POST
    @Path("plans/{part}/{code}/deactivate")
    public Response deactivate(@PathParam("part") String partId, @PathParam("code") String code) {
        Permissions.require(identity, QualityRoles.ENGINEERS);
        String to = "/quality/plans/" + Redirects.enc(partId);
        try {
            var draft = plans.draftWithout(partId, code);
            return Redirects.notice(to, "Characteristic " + code + " taken out of draft revision " + draft.revision()
                    + "; once approved its inspections stay");
        } catch (Refusal e) {
            return Redirects.error(to, e.getMessage());
        }
    }

    @POST
    @Path("plans/{part}/revisions/{revision}/approve")
    public Response approve(@PathParam("part") String partId, @PathParam("revision") int revision, @FormParam("note") String note) {
        Permissions.require(identity, QualityRoles.ENGINEERS);
        String to = "/quality/plans/" + Redirects.enc(partId);
        try {
            plans.approve(partId, revision, note);
            return Redirects.notice(to, "Revision " + revision + " approved: it is in force");
        } catch (Refusal e) {
            return Redirects.error(to, e.getMessage());
        }
    }

    @POST
    @Path("plans/{part}/revisions/{revision}/discard")
    public Response discard(@PathParam("part") String partId, @PathParam("revision") int revision) {
        Permissions.require(identity, QualityRoles.ENGINEERS);
        String to = "/quality/plans/" + Redirects.enc(partId);
        try {
            plans.discard(partId, revision);
            return Redirects.notice(to, "Draft revision " + revision + " discarded");
        } catch (Refusal e) {
            return Redirects.error(to, e.getMessage());
        }
    }
}
