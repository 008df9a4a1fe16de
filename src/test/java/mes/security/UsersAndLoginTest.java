package mes.security;

import static io.restassured.RestAssured.given;
import static mes.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import mes.support.Api;
import mes.support.PageSession;
import org.junit.jupiter.api.Test;

/** Users managed by administrators, the login throttle, CSRF on forms, and the security headers. */
@QuarkusTest
class UsersAndLoginTest {

    private static final String PASSWORD = "correct horse battery";

    private static String newUser(String... roles) {
        String user = Api.id("u").toLowerCase();
        as("admin").body(Map.of("username", user, "displayName", "Test user", "roles", List.of(roles), "password", PASSWORD))
                .post("/api/v1/users").then().statusCode(201).body("roles", equalTo(List.of(roles))).body("active", equalTo(true));
        return user;
    }

    private static int basic(String user, String password, String path) {
        return given().auth().preemptive().basic(user, password).get(path).then().extract().statusCode();
    }

    @Test
    void anAdministratorCreatesAUserWhoseRolesAndAccessChangeAtOnce() {
        String user = newUser("OPERATOR");
        assertThat(basic(user, PASSWORD, "/api/v1/work-orders")).isEqualTo(200);
        assertThat(basic(user, PASSWORD, "/api/v1/audit")).isEqualTo(403);
        as("admin").body(Map.of("roles", List.of("AUDITOR"))).put("/api/v1/users/" + user).then().statusCode(200)
                .body("roles", equalTo(List.of("AUDITOR")));
        assertThat(basic(user, PASSWORD, "/api/v1/audit")).isEqualTo(200);

        PageSession page = PageSession.login(user, PASSWORD);
        given().filter(page).get("/orders").then().statusCode(200);
        as("admin").body(Map.of("active", false)).put("/api/v1/users/" + user).then().statusCode(200).body("active", equalTo(false));
        assertThat(basic(user, PASSWORD, "/api/v1/work-orders")).isEqualTo(401);
        given().filter(page).redirects().follow(false).get("/orders").then().statusCode(303).header("Location", endsWith("/login"));
        given().redirects().follow(false).formParam("j_username", user).formParam("j_password", PASSWORD).post("/j_security_check")
                .then().statusCode(anyOf(equalTo(302), equalTo(303))).header("Location", containsString("error"));

        as("admin").body(Map.of("active", true)).put("/api/v1/users/" + user).then().statusCode(200);
        as("admin").body(Map.of("password", "a new and long one")).put("/api/v1/users/" + user + "/password").then().statusCode(204);
        assertThat(basic(user, PASSWORD, "/api/v1/work-orders")).isEqualTo(401);
        assertThat(basic(user, "a new and long one", "/api/v1/work-orders")).isEqualTo(200);
    }

    @Test
    void badUsersAreRefusedWithAReason() {
        as("admin").body(Map.of("username", "has space", "roles", List.of("OPERATOR"), "password", PASSWORD)).post("/api/v1/users").then()
                .statusCode(400).body("detail", containsString("user name"));
        as("admin").body(Map.of("username", Api.id("u"), "roles", List.of("KING"), "password", PASSWORD)).post("/api/v1/users").then()
                .statusCode(400).body("detail", containsString("unknown role 'KING'"));
        as("admin").body(Map.of("username", Api.id("u"), "roles", List.of(), "password", PASSWORD)).post("/api/v1/users").then()
                .statusCode(400).body("detail", containsString("role"));
        as("admin").body(Map.of("username", Api.id("u"), "roles", List.of("OPERATOR"), "password", "short")).post("/api/v1/users").then()
                .statusCode(400).body("detail", containsString("10 characters"));
        as("admin").body(Map.of("username", "operator", "roles", List.of("OPERATOR"), "password", PASSWORD)).post("/api/v1/users").then()
                .statusCode(409);
        as("admin").body(Map.of("active", false)).put("/api/v1/users/admin").then().statusCode(409)
                .body("detail", containsString("yourself"));
        as("admin").body(Map.of("active", false)).put("/api/v1/users/nobody-here").then().statusCode(404);
        as("supervisor").get("/api/v1/users").then().statusCode(403);
        as("admin").get("/api/v1/users").then().statusCode(200).body(not(containsString("$2a$"))).body(not(containsString("password")));
    }

    @Test
    void repeatedWrongPasswordsLockTheUserNameEvenForTheRightPassword() {
        String user = newUser("OPERATOR");
        for (int i = 0; i < 5; i++) {
            assertThat(basic(user, "guess " + i, "/api/v1/work-orders")).isEqualTo(401);
        }
        assertThat(basic(user, "guess 5", "/api/v1/work-orders")).isEqualTo(401); // the sixth failure locks for 30 s
        assertThat(basic(user, PASSWORD, "/api/v1/work-orders")).as("locked").isEqualTo(401);
        given().redirects().follow(false).formParam("j_username", user).formParam("j_password", PASSWORD).post("/j_security_check")
                .then().statusCode(anyOf(equalTo(302), equalTo(303))).header("Location", containsString("error"));
        String other = newUser("OPERATOR");
        assertThat(basic(other, PASSWORD, "/api/v1/work-orders")).as("other users are not affected").isEqualTo(200);
    }

    @Test
    void aFormWithoutTheCsrfTokenIsRefusedAndNothingIsSaved() {
        PageSession admin = PageSession.login("admin");
        String user = Api.id("u").toLowerCase();
        Response refused = given().filter(admin.cookies()).redirects().follow(false).formParam("username", user)
                .formParam("roles", "OPERATOR").formParam("password", PASSWORD).post("/admin/users");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.asString()).contains("Nothing was saved");
        given().filter(admin.cookies()).redirects().follow(false).formParam("username", user).formParam("roles", "OPERATOR")
                .formParam("password", PASSWORD).formParam(PageSession.CSRF_FIELD, "forged-token-of-another-site").post("/admin/users")
                .then().statusCode(400);
        as("admin").get("/api/v1/users/" + user).then().statusCode(404);

        given().filter(admin).redirects().follow(false).formParam("username", user).formParam("roles", "OPERATOR")
                .formParam("roles", "QUALITY").formParam("password", PASSWORD).post("/admin/users").then().statusCode(303)
                .cookie("mes-flash", org.hamcrest.Matchers.startsWith("notice."));
        as("admin").get("/api/v1/users/" + user).then().statusCode(200).body("roles", equalTo(List.of("OPERATOR", "QUALITY")));
        given().filter(admin).get("/admin/users").then().statusCode(200).body(containsString("id=\"user-" + user + "\""));
        given().filter(PageSession.login("operator")).redirects().follow(false).get("/admin/users").then().statusCode(403);
    }

    @Test
    void pagesAndTheApiCarryTheSecurityHeadersAndTheSessionCookieIsStrict() {
        for (Response r : List.of(given().get("/login"), as("operator").get("/api/v1/work-orders"),
                given().filter(PageSession.login("operator")).get("/lines"))) {
            assertThat(r.header("Content-Security-Policy")).contains("default-src 'self'", "frame-ancestors 'none'", "object-src 'none'");
            assertThat(r.header("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(r.header("X-Frame-Options")).isEqualTo("DENY");
        }
        String cookie = given().redirects().follow(false).formParam("j_username", "operator").formParam("j_password", "operator")
                .post("/j_security_check").then().statusCode(302).extract().header("Set-Cookie");
        assertThat(cookie).containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Strict");
    }
}
