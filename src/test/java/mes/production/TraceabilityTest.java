package mes.production;

import static mes.production.ProductionFixture.counters;
import static mes.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import mes.support.Api;
import org.junit.jupiter.api.Test;

/** Lots, genealogy both ways, the machine-and-time-range question of IATF 16949, and holds. */
@QuarkusTest
class TraceabilityTest {

    /** A running order of the fixture's part; answers its open lot. */
    private static String[] running(ProductionFixture f) {
        String order = f.order(100);
        f.act(order, "release", "supervisor");
        f.act(order, "start", "operator");
        String lot = as("operator").get("/api/v1/work-orders/" + order).then().extract().path("order.currentLotId");
        return new String[] {order, lot};
    }

    private static String receive(String material) {
        String id = Api.id("SUP");
        as("operator").body(Map.of("id", id, "material", material, "supplier", "Acme Castings", "quantity", 500)).post("/api/v1/lots")
                .then().statusCode(201).body("kind", equalTo("RECEIVED"));
        return id;
    }

    @Test
    void aLotTracesBackToItsMaterialMachinesOperatorsAndForwardToWhereItWent() {
        ProductionFixture machining = new ProductionFixture();
        String casting = receive("EN-GJS-400");
        String[] housing = running(machining);
        as("operator").body(Map.of("lotId", casting, "quantity", 40)).post("/api/v1/work-orders/" + housing[0] + "/consumptions").then()
                .statusCode(201).body("lotId", equalTo(housing[1])).body("consumedLotId", equalTo(casting));
        counters(machining.last, 1, 0);

        ProductionFixture assembly = new ProductionFixture();
        String[] module = running(assembly);
        as("supervisor").body(Map.of("lotId", housing[1])).post("/api/v1/work-orders/" + module[0] + "/consumptions").then().statusCode(201);
        as("operator").body(Map.of("serials", List.of("SN-" + module[1] + "-1", "SN-" + module[1] + "-2")))
                .post("/api/v1/lots/" + module[1] + "/serials").then().statusCode(201);

        JsonPath back = as("auditor").get("/api/v1/lots/" + module[1] + "/trace?direction=backward").then().statusCode(200).extract().jsonPath();
        assertThat(back.getString("workOrderId")).isEqualTo(module[0]);
        assertThat(back.getList("components.lotId")).containsExactly(housing[1], casting);
        assertThat(back.getList("components.depth")).containsExactly(1, 2);
        assertThat(back.getList("machines.machineId")).contains(assembly.first, assembly.last);
        assertThat(back.getList("operators")).contains("operator", "supervisor");
        assertThat(back.getList("serials.serial")).hasSize(2);

        JsonPath forward = as("quality").get("/api/v1/lots/" + casting + "/trace?direction=forward").then().statusCode(200).extract().jsonPath();
        assertThat(forward.getList("usedIn.lotId")).containsExactly(housing[1], module[1]);

        as("operator").get("/api/v1/serials/SN-" + module[1] + "-2").then().statusCode(200).body("lot.id", equalTo(module[1]));
        as("operator").get("/api/v1/serials/nope").then().statusCode(404);
        as("operator").get("/api/v1/lots/" + casting + "/trace?direction=sideways").then().statusCode(400);
        as("operator").get("/api/v1/lots/nope/trace").then().statusCode(404);
    }

