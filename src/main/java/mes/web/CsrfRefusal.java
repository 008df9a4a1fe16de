package mes.web;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * The CSRF filter refuses a form without a valid token with a bare 400. A person at a terminal
 * gets a page that says what happened and what to do instead (nothing was saved).
 */
public class CsrfRefusal {

    static final String PAGE = """
            <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Form refused · Smart MES</title>
            <link rel="stylesheet" href="/css/mes.css"></head><body><main><h1>The form was refused</h1>
            <p class="notice error" role="alert">Nothing was saved: the form had expired or did not come from this site.
            Go back, reload the page and send it again.</p><p><a href="/">Plant overview</a></p></main></body></html>""";

    @ServerResponseFilter
    public void explain(ContainerRequestContext request, ContainerResponseContext response) {
        MediaType type = request.getMediaType();
        if (response.getStatus() == 400 && !response.hasEntity() && "POST".equals(request.getMethod()) && type != null
                && (type.isCompatible(MediaType.APPLICATION_FORM_URLENCODED_TYPE) || type.isCompatible(MediaType.MULTIPART_FORM_DATA_TYPE))) {
            response.setEntity(PAGE, null, MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"));
        }
    }
}
