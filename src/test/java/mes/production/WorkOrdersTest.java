package mes.production;

import static mes.production.ProductionFixture.counters;
import static mes.support.Api.anonymous;
import static mes.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import mes.support.Api;
import org.junit.jupiter.api.Test;

/** Work orders over the API: the lifecycle, counted quantities, corrections, one order per line, bad input. */
@QuarkusTest
class WorkOrdersTest {

    @Test
    void countsAreTheLastStationsCounterIncrementsWhileTheOrderRunsPlusCorrections() {
        ProductionFixture f = new ProductionFixture();
        counters(f.last, 100, 4); // before the order: the baseline
        counters(f.first, 500, 0);
        String order = f.order(50);
        assertThat(f.act(order, "release", "supervisor")).isEqualTo("RELEASED");
        assertThat(f.act(order, "start", "operator")).isEqualTo("RUNNING");
        counters(f.last, 110, 5); // +10 good, +1 scrap while running
        counters(f.first, 530, 0); // the first station is not the counting one
        assertThat(f.act(order, "hold", "operator")).isEqualTo("HELD");
        counters(f.last, 130, 5); // +20 while held: not this order's
        assertThat(f.act(order, "resume", "operator")).isEqualTo("RUNNING");
        counters(f.last, 3, 0); // the PLC was reset: +3 good
        counters(f.last, 5, 1); // +2 good, +1 scrap

        JsonPath o = as("operator").get("/api/v1/work-orders/" + order).then().statusCode(200).extract().jsonPath();
        assertThat(o.getLong("order.quantities.countedGood")).isEqualTo(15);
        assertThat(o.getLong("order.quantities.countedScrap")).isEqualTo(2);
        assertThat(o.getList("runs")).hasSize(2);

        as("operator").body(Map.of("quantity", 3, "reason", "BURR")).post("/api/v1/work-orders/" + order + "/scrap").then().statusCode(201)
                .body("goodDelta", equalTo(-3)).body("scrapDelta", equalTo(3)).body("recordedBy", equalTo("operator"));
        as("supervisor").body(Map.of("goodDelta", 1, "reason", "one part counted twice... no: missed by the light curtain"))
                .post("/api/v1/work-orders/" + order + "/corrections").then().statusCode(201);
        o = as("operator").get("/api/v1/work-orders/" + order).then().extract().jsonPath();
        assertThat(o.getLong("order.good")).isEqualTo(15 - 3 + 1);
        assertThat(o.getLong("order.scrap")).isEqualTo(2 + 3);
        assertThat(o.getList("corrections.reason")).containsExactly("BURR", "one part counted twice... no: missed by the light curtain");
        // scrap beyond the good parts there are cannot be true: refused with the numbers, nothing stored
        as("operator").body(Map.of("quantity", 1500, "reason", "typed one zero too many")).post("/api/v1/work-orders/" + order + "/scrap")
                .then().statusCode(409).body("detail", org.hamcrest.Matchers.containsString(
                        "1500 scrap is more than the 13 good parts there are (17 made, 5 scrap so far)"));
        as("supervisor").body(Map.of("scrapDelta", -6, "reason", "less scrap than that")).post("/api/v1/work-orders/" + order + "/corrections")
                .then().statusCode(409).body("detail", org.hamcrest.Matchers.containsString("scrap would be -1"));
        assertThat(as("operator").get("/api/v1/work-orders/" + order).then().extract().jsonPath().getList("corrections")).hasSize(2);

        assertThat(f.act(order, "complete", "operator")).isEqualTo("COMPLETED");
        o = as("operator").get("/api/v1/work-orders/" + order).then().extract().jsonPath();
        assertThat(o.getList("lots")).hasSize(1);
        assertThat(o.getString("lots[0].closedAt")).isNotNull();
        assertThat(o.getInt("lots[0].quantity")).isEqualTo(13);
        counters(f.last, 50, 1); // after completion: not counted
        assertThat(as("operator").get("/api/v1/work-orders/" + order).then().extract().jsonPath().getLong("order.good")).isEqualTo(13);
        assertThat(f.act(order, "close", "supervisor")).isEqualTo("CLOSED");
        as("operator").body(Map.of("quantity", 1, "reason", "late")).post("/api/v1/work-orders/" + order + "/scrap").then().statusCode(409)
                .body("detail", containsString("CLOSED"));
    }

