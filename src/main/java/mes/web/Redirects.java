package mes.web;

import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * After a form post: back to a page (post/redirect/get) with a notice or an error to show, carried
 * by the {@link Flash} cookie, never in the URL.
 */
public final class Redirects {

    private Redirects() {
    }

    public static Response notice(String path, String notice) {
        return to(path, "notice", notice);
    }

    public static Response error(String path, String error) {
        return to(path, "error", error);
    }

    private static Response to(String path, String kind, String message) {
        return Response.seeOther(URI.create(path)).cookie(Flash.cookie(kind, message)).build();
    }

    public static String enc(String s) {
        return URLEncoder.encode(s == null ? "" : s, StandardCharsets.UTF_8);
    }
}
