package mes.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

/**
 * Session fixation and forged sessions. The page session is an encrypted, authenticated cookie
 * issued at login: a value planted before login is never taken, login always issues a new one, and
 * a cookie changed by one character is no session at all.
 */
@QuarkusTest
class SessionTest {

    private static final String COOKIE = "quarkus-credential";

    private static String login(String user, String planted) {
        var r = given().redirects().follow(false).formParam("j_username", user).formParam("j_password", user);
        if (planted != null) {
            r = r.cookie(COOKIE, planted);
        }
        Response response = r.post("/j_security_check");
        assertThat(response.statusCode()).isEqualTo(302);
        return response.getCookie(COOKIE);
    }

    @Test
    void aPlantedSessionIsNeverTakenAndLoginIssuesANewOne() {
        // an attacker's own valid session, planted in the victim's browser before the victim logs in
        String attackers = login("operator", null);
        String victims = login("quality", attackers);
        assertThat(victims).isNotNull().isNotEqualTo(attackers);
        given().cookie(COOKIE, victims).get("/").then().statusCode(200).body(containsString("id=\"current-user\">quality<"));
        // a made-up value is no session
        given().redirects().follow(false).cookie(COOKIE, "attacker-chosen-value").get("/").then().statusCode(303);
    }

    @Test
    void aSessionCookieChangedByOneCharacterIsRefused() {
        String cookie = login("auditor", null);
        int i = cookie.length() / 2;
        char flipped = cookie.charAt(i) == 'A' ? 'B' : 'A';
        String forged = cookie.substring(0, i) + flipped + cookie.substring(i + 1);
        given().redirects().follow(false).cookie(COOKIE, forged).get("/audit").then().statusCode(303);
        given().cookie(COOKIE, cookie).get("/audit").then().statusCode(200);
    }
}
