package mes.andon.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.security.identity.SecurityIdentity;
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
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import mes.andon.AndonService;
import mes.andon.domain.AndonCall;
import mes.kernel.Refusal;
import mes.security.Roles;
import mes.web.Params;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Andon calls over HTTP: call maintenance, quality or the supervisor to a machine; answer; resolve. */
@Path("/api/v1/andon-calls")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Andon")
@BasicAuthentication
@Blocking
@RolesAllowed({Roles.OPERATOR, Roles.SUPERVISOR, Roles.QUALITY, Roles.MAINTENANCE, Roles.AUDITOR, Roles.ADMIN})
public class AndonResource {

    public record CallIn(String machineId, String target, String note) {
    }

    public record ResolveIn(String resolution) {
    }

    /** A call with how long it waited for an answer and how long the work took (so far, while going on), and its escalation now. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record CallOut(long id, String machineId, String target, String status, String note, String calledBy, Instant calledAt,
            String acknowledgedBy, Instant acknowledgedAt, String resolvedBy, Instant resolvedAt, String resolution, String escalation,
            Instant escalatedAt, double waitingSeconds, double workingSeconds) {

        static CallOut of(AndonService.CallView v, Instant now) {
            AndonCall c = v.call();
            Instant end = c.resolvedAt() != null ? c.resolvedAt() : now;
            return new CallOut(c.id(), c.machineId(), c.target().name(), c.status().name(), c.note(), c.calledBy(), c.calledAt(),
                    c.acknowledgedBy(), c.acknowledgedAt(), c.resolvedBy(), c.resolvedAt(), c.resolution(), v.escalation().name(),
                    c.escalatedAt(), c.waiting(end).toNanos() / 1e9, c.working(end).toNanos() / 1e9);
        }
    }

    @Inject
    AndonService andon;

    @Inject
    SecurityIdentity identity;

    @GET
    @Operation(summary = "Andon calls: not resolved first, then newest first",
            description = "status OPEN|ACKNOWLEDGED|RESOLVED|ACTIVE (not resolved); machineId; from, to (RFC 3339, of calledAt); limit (100)")
    public List<CallOut> list(@QueryParam("machineId") String machineId, @QueryParam("status") String status, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("limit") @DefaultValue("100") int limit) {
        Instant now = Instant.now();
        return andon.list(Params.blankToNull(machineId), Params.blankToNull(status), Params.instant("from", from), Params.instant("to", to),
                limit).stream().map(v -> CallOut.of(v, now)).toList();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One andon call")
    public CallOut get(@PathParam("id") long id) {
        return CallOut.of(andon.find(id), Instant.now());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.OPERATOR, Roles.SUPERVISOR, Roles.QUALITY, Roles.MAINTENANCE, Roles.ADMIN})
    @Operation(summary = "Call MAINTENANCE, QUALITY or SUPERVISOR to a machine",
            description = "201 with the new call; 200 with the open one when that target was called to the machine already")
    public Response call(CallIn body) {
        if (body == null) {
            throw Refusal.invalid("machineId and target are required");
        }
        AndonService.Called c = andon.call(body.machineId(), target(body.target()), body.note());
        return Response.status(c.created() ? 201 : 200).entity(CallOut.of(andon.find(c.call().id()), Instant.now())).build();
    }

    @POST
    @Path("/{id}/acknowledge")
    @RolesAllowed({Roles.SUPERVISOR, Roles.QUALITY, Roles.MAINTENANCE, Roles.ADMIN})
    @Operation(summary = "Answer the call (the one called, a supervisor or an admin): the wait ends")
    public CallOut acknowledge(@PathParam("id") long id) {
        andon.acknowledge(id, identity.getRoles());
        return CallOut.of(andon.find(id), Instant.now());
    }

    @POST
    @Path("/{id}/resolve")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.SUPERVISOR, Roles.QUALITY, Roles.MAINTENANCE, Roles.ADMIN})
    @Operation(summary = "Resolve an answered call with what was done")
    public CallOut resolve(@PathParam("id") long id, ResolveIn body) {
        andon.resolve(id, body == null ? null : body.resolution(), identity.getRoles());
        return CallOut.of(andon.find(id), Instant.now());
    }

    static AndonCall.Target target(String target) {
        if (target == null || target.isBlank()) {
            return null;
        }
        try {
            return AndonCall.Target.valueOf(target.trim());
        } catch (IllegalArgumentException e) {
            throw Refusal.invalid("target must be one of " + List.of(AndonCall.Target.values()) + ", not '" + target + "'");
        }
    }
}
