package mes.ingest.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.vertx.http.runtime.security.annotation.FormAuthentication;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mes.ingest.IngestReport;
import mes.ingest.QuarantineService;
import mes.ingest.persistence.QuarantinedMessage;
import mes.kernel.Refusal;
import mes.security.Roles;
import mes.web.Params;

/** The administrators' page of the quarantine: what was rejected and why, and re-drive. */
@Path("/admin/quarantine")
@FormAuthentication
@RolesAllowed({Roles.ADMIN, Roles.AUDITOR})
public class QuarantinePage {

    @CheckedTemplate
    public static class Templates {
        public static native TemplateInstance list(List<QuarantineResource.Entry> entries, String machineId, String reason,
                boolean openOnly, String notice, String error);
    }

    @Inject
    QuarantineService quarantine;

    @GET
    @Blocking
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance list(@QueryParam("machineId") String machineId, @QueryParam("reason") String reason,
            @QueryParam("open") String open, @QueryParam("notice") String notice, @QueryParam("error") String error) {
        boolean openOnly = !"false".equals(open);
        List<QuarantineResource.Entry> entries = quarantine.list(new QuarantineService.Filter(
                Params.blankToNull(machineId), Params.blankToNull(reason), null, null,
                openOnly ? Boolean.TRUE : null), 200).stream().map(e -> QuarantineResource.entry(e, false)).toList();
        return Templates.list(entries, machineId == null ? "" : machineId, reason == null ? "" : reason, openOnly, notice, error);
    }

    @POST
    @Path("/{id}/redrive")
    @RolesAllowed(Roles.ADMIN)
    @Blocking
    public Response redrive(@PathParam("id") long id) {
        QuarantinedMessage entry = quarantine.get(id).orElse(null);
        if (entry == null) {
            return back("error", "No quarantined message " + id);
        }
        if (entry.redrivenAt != null) {
            return back("error", "Message " + id + " was re-driven already");
        }
        try {
            IngestReport report = quarantine.redrive(entry).toCompletableFuture().get(30, TimeUnit.SECONDS);
            QuarantineResource.answer(id, report);
            return back("notice", "Message " + id + " is stored now (" + report.accepted() + " new, "
                    + report.duplicates() + " already there)");
        } catch (Refusal e) {
            return back("error", "Message " + id + ": " + e.getMessage());
        } catch (Exception e) {
            return back("error", "Message " + id + " could not be re-driven now: " + e.getMessage());
        }
    }

    private static Response back(String kind, String text) {
        return "notice".equals(kind) ? mes.web.Redirects.notice("/admin/quarantine", text) : mes.web.Redirects.error("/admin/quarantine", text);
    }
}
