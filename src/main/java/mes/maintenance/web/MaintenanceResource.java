package mes.maintenance.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.vertx.http.runtime.security.annotation.BasicAuthentication;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import mes.maintenance.MaintenanceService;
import mes.maintenance.PreventiveMaintenance;
import mes.maintenance.domain.Compliance;
import mes.maintenance.domain.MaintenanceFigures;
import mes.oee.OeeService;
import mes.oee.domain.Interval;
import mes.security.Roles;
import mes.web.Params;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The maintenance figures of contracts/api.md: failures, minor stops, MTBF and MTTR. */
@Path("/api/v1/maintenance")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Maintenance")
@BasicAuthentication
@RolesAllowed({Roles.OPERATOR, Roles.SUPERVISOR, Roles.QUALITY, Roles.MAINTENANCE, Roles.AUDITOR, Roles.ADMIN})
public class MaintenanceResource {

    /** contracts/maintenance.md's KPI object: seconds at full precision, MTBF and MTTR null without failures. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record KpisOut(String scope, String id, Instant from, Instant to, long failures, double failureSeconds,
            long minorStops, double apt, Double mtbf, Double mttr, List<String> flags, long answeredFailures, Double meanResponse,
            Double meanRepair) {
    }

    @Inject
    MaintenanceService maintenance;

    @Inject
    PreventiveMaintenance plans;

    @GET
    @Path("/kpis")
    @Operation(summary = "MTBF, MTTR, failures and minor stops (contracts/maintenance.md)",
            description = "scope machine|line|area|site; from, to RFC 3339; a failure that goes on past `to` counts whole;"
                    + " answeredFailures, meanResponse and meanRepair split the TTR of failures whose maintenance andon call was answered")
    public KpisOut kpis(@QueryParam("scope") String scope, @QueryParam("id") String id, @QueryParam("from") String from,
            @QueryParam("to") String to) {
        OeeService.Scope s = OeeService.Scope.named(scope);
        MaintenanceService.Kpis k = maintenance.kpis(s, id, window(from, to));
        MaintenanceFigures f = k.figures();
        return new KpisOut(s.name(), id, k.window().from(), k.window().to(), f.failures(), f.failureSeconds(), f.minorStops(),
                f.apt(), f.mtbf(), f.mttr(), f.flags(), f.answeredFailures(), f.meanResponse(), f.meanRepair());
    }

    /** PM compliance of a period (contracts/maintenance.md): tasks completed within their tolerance over those that fell due in it. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record ComplianceOut(String scope, String id, Instant from, Instant to, int fellDue, int completedInTolerance,
            int completedLate, int openOverdue, int openInTolerance, Double compliance) {
    }

    @GET
    @Path("/compliance")
    @Operation(summary = "PM compliance: orders that fell due in [from, to), done within tolerance, late, or open",
            description = "scope machine|line|area|site; compliance = completedInTolerance / fellDue, null when nothing fell due")
    public ComplianceOut compliance(@QueryParam("scope") String scope, @QueryParam("id") String id, @QueryParam("from") String from,
            @QueryParam("to") String to) {
        OeeService.Scope s = OeeService.Scope.named(scope);
        Interval w = window(from, to);
        Compliance c = plans.compliance(s, id, w, null);
        return new ComplianceOut(s.name(), id, w.from(), w.to(), c.fellDue(), c.completedInTolerance(), c.completedLate(),
                c.openOverdue(), c.openInTolerance(), c.compliance());
    }

    private static Interval window(String from, String to) {
        Params.Window w = Params.window(from, to);
        return new Interval(w.from(), w.to());
    }
}
