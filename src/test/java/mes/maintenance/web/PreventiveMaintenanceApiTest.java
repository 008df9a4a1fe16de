package mes.maintenance.web;

import static mes.support.Api.as;
import static mes.support.Api.id;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import mes.maintenance.PreventiveMaintenance;
import mes.maintenance.domain.MaintenanceOrder;
import mes.support.Api;
import mes.support.Db;
import org.junit.jupiter.api.Test;

/**
 * Preventive maintenance through the API, on facts that went through ingest: plans by run hours,
 * cycles and days fall due when the facts say, get one order each however often they are
 * checked, raise PM_OVERDUE, go through assigned, in progress and done (audited, a done order
 * never changes), and make PM compliance; bad input is a 400 that stores nothing.
 */
@QuarkusTest
class PreventiveMaintenanceApiTest {

    @Inject
    PreventiveMaintenance maintenance;

    @Inject
    AgroalDataSource db;

    /**
     * A machine that ran 2 h, was down 1 h and ran 3 h more from {@code t0}, one part every 30 s
     * while running, and has sent nothing since: 5 run hours, 599 cycles.
     */
    static String machineThatRan(Instant t0) {
        Api.Hierarchy h = Api.hierarchy("UTC");
        String machine = id("PM");
        as("admin").body(Map.of("name", "PM machine", "lineId", h.line(), "idealCycleTimeSeconds", 30))
                .put("/api/v1/machines/" + machine).then().statusCode(201);
        List<String> messages = new ArrayList<>();
        long good = 0;
        for (int k = 0; k <= 720; k++) {
            Instant t = t0.plusSeconds(30L * k);
            boolean running = k < 240 || k >= 360 && k < 720;
            if (running && k > 0) {
                good++;
            }
            String state = running ? "RUNNING" : k == 240 ? "DOWN\",\"reason\":\"TOOL_BREAK" : k == 720 ? "DOWN" : null;
            messages.add("{\"machineId\":\"" + machine + "\",\"ts\":\"" + t + "\"" + (state == null ? "" : ",\"state\":\"" + state + "\"")
                    + ",\"counters\":{\"good\":" + good + ",\"scrap\":0}}");
        }
        mes.oee.web.OeeApiTest.ingestShuffled(messages, 7);
        return machine;
    }

    static JsonPath plan(String machine, String title, String trigger, double every, Instant startsAt, boolean firstOff) {
        return as("maintenance").body(Map.of("machineId", machine, "title", title, "trigger", trigger, "every", every,
                "startsAt", startsAt.toString(), "firstOffRequired", firstOff)).post("/api/v1/maintenance/plans").then().statusCode(201)
                .extract().jsonPath(JsonPathConfig.jsonPathConfig().numberReturnType(JsonPathConfig.NumberReturnType.DOUBLE));
    }

    static JsonPath get(String path) {
        return as("auditor").get(path).then().statusCode(200).extract()
                .jsonPath(JsonPathConfig.jsonPathConfig().numberReturnType(JsonPathConfig.NumberReturnType.DOUBLE));
    }

    @Test
    void plansFallDueFromTheFactsAndTheirOrdersGoFromOpenToDone() throws Exception {
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofHours(8));
        String machine = machineThatRan(t0);
        long runHours = (long) plan(machine, "Replace the coolant filter", "RUN_HOURS", 4, t0, true).getDouble("id");
        long cycles = (long) plan(machine, "Inspect the die", "CYCLES", 500, t0, false).getDouble("id");
        long inTolerance = (long) plan(machine, "Grease the slides", "RUN_HOURS", 4.8, t0, false).getDouble("id");
        long days = (long) plan(machine, "Weekly safety check", "DAYS", 1, Instant.now().minus(Duration.ofHours(20)), false).getDouble("id");
        long notYet = (long) plan(machine, "Change the hydraulic oil", "RUN_HOURS", 10, t0, false).getDouble("id");

