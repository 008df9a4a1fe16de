package mes.security.web;

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
import java.util.List;
import mes.kernel.Refusal;
import mes.security.Roles;
import mes.security.UserService.UserView;
import mes.security.UserService;
import mes.web.Redirects;

/** /admin/users: administrators create users, set their roles, deactivate them, reset passwords. */
@Path("/admin/users")
@FormAuthentication
@Blocking
@RolesAllowed(Roles.ADMIN)
public class UsersPage {

    @CheckedTemplate
    public static class Templates {
        public static native TemplateInstance list(List<UserView> users, List<String> roles, String notice, String error);
    }

    @Inject
    UserService users;

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance list(@QueryParam("notice") String notice, @QueryParam("error") String error) {
        return Templates.list(users.list(), Roles.ALL, notice, error);
    }

    @POST
    public Response create(@FormParam("username") String username, @FormParam("displayName") String displayName,
            @FormParam("roles") List<String> roles, @FormParam("password") String password) {
        try {
            users.create(username == null ? null : username.trim(), displayName, roles, password);
            return Redirects.notice("/admin/users", "User " + username.trim() + " created");
        } catch (Refusal e) {
            return Redirects.error("/admin/users", e.getMessage());
        }
    }

    @POST
    @Path("/{username}")
    public Response update(@PathParam("username") String username, @FormParam("displayName") String displayName,
            @FormParam("roles") List<String> roles, @FormParam("active") String active, SecurityContext security) {
        try {
            users.update(username, security.getUserPrincipal().getName(), displayName, roles == null ? List.of() : roles, active != null);
            return Redirects.notice("/admin/users", "User " + username + " saved");
        } catch (Refusal e) {
            return Redirects.error("/admin/users", username + ": " + e.getMessage());
        }
    }

    @POST
    @Path("/{username}/password")
    public Response password(@PathParam("username") String username, @FormParam("password") String password) {
        try {
            users.setPassword(username, password);
            return Redirects.notice("/admin/users", "New password set for " + username);
        } catch (Refusal e) {
            return Redirects.error("/admin/users", username + ": " + e.getMessage());
        }
    }
}
