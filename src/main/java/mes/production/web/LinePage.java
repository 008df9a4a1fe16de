package mes.production.web;

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
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import mes.anomaly.AlertService;
import mes.anomaly.domain.ActiveAlerts;
import mes.equipment.EquipmentService;
import mes.equipment.domain.CurrentState;
import mes.equipment.domain.Hierarchy.Line;
import mes.equipment.domain.Hierarchy.Machine;
import mes.equipment.domain.MachineState;
import mes.equipment.domain.ReasonTree;
import mes.kernel.Refusal;
import mes.production.LotService;
import mes.production.Permissions;
import mes.production.WorkOrderService.OrderView;
import mes.production.WorkOrderService;
import mes.production.domain.WorkOrderAction;
import mes.production.domain.WorkOrderState;
import mes.security.Roles;
import mes.web.Params;
import mes.web.Redirects;

/**
 * The terminal at the line: the order running now with its counts (refreshing), big buttons for
 * what may be done next, scrap and material forms, the queue of released orders, and the line's
 * machines with their state and alerts.
 */
@Path("/lines")
@FormAuthentication
@Blocking
@RolesAllowed({Roles.OPERATOR, Roles.SUPERVISOR, Roles.QUALITY, Roles.MAINTENANCE, Roles.AUDITOR, Roles.ADMIN})
public class LinePage {

    /** A line in the picker. */
    public record LineChoice(String id, String name, String runningOrder) {
    }

    public record MachineRow(String id, String name, String css, MachineState state, String reason, Instant since, int alerts, String worst,
            List<Andon> andon) {
    }

    /** A machine's andon button for one target: open call (answered or not) or none. */
    public record Andon(mes.andon.domain.AndonCall.Target target, String status, Instant calledAt) {
    }

    /** What the terminal shows. */
    public record Station(String lineId, String lineName, OrderView current, List<OrderView> queue, List<MachineRow> machines,
            boolean mayRun, boolean mayCall, Instant now) {
    }

    @CheckedTemplate
    public static class Templates {
        public static native TemplateInstance lines(List<LineChoice> lines);

        public static native TemplateInstance station(Station station, List<String> scrapReasons, String notice, String error);

        public static native TemplateInstance station$live(Station station);
    }

    @Inject
    WorkOrderService orders;

    @Inject
    LotService lots;

    @Inject
    EquipmentService equipment;

    @Inject
    AlertService alerts;

    @Inject
    SecurityIdentity identity;

    @Inject
    Clock clock;

    @Inject
    mes.andon.AndonService andon;

    @Inject
    mes.web.PageLocale page;

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance lines() {
        Map<String, String> running = orders.runningByLine();
        return Templates.lines(equipment.lines().stream().map(l -> new LineChoice(l.id(), l.name(), running.get(l.id()))).toList());
    }

    @GET
    @Path("/{id}")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance station(@PathParam("id") String id, @QueryParam("notice") String notice, @QueryParam("error") String error) {
        return Templates.station(station(id), WorkOrderService.SCRAP_REASONS, notice, error);
    }

    @GET
    @Path("/{id}/live")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance live(@PathParam("id") String id) {
        return Templates.station$live(station(id));
    }

    @POST
    @Path("/{id}/orders/{order}/{action}")
    public Response act(@PathParam("id") String id, @PathParam("order") String order, @PathParam("action") String action,
            @FormParam("reason") String reason) {
        String back = "/lines/" + id;
        WorkOrderAction a = OrdersPage.action(action);
        Permissions.require(identity, Permissions.rolesFor(a));
        try {
            OrderView v = orders.act(order, a, reason);
            return Redirects.notice(back, text().notice_orderState(v.id(), text().orderState(v.state())));
        } catch (Refusal e) {
            return Redirects.error(back, e.getMessage());
        }
    }

