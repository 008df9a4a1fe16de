package mes.ingest.web;

import static io.restassured.RestAssured.given;
import static mes.support.Api.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import mes.support.PageSession;
import mes.support.Api;
import org.junit.jupiter.api.Test;

/** Rejected messages are kept, listed for administrators, and re-driven once their cause is fixed. */
@QuarkusTest
class QuarantineTest {

    private static String message(String machine) {
        return "{\"machineId\":\"" + machine + "\",\"ts\":\"" + Instant.now().minusSeconds(30).truncatedTo(ChronoUnit.MILLIS)
                + "\",\"state\":\"RUNNING\",\"counters\":{\"good\":5,\"scrap\":0}}";
    }

    private static long quarantineIdOf(String machine) {
        return ((Number) as("admin").queryParam("machineId", machine).get("/api/v1/quarantine")
                .then().statusCode(200).body("", hasSize(1)).extract().path("[0].id")).longValue();
    }

    @Test
    void aMessageForAMachineRegisteredLaterIsReDrivenOnce() {
        String machine = Api.id("LATE");
        as("gateway").body(message(machine)).post("/api/v1/readings").then().statusCode(200)
                .body("rejected[0].reason", containsString("not a registered machine"));
        long id = quarantineIdOf(machine);
        as("auditor").get("/api/v1/quarantine/" + id).then().statusCode(200)
                .body("source", equalTo("HTTP")).body("machineId", equalTo(machine))
                .body("raw", containsString("\"machineId\":\"" + machine + "\""))
                .body("rawEncoding", equalTo("utf-8")).body("redrivenAt", nullValue());

        as("admin").post("/api/v1/quarantine/" + id + "/redrive").then().statusCode(409)
                .body("detail", containsString("Still rejected: machineId '" + machine + "' is not a registered machine"));
        as("admin").queryParam("machineId", machine).get("/api/v1/quarantine").then().body("", hasSize(1));

        Api.machine(machine);
        as("admin").post("/api/v1/quarantine/" + id + "/redrive").then().statusCode(200)
                .body("accepted", equalTo(1)).body("duplicates", equalTo(0));
        as("admin").get("/api/v1/quarantine/" + id).then().body("redrivenAt", notNullValue());
        as("admin").get("/api/v1/machines/" + machine).then().body("state", equalTo("RUNNING"));
        as("admin").post("/api/v1/quarantine/" + id + "/redrive").then().statusCode(409)
                .body("detail", containsString("re-driven already"));
        as("admin").queryParam("machineId", machine).queryParam("open", true).get("/api/v1/quarantine").then().body("", hasSize(0));
    }

    @Test
    void onlyAdministratorsReDriveAndAuditorsMayRead() {
        String machine = Api.id("ROLE");
        as("gateway").body(message(machine)).post("/api/v1/readings").then().statusCode(200);
        long id = quarantineIdOf(machine);
        as("auditor").get("/api/v1/quarantine").then().statusCode(200);
        as("auditor").post("/api/v1/quarantine/" + id + "/redrive").then().statusCode(403);
        for (String user : new String[] {"operator", "supervisor", "quality", "gateway"}) {
            as(user).get("/api/v1/quarantine").then().statusCode(403);
            as(user).post("/api/v1/quarantine/" + id + "/redrive").then().statusCode(403);
        }
        Api.anonymous().get("/api/v1/quarantine").then().statusCode(401);
        as("admin").get("/api/v1/quarantine/999999999").then().statusCode(404);
        as("admin").queryParam("from", "yesterday").get("/api/v1/quarantine").then().statusCode(400)
                .body("detail", containsString("from 'yesterday' is not an RFC 3339 timestamp"));
        as("admin").queryParam("limit", 0).get("/api/v1/quarantine").then().statusCode(400);
    }

    @Test
    void thePageListsTheReasonAndReDrives() {
        String machine = Api.id("PAGE");
        as("gateway").body(message(machine)).post("/api/v1/readings").then().statusCode(200);
        long id = quarantineIdOf(machine);
        PageSession admin = login("admin");
        given().filter(admin).queryParam("machineId", machine).get("/admin/quarantine").then().statusCode(200)
                .body(containsString("id=\"q-" + id + "\""))
                .body(containsString("is not a registered machine"))
                .body(containsString("action=\"/admin/quarantine/" + id + "/redrive\""));
        given().filter(admin).redirects().follow(false).post("/admin/quarantine/" + id + "/redrive").then().statusCode(303)
                .cookie("mes-flash", org.hamcrest.Matchers.startsWith("error."));
        Api.machine(machine);
        given().filter(admin).redirects().follow(false).post("/admin/quarantine/" + id + "/redrive").then().statusCode(303)
                .cookie("mes-flash", org.hamcrest.Matchers.startsWith("notice."));
        PageSession auditor = login("auditor");
        given().filter(auditor).queryParam("machineId", machine).queryParam("open", "false").get("/admin/quarantine")
                .then().statusCode(200).body(containsString("re-driven")).body(not(containsString("<button type=\"submit\">Re-drive")));
        given().filter(login("operator")).get("/admin/quarantine").then().statusCode(403);
    }

    private static PageSession login(String user) {
        return PageSession.login(user);
    }
}
