package mes.training.web;

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
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
import mes.kernel.Refusal;
import mes.security.Roles;
import mes.training.QualificationService;
import mes.web.Params;
import mes.web.Redirects;

/** /training: the training matrix (people by requirement, red when missing or expired), grants and a supervisor's override. */
@Path("/training")
@FormAuthentication
@Blocking
@RolesAllowed({Roles.OPERATOR, Roles.SUPERVISOR, Roles.QUALITY, Roles.MAINTENANCE, Roles.AUDITOR, Roles.ADMIN})
public class TrainingPage {

    private static final Set<String> GRANTERS = Set.of(Roles.SUPERVISOR, Roles.QUALITY, Roles.ADMIN);
    private static final Set<String> OVERRIDERS = Set.of(Roles.SUPERVISOR, Roles.ADMIN);

    @CheckedTemplate
    public static class Templates {
        public static native TemplateInstance matrix(QualificationService.Matrix matrix, List<QualificationService.Expiring> expiring,
                boolean mayGrant, boolean mayOverride, String notice, String error);
    }

    @Inject
    QualificationService qualifications;

    @Inject
    SecurityIdentity identity;

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance matrix(@QueryParam("notice") String notice, @QueryParam("error") String error) {
        return Templates.matrix(qualifications.matrix(), qualifications.expiring(), any(GRANTERS), any(OVERRIDERS), notice, error);
    }

    @POST
    @Path("grants")
    public Response grant(@FormParam("requirement") String requirement, @FormParam("username") String username,
            @FormParam("level") String level, @FormParam("validUntil") String validUntil, @FormParam("note") String note) {
        require(GRANTERS);
        try {
            String[] ks = split(requirement);
            LocalDate until;
            try {
                until = LocalDate.parse(validUntil == null ? "" : validUntil.trim());
            } catch (DateTimeParseException e) {
                throw Refusal.invalid("valid until: a date (YYYY-MM-DD), not '" + validUntil + "'");
            }
            var g = qualifications.grant(username, ks[0], ks[1], Params.integer("level", level), until.atStartOfDay(ZoneOffset.UTC)
                    .toInstant(), note);
            return Redirects.notice("/training", g.username() + ": level " + g.level() + " for " + g.kind() + " " + g.scopeId()
                    + " until " + until);
        } catch (Refusal e) {
            return Redirects.error("/training", e.getMessage());
        }
    }

    @POST
    @Path("overrides")
    public Response override(@FormParam("requirement") String requirement, @FormParam("username") String username,
            @FormParam("hours") String hours, @FormParam("reason") String reason) {
        require(OVERRIDERS);
        try {
            String[] ks = split(requirement);
            var g = qualifications.override(username, ks[0], ks[1], Params.integer("hours", hours), reason);
            return Redirects.notice("/training", g.username() + " may work on " + g.kind() + " " + g.scopeId() + " until "
                    + g.validUntil() + " (override by " + g.grantedBy() + ")");
        } catch (Refusal e) {
            return Redirects.error("/training", e.getMessage());
        }
    }

    private static String[] split(String requirement) {
        if (requirement == null || !requirement.contains(":")) {
            throw Refusal.invalid("choose the requirement");
        }
        return requirement.split(":", 2);
    }

    private boolean any(Set<String> roles) {
        return roles.stream().anyMatch(identity::hasRole);
    }

    private void require(Set<String> roles) {
        if (!any(roles)) {
            throw new io.quarkus.security.ForbiddenException();
        }
    }
}