    @POST
    @Path("/{id}/orders/{order}/scrap")
    public Response scrap(@PathParam("id") String id, @PathParam("order") String order, @FormParam("quantity") String quantity,
            @FormParam("reason") String reason, @FormParam("other") String other) {
        Permissions.require(identity, Permissions.RUNNERS);
        String back = "/lines/" + id;
        String why = other != null && !other.isBlank() ? other.trim() : reason;
        try {
            orders.correct(order, "SCRAP", null, Params.integer("quantity", quantity), why);
            return Redirects.notice(back, text().notice_scrap(quantity.trim(), order, why));
        } catch (Refusal e) {
            return Redirects.error(back, e.getMessage());
        }
    }

    @POST
    @Path("/{id}/orders/{order}/consume")
    public Response consume(@PathParam("id") String id, @PathParam("order") String order, @FormParam("lotId") String lotId,
            @FormParam("quantity") String quantity) {
        Permissions.require(identity, Permissions.RUNNERS);
        String back = "/lines/" + id;
        try {
            Integer q = Params.optionalInteger("quantity", quantity);
            LotService.Consumption c = lots.consume(order, lotId, q);
            return Redirects.notice(back, text().notice_consumed(c.consumedLotId(), c.lotId()));
        } catch (Refusal e) {
            return Redirects.error(back, e.getMessage());
        }
    }

    @POST
    @Path("/{id}/orders/{order}/next-lot")
    public Response nextLot(@PathParam("id") String id, @PathParam("order") String order) {
        Permissions.require(identity, Permissions.RUNNERS);
        String back = "/lines/" + id;
        try {
            return Redirects.notice(back, text().notice_nextLot(orders.nextLot(order).id));
        } catch (Refusal e) {
            return Redirects.error(back, e.getMessage());
        }
    }

    private ProductionMessages text() {
        return page.messages(ProductionMessages.class);
    }

    Station station(String lineId) {
        Line line = equipment.line(lineId).orElseThrow(() -> Refusal.notFound("no line '" + lineId + "'"));
        List<OrderView> queue = orders.queue(lineId);
        OrderView current = queue.stream().filter(o -> o.state() == WorkOrderState.RUNNING || o.state() == WorkOrderState.HELD)
                .findFirst().orElse(null);
        List<OrderView> waiting = queue.stream().filter(o -> o.state() == WorkOrderState.RELEASED).toList();
        Map<String, CurrentState> states = equipment.currentStates();
        Map<String, ActiveAlerts> active = alerts.activeByMachine();
        Map<String, List<mes.andon.AndonService.CallView>> calls = andon.activeByMachine();
        String siteId = equipment.areas().stream().filter(a -> a.id().equals(line.areaId())).map(a -> a.siteId()).findFirst().orElse(null);
        ReasonTree tree = siteId == null ? ReasonTree.EMPTY : equipment.downtimeReasons(siteId);
        List<MachineRow> machines = equipment.machines().stream().filter(m -> m.lineId().equals(lineId))
                .map(m -> row(m, states, active, calls.getOrDefault(m.id(), List.of()), tree)).toList();
        return new Station(line.id(), line.name(), current, waiting, machines, Permissions.any(Permissions.RUNNERS, identity.getRoles()),
                Permissions.any(mes.andon.AndonService.CALLERS, identity.getRoles()),
                clock.instant());
    }

    private static MachineRow row(Machine m, Map<String, CurrentState> states, Map<String, ActiveAlerts> active,
            List<mes.andon.AndonService.CallView> calls, ReasonTree tree) {
        List<Andon> andon = new java.util.ArrayList<>();
        for (mes.andon.domain.AndonCall.Target t : mes.andon.domain.AndonCall.Target.values()) {
            var open = calls.stream().filter(c -> c.call().target() == t).findFirst();
            andon.add(new Andon(t, open.map(c -> c.call().status().name().toLowerCase(java.util.Locale.ROOT)).orElse(null),
                    open.map(c -> c.call().calledAt()).orElse(null)));
        }
        CurrentState s = states.get(m.id());
        ActiveAlerts a = active.get(m.id());
        MachineState state = s == null ? MachineState.OFFLINE : s.state();
        return new MachineRow(m.id(), m.name(), mes.web.Formats.css(state.name()), state, s == null ? null : tree.nameOf(s.reason()),
                s == null ? null : s.since(),
                a == null ? 0 : a.count(), a == null ? null : a.worst().name().toLowerCase(), andon);
    }
}
