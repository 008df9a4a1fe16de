package mes.anomaly.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
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
import jakarta.ws.rs.core.SecurityContext;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import mes.anomaly.AlertService;
import mes.anomaly.persistence.AlertStore.Alert;
import mes.anomaly.persistence.AlertStore;
import mes.kernel.Refusal;
import mes.security.Roles;

/**
 * The alerts at the line: open and acknowledged ones, most severe first, refreshed every second;
 * one tap leads to acknowledging with a comment. Recently resolved ones below.
 */
@Path("/alerts")
@FormAuthentication
@Blocking
@RolesAllowed({Roles.OPERATOR, Roles.SUPERVISOR, Roles.QUALITY, Roles.MAINTENANCE, Roles.AUDITOR, Roles.ADMIN})
public class AlertsPage {

    /** The alerts shown, and when. */
    public record Board(List<Alert> active, List<Alert> resolved, String machineId, Instant now) {

        /** The message key of a rule's plain name ({@code rule_FLATLINE}), or null for a rule without one (shown as it is). */
        public String ruleKey(String rule) {
            return AlertsPage.ruleKey(rule);
        }
    }

    /** The rules that have a name in {@link AlertMessages}. */
    static final java.util.Set<String> NAMED_RULES = java.util.Set.of("LIMIT", "FLATLINE", "EWMA", "CUSUM", "RATE_OF_CHANGE", "OFFLINE", "DOWN_TOO_LONG", "ALERT_STORM", "PM_OVERDUE", "ANDON_ESCALATED", "NELSON_1", "NELSON_2", "NELSON_3", "NELSON_4", "NELSON_5", "NELSON_6", "NELSON_7", "NELSON_8", "WE_1", "WE_2", "WE_3", "WE_4");

    static String ruleKey(String rule) {
        return NAMED_RULES.contains(rule) ? "rule_" + rule : null;
    }

    @CheckedTemplate
    public static class Templates {
        public static native TemplateInstance list(Board board, String notice, String error);

        public static native TemplateInstance list$board(Board board);

        public static native TemplateInstance acknowledge(Alert alert, Instant now, String error, String ruleKey);
    }

    @Inject
    AlertService alerts;

    @Inject
    Clock clock;

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance list(@QueryParam("machineId") String machineId, @QueryParam("notice") String notice,
            @QueryParam("error") String error) {
        return Templates.list(board(machineId), notice, error);
    }

    /** The part of the page that refreshes itself. */
    @GET
    @Path("/live")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance live(@QueryParam("machineId") String machineId) {
        return Templates.list$board(board(machineId));
    }

    @GET
    @Path("/{id}/acknowledge")
    @Produces(MediaType.TEXT_HTML)
    @RolesAllowed({Roles.OPERATOR, Roles.SUPERVISOR, Roles.QUALITY, Roles.MAINTENANCE, Roles.ADMIN})
    public TemplateInstance acknowledgeForm(@PathParam("id") long id, @QueryParam("error") String error) {
        Alert alert = alerts.find(id);
        return Templates.acknowledge(alert, clock.instant(), error, ruleKey(alert.rule()));
    }

    @POST
    @Path("/{id}/acknowledge")
    @RolesAllowed({Roles.OPERATOR, Roles.SUPERVISOR, Roles.QUALITY, Roles.MAINTENANCE, Roles.ADMIN})
    public Response acknowledge(@PathParam("id") long id, @FormParam("comment") String comment, SecurityContext security) {
        try {
            Alert a = alerts.acknowledge(id, security.getUserPrincipal().getName(), comment);
            return mes.web.Redirects.notice("/alerts", "Alert " + id + " (" + a.rule() + " on " + a.machineId() + ") acknowledged");
        } catch (Refusal e) {
            if (e.getMessage() != null && e.getMessage().startsWith("comment")) {
                return mes.web.Redirects.error("/alerts/" + id + "/acknowledge", e.getMessage());
            }
            return mes.web.Redirects.error("/alerts", e.getMessage());
        }
    }

    private Board board(String machineId) {
        String machine = machineId == null || machineId.isBlank() ? null : machineId.trim();
        Instant now = clock.instant();
        List<Alert> open = alerts.list(new AlertStore.Filter(machine, "OPEN", null, null, 200));
        List<Alert> acknowledged = alerts.list(new AlertStore.Filter(machine, "ACKNOWLEDGED", null, null, 200));
        List<Alert> resolved = alerts.list(new AlertStore.Filter(machine, "RESOLVED", now.minus(8, ChronoUnit.HOURS), null, 30));
        List<Alert> active = new java.util.ArrayList<>(open);
        active.addAll(acknowledged);
        return new Board(active, resolved, machine == null ? "" : machine, now);
    }

}
