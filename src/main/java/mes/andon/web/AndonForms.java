package mes.andon.web;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.annotation.FormAuthentication;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import mes.andon.AndonService;
import mes.kernel.Refusal;
import mes.security.Roles;
import mes.web.Redirects;

/**
 * The andon buttons of the pages: one tap at the line terminal calls, the maintenance page and the
 * overview answer and resolve; each goes back to the page it came from.
 */
@Path("/andon")
@FormAuthentication
@Blocking
public class AndonForms {

    @Inject
    AndonService andon;

    @Inject
    SecurityIdentity identity;

    @POST
    @Path("/calls")
    @RolesAllowed({Roles.OPERATOR, Roles.SUPERVISOR, Roles.QUALITY, Roles.MAINTENANCE, Roles.ADMIN})
    public Response call(@FormParam("machineId") String machineId, @FormParam("target") String target, @FormParam("back") String back) {
        String to = back(back);
        try {
            AndonService.Called c = andon.call(machineId, AndonResource.target(target), null);
            return Redirects.notice(to, c.created() ? "Called " + c.call().target().label() + " to " + c.call().machineId()
                    : c.call().target().label() + " was called to " + c.call().machineId() + " already (at "
                            + c.call().calledAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + ")");
        } catch (Refusal e) {
            return Redirects.error(to, e.getMessage());
        }
    }

    @POST
    @Path("/calls/{id}/acknowledge")
    @RolesAllowed({Roles.SUPERVISOR, Roles.QUALITY, Roles.MAINTENANCE, Roles.ADMIN})
    public Response acknowledge(@PathParam("id") long id, @FormParam("back") String back) {
        String to = back(back);
        try {
            var c = andon.acknowledge(id, identity.getRoles());
            return Redirects.notice(to, "You answered the call to " + c.machineId());
        } catch (Refusal e) {
            return Redirects.error(to, e.getMessage());
        }
    }

    @POST
    @Path("/calls/{id}/resolve")
    @RolesAllowed({Roles.SUPERVISOR, Roles.QUALITY, Roles.MAINTENANCE, Roles.ADMIN})
    public Response resolve(@PathParam("id") long id, @FormParam("resolution") String resolution, @FormParam("back") String back) {
        String to = back(back);
        try {
            var c = andon.resolve(id, resolution, identity.getRoles());
            return Redirects.notice(to, "The call to " + c.machineId() + " is resolved");
        } catch (Refusal e) {
            return Redirects.error(to, e.getMessage());
        }
    }

    /** Back to a page of this application only (a path, never another site). */
    static String back(String back) {
        if (back == null || !back.startsWith("/") || back.startsWith("//") || back.contains("\\") || back.length() > 200
                || !back.matches("[A-Za-z0-9/_.\\-]+")) {
            return "/maintenance";
        }
        return back;
    }
}