    @Test
    void aMachineAndTimeRangeGiveEveryAffectedLotAndThoseMadeFromThemWhichAreThenHeld() {
        Instant from = Instant.now().minusSeconds(1).truncatedTo(ChronoUnit.SECONDS);
        ProductionFixture machining = new ProductionFixture();
        String[] housing = running(machining);
        ProductionFixture assembly = new ProductionFixture();
        String[] module = running(assembly);
        as("operator").body(Map.of("lotId", housing[1])).post("/api/v1/work-orders/" + module[0] + "/consumptions").then().statusCode(201);
        Instant to = Instant.now().plusSeconds(1);

        JsonPath affected = as("quality").queryParam("machineId", machining.first).queryParam("from", from.toString())
                .queryParam("to", to.toString()).get("/api/v1/trace/affected-lots").then().statusCode(200).extract().jsonPath();
        assertThat(affected.getList("lotId")).containsExactly(housing[1], module[1]);
        assertThat(affected.getList("direct")).containsExactly(true, false);
        as("quality").queryParam("machineId", machining.first).queryParam("from", to.plusSeconds(3600).toString())
                .queryParam("to", to.plusSeconds(7200).toString()).get("/api/v1/trace/affected-lots").then().statusCode(200)
                .body("size()", equalTo(0));
        as("quality").queryParam("machineId", machining.first).queryParam("from", to.toString()).queryParam("to", from.toString())
                .get("/api/v1/trace/affected-lots").then().statusCode(400);

        as("operator").body(Map.of("lotIds", List.of(housing[1]), "reason", "x")).post("/api/v1/lots/hold").then().statusCode(403);
        as("quality").body(Map.of("lotIds", affected.getList("lotId"), "reason", "spindle vibration out of limits"))
                .post("/api/v1/lots/hold").then().statusCode(200).body("held", equalTo(affected.getList("lotId")));
        as("quality").body(Map.of("lotIds", List.of(housing[1]), "reason", "again")).post("/api/v1/lots/hold").then().statusCode(200)
                .body("held.size()", equalTo(0));
        as("operator").get("/api/v1/lots/" + module[1]).then().body("lot.onHold", equalTo(true))
                .body("lot.holdReason", equalTo("spindle vibration out of limits"));

        ProductionFixture later = new ProductionFixture();
        String[] next = running(later);
        as("operator").body(Map.of("lotId", housing[1])).post("/api/v1/work-orders/" + next[0] + "/consumptions").then().statusCode(409)
                .body("detail", containsString("on hold"));

        as("supervisor").body(Map.of("reason", "fine")).post("/api/v1/lots/" + housing[1] + "/release-hold").then().statusCode(403);
        as("quality").body(Map.of()).post("/api/v1/lots/" + housing[1] + "/release-hold").then().statusCode(400);
        as("quality").body(Map.of("reason", "re-inspected 100 %: within tolerance")).post("/api/v1/lots/" + housing[1] + "/release-hold")
                .then().statusCode(200).body("onHold", equalTo(false));
        as("operator").body(Map.of("lotId", housing[1])).post("/api/v1/work-orders/" + next[0] + "/consumptions").then().statusCode(201);
    }

    @Test
    void materialIsRecordedOnlyIntoARunningOrdersOpenLotAndLotsAreNumberedPerOrder() {
        ProductionFixture f = new ProductionFixture();
        String material = receive("steel");
        as("operator").body(Map.of("id", material, "material", "steel")).post("/api/v1/lots").then().statusCode(409);
        as("operator").body(Map.of("id", "bad id!", "material", "steel")).post("/api/v1/lots").then().statusCode(400);
        String order = f.order(10);
        as("operator").body(Map.of("lotId", material)).post("/api/v1/work-orders/" + order + "/consumptions").then().statusCode(409)
                .body("detail", containsString("PLANNED"));
        f.act(order, "release", "supervisor");
        f.act(order, "start", "operator");
        as("operator").body(Map.of("lotId", "nope")).post("/api/v1/work-orders/" + order + "/consumptions").then().statusCode(400)
                .body("detail", containsString("no lot 'nope'"));
        as("operator").post("/api/v1/work-orders/" + order + "/lots").then().statusCode(201).body("id", equalTo(order + "-02"));
        JsonPath o = as("operator").get("/api/v1/work-orders/" + order).then().extract().jsonPath();
        assertThat(o.getString("order.currentLotId")).isEqualTo(order + "-02");
        assertThat(o.getList("lots.id")).containsExactly(order + "-01", order + "-02");
        assertThat(o.getString("lots[0].closedAt")).isNotNull();
    }
}
