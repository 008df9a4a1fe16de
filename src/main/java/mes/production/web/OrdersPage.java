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
import java.util.List;
import java.util.Set;
import mes.audit.AuditTrail;
import mes.equipment.EquipmentService;
import mes.equipment.domain.Hierarchy.Line;
import mes.kernel.Refusal;
import mes.production.LotService;
import mes.production.PartService;
import mes.production.Permissions;
import mes.production.WorkOrderService.NewOrder;
import mes.production.WorkOrderService.OrderView;
import mes.production.WorkOrderService;
import mes.production.domain.WorkOrderAction;
import mes.production.domain.WorkOrderState;
import mes.security.Roles;
import mes.web.Params;
import mes.web.Redirects;

/** /orders: supervisors plan and release orders and see every line's status; everyone sees an order's detail. */
@Path("/orders")
@FormAuthentication
@Blocking
@RolesAllowed({Roles.OPERATOR, Roles.SUPERVISOR, Roles.QUALITY, Roles.MAINTENANCE, Roles.AUDITOR, Roles.ADMIN})
public class OrdersPage {

    /** The list's filter as entered. */
    public record Filter(String lineId, String state) {
    }

    /** What the role of the viewer may do, for showing buttons. */
    public record May(boolean plan, boolean run) {
        public boolean action(WorkOrderAction a) {
            return Permissions.rolesFor(a).equals(Permissions.PLANNERS) ? plan : run;
        }
    }

    @CheckedTemplate
    public static class Templates {
        public static native TemplateInstance list(List<OrderView> orders, Filter filter, List<Line> lines, List<PartService.PartView> parts,
                List<String> states, May may, String notice, String error);

        public static native TemplateInstance detail(OrderView order, List<WorkOrderService.Run> runs,
                List<WorkOrderService.Correction> corrections, List<LotService.Snapshot> lots, List<AuditTrail.Entry> history, May may, String notice,
                String error);
    }

    private static final Set<WorkOrderState> OPEN = java.util.EnumSet.of(WorkOrderState.PLANNED, WorkOrderState.RELEASED,
            WorkOrderState.RUNNING, WorkOrderState.HELD, WorkOrderState.COMPLETED);

    @Inject
    WorkOrderService orders;

    @Inject
    LotService lots;

    @Inject
    PartService parts;

    @Inject
    EquipmentService equipment;

    @Inject
    AuditTrail audit;

    @Inject
    SecurityIdentity identity;

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance list(@QueryParam("lineId") String lineId, @QueryParam("state") String state, @QueryParam("notice") String notice,
            @QueryParam("error") String error) {
        String line = Params.blankToNull(lineId);
        String st = Params.blankToNull(state);
        // without a state chosen: the orders still open (closed and aborted ones on request)
        Set<WorkOrderState> states = st == null ? OPEN : WorkOrderResource.states(st);
        List<OrderView> list = orders.list(line, states, 200);
        return Templates.list(list, new Filter(line == null ? "" : line, st == null ? "" : st), equipment.lines(), parts.list(),
                List.of(WorkOrderState.values()).stream().map(Enum::name).toList(), may(), notice, error);
    }

    @GET
    @Path("/{id}")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance detail(@PathParam("id") String id, @QueryParam("notice") String notice, @QueryParam("error") String error) {
        WorkOrderService.Detail d = orders.detail(id);
        return Templates.detail(d.order(), d.runs(), d.corrections(), lots.ofOrder(id), audit.latest("work_order", id, 100), may(),
                notice, error);
    }

    @POST
    public Response create(@FormParam("id") String id, @FormParam("partId") String partId, @FormParam("lineId") String lineId,
            @FormParam("plannedQuantity") String plannedQuantity, @FormParam("dueAt") String dueAt, @FormParam("note") String note,
            @FormParam("release") String release) {
        Permissions.require(identity, Permissions.PLANNERS);
        try {
            NewOrder order = new NewOrder(Params.blankToNull(id), Params.blankToNull(partId), Params.blankToNull(lineId),
                    Params.integer("planned quantity", plannedQuantity), Params.localUtc("due", dueAt), note);
            OrderView o = release != null ? orders.createAndRelease(order) : orders.create(order);
            return Redirects.notice("/orders?lineId=" + Redirects.enc(o.lineId()),
                    "Order " + o.id() + " " + (release != null ? "planned and released" : "planned"));
        } catch (Refusal e) {
            return Redirects.error("/orders", e.getMessage());
        }
    }

    @POST
    @Path("/{id}/{action}")
    public Response act(@PathParam("id") String id, @PathParam("action") String action, @FormParam("reason") String reason,
            @FormParam("back") String back) {
        WorkOrderAction a = action(action);
        Permissions.require(identity, Permissions.rolesFor(a));
        String to = back != null && back.startsWith("/orders") && !back.startsWith("//") ? back : "/orders/" + id;
        try {
            OrderView o = orders.act(id, a, reason);
            return Redirects.notice(to, "Order " + o.id() + " is " + o.state());
        } catch (Refusal e) {
            return Redirects.error(to, e.getMessage());
        }
    }

    private May may() {
        return new May(Permissions.any(Permissions.PLANNERS, identity.getRoles()), Permissions.any(Permissions.RUNNERS, identity.getRoles()));
    }

    static WorkOrderAction action(String action) {
        return WorkOrderAction.named(action).orElseThrow(() -> new jakarta.ws.rs.NotFoundException("no action '" + action + "'"));
    }
}