        // where each stands, from the facts: 5 run hours and 599 cycles since t0
        JsonPath p = get("/api/v1/maintenance/plans/" + runHours);
        assertThat(p.getString("state")).isEqualTo("OVERDUE");
        assertThat(p.getDouble("measure")).isCloseTo(5.0, within(1e-6));
        assertThat(Instant.parse(p.getString("dueAt"))).isEqualTo(t0.plus(Duration.ofHours(5)));
        assertThat(Instant.parse(p.getString("overdueAt"))).isCloseTo(t0.plus(Duration.ofMinutes(324)), within(1, ChronoUnit.MILLIS));
        p = get("/api/v1/maintenance/plans/" + cycles);
        assertThat(p.getString("state")).isEqualTo("OVERDUE");
        assertThat(p.getDouble("measure")).isEqualTo(599.0);
        assertThat(Instant.parse(p.getString("dueAt"))).isEqualTo(t0.plusSeconds(620 * 30)); // the 500th part
        assertThat(Instant.parse(p.getString("overdueAt"))).isEqualTo(t0.plusSeconds(671 * 30)); // the 551st
        assertThat(get("/api/v1/maintenance/plans/" + inTolerance).getString("state")).isEqualTo("DUE");
        assertThat(get("/api/v1/maintenance/plans/" + days).getString("state")).isEqualTo("NOT_DUE");
        assertThat(get("/api/v1/maintenance/plans/" + notYet).getString("state")).isEqualTo("NOT_DUE");
        assertThat(get("/api/v1/maintenance/plans/" + notYet).getDouble("measure")).isCloseTo(5.0, within(1e-6));

        // one order per plan that fell due, however often the plans are checked (any instance may)
        List<MaintenanceOrder> opened = maintenance.check().stream().filter(o -> o.machineId().equals(machine)).toList();
        assertThat(opened).extracting(MaintenanceOrder::planId).containsExactlyInAnyOrder(runHours, cycles, inTolerance);
        assertThat(opened.stream().filter(o -> o.planId() == runHours).findFirst().orElseThrow().dueSince())
                .isEqualTo(t0.plus(Duration.ofHours(5)));
        assertThat(maintenance.check()).noneMatch(o -> o.machineId().equals(machine));
        assertThat(Db.count(db, "SELECT count(*) FROM maintenance_order WHERE machine_id = ?", machine)).isEqualTo(3);
        // the overdue plans raise one alert on the machine, naming both
        List<Map<String, Object>> alerts = as("operator").queryParam("machineId", machine).queryParam("status", "OPEN")
                .get("/api/v1/alerts").then().statusCode(200).extract().jsonPath().getList("");
        assertThat(alerts).hasSize(1);
        assertThat(alerts.get(0)).containsEntry("rule", "PM_OVERDUE");
        assertThat((String) alerts.get(0).get("message")).contains("Replace the coolant filter").contains("Inspect the die");

