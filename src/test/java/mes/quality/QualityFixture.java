package mes.quality;

import static mes.support.Api.as;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import mes.production.ProductionFixture;
import mes.support.Api;

/** A part with a control plan (a measured bore of 5 samples, a measured depth of individual values, a visual check) and lots of it. */
public final class QualityFixture {

    public final ProductionFixture production = new ProductionFixture();
    public final String part = production.part;
    public final String gauge;

    public QualityFixture() {
        gauge = Api.id("G");
        as("quality").body(Map.of("description", "Bore gauge 20 mm", "intervalDays", 180)).put("/api/v1/gauges/" + gauge).then().statusCode(200);
        as("quality").body(Map.of("calibratedAt", java.time.Instant.now().minusSeconds(3600).toString(), "result", "PASS",
                "certificate", "DAkkS-4711")).post("/api/v1/gauges/" + gauge + "/calibrations").then().statusCode(201);
        adopt(part, List.of(bore(), depth(), visual()));
    }

    /** A plan drafted by the quality engineer and approved by a second person (the admin): the revision in force after it. */
    public static int adopt(String part, List<Map<String, Object>> characteristics) {
        int revision = as("quality").body(Map.of("characteristics", characteristics)).put("/api/v1/parts/" + part + "/control-plan")
                .then().statusCode(200).extract().path("draft.revision");
        as("admin").body(Map.of("note", "approved")).post("/api/v1/parts/" + part + "/control-plan/revisions/" + revision + "/approve")
                .then().statusCode(200);
        return revision;
    }

    Map<String, Object> bore() {
        Map<String, Object> m = new HashMap<>(Map.of("code", "BORE", "operationNo", 10, "name", "Bore diameter", "kind", "VARIABLE",
                "nominal", 20.0, "lsl", 19.98, "usl", 20.02, "unit", "mm", "special", true, "sampleSize", 5));
        m.putAll(Map.of("method", "air gauge", "gaugeId", gauge, "frequency", "5 parts per hour", "reactionPlan",
                "stop the line, hold the lot since the last good check, call quality"));
        return m;
    }

    static Map<String, Object> depth() {
        return Map.of("code", "DEPTH", "operationNo", 20, "name", "Thread depth", "usl", 12.0, "unit", "mm", "sampleSize", 1, "frequency",
                "1 per lot", "reactionPlan", "sort 100 %");
    }

    static Map<String, Object> visual() {
        return Map.of("code", "BURR", "operationNo", 20, "name", "Free of burrs", "kind", "ATTRIBUTE", "frequency", "every lot",
                "reactionPlan", "deburr and re-inspect");
    }

    private String running;

    /**
     * A lot of the part: an order started (its first lot opens) and, if finished, completed (the
     * lot closes). A line runs one order at a time, so an order left running before is completed first.
     */
    public String lot(boolean finished) {
        if (running != null) {
            production.act(running, "complete", "operator");
            running = null;
        }
        String order = production.order(50);
        production.act(order, "release", "supervisor");
        production.act(order, "start", "operator");
        String lot = as("operator").get("/api/v1/work-orders/" + order).then().extract().path("order.currentLotId");
        if (finished) {
            production.act(order, "complete", "operator");
        } else {
            running = order;
        }
        return lot;
    }

    public static io.restassured.response.ValidatableResponse inspect(String user, String lot, String characteristic, Object valuesOrResult) {
        Map<String, Object> body = new HashMap<>(Map.of("lotId", lot, "characteristic", characteristic));
        if (valuesOrResult instanceof String r) {
            body.put("result", r);
        } else {
            body.put("values", valuesOrResult);
        }
        return as(user).body(body).post("/api/v1/inspections").then();
    }

    /** Inspects every characteristic of the plan within its limits. */
    void passAll(String lot) {
        inspect("quality", lot, "BORE", List.of(20.0, 20.01, 19.99, 20.0, 20.005)).statusCode(201);
        inspect("quality", lot, "DEPTH", List.of(11.5)).statusCode(201);
        inspect("quality", lot, "BURR", "PASS").statusCode(201);
    }
}
