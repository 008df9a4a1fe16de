package mes.training;

import static io.restassured.RestAssured.given;
import static mes.support.Api.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import mes.quality.QualityFixture;
import mes.support.PageSession;
import org.junit.jupiter.api.Test;

/**
 * Qualified people (IATF 16949 7.2): starting an order, entering an inspection and releasing a lot
 * are refused, naming the qualification, where the plant requires one and the person's is missing,
 * too low or expired; a supervisor's override with its reason lets them, in the audit trail; the
 * matrix shows it all. Machines (INTEGRATION) are not people and pass.
 */
@QuarkusTest
class QualificationsTest {

    @Test
    void theTrainingMatrixGuardsStartInspectAndReleaseAndASupervisorMayOverrideWithAReason() throws Exception {
        QualityFixture f = new QualityFixture();
        String part = f.part;
        String partReq = "/api/v1/qualification-requirements/PART/" + part;
        try {
            as("quality").body(Map.of("minLevel", 3, "description", "works the bracket alone")).put(partReq).then().statusCode(200);
            as("quality").body(Map.of("minLevel", 2)).put("/api/v1/qualification-requirements/TASK/INSPECTION").then().statusCode(200);
            as("quality").body(Map.of("minLevel", 3)).put("/api/v1/qualification-requirements/TASK/RELEASE").then().statusCode(200);
            as("quality").body(Map.of("minLevel", 7)).put(partReq).then().statusCode(400);
            as("quality").body(Map.of("minLevel", 3)).put("/api/v1/qualification-requirements/COLOUR/red").then().statusCode(400);
            as("operator").body(Map.of("minLevel", 1)).put(partReq).then().statusCode(403);

            String order = f.production.order(10);
            f.production.act(order, "release", "supervisor");
            as("operator").body(Map.of()).post("/api/v1/work-orders/" + order + "/start").then().statusCode(403)
                    .body("detail", containsString("operator has no qualification for PART " + part + " (level 3 needed)"));
            grant("operator", "PART", part, 2, Instant.now().plus(90, ChronoUnit.DAYS)).statusCode(201);
            as("operator").body(Map.of()).post("/api/v1/work-orders/" + order + "/start").then().statusCode(403)
                    .body("detail", containsString("operator is at level 2 for PART " + part + ", level 3 is needed"));
            grant("operator", "PART", part, 3, Instant.now().plusSeconds(2)).statusCode(201);
            Thread.sleep(2_200);
            as("operator").body(Map.of()).post("/api/v1/work-orders/" + order + "/start").then().statusCode(403)
                    .body("detail", containsString("qualification for PART " + part + " expired"));
            // nobody grants their own; an override needs its reason and a supervisor
            as("supervisor").body(Map.of("username", "supervisor", "kind", "PART", "scopeId", part, "level", 4, "validUntil",
                    Instant.now().plus(1, ChronoUnit.DAYS).toString())).post("/api/v1/qualifications").then().statusCode(403);
            override("supervisor", "operator", part, 8, " ").statusCode(400).body("detail", containsString("reason"));
            override("supervisor", "operator", part, 48, "rush").statusCode(400).body("detail", containsString("1 to 12 hours"));
            override("quality", "operator", part, 8, "rush").statusCode(403);
            override("supervisor", "operator", part, 8, "Yilmaz is ill, Weber watches the first hour").statusCode(201)
                    .body("override", equalTo(true)).body("level", equalTo(3));
            // the operation of the routing can be required too: 20 runs on the last station
            String opReq = "/api/v1/qualification-requirements/OPERATION/" + part + ":20";
            as("quality").body(Map.of("minLevel", 2)).put(opReq).then().statusCode(200);
            as("operator").body(Map.of()).post("/api/v1/work-orders/" + order + "/start").then().statusCode(403)
                    .body("detail", containsString("no qualification for OPERATION " + part + ":20"));
            as("supervisor").body(Map.of("username", "operator", "kind", "OPERATION", "scopeId", part + ":20", "level", 2, "validUntil",
                    Instant.now().plus(30, ChronoUnit.DAYS).toString())).post("/api/v1/qualifications").then().statusCode(201);
            as("operator").body(Map.of()).post("/api/v1/work-orders/" + order + "/start").then().statusCode(200);
            as("quality").delete(opReq).then().statusCode(204);
            String lot = as("operator").get("/api/v1/work-orders/" + order).then().extract().path("order.currentLotId");

            // inspecting: the operator is not qualified, the CMM is a machine and passes
            QualityFixture.inspect("operator", lot, "BURR", "PASS").statusCode(403)
                    .body("detail", containsString("no qualification for TASK INSPECTION"));
            QualityFixture.inspect("gateway", lot, "BURR", "PASS").statusCode(201);
            as("quality").body(Map.of()).post("/api/v1/lots/" + lot + "/release").then().statusCode(403)
                    .body("detail", containsString("quality has no qualification for TASK RELEASE"));

            as("auditor").get("/api/v1/training-matrix").then().statusCode(200)
                    .body("rows.find { it.username == 'operator' }.cells['PART " + part + "'].standing", equalTo("OVERRIDE"))
                    .body("rows.find { it.username == 'quality' }.cells['TASK RELEASE'].standing", equalTo("MISSING"));
            // two grants for the part, the override and the operation's grant: none replaced
            as("auditor").get("/api/v1/qualifications?username=operator").then().statusCode(200).body("size()", equalTo(4));
            as("auditor").get("/api/v1/audit?from=" + Instant.now().minusSeconds(60)).then()
                    .body("findAll { it.entityType == 'qualification' }.action", hasItem("OVERRIDE_QUALIFICATION"));
            given().filter(PageSession.login("supervisor")).get("/training").then().statusCode(200)
                    .body(containsString("id=\"matrix\"")).body(containsString("q-override")).body(containsString("id=\"override\""));
            given().filter(PageSession.login("operator")).get("/training").then().statusCode(200)
                    .body(org.hamcrest.Matchers.not(containsString("id=\"grant\"")));
        } finally {
            for (String r : List.of(partReq, "/api/v1/qualification-requirements/TASK/INSPECTION",
                    "/api/v1/qualification-requirements/TASK/RELEASE")) {
                as("quality").delete(r).then().statusCode(204);
            }
        }
    }

    private static io.restassured.response.ValidatableResponse grant(String user, String kind, String scope, int level, Instant until) {
        return as("supervisor").body(Map.of("username", user, "kind", kind, "scopeId", scope, "level", level, "validUntil", until.toString(),
                "note", "assessed on the line")).post("/api/v1/qualifications").then();
    }

    private static io.restassured.response.ValidatableResponse override(String by, String user, String scope, int hours, String reason) {
        return as(by).body(Map.of("username", user, "kind", "PART", "scopeId", scope, "hours", hours, "reason", reason))
                .post("/api/v1/qualifications/overrides").then();
    }
}
