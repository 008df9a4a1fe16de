package mes.production.web;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.annotation.BasicAuthentication;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import mes.kernel.Refusal;
import mes.production.LotService.Consumption;
import mes.production.LotService;
import mes.production.Permissions;
import mes.production.WorkOrderService.Correction;
import mes.production.WorkOrderService.NewOrder;
import mes.production.WorkOrderService.OrderView;
import mes.production.WorkOrderService.Run;
import mes.production.WorkOrderService;
import mes.production.domain.WorkOrderAction;
import mes.production.domain.WorkOrderState;
import mes.security.Roles;
import mes.web.Params;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Work orders: supervisors plan, release, close and abort; operators start, hold, resume, complete,
 * report scrap and correct counts. Illegal transitions are answered 409 with what is legal.
 */
@Path("/api/v1/work-orders")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Production")
@BasicAuthentication
@Blocking
@RolesAllowed({Roles.OPERATOR, Roles.SUPERVISOR, Roles.QUALITY, Roles.MAINTENANCE, Roles.AUDITOR, Roles.ADMIN})
public class WorkOrderResource {

    public record OrderIn(String id, String partId, String lineId, Integer plannedQuantity, String dueAt, String note) {
    }

    public record ReasonIn(String reason) {
    }

    public record ScrapIn(Integer quantity, String reason) {
    }

    public record CorrectionIn(Integer goodDelta, Integer scrapDelta, String reason) {
    }

    public record ConsumptionIn(String lotId, Integer quantity) {
    }

    /** An order with its run periods, corrections and lots. */
    public record OrderDetail(OrderView order, List<Run> runs, List<Correction> corrections, List<LotService.Snapshot> lots) {
    }

    @Inject
    SecurityIdentity identity;

    @Inject
    WorkOrderService orders;

    @Inject
    LotService lots;

    @GET
    @Operation(summary = "Work orders, optionally of a line and in some states (comma-separated); running and held first")
    public List<OrderView> list(@QueryParam("lineId") String lineId, @QueryParam("state") String state) {
        return orders.list(Params.blankToNull(lineId), states(state), 500);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "Plan an order (state PLANNED); without an id the MES numbers it")
    public Response create(OrderIn in) {
        if (in == null) {
            throw Refusal.invalid("an order is required: {\"partId\", \"lineId\", \"plannedQuantity\", \"dueAt\"}");
        }
        OrderView o = orders.create(new NewOrder(in.id(), in.partId(), in.lineId(), in.plannedQuantity(), Params.instant("dueAt", in.dueAt()),
                in.note()));
        return Response.created(URI.create("/api/v1/work-orders/" + o.id())).entity(o).build();
    }

    @GET
    @Path("/{id}")
    public OrderDetail get(@PathParam("id") String id) {
        WorkOrderService.Detail d = orders.detail(id);
        return new OrderDetail(d.order(), d.runs(), d.corrections(), lots.ofOrder(id));
    }

    /**
     * The transitions of an order, each named by its action: who may do which is {@link Permissions#rolesFor}
     * (planners release, send back, close and abort; runners start, hold, resume and complete).
     */
    @POST
    @Path("/{id}/{action: release|unrelease|start|hold|resume|complete|close|abort}")
    @RolesAllowed({Roles.OPERATOR, Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "A transition: release (PLANNED -> RELEASED: the line may start it, the part needs a routing on the line),"
            + " unrelease (RELEASED -> PLANNED), start (RELEASED -> RUNNING: the line's counters count for it from now; opens its"
            + " first lot), hold (RUNNING -> HELD, with a reason), resume (HELD -> RUNNING), complete (RUNNING or HELD -> COMPLETED;"
            + " closes its open lot), close (COMPLETED -> CLOSED, final), abort (any open state -> ABORTED, final, with a reason)."
            + " Release, unrelease, close and abort are a supervisor's; an illegal transition is a 409 naming what is legal")
    public OrderView act(@PathParam("id") String id,
            @Parameter(schema = @Schema(enumeration = {"release", "unrelease", "start", "hold", "resume", "complete", "close", "abort"}))
            @PathParam("action") String action, ReasonIn body) {
        WorkOrderAction a = WorkOrderAction.named(action).orElseThrow(() -> new NotFoundException("no action '" + action + "'"));
        Permissions.require(identity, Permissions.rolesFor(a));
        return orders.act(id, a, body == null ? null : body.reason());
    }

    @POST
    @Path("/{id}/scrap")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.OPERATOR, Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "Report scrap found at the line: moves quantity from good to scrap, with a reason")
    public Response scrap(@PathParam("id") String id, ScrapIn body) {
        if (body == null) {
            throw Refusal.invalid("{\"quantity\", \"reason\"} is required");
        }
        Correction c = orders.correct(id, "SCRAP", null, body.quantity(), body.reason());
        return Response.status(201).entity(c).build();
    }

    @POST
    @Path("/{id}/corrections")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.OPERATOR, Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "Correct the counted quantities (kept as a separate record with its reason)")
    public Response correct(@PathParam("id") String id, CorrectionIn body) {
        if (body == null) {
            throw Refusal.invalid("{\"goodDelta\", \"scrapDelta\", \"reason\"} is required");
        }
        Correction c = orders.correct(id, "CORRECTION", body.goodDelta(), body.scrapDelta(), body.reason());
        return Response.status(201).entity(c).build();
    }

    @POST
    @Path("/{id}/lots")
    @RolesAllowed({Roles.OPERATOR, Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "Close the order's open lot and open the next")
    public Response nextLot(@PathParam("id") String id) {
        var lot = orders.nextLot(id);
        return Response.status(201).entity(LotService.Snapshot.of(lot)).build();
    }

    @POST
    @Path("/{id}/consumptions")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.OPERATOR, Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "The order's open lot consumes a lot (material or sub-assembly); refused for a lot on hold")
    public Response consume(@PathParam("id") String id, ConsumptionIn body) {
        if (body == null) {
            throw Refusal.invalid("{\"lotId\", \"quantity\"} is required");
        }
        Consumption c = lots.consume(id, body.lotId(), body.quantity());
        return Response.status(201).entity(c).build();
    }

    static Set<WorkOrderState> states(String state) {
        if (state == null || state.isBlank()) {
            return null;
        }
        Set<WorkOrderState> out = EnumSet.noneOf(WorkOrderState.class);
        for (String s : state.split(",")) {
            try {
                out.add(WorkOrderState.valueOf(s.trim().toUpperCase()));
            } catch (IllegalArgumentException e) {
                throw Refusal.invalid("state '" + s.trim() + "' is not one of " + List.of(WorkOrderState.values()));
            }
        }
        return out;
    }
}
