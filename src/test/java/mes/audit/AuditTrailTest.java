package mes.audit;

import static io.restassured.RestAssured.given;
import static mes.support.Api.anonymous;
import static mes.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import mes.support.Api;
import mes.support.Db;
import mes.support.PageSession;
import org.junit.jupiter.api.Test;

/** The audit trail: what is recorded, who may read it, and that the database and the hash chain keep it honest. */
@QuarkusTest
class AuditTrailTest {

    @Inject
    AgroalDataSource db;

    private static JsonPath trail(String type, String id) {
        return as("auditor").queryParam("entityType", type).queryParam("entityId", id).get("/api/v1/audit").then().statusCode(200)
                .extract().jsonPath();
    }

    private static String order() {
        String line = Api.hierarchy("Europe/Berlin").line();
        String machine = Api.id("M");
        as("admin").body(Map.of("name", "M", "lineId", line, "idealCycleTimeSeconds", 5.0, "sensors", Map.of()))
                .put("/api/v1/machines/" + machine).then().statusCode(201);
        String part = Api.id("P");
        as("supervisor").body(Map.of("description", "Part", "routing", List.of(Map.of("operationNo", 10, "machineId", machine,
                "idealCycleTimeSeconds", 5.0)))).put("/api/v1/parts/" + part).then().statusCode(200);
        String order = as("supervisor").body(Map.of("partId", part, "lineId", line, "plannedQuantity", 7)).post("/api/v1/work-orders")
                .then().statusCode(201).extract().path("id");
        as("supervisor").post("/api/v1/work-orders/" + order + "/release").then().statusCode(200);
        as("operator").post("/api/v1/work-orders/" + order + "/start").then().statusCode(200);
        as("operator").body(Map.of("reason", "waiting for material")).post("/api/v1/work-orders/" + order + "/hold").then().statusCode(200);
        return order;
    }

    @Test
    void everyStateChangeOfAnOrderIsRecordedWithWhoWhenBeforeAndAfter() {
        String order = order();
        JsonPath t = trail("work_order", order);
        assertThat(t.getList("action")).containsExactly("CREATE", "RELEASE", "START", "HOLD");
        assertThat(t.getList("actor")).containsExactly("supervisor", "supervisor", "operator", "operator");
        assertThat(t.getString("[0].before")).isNull();
        assertThat(t.getString("[0].after.state")).isEqualTo("PLANNED");
        assertThat(t.getString("[2].before.state")).isEqualTo("RELEASED");
        assertThat(t.getString("[2].after.state")).isEqualTo("RUNNING");
        assertThat(t.getString("[3].after.order.state")).isEqualTo("HELD");
        assertThat(t.getString("[3].after.reason")).isEqualTo("waiting for material");
        assertThat(t.getString("[3].prevHash")).isEqualTo(t.getString("[2].hash"));
        assertThat(trail("lot", order + "-01").getList("action")).containsExactly("CREATE");
    }

    @Test
    void onlyAuditorsAndAdministratorsReadTheTrail() {
        anonymous().get("/api/v1/audit").then().statusCode(401);
        for (String user : List.of("operator", "supervisor", "quality", "gateway")) {
            as(user).get("/api/v1/audit").then().statusCode(403);
            as(user).get("/api/v1/audit/verify").then().statusCode(403);
        }
        as("admin").get("/api/v1/audit?limit=5").then().statusCode(200);
        as("auditor").get("/api/v1/audit?limit=0").then().statusCode(400);
        as("auditor").get("/api/v1/audit?from=yesterday").then().statusCode(400).body("detail", containsString("from"));
    }

    @Test
    void repeatingTheSameWriteAddsNothingAndAChangeRecordsBeforeAndAfter() {
        Api.Hierarchy h = Api.hierarchy("Europe/Berlin");
        int entries = trail("line", h.line()).getList("id").size();
        as("admin").body(Map.of("name", "Line", "areaId", h.area())).put("/api/v1/lines/" + h.line()).then().statusCode(200);
        assertThat(trail("line", h.line()).getList("id")).hasSize(entries);
        as("admin").body(Map.of("name", "Line 2", "areaId", h.area())).put("/api/v1/lines/" + h.line()).then().statusCode(200);
        JsonPath t = trail("line", h.line());
        assertThat(t.getList("action")).last().isEqualTo("UPDATE");
        assertThat(t.getList("before.name")).last().isEqualTo("Line");
        assertThat(t.getList("after.name")).last().isEqualTo("Line 2");
    }

    @Test
    void userChangesAreRecordedButNeverThePassword() {
        String user = Api.id("u").toLowerCase();
        as("admin").body(Map.of("username", user, "roles", List.of("OPERATOR"), "password", "correct horse battery"))
                .post("/api/v1/users").then().statusCode(201);
        as("admin").body(Map.of("password", "another long password")).put("/api/v1/users/" + user + "/password").then().statusCode(204);
        String raw = as("auditor").queryParam("entityType", "user").queryParam("entityId", user).get("/api/v1/audit").then().extract().asString();
        assertThat(raw).contains("\"CREATE\"", "\"PASSWORD_RESET\"", "OPERATOR").doesNotContain("horse", "another", "$2a$");
    }

    @Test
    void theDatabaseRefusesToChangeOrDeleteTheTrail() throws SQLException {
        order();
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeUpdate("UPDATE audit_event SET actor = 'nobody' WHERE id = (SELECT max(id) FROM audit_event)"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
            assertThatThrownBy(() -> s.executeUpdate("DELETE FROM audit_event WHERE id = (SELECT max(id) FROM audit_event)"))
                    .hasMessageContaining("append-only");
            assertThatThrownBy(() -> s.executeUpdate("TRUNCATE audit_event")).hasMessageContaining("append-only");
        }
    }

    @Test
    void aTamperedEntryIsFoundByTheChainCheckAndShownToTheAuditor() throws SQLException {
        String order = order();
        as("auditor").get("/api/v1/audit/verify").then().statusCode(200).body("valid", equalTo(true));
        long id = trail("work_order", order).getLong("[1].id");
        String original = original(id);
        try {
            // someone with the owner's rights switches the guard off and edits history
            rewrite(id, original.replace("RELEASED", "ABORTED"));
            JsonPath v = as("auditor").get("/api/v1/audit/verify").then().statusCode(200).extract().jsonPath();
            assertThat(v.getBoolean("valid")).isFalse();
            assertThat(v.getLong("firstBrokenId")).isEqualTo(id);
            assertThat(v.getLong("checked")).isGreaterThanOrEqualTo(Db.count(db, "SELECT count(*) FROM audit_event"));
            PageSession auditor = PageSession.login("auditor");
            given().filter(auditor).get("/audit?verify=true").then().statusCode(200)
                    .body(containsString("Chain broken")).body(containsString("#" + id));
        } finally {
            rewrite(id, original);
        }
        as("auditor").get("/api/v1/audit/verify").then().body("valid", equalTo(true)).body("firstBrokenId", equalTo(null));
    }

    private String original(long id) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT after::text FROM audit_event WHERE id = ?")) {
            ps.setLong(1, id);
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    private void rewrite(long id, String after) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
                PreparedStatement ps = c.prepareStatement("UPDATE audit_event SET after = ?::jsonb WHERE id = ?")) {
            s.execute("ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_update_delete");
            try {
                ps.setString(1, after);
                ps.setLong(2, id);
                assertThat(ps.executeUpdate()).isEqualTo(1);
            } finally {
                s.execute("ALTER TABLE audit_event ENABLE TRIGGER audit_event_no_update_delete");
            }
        }
    }
}
