package mes.quality.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.vertx.http.runtime.security.annotation.FormAuthentication;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import mes.quality.InspectionScheduleService;
import mes.security.Roles;
import mes.web.Params;

/**
 * The inspections the control plan asks for: what is due on a line now (the panel the line
 * terminal shows, overdue in red, with the set-up verification), and the missed-inspection report.
 */
@Path("/quality")
@FormAuthentication
@Blocking
@RolesAllowed({Roles.OPERATOR, Roles.SUPERVISOR, Roles.QUALITY, Roles.MAINTENANCE, Roles.AUDITOR, Roles.ADMIN})
public class SchedulePage {

    /** A reaction plan that fired on the part running: its nonconformity and what the operator is to do. */
    public record ReactionShown(long nonconformityId, String number, String code, String signal, String instruction, int lotsHeld) {
    }

    @CheckedTemplate
    public static class Templates {
        public static native TemplateInstance due(String lineId, InspectionScheduleService.OrderSchedule schedule,
                List<ReactionShown> reactions, Instant now);

        public static native TemplateInstance missed(List<InspectionScheduleService.Item> items, String from, String to);
    }

    @Inject
    InspectionScheduleService schedule;

    @Inject
    mes.quality.NonconformityService nonconformities;

    @Inject
    mes.quality.ControlPlanService plans;

    @Inject
    Clock clock;

    @GET
    @Path("lines/{id}/due")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance due(@PathParam("id") String lineId) {
        var s = schedule.forLine(lineId);
        List<ReactionShown> reactions = s == null ? List.of() : nonconformities.openReactions(s.partId()).stream().map(n -> {
            var ch = plans.get(n.characteristicId());
            return new ReactionShown(n.id(), n.number(), ch.code, n.signal(), ch.reactionPlan, n.containedLots().size());
        }).toList();
        return Templates.due(lineId, s, reactions, clock.instant());
    }

    @GET
    @Path("missed")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance missed(@QueryParam("from") String from, @QueryParam("to") String to) {
        Instant t = to == null || to.isBlank() ? clock.instant() : Params.instant("to", to);
        Instant f = from == null || from.isBlank() ? t.minus(Duration.ofDays(1)) : Params.instant("from", from);
        return Templates.missed(schedule.missed(f, t), f.toString(), t.toString());
    }
}
