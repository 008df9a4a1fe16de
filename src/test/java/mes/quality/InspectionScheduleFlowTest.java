package mes.quality;

import static io.restassured.RestAssured.given;
import static mes.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import mes.production.ProductionFixture;
import mes.support.PageSession;
import org.junit.jupiter.api.Test;

/**
 * Inspection frequencies and set-up verification over HTTP, from the facts a line sends: an
 * order starts (a set-up), parts are counted, the first piece fails and holds the lot, passes,
 * the every-N-parts check falls due and overdue, the terminal shows it, the report lists it.
 */
@QuarkusTest
class InspectionScheduleFlowTest {

    private static JsonPath schedule(String order) {
        return as("operator").get("/api/v1/inspection-schedule/orders/" + order).then().statusCode(200).extract().jsonPath();
    }

    @Test
    void theFirstPieceVerifiesASetUpAndEveryNPartsFallsDueFromTheCountersAndIsReportedWhenMissed() throws Exception {
        ProductionFixture p = new ProductionFixture();
        Map<String, Object> bore = new HashMap<>(Map.of("code", "BORE", "operationNo", 10, "name", "Bore", "kind", "VARIABLE", "lsl", 9.9,
                "usl", 10.1, "unit", "mm", "sampleSize", 1, "frequency", "first piece, every 10 parts", "reactionPlan", "hold, call quality"));
        bore.put("when", Map.of("firstOff", true, "everyParts", 10));
        Map<String, Object> flat = Map.of("code", "FLAT", "operationNo", 20, "name", "Flatness", "usl", 0.1, "frequency", "once a lot",
                "reactionPlan", "sort");
        QualityFixture.adopt(p.part, List.of(bore, flat));
        ProductionFixture.counters(p.last, 100, 0);
        String order = p.order(100);
        p.act(order, "release", "supervisor");
        p.act(order, "start", "operator");
        String lot = as("operator").get("/api/v1/work-orders/" + order).then().extract().path("order.currentLotId");

        // the order's start is its set-up: the first piece is due, the parts made count as unverified
        ProductionFixture.counters(p.last, 106, 0);
        JsonPath s = schedule(order);
        assertThat(s.getString("verification")).isEqualTo("UNVERIFIED");
        assertThat(s.getLong("partsSinceSetUp")).isEqualTo(6);
        assertThat(s.getList("items.findAll { it.status == 'DUE' }.trigger")).containsExactly("FIRST_OFF");
        assertThat(s.getList("items.code")).doesNotContain("FLAT"); // wording only, no trigger: nothing falls due
        PageSession operator = PageSession.login("operator");
        given().filter(operator).get("/quality/lines/" + p.line + "/due").then().statusCode(200)
                .body(containsString("id=\"setup-unverified\"")).body(containsString("6 parts made since the set-up"))
                .body(containsString("data-code=\"BORE\""));

        // a failed first piece puts the lot on hold; a passed one verifies the set-up, the lot stays held for quality
        QualityFixture.inspect("operator", lot, "BORE", List.of(10.3)).statusCode(201).body("result", equalTo("FAIL"));
        assertThat(schedule(order).getString("verification")).isEqualTo("FAILED");
        as("auditor").get("/api/v1/lots/" + lot).then().statusCode(200).body("lot.onHold", equalTo(true))
                .body("lot.holdReason", containsString("first-piece inspection of BORE failed"));
        given().filter(operator).get("/quality/lines/" + p.line + "/due").then().body(containsString("id=\"setup-failed\""));
        QualityFixture.inspect("operator", lot, "BORE", List.of(10.0)).statusCode(201).body("result", equalTo("PASS"));
        s = schedule(order);
        assertThat(s.getString("verification")).isEqualTo("VERIFIED");
        assertThat(s.getList("items.findAll { it.status == 'DUE' || it.status == 'OVERDUE' }")).isEmpty();

        // 12 parts since the passed check: every 10 parts falls due, then overdue once the grace (3 s in the tests) has passed
        ProductionFixture.counters(p.last, 112, 0);
        ProductionFixture.counters(p.last, 118, 0);
        s = schedule(order);
        assertThat(s.getList("items.findAll { it.status == 'DUE' }.trigger")).containsExactly("EVERY_PARTS");
        Thread.sleep(3_500);
        assertThat(schedule(order).getList("items.findAll { it.status == 'OVERDUE' }.trigger")).containsExactly("EVERY_PARTS");
        given().filter(operator).get("/quality/lines/" + p.line + "/due").then()
                .body(containsString("class=\"due overdue\"")).body(containsString("overdue since"));

        // the order ends without it: the report lists it as missed
        p.act(order, "complete", "operator");
        Instant from = Instant.now().minus(1, ChronoUnit.HOURS);
        as("auditor").get("/api/v1/inspection-schedule/missed?from=" + from + "&to=" + Instant.now().plusSeconds(1)).then().statusCode(200)
                .body("findAll { it.orderId == '" + order + "' }.status", equalTo(List.of("MISSED")))
                .body("findAll { it.orderId == '" + order + "' }.trigger", equalTo(List.of("EVERY_PARTS")));
        given().filter(PageSession.login("auditor")).get("/quality/missed?from=" + from).then().statusCode(200)
                .body(containsString(order)).body(containsString("every 10 parts"));
        as("auditor").get("/api/v1/inspection-schedule/missed?from=yesterday").then().statusCode(400);
        as("auditor").get("/api/v1/inspection-schedule/missed?from=" + from + "&to=" + from).then().statusCode(400);
        as("auditor").get("/api/v1/inspection-schedule/orders/no-such-order").then().statusCode(404);
        as("gateway").get("/api/v1/inspection-schedule/orders/" + order).then().statusCode(403);
    }

    @Test
    void aSetUpOnTheMachineDuringTheOrderCallsForAFirstPieceAgain() throws InterruptedException {
        ProductionFixture p = new ProductionFixture();
        Map<String, Object> bore = new HashMap<>(Map.of("code", "BORE", "operationNo", 10, "name", "Bore", "kind", "ATTRIBUTE",
                "frequency", "first piece", "reactionPlan", "hold"));
        bore.put("when", Map.of("firstOff", true));
        QualityFixture.adopt(p.part, List.of(bore));
        String order = p.order(100);
        p.act(order, "release", "supervisor");
        p.act(order, "start", "operator");
        String lot = as("operator").get("/api/v1/work-orders/" + order).then().extract().path("order.currentLotId");
        QualityFixture.inspect("operator", lot, "BORE", "PASS").statusCode(201);
        assertThat(schedule(order).getString("verification")).isEqualTo("VERIFIED");
        // the tool is changed: SETUP, then RUNNING again on the machine of operation 10
        Instant t = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        as("gateway").body(List.of(Map.of("machineId", p.first, "ts", t.toString(), "state", "SETUP", "reason", "TOOL_CHANGE"),
                Map.of("machineId", p.first, "ts", t.plusMillis(200).toString(), "state", "RUNNING"))).post("/api/v1/readings").then()
                .statusCode(200);
        Thread.sleep(300); // until the set-up's end lies in the past
        JsonPath s = schedule(order);
        assertThat(s.getString("verification")).isEqualTo("UNVERIFIED");
        assertThat(Instant.parse(s.getString("lastSetUp"))).isEqualTo(t.plusMillis(200));
        assertThat(s.getList("items.findAll { it.trigger == 'FIRST_OFF' }.status")).containsExactly("DUE", "DONE"); // open ones first
    }
}