        long order = opened.stream().filter(o -> o.planId() == runHours).findFirst().orElseThrow().id();
        String path = "/api/v1/maintenance/orders/" + order;
        // not to someone who does not maintain; not done before it is started
        as("supervisor").body(Map.of("assignee", "operator")).post(path + "/assign").then().statusCode(400)
                .body("detail", containsString("MAINTENANCE"));
        as("supervisor").body(Map.of("assignee", "nobody-" + order)).post(path + "/assign").then().statusCode(400);
        as("supervisor").body(Map.of("assignee", "maintenance")).post(path + "/assign").then().statusCode(200)
                .body("status", equalTo("ASSIGNED")).body("assignee", equalTo("maintenance"));
        as("maintenance").body(Map.of("notes", "x", "minutesSpent", 5)).post(path + "/complete").then().statusCode(409);
        as("maintenance").post(path + "/start").then().statusCode(200).body("status", equalTo("IN_PROGRESS"));
        as("maintenance").post(path + "/start").then().statusCode(409);
        // bad completions change nothing
        as("maintenance").body(Map.of("notes", " ", "minutesSpent", 5)).post(path + "/complete").then().statusCode(400)
                .body("detail", containsString("notes"));
        as("maintenance").body(Map.of("notes", "filter changed")).post(path + "/complete").then().statusCode(400)
                .body("detail", containsString("minutesSpent"));
        as("maintenance").body(Map.of("notes", "filter changed", "minutesSpent", 20, "parts", List.of(Map.of("name", "Filter", "quantity", 0))))
                .post(path + "/complete").then().statusCode(400).body("detail", containsString("parts[0].quantity"));
        as("maintenance").body("{\"notes\": ").post(path + "/complete").then().statusCode(400);
        assertThat(get(path).getString("status")).isEqualTo("IN_PROGRESS");
        // done: when and how much used from the clock and the facts, not from the form
        Instant before = Instant.now();
        JsonPath done = as("maintenance").body(Map.of("notes", "filter changed, housing cleaned", "minutesSpent", 35, "parts",
                List.of(Map.of("name", "Coolant filter CF-200", "quantity", 1)), "doneAt", "2020-01-01T00:00:00Z", "withinTolerance", true))
                .post(path + "/complete").then().statusCode(200).extract()
                .jsonPath(JsonPathConfig.jsonPathConfig().numberReturnType(JsonPathConfig.NumberReturnType.DOUBLE));
        assertThat(done.getString("status")).isEqualTo("DONE");
        assertThat(Instant.parse(done.getString("doneAt"))).isAfterOrEqualTo(before.truncatedTo(ChronoUnit.MICROS));
        assertThat(done.getDouble("measureAtDone")).isCloseTo(5.0, within(1e-6));
        assertThat(done.getBoolean("withinTolerance")).isFalse(); // 5 run hours, beyond 4.4
        assertThat(done.getList("parts")).hasSize(1);
        as("maintenance").body(Map.of("notes", "again", "minutesSpent", 5)).post(path + "/complete").then().statusCode(409);
        as("supervisor").body(Map.of("assignee", "maintenance")).post(path + "/assign").then().statusCode(409);
        // the database keeps a done order as it is
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeUpdate("UPDATE maintenance_order SET within_tolerance = true WHERE id = " + order))
                    .isInstanceOf(SQLException.class).hasMessageContaining("evidence");
            assertThatThrownBy(() -> s.executeUpdate("DELETE FROM maintenance_order WHERE id = " + order)).isInstanceOf(SQLException.class);
        }
        // the plan starts again from the completion; each step is in the audit trail
        p = get("/api/v1/maintenance/plans/" + runHours);
        assertThat(p.getString("state")).isEqualTo("NOT_DUE");
        assertThat(p.getDouble("measure")).isZero();
        assertThat(p.getString("since")).isEqualTo(done.getString("doneAt"));
        assertThat((Object) p.get("openOrderId")).isNull();
        assertThat(as("auditor").queryParam("entityType", "maintenance_order").queryParam("entityId", Long.toString(order))
                .get("/api/v1/audit").then().statusCode(200).extract().jsonPath().getList("action", String.class))
                .containsExactly("CREATE", "ASSIGN", "START", "COMPLETE");
        // the first-off inspection the plan asks for, at the completion
        assertThat(maintenance.firstOffsRequired(machine, new mes.oee.domain.Interval(t0, Instant.now().plusSeconds(1))))
                .containsExactly(Instant.parse(done.getString("doneAt")));

        // the plan within its tolerance; someone else's order is theirs to complete
        long second = opened.stream().filter(o -> o.planId() == inTolerance).findFirst().orElseThrow().id();
        as("admin").post("/api/v1/maintenance/orders/" + second + "/start").then().statusCode(200).body("assignee", equalTo("admin"));
        as("maintenance").body(Map.of("notes", "done", "minutesSpent", 10)).post("/api/v1/maintenance/orders/" + second + "/complete")
                .then().statusCode(403);
        as("admin").body(Map.of("notes", "slides greased", "minutesSpent", 10)).post("/api/v1/maintenance/orders/" + second + "/complete")
                .then().statusCode(200).body("withinTolerance", equalTo(true));

        // the die is still overdue: the alert stays until its order is done too
        maintenance.check();
        assertThat(as("operator").queryParam("machineId", machine).queryParam("status", "OPEN").get("/api/v1/alerts").then()
                .extract().jsonPath().getList("rule", String.class)).containsExactly("PM_OVERDUE");
        long third = opened.stream().filter(o -> o.planId() == cycles).findFirst().orElseThrow().id();
        as("maintenance").post("/api/v1/maintenance/orders/" + third + "/start").then().statusCode(200);
        as("maintenance").body(Map.of("notes", "die inspected", "minutesSpent", 50)).post("/api/v1/maintenance/orders/" + third + "/complete")
                .then().statusCode(200).body("withinTolerance", equalTo(false));
        maintenance.check();
        assertThat(as("operator").queryParam("machineId", machine).queryParam("status", "OPEN").get("/api/v1/alerts").then()
                .extract().jsonPath().getList("rule", String.class)).isEmpty();

        // PM compliance: three fell due since t0, one done within its tolerance
        JsonPath c = as("supervisor").queryParam("scope", "machine").queryParam("id", machine).queryParam("from", t0.toString())
                .queryParam("to", Instant.now().plusSeconds(60).toString()).get("/api/v1/maintenance/compliance").then().statusCode(200)
                .extract().jsonPath(JsonPathConfig.jsonPathConfig().numberReturnType(JsonPathConfig.NumberReturnType.DOUBLE));
        assertThat(c.getDouble("fellDue")).isEqualTo(3);
        assertThat(c.getDouble("completedInTolerance")).isEqualTo(1);
        assertThat(c.getDouble("completedLate")).isEqualTo(2);
        assertThat(c.getDouble("compliance")).isCloseTo(1.0 / 3, within(1e-9));
        // a period in which nothing fell due
        as("supervisor").queryParam("scope", "machine").queryParam("id", machine).queryParam("from", t0.minus(Duration.ofDays(2)).toString())
                .queryParam("to", t0.toString()).get("/api/v1/maintenance/compliance").then().statusCode(200)
                .body("fellDue", equalTo(0)).body("compliance", org.hamcrest.Matchers.nullValue());
    }

    @Test
    void badPlansAreRefusedByNameAndNothingIsStored() throws Exception {
        Api.Hierarchy h = Api.hierarchy("UTC");
        String machine = id("PMB");
        as("admin").body(Map.of("name", "M", "lineId", h.line(), "idealCycleTimeSeconds", 30)).put("/api/v1/machines/" + machine).then()
                .statusCode(201);
        long before = Db.count(db, "SELECT count(*) FROM maintenance_plan");
        Map<String, String> bad = new java.util.LinkedHashMap<>();
        bad.put("{\"machineId\": \"no-such-machine\", \"title\": \"t\", \"trigger\": \"DAYS\", \"every\": 7}", "No machine");
        bad.put("{\"title\": \"t\", \"trigger\": \"DAYS\", \"every\": 7}", "machineId");
        bad.put("{\"machineId\": \"" + machine + "\", \"trigger\": \"DAYS\", \"every\": 7}", "title");
        bad.put("{\"machineId\": \"" + machine + "\", \"title\": \"t\", \"trigger\": \"WEEKS\", \"every\": 7}", "trigger");
        bad.put("{\"machineId\": \"" + machine + "\", \"title\": \"t\", \"every\": 7}", "trigger");
        bad.put("{\"machineId\": \"" + machine + "\", \"title\": \"t\", \"trigger\": \"DAYS\", \"every\": 0}", "every");
        bad.put("{\"machineId\": \"" + machine + "\", \"title\": \"t\", \"trigger\": \"DAYS\"}", "every");
        bad.put("{\"machineId\": \"" + machine + "\", \"title\": \"t\", \"trigger\": \"DAYS\", \"every\": 1e300}", "every");
        bad.put("{\"machineId\": \"" + machine + "\", \"title\": \"t\", \"trigger\": \"CYCLES\", \"every\": 5, \"tolerancePercent\": 101}",
                "tolerancePercent");
        bad.put("{\"machineId\": \"" + machine + "\", \"title\": \"t\", \"trigger\": \"DAYS\", \"every\": 5, \"startsAt\": \"yesterday\"}",
                "startsAt");
        bad.put("{\"machineId\": \"" + machine + "\", \"title\": \"t\", \"trigger\": \"DAYS\", \"every\": 5, \"startsAt\": \"2099-01-01T00:00:00Z\"}",
                "startsAt");
        bad.put("{\"machineId\": \"" + machine + "\", \"title\": \"" + "x".repeat(121) + "\", \"trigger\": \"DAYS\", \"every\": 5}", "title");
        bad.put("{\"machineId\": \"" + machine + "\", \"title\": \"t\", \"trigger\": \"DAYS\", \"every\": \"seven\"}", "");
        bad.put("[1, 2]", "");
        for (Map.Entry<String, String> b : bad.entrySet()) {
            as("maintenance").body(b.getKey()).post("/api/v1/maintenance/plans").then().statusCode(400)
                    .body("detail", containsString(b.getValue()));
        }
        assertThat(Db.count(db, "SELECT count(*) FROM maintenance_plan")).isEqualTo(before);
        as("maintenance").get("/api/v1/maintenance/plans/987654321").then().statusCode(404);
        as("maintenance").get("/api/v1/maintenance/orders/987654321").then().statusCode(404);
        as("maintenance").queryParam("status", "DONEISH").get("/api/v1/maintenance/orders").then().statusCode(400);
        as("maintenance").queryParam("scope", "site").queryParam("id", h.site()).queryParam("from", "2026-01-02T00:00:00Z")
                .queryParam("to", "2026-01-01T00:00:00Z").get("/api/v1/maintenance/compliance").then().statusCode(400);
        // deactivated: listed only when asked, and once
        long id = (long) plan(machine, "Check", "DAYS", 1, Instant.now().minus(Duration.ofDays(3)), false).getDouble("id");
        as("maintenance").post("/api/v1/maintenance/plans/" + id + "/deactivate").then().statusCode(200).body("active", equalTo(false));
        as("maintenance").post("/api/v1/maintenance/plans/" + id + "/deactivate").then().statusCode(409);
        assertThat(as("operator").queryParam("machineId", machine).get("/api/v1/maintenance/plans").then().statusCode(200).extract()
                .jsonPath().getList("id")).isEmpty();
        assertThat(as("operator").queryParam("machineId", machine).queryParam("inactive", true).get("/api/v1/maintenance/plans").then()
                .extract().jsonPath().getList("id")).hasSize(1);
        assertThat(maintenance.check()).noneMatch(o -> o.planId() == id); // overdue, but inactive: no order
    }
}
