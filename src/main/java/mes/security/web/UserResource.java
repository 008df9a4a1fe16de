package mes.security.web;

import io.quarkus.vertx.http.runtime.security.annotation.BasicAuthentication;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.net.URI;
import java.util.List;
import mes.kernel.Refusal;
import mes.security.Roles;
import mes.security.UserService.UserView;
import mes.security.UserService;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Users and roles, for administrators. Passwords go in, never out. */
@Path("/api/v1/users")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Users")
@BasicAuthentication
@Blocking
@RolesAllowed(Roles.ADMIN)
public class UserResource {

    public record UserIn(String username, String displayName, List<String> roles, String password) {
    }

    public record UserUpdate(String displayName, List<String> roles, Boolean active) {
    }

    public record PasswordIn(String password) {
    }

    @Inject
    UserService users;

    @GET
    @Operation(summary = "All users with their roles and whether they may log in")
    public List<UserView> list() {
        return users.list();
    }

    @GET
    @Path("/{username}")
    public UserView get(@PathParam("username") String username) {
        return users.get(username);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a user (password at least 10 characters)")
    public Response create(UserIn body) {
        if (body == null) {
            throw Refusal.invalid("a user object is required: {\"username\", \"displayName\", \"roles\", \"password\"}");
        }
        UserView created = users.create(body.username(), body.displayName(), body.roles(), body.password());
        return Response.created(URI.create("/api/v1/users/" + created.username())).entity(created).build();
    }

    @PUT
    @Path("/{username}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change display name, roles, or active (an inactive user cannot log in); fields left out stay")
    public UserView update(@PathParam("username") String username, UserUpdate body, SecurityContext security) {
        if (body == null) {
            throw Refusal.invalid("an object with displayName, roles or active is required");
        }
        return users.update(username, security.getUserPrincipal().getName(), body.displayName(), body.roles(), body.active());
    }

    @PUT
    @Path("/{username}/password")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set a new password")
    public Response password(@PathParam("username") String username, PasswordIn body) {
        users.setPassword(username, body == null ? null : body.password());
        return Response.noContent().build();
    }
}