    @Test
    void illegalTransitionsAreRefusedWithWhatIsLegal() {
        ProductionFixture f = new ProductionFixture();
        String order = f.order(10);
        as("operator").post("/api/v1/work-orders/" + order + "/start").then().statusCode(409)
                .body("detail", equalTo("A PLANNED order cannot be started; from PLANNED it can be released, aborted"));
        as("supervisor").post("/api/v1/work-orders/" + order + "/close").then().statusCode(409);
        f.act(order, "release", "supervisor");
        as("operator").post("/api/v1/work-orders/" + order + "/resume").then().statusCode(409)
                .body("detail", startsWith("A RELEASED order cannot be resumed"));
        as("supervisor").body(Map.of()).post("/api/v1/work-orders/" + order + "/abort").then().statusCode(409)
                .body("detail", equalTo("A reason is required to abort an order"));
        assertThat(f.act(order, "abort", "supervisor")).isEqualTo("ABORTED");
        as("supervisor").post("/api/v1/work-orders/" + order + "/release").then().statusCode(409)
                .body("detail", equalTo("A ABORTED order cannot be released; ABORTED is final"));
        as("operator").post("/api/v1/work-orders/no-such-order/start").then().statusCode(404);
    }

    @Test
    void aLineRunsOneOrderAtATime() {
        ProductionFixture f = new ProductionFixture();
        String a = f.order(10);
        String b = f.order(10);
        f.act(a, "release", "supervisor");
        f.act(b, "release", "supervisor");
        f.act(a, "start", "operator");
        as("operator").post("/api/v1/work-orders/" + b + "/start").then().statusCode(409)
                .body("detail", containsString("is running order " + a));
        f.act(a, "hold", "operator");
        assertThat(f.act(b, "start", "operator")).isEqualTo("RUNNING");
        as("operator").post("/api/v1/work-orders/" + a + "/resume").then().statusCode(409);
        as("operator").get("/api/v1/work-orders?lineId=" + f.line + "&state=RUNNING,HELD").then().statusCode(200)
                .body("id", hasItems(a, b)).body("[0].id", equalTo(b));
    }

    @Test
    void anOrderIsReleasedOnlyWhenItsPartHasARoutingOnTheLine() {
        ProductionFixture f = new ProductionFixture();
        String otherLine = Api.hierarchy("Europe/Berlin").line();
        String order = as("supervisor").body(Map.of("partId", f.part, "lineId", otherLine, "plannedQuantity", 5))
                .post("/api/v1/work-orders").then().statusCode(201).extract().path("id");
        as("supervisor").post("/api/v1/work-orders/" + order + "/release").then().statusCode(409)
                .body("detail", containsString("has no routing on line " + otherLine));
        as("operator").get("/api/v1/work-orders/" + order).then().body("order.state", equalTo("PLANNED"));
    }

    @Test
    void aRefusedPlanAndReleaseOnThePageLeavesNoOrderBehind() {
        ProductionFixture f = new ProductionFixture();
        String otherLine = Api.hierarchy("Europe/Berlin").line();
        mes.support.PageSession supervisor = mes.support.PageSession.login("supervisor");
        io.restassured.response.Response r = io.restassured.RestAssured.given().filter(supervisor).redirects().follow(false)
                .formParam("partId", f.part).formParam("lineId", otherLine).formParam("plannedQuantity", "5")
                .formParam("release", "on").post("/orders");
        assertThat(mes.support.Flashes.error(r)).contains("has no routing on line " + otherLine);
        assertThat(as("operator").get("/api/v1/work-orders?lineId=" + otherLine).then().statusCode(200).extract().jsonPath()
                .getList("id")).as("nothing planned by the refused form").isEmpty();
    }

