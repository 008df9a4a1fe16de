package mes.maintenance.web;

import io.quarkus.vertx.http.runtime.security.annotation.BasicAuthentication;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import mes.maintenance.PreventiveMaintenance;
import mes.maintenance.domain.MaintenanceOrder;
import mes.security.Roles;
import mes.web.Params;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Maintenance work orders: made when a plan falls due; assigned, started, completed with notes, time and parts. */
@Path("/api/v1/maintenance/orders")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Maintenance")
@BasicAuthentication
@Blocking
@RolesAllowed({Roles.OPERATOR, Roles.SUPERVISOR, Roles.QUALITY, Roles.MAINTENANCE, Roles.AUDITOR, Roles.ADMIN})
public class MaintenanceOrderResource {

    public record AssignIn(String assignee) {
    }

    public record CompleteIn(String notes, Integer minutesSpent, List<MaintenanceOrder.PartUsed> parts) {
    }

    @Inject
    PreventiveMaintenance maintenance;

    @GET
    @Operation(summary = "Maintenance orders: not done first, by when they fell due",
            description = "status OPEN|ASSIGNED|IN_PROGRESS|DONE; machineId; limit (100, at most 1000)")
    public List<MaintenanceOrder> list(@QueryParam("machineId") String machineId, @QueryParam("status") String status,
            @QueryParam("limit") @DefaultValue("100") int limit) {
        return maintenance.orders(Params.blankToNull(machineId), Params.blankToNull(status), limit);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One maintenance order")
    public MaintenanceOrder get(@PathParam("id") long id) {
        return maintenance.order(id);
    }

    @POST
    @Path("/{id}/assign")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.SUPERVISOR, Roles.MAINTENANCE, Roles.ADMIN})
    @Operation(summary = "Give the order to a technician (an active user with MAINTENANCE or ADMIN)")
    public MaintenanceOrder assign(@PathParam("id") long id, AssignIn body) {
        return maintenance.assign(id, body == null ? null : body.assignee());
    }

    @POST
    @Path("/{id}/start")
    @RolesAllowed({Roles.MAINTENANCE, Roles.ADMIN})
    @Operation(summary = "Start the work: the order becomes the caller's, in progress")
    public MaintenanceOrder start(@PathParam("id") long id) {
        return maintenance.start(id);
    }

    @POST
    @Path("/{id}/complete")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.MAINTENANCE, Roles.ADMIN})
    @Operation(summary = "Complete the work in progress: notes, minutes spent, parts used [{name, quantity}]",
            description = "When it was done and the plan's measure at that moment come from the clock and the facts; a done order never changes")
    public MaintenanceOrder complete(@PathParam("id") long id, CompleteIn body) {
        return maintenance.complete(id, body == null ? null
                : new PreventiveMaintenance.Completion(body.notes(), body.minutesSpent(), body.parts()));
    }
}
