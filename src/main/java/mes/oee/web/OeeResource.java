package mes.oee.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.quarkus.vertx.http.runtime.security.annotation.BasicAuthentication;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import mes.kernel.Refusal;
import mes.oee.OeeService.Figures;
import mes.oee.OeeService;
import mes.equipment.domain.ReasonTree;
import mes.oee.domain.Interval;
import mes.oee.domain.LossCategories;
import mes.oee.domain.OeeElements;
import mes.oee.persistence.OeeFacts;
import mes.security.Roles;
import mes.web.Params;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The figures of contracts/api.md: OEE, machine states, and operators' downtime reasons. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Figures")
@BasicAuthentication
@RolesAllowed({Roles.OPERATOR, Roles.SUPERVISOR, Roles.QUALITY, Roles.MAINTENANCE, Roles.AUDITOR, Roles.ADMIN})
public class OeeResource {

    /** The OEE object of contracts/api.md; full precision, KPIs null where undefined. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @RegisterForReflection // returned as Object (plain or buckets)
    public record OeeOut(String scope, String id, Instant from, Instant to, double pot, double pdot, double pbt, double apt,
            double aust, double adet, double adot, long pq, long gq, long sq, Double availability, Double effectiveness,
            Double quality, Double oee, List<String> flags) {
    }

    @RegisterForReflection
    public record BucketsOut(String scope, String id, Instant from, Instant to, String groupBy, List<OeeOut> buckets) {
    }

    public record StateOut(String state, String reason, Instant from, Instant to) {
    }

    public record LossesOut(String scope, String id, Instant from, Instant to, double breakdowns, double setup, double idling,
            double reducedSpeed, double scrap, List<ReasonOut> pareto, List<CategoryOut> categories) {
    }

    /** Loss time of a loss category of the site's reason tree (or NO_DATA, UNCLASSIFIED). */
    @RegisterForReflection
    public record CategoryOut(String category, double seconds) {
    }

    @RegisterForReflection
    public record ReasonOut(String reason, double seconds) {
    }

    public record ReasonIn(@NotBlank String from, @NotBlank String to, @NotBlank @Size(max = 64) String reason,
            @Size(max = 500) String comment) {
    }

    @Inject
    OeeService oee;

    @Inject
    OeeFacts facts;

    @Inject
    mes.equipment.EquipmentService equipment;

    @GET
    @Path("/oee")
    @Operation(summary = "OEE per ISO 22400-2 (contracts/oee.md)",
            description = "scope machine|line|area|site; from, to RFC 3339; groupBy hour|shift|day gives buckets")
    public Object oee(@QueryParam("scope") String scope, @QueryParam("id") String id, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("groupBy") String groupBy) {
        OeeService.Scope s = scope(scope);
        if (id == null || id.isBlank()) {
            throw Refusal.invalid("id is required");
        }
        Interval window = window(from, to);
        if (groupBy == null || groupBy.isBlank()) {
            return out(s, id, oee.figures(s, id, window));
        }
        OeeService.GroupBy g = switch (groupBy) {
            case "hour", "shift", "day" -> OeeService.GroupBy.valueOf(groupBy);
            default -> throw Refusal.invalid("groupBy '" + groupBy + "' is not one of hour, shift, day");
        };
        return new BucketsOut(s.name(), id, window.from(), window.to(), g.name(),
                oee.buckets(s, id, window, g).stream().map(f -> out(s, id, f)).toList());
    }

    @GET
    @Path("/oee/losses")
    @Operation(summary = "The six big losses as time, and the downtime Pareto by reason")
    public LossesOut losses(@QueryParam("scope") String scope, @QueryParam("id") String id, @QueryParam("from") String from,
            @QueryParam("to") String to) {
        OeeService.Scope s = scope(scope);
        Figures f = oee.figures(s, id, window(from, to));
        OeeElements.Losses l = f.elements().losses();
        List<ReasonOut> pareto = f.lossByReason().entrySet().stream()
                .map(e -> new ReasonOut(e.getKey(), e.getValue()))
                .sorted(Comparator.comparingDouble(ReasonOut::seconds).reversed().thenComparing(ReasonOut::reason)).toList();
        List<CategoryOut> categories = LossCategories.of(f.lossByReason(), reasonTree(s, id), oee.minorStopLoss(s, id, f.window()))
                .entrySet().stream()
                .map(e -> new CategoryOut(e.getKey(), e.getValue())).toList();
        return new LossesOut(s.name(), id, f.window().from(), f.window().to(), l.breakdowns(), l.setup(), l.idling(),
                l.reducedSpeed(), l.scrap(), pareto, categories);
    }

    /** The reason tree of the site the scope lies in (the figures above answered 404 for an unknown scope already). */
    private ReasonTree reasonTree(OeeService.Scope scope, String id) {
        String line = switch (scope) {
            case machine -> equipment.machine(id).map(m -> m.lineId()).orElse(null);
            case line -> id;
            default -> null;
        };
        String area = scope == OeeService.Scope.area ? id : line == null ? null : equipment.line(line).map(l -> l.areaId()).orElse(null);
        String site = scope == OeeService.Scope.site ? id : area == null ? null : equipment.area(area).map(a -> a.siteId()).orElse(null);
        return site == null ? ReasonTree.EMPTY : equipment.downtimeReasons(site);
    }

    @GET
    @Path("/machines/{id}/states")
    @Operation(summary = "The machine's states in a window, OFFLINE included")
    public List<StateOut> states(@PathParam("id") String id, @QueryParam("from") String from, @QueryParam("to") String to) {
        return oee.states(id, window(from, to)).stream()
                .map(s -> new StateOut(s.state().name(), s.reason(), s.period().from(), s.period().to())).toList();
    }

    @POST
    @Path("/machines/{id}/downtime-reasons")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.OPERATOR, Roles.SUPERVISOR, Roles.MAINTENANCE, Roles.ADMIN})
    @Operation(summary = "Enter or correct the reason of a stop; a later entry wins where entries overlap")
    public Response addReason(@PathParam("id") String id, @Valid @NotNull ReasonIn body, SecurityContext security) throws Exception {
        Interval period = window(body.from(), body.to());
        if (!facts.exists("machine", id)) {
            throw Refusal.notFound("No machine " + id);
        }
        long entry = facts.addReason(id, period, body.reason().trim(), body.comment(), security.getUserPrincipal().getName());
        return Response.status(201).entity(new ReasonOut(body.reason().trim(), period.seconds())).header("X-Entry-Id", entry).build();
    }

    static OeeService.Scope scope(String scope) {
        return OeeService.Scope.named(scope);
    }

    static OeeOut out(OeeService.Scope scope, String id, Figures f) {
        OeeElements e = f.elements();
        return new OeeOut(scope.name(), id, f.window().from(), f.window().to(), e.pot(), e.pdot(), e.pbt(), e.apt(), e.aust(),
                e.adet(), e.adot(), e.pq(), e.gq(), e.sq(), e.availability(), e.effectiveness(), e.quality(), e.oee(), e.flags());
    }

    /** The window [from, to) of the API's RFC 3339 parameters. */
    static Interval window(String from, String to) {
        Params.Window w = Params.window(from, to);
        return new Interval(w.from(), w.to());
    }
}
