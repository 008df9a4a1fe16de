package mes.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The notice or error a form post sends to the next page, read from its flash cookie. */
public final class Flashes {

    public static final String COOKIE = "mes-flash";

    private Flashes() {
    }

    public static String notice(Response r) {
        return text(r, "notice");
    }

    public static String error(Response r) {
        return text(r, "error");
    }

    private static String text(Response r, String kind) {
        assertThat(r.statusCode()).as("a redirect after the post").isEqualTo(303);
        assertThat(r.header("Location")).as("no text in the URL").doesNotContain("notice=").doesNotContain("error=");
        String value = r.getCookie(COOKIE);
        assertThat(value).as("the flash cookie").isNotNull().startsWith(kind + ".");
        return new String(Base64.getUrlDecoder().decode(value.substring(kind.length() + 1)), StandardCharsets.UTF_8);
    }
}
