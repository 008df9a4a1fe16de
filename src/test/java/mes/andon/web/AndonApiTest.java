package mes.andon.web;

import static mes.support.Api.as;
import static mes.support.Api.id;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import mes.andon.AndonService;
import mes.support.Api;
import mes.support.Db;
import org.junit.jupiter.api.Test;

/**
 * Andon calls through the API: one tap calls, a second tap is the same call; the one called
 * answers, then resolves; the wait and the work are measured from the clock; unanswered calls
 * escalate (ANDON_ESCALATED, cleared when resolved); bad input stores nothing; a resolved call is final.
 */
@QuarkusTest
class AndonApiTest {

    @Inject
    AndonService andon;

    @Inject
    AgroalDataSource db;

    static String machine() {
        Api.Hierarchy h = Api.hierarchy("UTC");
        String machine = id("AND");
        as("admin").body(Map.of("name", "Andon machine", "lineId", h.line(), "idealCycleTimeSeconds", 30)).put("/api/v1/machines/" + machine)
                .then().statusCode(201);
        return machine;
    }

    @Test
    void aCallIsAnsweredThenResolvedAndEveryStepIsRecorded() throws Exception {
        String machine = machine();
        long id = ((Number) as("operator").body(Map.of("machineId", machine, "target", "MAINTENANCE", "note", "spindle noise"))
                .post("/api/v1/andon-calls").then().statusCode(201).body("status", equalTo("OPEN")).body("calledBy", equalTo("operator"))
                .extract().path("id")).longValue();
        // a second tap is the same call; another target is another call
        as("supervisor").body(Map.of("machineId", machine, "target", "MAINTENANCE")).post("/api/v1/andon-calls").then().statusCode(200)
                .body("id", equalTo((int) id));
        as("operator").body(Map.of("machineId", machine, "target", "QUALITY")).post("/api/v1/andon-calls").then().statusCode(201);
        assertThat(as("auditor").queryParam("machineId", machine).queryParam("status", "ACTIVE").get("/api/v1/andon-calls").then()
                .extract().jsonPath().getList("target", String.class)).containsExactlyInAnyOrder("MAINTENANCE", "QUALITY");

        String path = "/api/v1/andon-calls/" + id;
        as("quality").post(path + "/acknowledge").then().statusCode(403).body("detail", containsString("maintenance"));
        as("maintenance").body(Map.of("resolution", "x")).post(path + "/resolve").then().statusCode(409);
        as("maintenance").post(path + "/acknowledge").then().statusCode(200).body("status", equalTo("ACKNOWLEDGED"))
                .body("acknowledgedBy", equalTo("maintenance"));
        as("maintenance").post(path + "/acknowledge").then().statusCode(409);
        as("maintenance").body(Map.of("resolution", " ")).post(path + "/resolve").then().statusCode(400).body("detail", containsString("resolution"));
        as("maintenance").body("{\"resolution\": ").post(path + "/resolve").then().statusCode(400);
        var resolved = as("maintenance").body(Map.of("resolution", "bearing greased", "resolvedAt", "2020-01-01T00:00:00Z"))
                .post(path + "/resolve").then().statusCode(200).body("status", equalTo("RESOLVED")).extract().jsonPath();
        assertThat(Instant.parse(resolved.getString("resolvedAt"))).isAfter(Instant.now().minusSeconds(60));
        assertThat(resolved.getDouble("waitingSeconds")).isGreaterThanOrEqualTo(0);
        assertThat(resolved.getDouble("workingSeconds")).isGreaterThanOrEqualTo(0);
        as("maintenance").body(Map.of("resolution", "again")).post(path + "/resolve").then().statusCode(409);
        // resolved: a new tap makes a new call
        long next = ((Number) as("operator").body(Map.of("machineId", machine, "target", "MAINTENANCE")).post("/api/v1/andon-calls").then()
                .statusCode(201).extract().path("id")).longValue();
        assertThat(next).isNotEqualTo(id);
        assertThat(as("auditor").queryParam("entityType", "andon_call").queryParam("entityId", Long.toString(id)).get("/api/v1/audit").then()
                .extract().jsonPath().getList("action", String.class)).containsExactly("CALL", "ACKNOWLEDGE", "RESOLVE");
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeUpdate("UPDATE andon_call SET resolution = 'nothing' WHERE id = " + id))
                    .isInstanceOf(SQLException.class).hasMessageContaining("evidence");
            assertThatThrownBy(() -> s.executeUpdate("DELETE FROM andon_call WHERE id = " + id)).isInstanceOf(SQLException.class);
        }
    }

    @Test
    void badCallsAreRefusedAndNothingIsStored() throws Exception {
        String machine = machine();
        long before = Db.count(db, "SELECT count(*) FROM andon_call");
        Map<String, String> bad = Map.of(
                "{\"machineId\": \"no-such-machine\", \"target\": \"MAINTENANCE\"}", "No machine",
                "{\"target\": \"MAINTENANCE\"}", "machineId",
                "{\"machineId\": \"" + machine + "\"}", "target",
                "{\"machineId\": \"" + machine + "\", \"target\": \"FIRE_BRIGADE\"}", "target must be one of",
                "{\"machineId\": \"" + machine + "\", \"target\": \"QUALITY\", \"note\": \"" + "x".repeat(501) + "\"}", "note",
                "[]", "");
        bad.forEach((body, detail) -> as("operator").body(body).post("/api/v1/andon-calls").then().statusCode(400)
                .body("detail", containsString(detail)));
        assertThat(Db.count(db, "SELECT count(*) FROM andon_call")).isEqualTo(before);
        as("auditor").body(Map.of("machineId", machine, "target", "QUALITY")).post("/api/v1/andon-calls").then().statusCode(403);
        as("gateway").body(Map.of("machineId", machine, "target", "QUALITY")).post("/api/v1/andon-calls").then().statusCode(403);
        as("operator").get("/api/v1/andon-calls/987654321").then().statusCode(404);
        as("operator").queryParam("status", "LOUD").get("/api/v1/andon-calls").then().statusCode(400);
        as("maintenance").post("/api/v1/andon-calls/987654321/acknowledge").then().statusCode(404);
    }

    @Test
    void anUnansweredCallEscalatesToTheSupervisorThenTheManagementAndTheAlertClearsWhenResolved() throws Exception {
        String machine = machine();
        Instant now = Instant.now();
        long waiting = insert(machine, "MAINTENANCE", now.minus(Duration.ofMinutes(6)));
        long forgotten = insert(machine, "QUALITY", now.minus(Duration.ofMinutes(61)));
        long fresh = insert(machine, "SUPERVISOR", now.minus(Duration.ofMinutes(1)));
        assertThat(andon.escalate()).isGreaterThanOrEqualTo(2);
        assertThat(as("auditor").get("/api/v1/andon-calls/" + waiting).then().extract().<String>path("escalation")).isEqualTo("SUPERVISOR");
        assertThat(as("auditor").get("/api/v1/andon-calls/" + forgotten).then().extract().<String>path("escalation")).isEqualTo("MANAGEMENT");
        assertThat(as("auditor").get("/api/v1/andon-calls/" + fresh).then().extract().<String>path("escalation")).isEqualTo("NONE");
        // recorded once per level, however often it is checked
        andon.escalate();
        assertThat(as("auditor").queryParam("entityType", "andon_call").queryParam("entityId", Long.toString(waiting)).get("/api/v1/audit")
                .then().extract().jsonPath().getList("action", String.class)).containsExactly("ESCALATE");
        List<Map<String, Object>> alerts = as("operator").queryParam("machineId", machine).queryParam("status", "OPEN").get("/api/v1/alerts")
                .then().extract().jsonPath().getList("");
        assertThat(alerts).hasSize(1);
        assertThat(alerts.get(0)).containsEntry("rule", "ANDON_ESCALATED").containsEntry("severity", "CRITICAL");
        assertThat((String) alerts.get(0).get("message")).contains("management", "maintenance called 6 min ago", "nobody has answered");

        for (long id : List.of(waiting, forgotten)) {
            as("supervisor").post("/api/v1/andon-calls/" + id + "/acknowledge").then().statusCode(200);
            as("supervisor").body(Map.of("resolution", "sorted out")).post("/api/v1/andon-calls/" + id + "/resolve").then().statusCode(200);
        }
        andon.escalate();
        assertThat(as("operator").queryParam("machineId", machine).queryParam("status", "OPEN").get("/api/v1/alerts").then().extract()
                .jsonPath().getList("rule")).isEmpty();
    }

    /** A call made at a moment in the past (the passage of time, for the escalation). */
    private long insert(String machine, String target, Instant at) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO andon_call (machine_id, target, status, called_by, called_at) VALUES (?, ?, 'OPEN', 'operator', ?) RETURNING id")) {
            ps.setString(1, machine);
            ps.setString(2, target);
            ps.setTimestamp(3, Timestamp.from(at));
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
