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
import java.util.List;
import java.util.function.Supplier;
import mes.kernel.Refusal;
import mes.production.Permissions;
import mes.quality.CapaService;
import mes.quality.QualityRoles;
import mes.security.Roles;
import mes.web.Params;
import mes.web.Redirects;

/** /quality/capas: corrective actions, their ageing and overdue actions; one CAPA from root cause to closure. */
@Path("/quality/capas")
@FormAuthentication
@Blocking
@RolesAllowed({Roles.OPERATOR, Roles.SUPERVISOR, Roles.QUALITY, Roles.MAINTENANCE, Roles.AUDITOR, Roles.ADMIN})
public class CapaPage {

    @CheckedTemplate
    public static class Templates {
        public static native TemplateInstance list(List<CapaService.View> capas, List<CapaService.ActionView> overdue, boolean mayOpen,
                String ncr, String notice, String error);

        public static native TemplateInstance detail(CapaService.View capa, boolean mayEdit, boolean mayComplete, String notice, String error);
    }

    @Inject
    CapaService capas;

    @Inject
    SecurityIdentity identity;

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance list(@QueryParam("ncr") String ncr, @QueryParam("notice") String notice, @QueryParam("error") String error) {
        return Templates.list(capas.list(true, 300), capas.overdueActions(), Permissions.any(QualityRoles.ENGINEERS, identity.getRoles()),
                ncr == null ? "" : ncr, notice, error);
    }

    @POST
    public Response open(@FormParam("title") String title, @FormParam("problem") String problem, @FormParam("owner") String owner,
            @FormParam("dueOn") String dueOn, @FormParam("nonconformityId") String ncr) {
        Permissions.require(identity, QualityRoles.ENGINEERS);
        try {
            Integer n = Params.optionalInteger("nonconformity", ncr);
            var c = capas.open(title, problem, owner, Params.date("target date", dueOn), n == null ? null : n.longValue());
            return Redirects.notice("/quality/capas/" + c.id(), c.number() + " opened");
        } catch (Refusal e) {
            return Redirects.error("/quality/capas", e.getMessage());
        }
    }

    @GET
    @Path("{id}")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance detail(@PathParam("id") long id, @QueryParam("notice") String notice, @QueryParam("error") String error) {
        return Templates.detail(capas.get(id), Permissions.any(QualityRoles.ENGINEERS, identity.getRoles()),
                Permissions.any(QualityRoles.ACTION_OWNERS, identity.getRoles()), notice, error);
    }

    @POST
    @Path("{id}/root-cause")
    public Response rootCause(@PathParam("id") long id, @FormParam("rootCause") String rootCause) {
        return act(id, QualityRoles.ENGINEERS, "Root cause recorded", () -> capas.rootCause(id, rootCause));
    }

    @POST
    @Path("{id}/actions")
    public Response addAction(@PathParam("id") long id, @FormParam("description") String description, @FormParam("owner") String owner,
            @FormParam("dueOn") String dueOn) {
        return act(id, QualityRoles.ENGINEERS, "Action added", () -> capas.addAction(id, description, owner, Params.date("due date", dueOn)));
    }

    @POST
    @Path("{id}/actions/{actionId}/done")
    public Response done(@PathParam("id") long id, @PathParam("actionId") long actionId, @FormParam("note") String note) {
        return act(id, QualityRoles.ACTION_OWNERS, "Action done", () -> capas.completeAction(id, actionId, note));
    }

    @POST
    @Path("{id}/checks")
    public Response check(@PathParam("id") long id, @FormParam("effective") String effective, @FormParam("evidence") String evidence) {
        return act(id, QualityRoles.ENGINEERS, "Effectiveness check recorded",
                () -> capas.check(id, effective == null ? null : "true".equals(effective), evidence));
    }

    @POST
    @Path("{id}/close")
    public Response close(@PathParam("id") long id) {
        return act(id, QualityRoles.ENGINEERS, "Closed", () -> capas.close(id));
    }

    private Response act(long id, java.util.Set<String> roles, String done, Supplier<CapaService.View> action) {
        Permissions.require(identity, roles);
        String to = "/quality/capas/" + id;
        try {
            CapaService.View v = action.get();
            return Redirects.notice(to, v.number() + ": " + done);
        } catch (Refusal e) {
            return Redirects.error(to, e.getMessage());
        }
    }
}
