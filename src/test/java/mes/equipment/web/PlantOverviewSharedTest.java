package mes.equipment.web;

import static io.restassured.RestAssured.given;
import static mes.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import mes.support.Api;
import mes.support.PageSession;
import org.junit.jupiter.api.Test;

/** With a shared build of the plant overview, every viewer gets the same one, and a change shows once it is older than its age. */
@QuarkusTest
@TestProfile(PlantOverviewSharedTest.SharedFor3s.class)
class PlantOverviewSharedTest {

    /** Longer than production's 1 s, so that a busy machine cannot make the test's timing decide. */
    public static class SharedFor3s implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mes.web.overview-max-age", "3s");
        }
    }

    private static String tile(PageSession session, String machine) {
        String html = given().filter(session).get("/plant/live").then().statusCode(200).extract().asString();
        int at = html.indexOf("id=\"machine-" + machine + "\"");
        assertThat(at).as("tile of " + machine).isPositive();
        return html.substring(at, html.indexOf("</li>", at));
    }

    private static void state(String machine, String state) {
        as("gateway").body(List.of(Map.of("machineId", machine, "ts", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString(),
                "state", state))).post("/api/v1/readings").then().statusCode(200);
    }

    @Test
    void aChangeShowsWithinTheSharedBuildsAge() throws Exception {
        String machine = Api.machine();
        state(machine, "RUNNING");
        PageSession operator = PageSession.login("operator");
        PageSession supervisor = PageSession.login("supervisor");
        Thread.sleep(3_100);
        assertThat(tile(operator, machine)).contains("data-state=\"RUNNING\"");
        state(machine, "DOWN");
        assertThat(tile(supervisor, machine)).as("the same build, shared").contains("data-state=\"RUNNING\"");
        Thread.sleep(3_100);
        assertThat(tile(operator, machine)).contains("data-state=\"DOWN\"");
    }
}
