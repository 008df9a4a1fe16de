package mes.reports.web;

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
import java.util.List;
import java.util.Set;
import mes.kernel.Refusal;
import mes.production.Permissions;
import mes.reports.ReportService;
import mes.reports.domain.ReportType;
import mes.security.Roles;
import mes.web.Params;
import mes.web.Redirects;

/** /reports: the auditor's list of compliance reports, each downloaded and its hashes checked; a report made on demand. */
@Path("/reports")
@FormAuthentication
@Blocking
@RolesAllowed({Roles.SUPERVISOR, Roles.QUALITY, Roles.AUDITOR, Roles.ADMIN})
public class ReportsPage {

    static final Set<String> MAKERS = Set.of(Roles.QUALITY, Roles.AUDITOR, Roles.ADMIN);

    @CheckedTemplate
    public static class Templates {
        public static native TemplateInstance list(List<ReportService.Report> reports, boolean mayMake, String notice, String error);

        public static native TemplateInstance detail(ReportService.Report report, ReportService.Verification verification, String notice,
                String error);
    }

    @Inject
    ReportService reports;

    @Inject
    SecurityIdentity identity;

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance list(@QueryParam("notice") String notice, @QueryParam("error") String error) {
        return Templates.list(reports.list(300), Permissions.any(MAKERS, identity.getRoles()), notice, error);
    }

    @POST
    public Response make(@FormParam("type") String type, @FormParam("from") String from, @FormParam("to") String to) {
        Permissions.require(identity, MAKERS);
        try {
            ReportType t;
            try {
                t = ReportType.parse(type);
            } catch (IllegalArgumentException e) {
                throw Refusal.invalid(e.getMessage());
            }
            var r = reports.onDemand(t, Params.localUtc("from", from), Params.localUtc("to", to));
            return Redirects.notice("/reports/" + r.id(), "Report " + r.id() + " made");
        } catch (Refusal e) {
            return Redirects.error("/reports", e.getMessage());
        }
    }

    @GET
    @Path("{id}")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance detail(@PathParam("id") long id, @QueryParam("verify") boolean verify, @QueryParam("notice") String notice,
            @QueryParam("error") String error) {
        return Templates.detail(reports.get(id), verify ? reports.verify(id) : null, notice, error);
    }

    @GET
    @Path("{id}/files/{name}")
    @Produces(MediaType.WILDCARD)
    public Response file(@PathParam("id") long id, @PathParam("name") String name) {
        return ReportResource.download(reports, id, name);
    }
}
