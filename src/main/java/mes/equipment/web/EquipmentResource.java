package mes.equipment.web;

import io.quarkus.vertx.http.runtime.security.annotation.BasicAuthentication;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import mes.equipment.EquipmentService.Upserted;
import mes.equipment.EquipmentService;
import mes.equipment.domain.CurrentState;
import mes.equipment.domain.Hierarchy.Area;
import mes.equipment.domain.Hierarchy.Line;
import mes.equipment.domain.Hierarchy.Machine;
import mes.equipment.domain.Hierarchy.Sensor;
import mes.equipment.domain.Hierarchy.Site;
import mes.equipment.domain.LossCategory;
import mes.equipment.domain.MachineDefinition;
import mes.equipment.domain.ReasonTree;
import mes.equipment.domain.SensorDefinition;
import mes.equipment.web.EquipmentBodies.AreaIn;
import mes.equipment.web.EquipmentBodies.AreaOut;
import mes.equipment.web.EquipmentBodies.CalendarIn;
import mes.equipment.web.EquipmentBodies.LineIn;
import mes.equipment.web.EquipmentBodies.LineOut;
import mes.equipment.web.EquipmentBodies.MachineIn;
import mes.equipment.web.EquipmentBodies.MachineOut;
import mes.equipment.web.EquipmentBodies.ReasonIn;
import mes.equipment.web.EquipmentBodies.ReasonsIn;
import mes.equipment.web.EquipmentBodies.SensorIn;
import mes.equipment.web.EquipmentBodies.SiteIn;
import mes.equipment.web.EquipmentBodies.SiteOut;
import mes.kernel.Refusal;
import mes.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The ISA-95 equipment hierarchy and the sites' shift calendars (contracts/api.md).
 * Everyone but gateways may read; only administrators write.
 */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Equipment")
@BasicAuthentication
@RolesAllowed({Roles.OPERATOR, Roles.SUPERVISOR, Roles.QUALITY, Roles.MAINTENANCE, Roles.AUDITOR, Roles.ADMIN})
public class EquipmentResource {

    @Inject
    EquipmentService equipment;

    // ---- sites ----

    @GET
    @Path("/sites")
    public List<SiteOut> sites() {
        return equipment.sites().stream().map(EquipmentResource::siteOut).toList();
    }

    @GET
    @Path("/sites/{id}")
    public SiteOut site(@PathParam("id") String id) {
        return equipment.site(id).map(EquipmentResource::siteOut).orElseThrow(() -> notFound("site", id));
    }

    @PUT
    @Path("/sites/{id}")
    @RolesAllowed(Roles.ADMIN)
    public Response putSite(@PathParam("id") String id, @Valid @NotNull SiteIn body) {
        Upserted<Site> site = validated(() -> equipment.putSite(id, body.name(), body.timeZone()));
        return upserted(site.created(), siteOut(site.value()));
    }

    @DELETE
    @Path("/sites/{id}")
    @RolesAllowed(Roles.ADMIN)
    public void deleteSite(@PathParam("id") String id) {
        equipment.deleteSite(id);
    }

    @GET
    @Path("/sites/{id}/calendar")
    public CalendarIn calendar(@PathParam("id") String id) {
        equipment.site(id).orElseThrow(() -> notFound("site", id));
        return equipment.calendar(id).map(CalendarJson::fromDomain)
                .orElseThrow(() -> Refusal.notFound("Site " + id + " has no calendar: nothing is planned there"));
    }

    @PUT
    @Path("/sites/{id}/calendar")
    @RolesAllowed(Roles.ADMIN)
    public CalendarIn putCalendar(@PathParam("id") String id, @Valid @NotNull CalendarIn body, SecurityContext security) {
        return CalendarJson.fromDomain(validated(() -> equipment.putCalendar(id, CalendarJson.toDomain(body), security.getUserPrincipal().getName())));
    }

    @GET
    @Path("/sites/{id}/downtime-reasons")
    @Operation(summary = "The site's downtime reason tree with loss categories (contracts/maintenance.md)")
    public ReasonsIn downtimeReasons(@PathParam("id") String id) {
        equipment.site(id).orElseThrow(() -> notFound("site", id));
        return reasonsOut(equipment.downtimeReasons(id));
    }

