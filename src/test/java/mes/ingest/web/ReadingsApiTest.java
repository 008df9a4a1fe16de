package mes.ingest.web;

import static mes.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import mes.support.Api;
import mes.support.Db;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ReadingsApiTest {

    @Inject
    AgroalDataSource db;

    private static String ts(Instant t) {
        return t.truncatedTo(ChronoUnit.MILLIS).toString();
    }

    private static String message(String machine, Instant t, String state, long good, double temp) {
        return "{\"machineId\":\"" + machine + "\",\"ts\":\"" + ts(t) + "\",\"state\":\"" + state + "\","
                + "\"counters\":{\"good\":" + good + ",\"scrap\":1},\"values\":{\"spindle_temp_c\":" + temp + "}}";
    }

    private long count(String sql, Object... args) throws Exception {
        return Db.count(db, sql, args);
    }

    @Test
    void acceptedMessagesAreStoredAsFactsAndTheMachineShowsItsState() throws Exception {
        String machine = Api.machine();
        Instant t = Instant.now().minusSeconds(30);
        String body = "[" + message(machine, t, "RUNNING", 100, 61.5) + ","
                + message(machine, t.plusSeconds(10), "DOWN", 104, 62.0).replace("\"DOWN\"", "\"DOWN\",\"reason\":\"JAM\"")
                + "]";
        as("gateway").body(body).post("/api/v1/readings").then().statusCode(200)
                .body("accepted", equalTo(2)).body("duplicates", equalTo(0)).body("rejected", empty());

        assertThat(count("SELECT count(*) FROM machine_state_event WHERE machine_id = ?", machine)).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM counter_sample WHERE machine_id = ?", machine)).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM sensor_reading r JOIN machine_sensor s ON s.id = r.sensor_id"
                + " WHERE s.machine_id = ? AND s.name = 'spindle_temp_c'", machine)).isEqualTo(2);
        as("operator").get("/api/v1/machines/" + machine).then().statusCode(200)
                .body("state", equalTo("DOWN")).body("reason", equalTo("JAM"))
                .body("stateSince", equalTo(ts(t.plusSeconds(10))));
    }

    @Test
    void aRedeliveredPayloadIsCountedAsDuplicatesAndChangesNothing() throws Exception {
        String machine = Api.machine();
        Instant t = Instant.now().minusSeconds(60);
        String body = "[" + message(machine, t, "RUNNING", 10, 60) + "," + message(machine, t.plusSeconds(1), "RUNNING", 11, 60.2) + "]";
        as("gateway").body(body).post("/api/v1/readings").then().statusCode(200).body("accepted", equalTo(2));
        as("gateway").body(body).post("/api/v1/readings").then().statusCode(200)
                .body("accepted", equalTo(0)).body("duplicates", equalTo(2));
        assertThat(count("SELECT count(*) FROM counter_sample WHERE machine_id = ?", machine)).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM sensor_reading r JOIN machine_sensor s ON s.id = r.sensor_id"
                + " WHERE s.machine_id = ?", machine)).isEqualTo(2);
    }

    @Test
    void rejectedMessagesAreNamedByIndexAndKeptInQuarantineWhileTheRestIsStored() throws Exception {
        String machine = Api.machine();
        Instant now = Instant.now();
        List<String> items = new ArrayList<>();
        items.add(message(machine, now.minusSeconds(5), "RUNNING", 1, 60));
        items.add(message("NO-SUCH-MACHINE", now.minusSeconds(5), "RUNNING", 1, 60));
        items.add(message(machine, now.minus(Duration.ofDays(8)), "RUNNING", 1, 60));
        items.add(message(machine, now.plus(Duration.ofMinutes(10)), "RUNNING", 1, 60));
        items.add(message(machine, now.minusSeconds(4), "RUNNING", 1, 60).replace("60.0", "\"NaN\""));
        items.add("{}");
        long quarantinedBefore = count("SELECT count(*) FROM quarantined_message");
        as("gateway").body("[" + String.join(",", items) + "]").post("/api/v1/readings").then().statusCode(200)
                .body("accepted", equalTo(1))
                .body("rejected", hasSize(5))
                .body("rejected[0].index", equalTo(1))
                .body("rejected[0].reason", containsString("'NO-SUCH-MACHINE' is not a registered machine"))
                .body("rejected[1].reason", containsString("older than the retention horizon"))
                .body("rejected[2].reason", containsString("in the future"))
                .body("rejected[3].reason", containsString("values.spindle_temp_c must be a number"))
                .body("rejected[4].reason", containsString("machineId is required"));
        assertThat(count("SELECT count(*) FROM quarantined_message")).isEqualTo(quarantinedBefore + 5);
        assertThat(count("SELECT count(*) FROM quarantined_message WHERE source = 'HTTP' AND machine_id = ?"
                + " AND reason LIKE '%older than%' AND convert_from(raw, 'UTF8') LIKE '%\"ts\"%'", machine)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM counter_sample WHERE machine_id = ?", machine)).isEqualTo(1);
    }

    @Test
    void everyClassOfBadInputIsQuarantinedWithItsReasonAndThePipelineKeepsGoing() throws Exception {
        String m = Api.machine();
        String ts = ts(Instant.now().minusSeconds(10));
        String[][] cases = {
            {"{\"machineId\":\"" + m + "\",\"ts\":\"" + ts + "\",\"state\":\"HALTED\"}", "state 'HALTED' is not one of"},
            {"{\"machineId\":\"" + m + "\",\"ts\":\"" + ts + "\",\"counters\":{\"good\":\"7\"}}", "counters.good must be an integer"},
            {"{\"machineId\":\"" + m + "\",\"ts\":\"" + ts + "\",\"values\":{\"t\":\"NaN\"}}", "values.t must be a number"},
            {"{\"machineId\":\"" + m + "\",\"ts\":\"" + ts + "\",\"values\":{\"t\":\"-Infinity\"}}", "values.t must be a number"},
            {"{\"machineId\":\"" + m + "\",\"ts\":\"" + ts + "\",\"values\":{\"Bad-Name\":1}}", "sensor name 'Bad-Name'"},
            {"{\"machineId\":\"" + m + "\",\"ts\":\"" + ts + "\",\"values\":{" + java.util.stream.IntStream.range(0, 300)
                    .mapToObj(i -> "\"s" + i + "\":1").collect(java.util.stream.Collectors.joining(",")) + "}}", "at most 256"},
            {"{\"machineId\":\"" + m + "\",\"ts\":\"" + ts + "\",\"state\":\"IDLE\",\"pad\":\"" + "x".repeat(70_000) + "\"}",
                "at most 65536"},
            {"{\"machineId\":\"" + m + "\",\"ts\":\"" + ts(Instant.now().minus(Duration.ofDays(9))) + "\",\"state\":\"IDLE\"}",
                "older than the retention horizon"},
            {"{\"machineId\":\"" + m + "\",\"ts\":\"" + ts(Instant.now().plus(Duration.ofHours(1))) + "\",\"state\":\"IDLE\"}",
                "in the future"},
            {"{\"machineId\":\"UNKNOWN-" + m + "\",\"ts\":\"" + ts + "\",\"state\":\"IDLE\"}", "is not a registered machine"},
            {"{\"machineId\":\"" + m + "\",\"ts\":\"" + ts + "\",\"state\":1}", "state must be a string"},
            {"{}", "machineId is required"},
        };
        for (String[] c : cases) {
            long before = count("SELECT count(*) FROM quarantined_message");
            as("gateway").body(c[0]).post("/api/v1/readings").then().statusCode(200)
                    .body("accepted", equalTo(0)).body("rejected[0].reason", containsString(c[1]));
            assertThat(count("SELECT count(*) FROM quarantined_message")).as(c[1]).isEqualTo(before + 1);
        }
        String[][] unusable = {
            {"{\"machineId\":\"" + m + "\",\"ts\":\"" + ts + "\",\"values\":{\"t\":NaN}}", "not JSON"},
            {"{\"machineId\":\"" + m + "\",\"ts\":\"" + ts + "\",\"values\":{\"t\":Infinity}}", "not JSON"},
            {"[" + java.util.stream.IntStream.range(0, 1001).mapToObj(i -> "{}").collect(java.util.stream.Collectors.joining(",")) + "]",
                "more than 1000 messages"},
            {"[]", "the array is empty"},
        };
        for (String[] c : unusable) {
            long before = count("SELECT count(*) FROM quarantined_message");
            as("gateway").body(c[0]).post("/api/v1/readings").then().statusCode(400).body("detail", containsString(c[1]));
            assertThat(count("SELECT count(*) FROM quarantined_message")).as(c[1]).isEqualTo(before + 1);
        }
        as("gateway").body(message(m, Instant.now().minusSeconds(2), "RUNNING", 1, 60)).post("/api/v1/readings")
                .then().statusCode(200).body("accepted", equalTo(1));
    }

    @Test
    void aBodyThatIsNotJsonIsAnswered400AndKeptInQuarantine() throws Exception {
        String marker = Api.id("garbage");
        as("gateway").body("this is not json " + marker).post("/api/v1/readings").then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("not JSON"));
        assertThat(count("SELECT count(*) FROM quarantined_message WHERE convert_from(raw, 'UTF8') LIKE ?",
                "%" + marker + "%")).isEqualTo(1);
    }

    @Test
    void aBodyAboveOneMebibyteIsRefusedWith413() {
        as("gateway").body("[" + "x".repeat(1_100_000) + "]").post("/api/v1/readings").then().statusCode(413);
    }

    @Test
    void onlyGatewaysAndAdministratorsMayIngest() {
        String body = message(Api.machine(), Instant.now().minusSeconds(1), "IDLE", 1, 60);
        for (String user : List.of("operator", "supervisor", "quality", "auditor")) {
            as(user).body(body).post("/api/v1/readings").then().statusCode(403);
        }
        Api.anonymous().body(body).post("/api/v1/readings").then().statusCode(401);
        as("admin").body(body).post("/api/v1/readings").then().statusCode(200).body("accepted", equalTo(1));
    }
}
