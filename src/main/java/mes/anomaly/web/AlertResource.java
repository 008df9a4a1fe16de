package mes.anomaly.web;

import io.quarkus.runtime.annotations.RegisterForReflection;
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
import jakarta.ws.rs.core.SecurityContext;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import mes.anomaly.AlertService;
import mes.anomaly.domain.Baseline;
import mes.anomaly.domain.DetectionSettings;
import mes.anomaly.domain.MachineRules;
import mes.anomaly.domain.SensorMeta;
import mes.anomaly.persistence.AlertStore.Alert;
import mes.anomaly.persistence.AlertStore;
import mes.kernel.Refusal;
import mes.security.Roles;
import mes.web.Params;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Alerts (contracts/api.md) and the settings of the detectors that raise them. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Alerts")
@BasicAuthentication
@Blocking
@RolesAllowed({Roles.OPERATOR, Roles.SUPERVISOR, Roles.QUALITY, Roles.MAINTENANCE, Roles.AUDITOR, Roles.ADMIN})
public class AlertResource {

    /** An alert as contracts/api.md lists it, with its history. */
    public record AlertOut(long id, String machineId, String sensor, String rule, String severity, String status, Instant openedAt,
            Instant resolvedAt, Double value, String message, int occurrences, Instant lastSeenAt, String acknowledgedBy,
            Instant acknowledgedAt, String comment) {

        static AlertOut of(Alert a) {
            return new AlertOut(a.id(), a.machineId(), a.sensor(), a.rule(), a.severity().name(), a.status(), a.openedAt(),
                    a.resolvedAt(), a.value(), a.message(), a.occurrences(), a.lastSeenAt(), a.acknowledgedBy(), a.acknowledgedAt(),
                    a.comment());
        }
    }

    public record AcknowledgeIn(String comment) {
    }

    /** A sensor's settings as stored (null: default) and in effect, and its baseline. */
    @RegisterForReflection(targets = {DetectionSettings.class, MachineRules.class, Baseline.class})
    public record DetectionOut(String machineId, String sensor, String unit, Double lsl, Double usl, DetectionSettings stored,
            DetectionSettings effective, Baseline baseline) {

        static DetectionOut of(SensorMeta s) {
            return new DetectionOut(s.machineId(), s.name(), s.unit(), s.lsl(), s.usl(), s.stored(), s.effective(), s.baseline());
        }
    }

    public record BaselineIn(String from, String to) {
    }

    @Inject
    AlertService service;

    @GET
    @Path("/alerts")
    @Operation(summary = "Alerts, most severe and most recent first; from/to select the alerts active in that window")
    public List<AlertOut> alerts(@QueryParam("machineId") String machineId, @QueryParam("status") String status,
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("limit") @DefaultValue("500") int limit) {
        return service.list(new AlertStore.Filter(Params.blankToNull(machineId), Params.blankToNull(status), Params.instant("from", from), Params.instant("to", to), limit))
                .stream().map(AlertOut::of).toList();
    }

    @POST
    @Path("/alerts/{id}/acknowledge")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.OPERATOR, Roles.SUPERVISOR, Roles.QUALITY, Roles.MAINTENANCE, Roles.ADMIN})
    @Operation(summary = "Acknowledge an open alert with a comment (who and when are kept); it resolves once quiet")
    public AlertOut acknowledge(@PathParam("id") long id, AcknowledgeIn body, SecurityContext security) {
        return AlertOut.of(service.acknowledge(id, security.getUserPrincipal().getName(), body == null ? null : body.comment()));
    }

    @GET
    @Path("/machines/{id}/sensors/{sensor}/detection")
    @Operation(summary = "How a sensor is watched: stored settings, the ones in effect (defaults filled in), its baseline")
    public DetectionOut detection(@PathParam("id") String machineId, @PathParam("sensor") String sensor) {
        return DetectionOut.of(service.sensor(machineId, sensor));
    }

    @PUT
    @Path("/machines/{id}/sensors/{sensor}/detection")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.QUALITY, Roles.ADMIN})
    @Operation(summary = "Set how a sensor is watched; fields left out take their defaults")
    public DetectionOut setDetection(@PathParam("id") String machineId, @PathParam("sensor") String sensor, DetectionSettings body,
            SecurityContext security) {
        if (body == null) {
            throw Refusal.invalid("a settings object is required ({} for all defaults)");
        }
        return DetectionOut.of(service.saveSettings(machineId, sensor, body, security.getUserPrincipal().getName()));
    }

    @POST
    @Path("/machines/{id}/sensors/{sensor}/baseline")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.QUALITY, Roles.ADMIN})
    @Operation(summary = "Recompute the centre line and sigma from the running values of a window (default: the last 8 hours)")
    public Baseline baseline(@PathParam("id") String machineId, @PathParam("sensor") String sensor, BaselineIn body,
            SecurityContext security) {
        Instant to = body == null || body.to() == null ? Instant.now() : Params.instant("to", body.to());
        Instant from = body == null || body.from() == null ? to.minus(8, ChronoUnit.HOURS) : Params.instant("from", body.from());
        return service.recomputeBaseline(machineId, sensor, from, to, security.getUserPrincipal().getName());
    }

    @GET
    @Path("/machines/{id}/detection")
    @Operation(summary = "The machine's own rules (DOWN_TOO_LONG after downAlertSeconds; OFFLINE after its heartbeat timeout)")
    public MachineRules machineRules(@PathParam("id") String machineId) {
        return service.machineRules(machineId);
    }

    @PUT
    @Path("/machines/{id}/detection")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.SUPERVISOR, Roles.QUALITY, Roles.ADMIN})
    @Operation(summary = "Set the machine's own rules")
    public MachineRules setMachineRules(@PathParam("id") String machineId, MachineRules body, SecurityContext security) {
        if (body == null) {
            throw Refusal.invalid("a rules object is required");
        }
        return service.saveMachineRules(machineId, body, security.getUserPrincipal().getName());
    }

}
