package mes.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The login form (posted to the form authentication's j_security_check) and logout. */
@Path("/")
public class LoginPage {

    @CheckedTemplate
    public static class Templates {
        public static native TemplateInstance login(boolean error, boolean loggedOut, boolean demoUsers);
    }

    @ConfigProperty(name = "mes.security.demo-users", defaultValue = "false")
    boolean demoUsers;

    @ConfigProperty(name = "quarkus.http.auth.form.cookie-name", defaultValue = "quarkus-credential")
    String cookieName;

    @GET
    @Path("login")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance login(@QueryParam("error") boolean error, @QueryParam("loggedOut") boolean loggedOut) {
        return Templates.login(error, loggedOut, demoUsers);
    }

    @POST
    @Path("logout")
    public Response logout() {
        return Response.seeOther(URI.create("/login?loggedOut=true"))
                .cookie(new NewCookie.Builder(cookieName).path("/").maxAge(0).value("").httpOnly(true).build())
                .build();
    }
}
