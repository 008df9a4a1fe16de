package mes.oee.web;

import static io.restassured.RestAssured.given;
import static mes.support.Api.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import mes.support.PageSession;
import org.junit.jupiter.api.Test;

/** The OEE pages over HTTP: figures, SVG charts, and an operator giving the reason of a stop. */
@QuarkusTest
class OeePageTest {

    static PageSession login(String user) {
        return PageSession.login(user);
    }

    @Test
    void aMachinePageShowsItsFiguresChartsAndStopsAndTakesAReason() {
        OeeApiTest.Plant p = OeeApiTest.plant(true);
        // the last 40 minutes: the week's page shows them at any time of day ("today" would not, just after midnight)
        Instant t0 = Instant.now().minusSeconds(2400).truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
        OeeApiTest.ingestShuffled(OeeApiTest.scenario(p.machine(), t0), 3);
        PageSession operator = login("operator");
        given().filter(operator).get("/oee/machine/" + p.machine() + "?period=week").then().statusCode(200)
                .body(containsString("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\""))
                .body(containsString("aria-label=\"State timeline\""))
                .body(containsString("aria-label=\"Loss waterfall (hours)\""))
                .body(containsString("JAM"))
                .body(containsString("Availability"))
                .body(containsString("action=\"/oee/machine/" + p.machine() + "/reason\""));
        String from = t0.plusSeconds(600).toString();
        String to = t0.plusSeconds(900).toString();
        given().filter(operator).redirects().follow(false).formParam("from", from).formParam("to", to)
                .formParam("reason", "TOOL_BREAK").formParam("period", "week")
                .post("/oee/machine/" + p.machine() + "/reason").then().statusCode(303)
                .cookie("mes-flash", org.hamcrest.Matchers.startsWith("notice."));
        as("operator").queryParam("scope", "machine").queryParam("id", p.machine()).queryParam("from", t0.toString())
                .queryParam("to", t0.plusSeconds(2400).toString()).get("/api/v1/oee/losses").then().statusCode(200)
                .body("pareto.reason", org.hamcrest.Matchers.hasItem("TOOL_BREAK"))
                .body("pareto.reason", not(org.hamcrest.Matchers.hasItem("JAM")));
        given().filter(operator).redirects().follow(false).formParam("from", from).formParam("to", to).formParam("reason", "")
                .post("/oee/machine/" + p.machine() + "/reason").then().statusCode(303).cookie("mes-flash", org.hamcrest.Matchers.startsWith("error."));

        PageSession auditor = login("auditor");
        given().filter(auditor).get("/oee/machine/" + p.machine() + "?period=week").then().statusCode(200)
                .body(not(containsString("class=\"picker\"")));
        given().filter(auditor).redirects().follow(false).formParam("from", from).formParam("to", to).formParam("reason", "X")
                .post("/oee/machine/" + p.machine() + "/reason").then().statusCode(403);
    }

    @Test
    void thePlantPageListsEveryLineWithItsMachines() {
        OeeApiTest.Plant p = OeeApiTest.plant(true);
        given().filter(login("supervisor")).get("/oee?period=week").then().statusCode(200)
                .body(containsString("id=\"oee-line-" + p.line() + "\""))
                .body(containsString("id=\"oee-machine-" + p.machine() + "\""))
                .body(containsString("class=\"period selected\""));
        given().redirects().follow(false).get("/oee").then().statusCode(303);
    }
}