    @PUT
    @Path("/sites/{id}/downtime-reasons")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Replace the site's downtime reason tree",
            description = "a code twice, a parent not in the tree, a cycle or an unknown category is a 400 naming it; nothing is stored then")
    public ReasonsIn putDowntimeReasons(@PathParam("id") String id, @Valid @NotNull ReasonsIn body, SecurityContext security) {
        ReasonTree tree = validated(() -> new ReasonTree(body.reasons().stream().map(EquipmentResource::reason).toList()));
        return reasonsOut(equipment.putDowntimeReasons(id, tree, security.getUserPrincipal().getName()));
    }

    private static ReasonTree.Reason reason(ReasonIn r) {
        LossCategory category = null;
        if (r.category() != null) {
            try {
                category = LossCategory.valueOf(r.category());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("reason " + r.code() + ": category '" + r.category() + "' is not one of "
                        + java.util.Arrays.stream(LossCategory.values()).map(Enum::name).collect(java.util.stream.Collectors.joining(", ")));
            }
        }
        return new ReasonTree.Reason(r.code(), r.name(), category, r.parent());
    }

    private static ReasonsIn reasonsOut(ReasonTree tree) {
        return new ReasonsIn(tree.reasons().stream()
                .map(r -> new ReasonIn(r.code(), r.name(), r.category() == null ? null : r.category().name(), r.parent())).toList());
    }

    // ---- areas ----

    @GET
    @Path("/areas")
    public List<AreaOut> areas() {
        return equipment.areas().stream().map(EquipmentResource::areaOut).toList();
    }

    @GET
    @Path("/areas/{id}")
    public AreaOut area(@PathParam("id") String id) {
        return equipment.area(id).map(EquipmentResource::areaOut).orElseThrow(() -> notFound("area", id));
    }

    @PUT
    @Path("/areas/{id}")
    @RolesAllowed(Roles.ADMIN)
    public Response putArea(@PathParam("id") String id, @Valid @NotNull AreaIn body) {
        Upserted<Area> area = validated(() -> equipment.putArea(id, body.name(), body.siteId()));
        return upserted(area.created(), areaOut(area.value()));
    }

    @DELETE
    @Path("/areas/{id}")
    @RolesAllowed(Roles.ADMIN)
    public void deleteArea(@PathParam("id") String id) {
        equipment.deleteArea(id);
    }

    // ---- lines ----

    @GET
    @Path("/lines")
    public List<LineOut> lines() {
        return equipment.lines().stream().map(EquipmentResource::lineOut).toList();
    }

    @GET
    @Path("/lines/{id}")
    public LineOut line(@PathParam("id") String id) {
        return equipment.line(id).map(EquipmentResource::lineOut).orElseThrow(() -> notFound("line", id));
    }

    @PUT
    @Path("/lines/{id}")
    @RolesAllowed(Roles.ADMIN)
    public Response putLine(@PathParam("id") String id, @Valid @NotNull LineIn body) {
        Upserted<Line> line = validated(() -> equipment.putLine(id, body.name(), body.areaId()));
        return upserted(line.created(), lineOut(line.value()));
    }

    @DELETE
    @Path("/lines/{id}")
    @RolesAllowed(Roles.ADMIN)
    public void deleteLine(@PathParam("id") String id) {
        equipment.deleteLine(id);
    }

    // ---- machines ----

    @GET
    @Path("/machines")
    public List<MachineOut> machines() {
        Map<String, CurrentState> states = equipment.currentStates();
        return equipment.machines().stream().map(m -> machineOut(m, states.get(m.id()))).toList();
    }

    @GET
    @Path("/machines/{id}")
    public MachineOut machine(@PathParam("id") String id) {
        Machine machine = equipment.machine(id).orElseThrow(() -> notFound("machine", id));
        return machineOut(machine, equipment.currentState(machine));
    }

    @PUT
    @Path("/machines/{id}")
    @RolesAllowed(Roles.ADMIN)
    public Response putMachine(@PathParam("id") String id, @Valid @NotNull MachineIn body) {
        Upserted<Machine> machine = validated(() -> equipment.putMachine(definition(id, body)));
        return upserted(machine.created(), machineOut(machine.value(), equipment.currentState(machine.value())));
    }

    @DELETE
    @Path("/machines/{id}")
    @RolesAllowed(Roles.ADMIN)
    public void deleteMachine(@PathParam("id") String id) {
        equipment.deleteMachine(id);
    }

    // ---- mapping ----

    static MachineDefinition definition(String id, MachineIn body) {
        Map<String, SensorDefinition> sensors = new LinkedHashMap<>();
        if (body.sensors() != null) {
            body.sensors().forEach((name, s) -> sensors.put(name, s == null
                    ? new SensorDefinition(name, null, null, null, null)
                    : new SensorDefinition(name, s.unit(), s.lsl(), s.usl(), s.target())));
        }
        int heartbeat = body.heartbeatTimeoutSeconds() == null
                ? MachineDefinition.DEFAULT_HEARTBEAT_TIMEOUT_SECONDS : body.heartbeatTimeoutSeconds();
        int microStop = body.microStopSeconds() == null
                ? MachineDefinition.DEFAULT_MICRO_STOP_SECONDS : body.microStopSeconds();
        return new MachineDefinition(id, body.name(), body.lineId(), body.kind(), body.idealCycleTimeSeconds(),
                heartbeat, microStop, sensors, body.commissionedAt());
    }

    private static <T> T validated(Supplier<T> action) {
        try {
            return action.get();
        } catch (IllegalArgumentException e) {
            throw Refusal.invalid(e.getMessage());
        }
    }

    private static Response upserted(boolean created, Object body) {
        return Response.status(created ? Response.Status.CREATED : Response.Status.OK).entity(body).build();
    }

    private static Refusal notFound(String what, String id) {
        return Refusal.notFound("No " + what + " " + id);
    }

    static SiteOut siteOut(Site s) {
        return new SiteOut(s.id(), s.name(), s.timeZone());
    }

    static AreaOut areaOut(Area a) {
        return new AreaOut(a.id(), a.name(), a.siteId());
    }

    static LineOut lineOut(Line l) {
        return new LineOut(l.id(), l.name(), l.areaId());
    }

    static MachineOut machineOut(Machine m, CurrentState state) {
        Map<String, SensorIn> sensors = new LinkedHashMap<>();
        for (Sensor s : m.sensors()) {
            if (s.defined()) {
                sensors.put(s.name(), new SensorIn(s.unit(), s.lsl(), s.usl(), s.target()));
            }
        }
        return new MachineOut(m.id(), m.name(), m.lineId(), m.kind(), m.idealCycleTimeSeconds(), m.heartbeatTimeoutSeconds(),
                m.microStopSeconds(), sensors, state.state().name(), state.reason(), state.since(), m.commissionedAt());
    }
}
