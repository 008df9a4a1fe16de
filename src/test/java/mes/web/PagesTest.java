package mes.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import mes.support.PageSession;
import mes.support.Api;
import org.junit.jupiter.api.Test;

/** The pages over HTTP: form login, the plant overview and its live fragment. */
@QuarkusTest
class PagesTest {

    private static PageSession loggedIn(String user) {
        return PageSession.login(user);
    }

    @Test
    void theLoginPageIsPublicAndShowsTheForm() {
        given().get("/login").then().statusCode(200)
                .body(containsString("action=\"/j_security_check\""))
                .body(containsString("name=\"j_password\""));
    }

    @Test
    void withoutASessionThePagesSendTheBrowserToTheLoginPage() {
        given().redirects().follow(false).get("/").then().statusCode(303).header("Location", endsWith("/login"));
        given().redirects().follow(false).get("/plant/live").then().statusCode(303).header("Location", endsWith("/login"));
    }

    @Test
    void aWrongPasswordLeadsBackToTheLoginPageWithAnError() {
        given().redirects().follow(false).formParam("j_username", "operator").formParam("j_password", "nope")
                .post("/j_security_check")
                .then().statusCode(anyOf(equalTo(302), equalTo(303))).header("Location", containsString("/login?error=true"));
        given().get("/login?error=true").then().statusCode(200).body(containsString("User name or password is wrong"));
    }

    @Test
    void anOperatorSeesEveryMachineWithItsStateOnTheOverview() {
        String machine = Api.machine();
        PageSession session = loggedIn("operator");
        given().filter(session).get("/").then().statusCode(200)
                .body(containsString("Plant overview"))
                .body(containsString("id=\"machine-" + machine + "\""))
                .body(containsString("data-state=\"OFFLINE\""))
                .body(containsString("data-refresh=\"/plant/live\""))
                .body(containsString("id=\"current-user\">operator<"));
        given().filter(session).get("/plant/live").then().statusCode(200)
                .body(containsString("id=\"machine-" + machine + "\""))
                .body(not(containsString("<html")));
    }

    @Test
    void aGatewayAccountMayNotUseThePages() {
        given().filter(loggedIn("gateway")).get("/").then().statusCode(403);
    }

    @Test
    void loggingOutEndsTheSession() {
        PageSession session = loggedIn("auditor");
        given().filter(session).redirects().follow(false).post("/logout").then().statusCode(303)
                .header("Location", endsWith("/login?loggedOut=true"));
        given().filter(session).redirects().follow(false).get("/").then().statusCode(303);
    }
}
