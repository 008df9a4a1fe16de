package mes.web;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.UriBuilder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Notices and errors after a form post come from the server, never from the URL: the action sets
 * a short-lived cookie ({@link #cookie}) and redirects to the bare page; the next page request
 * turns it into the page's {@code notice} or {@code error} parameter and clears it. A
 * {@code ?notice=} or {@code ?error=} someone put in a link is dropped, so nobody can put text on
 * a page. (The login page's {@code ?error=true} is the form login's own flag, not a text.)
 */
public class Flash {

    static final String COOKIE = "mes-flash";
    private static final String CONSUMED = Flash.class.getName() + ".consumed";
    private static final int MAX_TEXT = 2000;

    /** The cookie that carries one notice or error ({@code kind} is "notice" or "error") to the next page. */
    static NewCookie cookie(String kind, String message) {
        String text = message == null ? "" : message.length() > MAX_TEXT ? message.substring(0, MAX_TEXT) + "…" : message;
        String value = kind + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
        return new NewCookie.Builder(COOKIE).value(value).path("/").maxAge(60).httpOnly(true)
                .sameSite(NewCookie.SameSite.STRICT).build();
    }

    @ServerRequestFilter(preMatching = true)
    public void fromCookie(ContainerRequestContext request) {
        var uri = request.getUriInfo().getRequestUri();
        String path = uri.getRawPath();
        if (path == null || path.equals("/login") || path.startsWith("/api/") || path.startsWith("/q/")) {
            return;
        }
        var query = request.getUriInfo().getQueryParameters();
        boolean fromUrl = query.containsKey("notice") || query.containsKey("error");
        Cookie flash = request.getCookies().get(COOKIE);
        if (!fromUrl && (flash == null || !"GET".equals(request.getMethod()))) {
            return;
        }
        UriBuilder clean = UriBuilder.fromUri(uri).replaceQueryParam("notice").replaceQueryParam("error");
        if (flash != null && "GET".equals(request.getMethod())) {
            Map.Entry<String, String> m = decode(flash.getValue());
            if (m != null) {
                clean.queryParam(m.getKey(), "{text}");
                request.setRequestUri(clean.build(m.getValue()));
            } else {
                request.setRequestUri(clean.build());
            }
            request.setProperty(CONSUMED, Boolean.TRUE);
            return;
        }
        request.setRequestUri(clean.build());
    }

    @ServerResponseFilter
    public void clear(ContainerRequestContext request, ContainerResponseContext response) {
        if (Boolean.TRUE.equals(request.getProperty(CONSUMED))) {
            response.getHeaders().add("Set-Cookie", new NewCookie.Builder(COOKIE).value("").path("/").maxAge(0).httpOnly(true)
                    .sameSite(NewCookie.SameSite.STRICT).build());
        }
    }

    /** The kind and text of a cookie value; null when it is not one of ours. */
    static Map.Entry<String, String> decode(String value) {
        if (value == null) {
            return null;
        }
        int dot = value.indexOf('.');
        if (dot < 0) {
            return null;
        }
        String kind = value.substring(0, dot);
        if (!kind.equals("notice") && !kind.equals("error")) {
            return null;
        }
        try {
            return Map.entry(kind, new String(Base64.getUrlDecoder().decode(value.substring(dot + 1)), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
