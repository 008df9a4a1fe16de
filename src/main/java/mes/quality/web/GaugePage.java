package mes.quality.web;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mes.kernel.Refusal;
import mes.production.Permissions;
import mes.quality.GaugeService;
import mes.quality.QualityRoles;
import mes.security.Roles;
import mes.web.Params;
import mes.web.Redirects;

/** /quality/gauges: gauges with their calibration standing; one gauge's calibrations and, after a failed one, the suspect inspections. */
@Path("/quality/gauges")
@FormAuthentication
@Blocking
@RolesAllowed({Roles.OPERATOR, Roles.SUPERVISOR, Roles.QUALITY, Roles.MAINTENANCE, Roles.AUDITOR, Roles.ADMIN})
public class GaugePage {

    @CheckedTemplate
    public static class Templates {
        public static native TemplateInstance list(List<GaugeService.GaugeView> gauges, boolean mayEdit, String notice, String error);

        public static native TemplateInstance detail(GaugeService.GaugeView gauge, List<GaugeService.Calibration> calibrations,
                Map<Long, List<GaugeService.Suspect>> suspects, List<GaugeService.Study> studies, boolean mayEdit, String notice,
                String error);
    }

    @Inject
    GaugeService gauges;

    @Inject
    SecurityIdentity identity;

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance list(@QueryParam("notice") String notice, @QueryParam("error") String error) {
        return Templates.list(gauges.list(), Permissions.any(QualityRoles.ENGINEERS, identity.getRoles()), notice, error);
    }

    @POST
    public Response put(@FormParam("id") String id, @FormParam("description") String description, @FormParam("intervalDays") String interval,
            @FormParam("active") String active, @FormParam("back") String back) {
        Permissions.require(identity, QualityRoles.ENGINEERS);
        String to = "detail".equals(back) && id != null ? "/quality/gauges/" + Redirects.enc(id) : "/quality/gauges";
        try {
            var g = gauges.put(id == null ? null : id.trim(), description, Params.optionalInteger("interval", interval),
                    active == null || "on".equals(active) || "true".equals(active));
            return Redirects.notice(to, "Gauge " + g.id() + " saved");
        } catch (Refusal e) {
            return Redirects.error(to, e.getMessage());
        }
    }

    @GET
    @Path("{id}")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance detail(@PathParam("id") String id, @QueryParam("notice") String notice, @QueryParam("error") String error) {
        GaugeService.GaugeView g = gauges.view(id);
        List<GaugeService.Calibration> calibrations = gauges.calibrations(id);
        Map<Long, List<GaugeService.Suspect>> suspects = new LinkedHashMap<>();
        for (GaugeService.Calibration c : calibrations) {
            if (!c.passed()) {
                suspects.put(c.id(), gauges.suspects(id, c.id()));
            }
        }
        return Templates.detail(g, calibrations, suspects, gauges.studies(id), Permissions.any(QualityRoles.ENGINEERS, identity.getRoles()),
                notice, error);
    }

    @POST
    @Path("{id}/calibrations")
    public Response calibrate(@PathParam("id") String id, @FormParam("calibratedAt") String calibratedAt, @FormParam("result") String result,
            @FormParam("certificate") String certificate, @FormParam("note") String note) {
        Permissions.require(identity, QualityRoles.ENGINEERS);
        String to = "/quality/gauges/" + Redirects.enc(id);
        try {
            java.time.Instant at = Params.localUtc("calibration date", calibratedAt);
            var c = gauges.calibrate(id, at, result, certificate, note);
            return Redirects.notice(to, "Calibration recorded: " + (c.passed() ? "in tolerance" : "OUT OF TOLERANCE - check the inspections below"));
        } catch (Refusal e) {
            return Redirects.error(to, e.getMessage());
        }
    }

    /** A gauge R&R study pasted as CSV (appraiser,part,trial,value after a header), with its tolerance. */
    @POST
    @Path("{id}/studies")
    public Response study(@PathParam("id") String id, @FormParam("csv") String csv, @FormParam("tolerance") String tolerance,
            @FormParam("note") String note) {
        Permissions.require(identity, QualityRoles.ENGINEERS);
        String to = "/quality/gauges/" + Redirects.enc(id);
        try {
            GaugeService.ParsedCsv parsed = GaugeService.parseStudyCsv(csv);
            var st = gauges.recordStudy(id, null, Params.optionalNumber("tolerance", tolerance), parsed.appraisers(), parsed.measurements(),
                    note);
            return Redirects.notice(to, "Gauge R&R study recorded: " + st.verdict().label + " (%GRR " + String.format(java.util.Locale.ROOT,
                    "%.1f", st.averageAndRange().percentGrr()) + " % by average and range, ndc " + st.averageAndRange().ndc() + ")");
        } catch (Refusal e) {
            return Redirects.error(to, e.getMessage());
        }
    }
}
