package mes.production.web;

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
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import mes.kernel.Refusal;
import mes.production.PartService.Operation;
import mes.production.PartService.PartView;
import mes.production.PartService;
import mes.production.Permissions;
import mes.security.Roles;
import mes.web.Redirects;

/** /parts: part numbers and routings; supervisors edit a routing as lines of "operation, machine, ideal cycle time". */
@Path("/parts")
@FormAuthentication
@Blocking
@RolesAllowed({Roles.OPERATOR, Roles.SUPERVISOR, Roles.QUALITY, Roles.MAINTENANCE, Roles.AUDITOR, Roles.ADMIN})
public class PartsPage {

    @CheckedTemplate
    public static class Templates {
        public static native TemplateInstance list(List<PartView> parts, boolean mayEdit, String notice, String error);
    }

    @Inject
    PartService parts;

    @Inject
    SecurityIdentity identity;

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance list(@QueryParam("notice") String notice, @QueryParam("error") String error) {
        return Templates.list(parts.list(), Permissions.any(Permissions.PLANNERS, identity.getRoles()), notice, error);
    }

    @POST
    public Response save(@FormParam("id") String id, @FormParam("description") String description, @FormParam("routing") String routing) {
        Permissions.require(identity, Permissions.PLANNERS);
        try {
            PartView p = parts.put(id == null ? null : id.trim(), description, routing(routing));
            return Redirects.notice("/parts", "Part " + p.id() + " saved with " + p.routing().size() + " operations");
        } catch (Refusal e) {
            return Redirects.error("/parts", e.getMessage());
        }
    }

    /** "10, CNC-01, 42.5, rough turning" per line. */
    static List<Operation> routing(String text) {
        List<Operation> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        int n = 0;
        for (String line : text.split("\\R")) {
            n++;
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split(",", 4);
            if (f.length < 3) {
                throw Refusal.invalid("routing line " + n + ": write 'operation, machine, ideal cycle time in seconds[, description]'");
            }
            try {
                out.add(new Operation(Integer.parseInt(f[0].trim()), f[1].trim(), Double.parseDouble(f[2].trim()),
                        f.length > 3 && !f[3].isBlank() ? f[3].trim() : null));
            } catch (NumberFormatException e) {
                throw Refusal.invalid("routing line " + n + ": operation must be a whole number and the cycle time a number");
            }
        }
        return out;
    }
}
