package mes.production;

import static mes.support.Api.as;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import mes.support.Api;

/** A line with two stations and a part routed over them (the second counts), and counter messages for it. */
public final class ProductionFixture {

    public final String line;
    public final String first;
    public final String last;
    public final String part;

    public ProductionFixture() {
        line = Api.hierarchy("Europe/Berlin").line();
        first = Api.id("ST");
        last = Api.id("ST");
        for (String m : List.of(first, last)) {
            as("admin").body(Map.of("name", "Station", "lineId", line, "idealCycleTimeSeconds", 10.0, "sensors", Map.of()))
                    .put("/api/v1/machines/" + m).then().statusCode(201);
        }
        part = Api.id("P");
        as("supervisor").body(Map.of("description", "Bracket", "routing", List.of(
                Map.of("operationNo", 10, "machineId", first, "idealCycleTimeSeconds", 8.0),
                Map.of("operationNo", 20, "machineId", last, "idealCycleTimeSeconds", 9.0))))
                .put("/api/v1/parts/" + part).then().statusCode(200);
    }

    /** Plans an order of the part on the line; answers its id. */
    public String order(int quantity) {
        return as("supervisor").body(Map.of("partId", part, "lineId", line, "plannedQuantity", quantity)).post("/api/v1/work-orders")
                .then().statusCode(201).extract().path("id");
    }

    public String act(String order, String action, String user) {
        return as(user).body(Map.of("reason", "test")).post("/api/v1/work-orders/" + order + "/" + action).then().statusCode(200)
                .extract().path("state");
    }

    /** The machine's PLC counters now (a gateway message), a few milliseconds after the last call. */
    public static void counters(String machine, long good, long scrap) {
        pause();
        Instant ts = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        as("gateway").body(List.of(Map.of("machineId", machine, "ts", ts.toString(), "counters", Map.of("good", good, "scrap", scrap))))
                .post("/api/v1/readings").then().statusCode(200);
        pause();
    }

    static void pause() {
        try {
            Thread.sleep(15);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
