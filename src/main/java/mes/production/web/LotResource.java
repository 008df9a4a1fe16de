package mes.production.web;

import io.quarkus.vertx.http.runtime.security.annotation.BasicAuthentication;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
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
import java.util.List;
import mes.kernel.Refusal;
import mes.production.LotService.Consumption;
import mes.production.LotService.Serial;
import mes.production.LotService.Snapshot;
import mes.production.LotService;
import mes.production.PartService.PartView;
import mes.production.PartService;
import mes.production.TraceService.Affected;
import mes.production.TraceService;
import mes.production.domain.MaterialRule;
import mes.security.Roles;
import mes.web.Params;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Parts and routings, lots, genealogy and traceability, holds. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Traceability")
@BasicAuthentication
@Blocking
@RolesAllowed({Roles.OPERATOR, Roles.SUPERVISOR, Roles.QUALITY, Roles.MAINTENANCE, Roles.AUDITOR, Roles.ADMIN})
public class LotResource {

    public record PartIn(String description, List<PartService.Operation> routing) {
    }

    public record ReceiveIn(String id, String material, String supplier, Integer quantity, String unit) {
    }

    public record BillOfMaterialIn(List<MaterialRule.Line> materials) {
    }

    public record SerialsIn(List<String> serials) {
    }

    public record HoldIn(List<String> lotIds, String reason) {
    }

    public record ReasonIn(String reason) {
    }

    public record Held(List<String> held) {
    }

    /** A lot with what it consumed, what consumed it, its serials, and what is left of it (null: its quantity is not known). */
    public record LotDetail(Snapshot lot, List<Consumption> consumed, List<Consumption> consumedBy, List<Serial> serials, Long quantityLeft) {
    }

    @Inject
    PartService parts;

    @Inject
    LotService lots;

    @Inject
    TraceService trace;

    @GET
    @Path("/parts")
    public List<PartView> parts() {
        return parts.list();
    }

    @GET
    @Path("/parts/{id}")
    public PartView part(@PathParam("id") String id) {
        return parts.get(id);
    }

    @PUT
    @Path("/parts/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "Create or replace a part and its routing: [{operationNo, machineId, idealCycleTimeSeconds, description}]")
    public PartView putPart(@PathParam("id") String id, PartIn body) {
        if (body == null) {
            throw Refusal.invalid("{\"description\", \"routing\"} is required");
        }
        return parts.put(id, body.description(), body.routing());
    }

    @GET
    @Path("/parts/{id}/bill-of-material")
    @Operation(summary = "The materials the part may consume, each in its unit (empty: none kept, the part consumes what it is given)")
    public List<MaterialRule.Line> billOfMaterial(@PathParam("id") String id) {
        parts.get(id);
        return parts.billOfMaterial(id);
    }

    @PUT
    @Path("/parts/{id}/bill-of-material")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "Replace the part's bill of material: {materials: [{material, unit (pcs, kg, g, t, m, l), perPart}]}")
    public List<MaterialRule.Line> putBillOfMaterial(@PathParam("id") String id, BillOfMaterialIn body) {
        if (body == null) {
            throw Refusal.invalid("{\"materials\": [{\"material\", \"unit\", \"perPart\"}]} is required");
        }
        return parts.putBillOfMaterial(id, body.materials());
    }

    @POST
    @Path("/lots")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.OPERATOR, Roles.SUPERVISOR, Roles.QUALITY, Roles.ADMIN})
    @Operation(summary = "Receive a material lot from a supplier")
    public Response receive(ReceiveIn body) {
        if (body == null) {
            throw Refusal.invalid("{\"id\", \"material\", \"supplier\", \"quantity\"} is required");
        }
        Snapshot lot = lots.receive(body.id(), body.material(), body.supplier(), body.quantity(), body.unit());
        return Response.created(URI.create("/api/v1/lots/" + lot.id())).entity(lot).build();
    }

    @GET
    @Path("/lots/{id}")
    public LotDetail lot(@PathParam("id") String id) {
        var lot = lots.get(id);
        return new LotDetail(lot, lots.consumptions(id), lots.consumers(id), lots.serials(id), lots.left(lot));
    }

    @POST
    @Path("/lots/{id}/serials")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.OPERATOR, Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "Register serial numbers of single parts in a produced lot")
    public Response serials(@PathParam("id") String id, SerialsIn body) {
        return Response.status(201).entity(lots.addSerials(id, body == null ? null : body.serials())).build();
    }

    @GET
    @Path("/serials/{serial}")
    @Operation(summary = "The lot of a serial number, traced backward")
    public TraceService.Backward serial(@PathParam("serial") String serial) {
        return trace.backward(lots.lotOfSerial(serial).orElseThrow(() -> Refusal.notFound("no serial '" + serial + "'")));
    }

    @GET
    @Path("/lots/{id}/trace")
    @Operation(summary = "direction=backward: what made the lot (order, machines, operators, inspections, material lots);"
            + " direction=forward: every lot made from it")
    public Object trace(@PathParam("id") String id, @QueryParam("direction") @DefaultValue("backward") String direction) {
        return switch (direction) {
            case "backward" -> trace.backward(id);
            case "forward" -> trace.forward(id);
            default -> throw Refusal.invalid("direction must be backward or forward");
        };
    }

    @GET
    @Path("/trace/affected-lots")
    @Operation(summary = "Every lot a machine worked on in [from, to), and every lot made from those since (IATF 16949)")
    public List<Affected> affected(@QueryParam("machineId") String machineId, @QueryParam("from") String from, @QueryParam("to") String to) {
        if (machineId == null || machineId.isBlank()) {
            throw Refusal.invalid("machineId is required");
        }
        return trace.affected(machineId.trim(), Params.instant("from", from), Params.instant("to", to));
    }

    @POST
    @Path("/lots/hold")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.SUPERVISOR, Roles.QUALITY, Roles.ADMIN})
    @Operation(summary = "Put lots on hold with a reason (containment); held lots cannot be consumed")
    public Held hold(HoldIn body) {
        if (body == null) {
            throw Refusal.invalid("{\"lotIds\", \"reason\"} is required");
        }
        return new Held(lots.hold(body.lotIds(), body.reason()));
    }

    @POST
    @Path("/lots/{id}/release-hold")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.QUALITY, Roles.ADMIN})
    @Operation(summary = "Take a lot off hold, with the reason (disposition)")
    public Snapshot releaseHold(@PathParam("id") String id, ReasonIn body) {
        return lots.releaseHold(id, body == null ? null : body.reason());
    }
}