    @Test
    void badOrdersAreRefusedWithTheFieldAndNothingIsStored() {
        ProductionFixture f = new ProductionFixture();
        int before = as("operator").get("/api/v1/work-orders?lineId=" + f.line).then().extract().jsonPath().getList("id").size();
        as("supervisor").body(Map.of("partId", f.part, "lineId", f.line, "plannedQuantity", 0)).post("/api/v1/work-orders").then()
                .statusCode(400).body("detail", containsString("plannedQuantity"));
        as("supervisor").body(Map.of("partId", "nope", "lineId", f.line, "plannedQuantity", 5)).post("/api/v1/work-orders").then()
                .statusCode(400).body("detail", containsString("partId"));
        as("supervisor").body(Map.of("partId", f.part, "lineId", "nope", "plannedQuantity", 5)).post("/api/v1/work-orders").then()
                .statusCode(400).body("detail", containsString("lineId"));
        as("supervisor").body(Map.of("partId", f.part, "lineId", f.line, "plannedQuantity", "many")).post("/api/v1/work-orders").then()
                .statusCode(400).body("detail", containsString("plannedQuantity"));
        as("supervisor").body(Map.of("id", "bad id with spaces", "partId", f.part, "lineId", f.line, "plannedQuantity", 5))
                .post("/api/v1/work-orders").then().statusCode(400).body("detail", containsString("id"));
        as("supervisor").body(Map.of("partId", f.part, "lineId", f.line, "plannedQuantity", 5, "dueAt", "tomorrow"))
                .post("/api/v1/work-orders").then().statusCode(400).body("detail", containsString("dueAt"));
        as("supervisor").body(Map.of("partId", f.part, "lineId", f.line, "plannedQuantity", 5, "dueAt", "2020-01-01T00:00:00Z"))
                .post("/api/v1/work-orders").then().statusCode(400).body("detail", containsString("lies in the past"));
        as("supervisor").body("{not json").post("/api/v1/work-orders").then().statusCode(400);
        String id = Api.id("WO");
        as("supervisor").body(Map.of("id", id, "partId", f.part, "lineId", f.line, "plannedQuantity", 5)).post("/api/v1/work-orders")
                .then().statusCode(201);
        as("supervisor").body(Map.of("id", id, "partId", f.part, "lineId", f.line, "plannedQuantity", 5)).post("/api/v1/work-orders")
                .then().statusCode(409);
        assertThat(as("operator").get("/api/v1/work-orders?lineId=" + f.line).then().extract().jsonPath().getList("id"))
                .hasSize(before + 1);
        String order = f.order(5);
        f.act(order, "release", "supervisor");
        f.act(order, "start", "operator");
        as("operator").body(Map.of("quantity", 0, "reason", "x")).post("/api/v1/work-orders/" + order + "/scrap").then().statusCode(400);
        as("operator").body(Map.of("quantity", 2)).post("/api/v1/work-orders/" + order + "/scrap").then().statusCode(400)
                .body("detail", containsString("reason"));
        as("operator").body(Map.of("goodDelta", 0, "scrapDelta", 0, "reason", "nothing")).post("/api/v1/work-orders/" + order + "/corrections")
                .then().statusCode(400);
        assertThat(as("operator").get("/api/v1/work-orders/" + order).then().extract().jsonPath().getList("corrections")).isEmpty();
        anonymous().get("/api/v1/work-orders").then().statusCode(401);
    }

    @Test
    void partsKeepTheirRoutingAndRefuseUnknownMachines() {
        ProductionFixture f = new ProductionFixture();
        as("operator").get("/api/v1/parts/" + f.part).then().statusCode(200).body("routing.machineId", equalTo(List.of(f.first, f.last)));
        as("supervisor").body(Map.of("description", "Bracket", "routing", List.of(Map.of("operationNo", 10, "machineId", "nope",
                "idealCycleTimeSeconds", 8.0)))).put("/api/v1/parts/" + f.part).then().statusCode(400).body("detail", containsString("nope"));
        as("supervisor").body(Map.of("description", "Bracket", "routing", List.of(Map.of("operationNo", 10, "machineId", f.first,
                "idealCycleTimeSeconds", -1)))).put("/api/v1/parts/" + f.part).then().statusCode(400);
        as("operator").get("/api/v1/parts/" + f.part).then().body("routing", org.hamcrest.Matchers.hasSize(2));
        as("operator").body(Map.of("description", "x")).put("/api/v1/parts/" + f.part).then().statusCode(403);
    }
}
