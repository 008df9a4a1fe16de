package mes.security.web;

import io.quarkus.vertx.http.runtime.security.annotation.FormAuthentication;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.net.URI;
import java.net.URISyntaxException;
import mes.kernel.Language;
import mes.kernel.Refusal;
import mes.security.Roles;
import mes.security.UserService;

/**
 * The language switch of the layout: stores the user's choice (blank: the browser's again) and
 * goes back to the page it was made on.
 */
@Path("/me/language")
@FormAuthentication
@jakarta.annotation.security.RolesAllowed({Roles.OPERATOR, Roles.SUPERVISOR, Roles.QUALITY, Roles.MAINTENANCE, Roles.AUDITOR, Roles.ADMIN})
@Blocking
public class LanguageSwitch {

    @Inject
    UserService users;

    @POST
    public Response choose(@FormParam("language") String language, @HeaderParam("Referer") String referer, SecurityContext security) {
        Language chosen = null;
        if (language != null && !language.isBlank()) {
            chosen = Language.of(language).filter(l -> l.name().equals(language.trim()))
                    .orElseThrow(() -> Refusal.invalid("language must be one of " + Language.all()));
        }
        users.setLanguage(security.getUserPrincipal().getName(), chosen);
        return Response.seeOther(URI.create(back(referer))).build();
    }

    /** The path and query of the page the switch was used on; "/" when it is not one of ours. */
    static String back(String referer) {
        if (referer == null || referer.isBlank()) {
            return "/";
        }
        try {
            URI uri = new URI(referer);
            String path = uri.getRawPath();
            if (path == null || !path.startsWith("/") || path.startsWith("//")) {
                return "/";
            }
            return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
        } catch (URISyntaxException e) {
            return "/";
        }
    }
}
