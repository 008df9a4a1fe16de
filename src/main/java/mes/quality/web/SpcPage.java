package mes.quality.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.RawString;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.annotation.FormAuthentication;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import mes.kernel.Refusal;
import mes.production.Permissions;
import mes.quality.QualityRoles;
import mes.quality.SpcService;
import mes.security.Roles;
import mes.web.Redirects;

/** /quality/spc/{characteristic}: the control charts and capability of a measured characteristic over 7, 30 or 90 days. */
@Path("/quality/spc")
@FormAuthentication
@Blocking
@RolesAllowed({Roles.OPERATOR, Roles.SUPERVISOR, Roles.QUALITY, Roles.MAINTENANCE, Roles.AUDITOR, Roles.ADMIN})
public class SpcPage {

    public static final List<Integer> PERIODS = List.of(1, 7, 30, 90);

    @CheckedTemplate
    public static class Templates {
        public static native TemplateInstance spc(SpcService.Study study, int days, List<Integer> periods, RawString location,
                RawString dispersion, boolean mayFreeze, String notice, String error);
    }

    @Inject
    SpcService spc;

    @Inject
    Clock clock;

    @Inject
    SecurityIdentity identity;

    @GET
    @Path("{id}")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance spc(@PathParam("id") long id, @QueryParam("days") @DefaultValue("30") int days,
            @QueryParam("notice") String notice, @QueryParam("error") String error) {
        if (!PERIODS.contains(days)) {
            throw Refusal.invalid("days must be one of " + PERIODS);
        }
        Instant to = clock.instant();
        SpcService.Study s = spc.study(id, to.minus(Duration.ofDays(days)), to);
        RawString location = null;
        RawString dispersion = null;
        if (s.charted()) {
            var c = s.characteristic();
            location = SpcCharts.render(s.location(), s.subgroups(), c.lsl(), c.usl(), c.unit());
            dispersion = SpcCharts.render(s.dispersion(), s.subgroups(), null, null, c.unit());
        }
        return Templates.spc(s, days, PERIODS, location, dispersion, Permissions.any(QualityRoles.ENGINEERS,
                identity.getRoles()), notice, error);
    }

    /** Freezes the limits of the period shown as the baseline (quality engineers), with a reason. */
    @POST
    @Path("{id}/baseline")
    public Response freeze(@PathParam("id") long id, @FormParam("days") int days, @FormParam("reason") String reason) {
        Permissions.require(identity, QualityRoles.ENGINEERS);
        String back = "/quality/spc/" + id + "?days=" + (PERIODS.contains(days) ? days : 30);
        try {
            if (!PERIODS.contains(days)) {
                throw Refusal.invalid("days must be one of " + PERIODS);
            }
            Instant to = clock.instant();
            SpcService.Baseline b = spc.freeze(id, to.minus(Duration.ofDays(days)), to, reason);
            return Redirects.notice(back, "Baseline frozen from " + b.subgroups() + " subgroups: later charts are judged against it");
        } catch (Refusal e) {
            return Redirects.error(back, e.getMessage());
        }
    }
}
