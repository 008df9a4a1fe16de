package mes.quality.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.RawString;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.vertx.http.runtime.security.annotation.FormAuthentication;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import mes.quality.SpcService;
import mes.security.Roles;
import mes.web.problem.ProblemException;

/** /quality/spc/{characteristic}: the control charts and capability of a measured characteristic over 7, 30 or 90 days. */
@Path("/quality/spc")
@FormAuthentication
@Blocking
@RolesAllowed({Roles.OPERATOR, Roles.SUPERVISOR, Roles.QUALITY, Roles.AUDITOR, Roles.ADMIN})
public class SpcPage {

    public static final List<Integer> PERIODS = List.of(1, 7, 30, 90);

    @CheckedTemplate
    public static class Templates {
        public static native TemplateInstance spc(SpcService.Study study, int days, List<Integer> periods, RawString location,
                RawString dispersion);
    }

    @Inject
    SpcService spc;

    @Inject
    Clock clock;

    @GET
    @Path("{id}")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance spc(@PathParam("id") long id, @QueryParam("days") @DefaultValue("30") int days) {
        if (!PERIODS.contains(days)) {
            throw ProblemException.badRequest("days must be one of " + PERIODS);
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
        return Templates.spc(s, days, PERIODS, location, dispersion);
    }
}
