package mes.audit.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.vertx.http.runtime.security.annotation.FormAuthentication;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import mes.audit.AuditTrail;
import mes.audit.AuditTrail.Entry;
import mes.audit.AuditTrail.Verification;
import mes.security.Roles;
import mes.web.Params;

/** /audit: the auditor's view of the trail, newest first, with the chain check on demand. */
@Path("/audit")
@FormAuthentication
@Blocking
@RolesAllowed({Roles.AUDITOR, Roles.ADMIN})
public class AuditPage {

    /** The filter as entered. */
    public record Filter(String entityType, String entityId) {
    }

    @CheckedTemplate
    public static class Templates {
        public static native TemplateInstance list(List<Entry> entries, Filter filter, Verification verification);
    }

    @Inject
    AuditTrail audit;

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance list(@QueryParam("entityType") String entityType, @QueryParam("entityId") String entityId,
            @QueryParam("verify") boolean verify) {
        String type = Params.blankToNull(entityType);
        String id = Params.blankToNull(entityId);
        return Templates.list(audit.latest(type, id, 300), new Filter(type == null ? "" : type, id == null ? "" : id),
                verify ? audit.verify() : null);
    }
}
