package mes.anomaly.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
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
import jakarta.ws.rs.core.SecurityContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import mes.anomaly.AlertService;
import mes.anomaly.domain.Baseline;
import mes.anomaly.domain.DetectionSettings;
import mes.anomaly.domain.MachineRules;
import mes.anomaly.domain.SensorMeta;
import mes.kernel.Refusal;
import mes.security.Roles;
import mes.web.Params;

/** Quality engineers and administrators set how each sensor of a machine is watched. */
@Path("/admin/detection")
@FormAuthentication
@Blocking
@RolesAllowed({Roles.QUALITY, Roles.ADMIN})
public class DetectionPage {

    @CheckedTemplate
    public static class Templates {
        public static native TemplateInstance page(String machineId, List<SensorMeta> sensors, MachineRules rules, String notice,
                String error);
    }

    @Inject
    AlertService service;

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance page(@QueryParam("machineId") String machineId, @QueryParam("notice") String notice,
            @QueryParam("error") String error) {
        String machine = machineId == null ? "" : machineId.trim();
        List<SensorMeta> sensors = List.of();
        MachineRules rules = null;
        if (!machine.isEmpty()) {
            try {
                rules = service.machineRules(machine);
                sensors = service.sensors(machine);
            } catch (Refusal e) {
                error = e.getMessage();
            }
        }
        return Templates.page(machine, sensors, rules, notice, error);
    }

    @POST
    @Path("/{machine}/sensors/{sensor}")
    public Response save(@PathParam("machine") String machine, @PathParam("sensor") String sensor, @FormParam("ruleSet") String ruleSet,
            @FormParam("sameSideRun") String sameSideRun, @FormParam("trendRun") String trendRun, @FormParam("drift") String drift,
            @FormParam("warnLow") String warnLow, @FormParam("warnHigh") String warnHigh,
            @FormParam("flatlineSamples") String flatlineSamples, @FormParam("flatlineSeconds") String flatlineSeconds,
            @FormParam("maxRatePerSecond") String maxRatePerSecond, @FormParam("spc") String spc,
            @FormParam("baselineSamples") String baselineSamples, @FormParam("ewmaLambda") String ewmaLambda,
            @FormParam("ewmaL") String ewmaL, @FormParam("cusumK") String cusumK, @FormParam("cusumH") String cusumH,
            SecurityContext security) {
        try {
            DetectionSettings settings = new DetectionSettings(decimal("warnLow", warnLow), decimal("warnHigh", warnHigh),
                    "on".equals(spc), choice(DetectionSettings.RuleSet.class, ruleSet), Params.optionalInteger("sameSideRun", sameSideRun),
                    Params.optionalInteger("trendRun", trendRun), Params.optionalInteger("baselineSamples", baselineSamples),
                    choice(DetectionSettings.Drift.class, drift), decimal("ewmaLambda", ewmaLambda), decimal("ewmaL", ewmaL),
                    decimal("cusumK", cusumK), decimal("cusumH", cusumH),
                    Params.optionalInteger("flatlineSamples", flatlineSamples), Params.optionalInteger("flatlineSeconds", flatlineSeconds),
                    decimal("maxRatePerSecond", maxRatePerSecond));
            service.saveSettings(machine, sensor, settings, security.getUserPrincipal().getName());
            return back(machine, "notice", "Settings of " + sensor + " saved; its detector starts again from the stored readings");
        } catch (Refusal e) {
            return back(machine, "error", sensor + ": " + e.getMessage());
        }
    }

    @POST
    @Path("/{machine}/sensors/{sensor}/baseline")
    public Response baseline(@PathParam("machine") String machine, @PathParam("sensor") String sensor, SecurityContext security) {
        try {
            Instant to = Instant.now();
            Baseline b = service.recomputeBaseline(machine, sensor, to.minus(8, ChronoUnit.HOURS), to,
                    security.getUserPrincipal().getName());
            return back(machine, "notice", String.format(java.util.Locale.ROOT,
                    "Baseline of %s recomputed from %d running values of the last 8 hours: centre %.4g, sigma %.4g", sensor,
                    b.samples(), b.centre(), b.sigma()));
        } catch (Refusal e) {
            return back(machine, "error", sensor + ": " + e.getMessage());
        }
    }

    @POST
    @Path("/{machine}/rules")
    public Response rules(@PathParam("machine") String machine, @FormParam("downAlertMinutes") String minutes, SecurityContext security) {
        try {
            Integer m = Params.optionalInteger("downAlertMinutes", minutes);
            service.saveMachineRules(machine, new MachineRules(m == null ? null : m * 60), security.getUserPrincipal().getName());
            return back(machine, "notice", "Rules of " + machine + " saved");
        } catch (Refusal e) {
            return back(machine, "error", e.getMessage());
        }
    }

    private static Response back(String machine, String kind, String text) {
        String page = "/admin/detection?machineId=" + enc(machine);
        return "notice".equals(kind) ? mes.web.Redirects.notice(page, text) : mes.web.Redirects.error(page, text);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static Double decimal(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Double.valueOf(value.trim());
        } catch (NumberFormatException e) {
            throw Refusal.invalid(name + " '" + value + "' is not a number");
        }
    }

    static <E extends Enum<E>> E choice(Class<E> type, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.trim());
        } catch (IllegalArgumentException e) {
            throw Refusal.invalid("'" + value + "' is not one of " + java.util.Arrays.toString(type.getEnumConstants()));
        }
    }
}
