package mes.maintenance.web;

import static mes.support.Api.as;
import static mes.support.Api.id;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import java.time.Instant;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import mes.support.Api;
import org.junit.jupiter.api.Test;

/** contracts/maintenance.md through the API: the reason tree, and MTBF and MTTR from facts that went through ingest. */
@QuarkusTest
class MaintenanceApiTest {

    static final String TREE = """
            {"reasons": [{"code": "MECH", "name": "Mechanical", "category": "BREAKDOWN"},
                         {"code": "TOOL_BREAK", "name": "Tool break", "parent": "MECH"},
                         {"code": "NO_MATERIAL", "name": "No material", "category": "MATERIAL"}]}
            """;

    record Plant(Api.Hierarchy h, String machine, Instant day) {
        Instant at(String hhmm) {
            return day.plusSeconds(LocalTime.parse(hhmm).toSecondOfDay());
        }
    }

    /** The worked example's plant: UTC, 06:00-14:00 with a break 10:00-10:30, every day; a machine with the default threshold. */
    static Plant plant() {
        Api.Hierarchy h = Api.hierarchy("UTC");
        String machine = id("M");
        as("admin").body(Map.of("name", "M", "lineId", h.line(), "idealCycleTimeSeconds", 10))
                .put("/api/v1/machines/" + machine).then().statusCode(201).body("microStopSeconds", equalTo(120));
        as("admin").body("""
                {"shifts": [{"name": "early", "days": ["MON","TUE","WED","THU","FRI","SAT","SUN"], "start": "06:00", "end": "14:00",
                             "breaks": [{"start": "10:00", "end": "10:30"}]}]}
                """).put("/api/v1/sites/" + h.site() + "/calendar").then().statusCode(200);
        as("admin").body(TREE).put("/api/v1/sites/" + h.site() + "/downtime-reasons").then().statusCode(200);
        return new Plant(h, machine, Instant.now().truncatedTo(ChronoUnit.DAYS).minus(2, ChronoUnit.DAYS));
    }

    /** The worked example's messages, heartbeats every 30 s from 06:00 to 14:00. */
    static List<String> workedExample(Plant p) {
        Map<String, String> states = new java.util.LinkedHashMap<>();
        states.put("06:00", "RUNNING");
        states.put("07:00", "DOWN\",\"reason\":\"TOOL_BREAK");
        states.put("07:20", "RUNNING");
        states.put("08:00", "DOWN\",\"reason\":\"NO_MATERIAL");
        states.put("08:30", "RUNNING");
        states.put("09:00", "DOWN\",\"reason\":\"TOOL_BREAK");
        states.put("09:01", "RUNNING");
        states.put("11:00", "DOWN\",\"reason\":\"SPINDLE_X");
        states.put("11:40", "RUNNING");
        List<String> out = new ArrayList<>();
        for (Instant t = p.at("06:00"); t.isBefore(p.at("14:00")); t = t.plusSeconds(30)) {
            String hhmm = t.toString().substring(11, 16);
            String state = t.getEpochSecond() % 60 == 0 ? states.get(hhmm) : null;
            out.add("{\"machineId\":\"" + p.machine() + "\",\"ts\":\"" + t + "\","
                    + (state == null ? "\"values\":{\"spindle_temp_c\":60}" : "\"state\":\"" + state + "\"") + "}");
        }
        return out;
    }

    static void ingest(List<String> messages, long seed) {
        mes.oee.web.OeeApiTest.ingestShuffled(messages, seed);
    }

    static JsonPath kpis(String user, String scope, String id, Instant from, Instant to) {
        return as(user).queryParam("scope", scope).queryParam("id", id).queryParam("from", from.toString())
                .queryParam("to", to.toString()).get("/api/v1/maintenance/kpis").then().statusCode(200).extract().jsonPath()
                .using(new JsonPathConfig(JsonPathConfig.NumberReturnType.DOUBLE));
    }

    @Test
    void theWorkedExampleOfTheContractWhateverTheArrivalOrderAndAfterRedelivery() {
        Plant p = plant();
        List<String> messages = workedExample(p);
        ingest(messages, 11);
        JsonPath k = kpis("operator", "machine", p.machine(), p.at("06:00"), p.at("14:00"));
        assertThat(k.getDouble("failures")).isEqualTo(2.0);
        assertThat(k.getDouble("minorStops")).isEqualTo(1.0);
        assertThat(k.getDouble("failureSeconds")).isEqualTo(3_600.0);
        assertThat(k.getDouble("apt")).isEqualTo(359 * 60.0);
        assertThat(k.getDouble("mttr")).isEqualTo(1_800.0);
        assertThat(k.getDouble("mtbf")).isEqualTo(10_770.0);
        assertThat(k.getList("flags")).isEmpty();
        assertThat(k.getString("scope")).isEqualTo("machine");
        assertThat(k.getString("from")).isEqualTo(p.at("06:00").toString());

        // the loss Pareto by the tree's categories: the unknown SPINDLE_X 40 min, missing material 30, the 07:00 tool break 20,
        // and the one-minute tool break at 09:00 a minor stop (shorter than the threshold), as the KPIs class it
        JsonPath losses = as("operator").queryParam("scope", "line").queryParam("id", p.h().line()).queryParam("from", p.at("06:00").toString())
                .queryParam("to", p.at("14:00").toString()).get("/api/v1/oee/losses").then().statusCode(200).extract().jsonPath();
        assertThat(losses.getList("categories.category")).containsExactly("UNCLASSIFIED", "MATERIAL", "BREAKDOWN", "MINOR_STOP");
        assertThat(losses.getList("categories.seconds", Double.class)).containsExactly(2_400.0, 1_800.0, 1_200.0, 60.0);
        // a window that starts inside the 07:00 stop sees it whole: a part of a long stop is no minor stop
        assertThat(as("operator").queryParam("scope", "machine").queryParam("id", p.machine()).queryParam("from", p.at("07:19").toString())
                .queryParam("to", p.at("09:30").toString()).get("/api/v1/oee/losses").then().statusCode(200).extract().jsonPath()
                .getList("categories.category")).containsExactly("MATERIAL", "BREAKDOWN", "MINOR_STOP");

        ingest(messages, 12); // redelivered in another order: nothing changes
        JsonPath again = kpis("auditor", "machine", p.machine(), p.at("06:00"), p.at("14:00"));
        assertThat(again.getMap("")).isEqualTo(k.getMap(""));

        // the line and the site sum the one machine's facts: the same figures
        assertThat(kpis("quality", "line", p.h().line(), p.at("06:00"), p.at("14:00")).getDouble("mtbf")).isEqualTo(10_770.0);
        assertThat(kpis("supervisor", "site", p.h().site(), p.at("06:00"), p.at("14:00")).getDouble("mttr")).isEqualTo(1_800.0);
        JsonPath area = kpis("admin", "area", p.h().area(), p.at("06:00"), p.at("14:00"));
        assertThat(area.getDouble("failures")).isEqualTo(2.0);

        // a shorter threshold: the 09:00 minute is a failure now
        as("admin").body(Map.of("name", "M", "lineId", p.h().line(), "idealCycleTimeSeconds", 10, "microStopSeconds", 30))
                .put("/api/v1/machines/" + p.machine()).then().statusCode(200).body("microStopSeconds", equalTo(30));
        JsonPath shorter = kpis("operator", "machine", p.machine(), p.at("06:00"), p.at("14:00"));
        assertThat(shorter.getDouble("failures")).isEqualTo(3.0);
        assertThat(shorter.getDouble("minorStops")).isEqualTo(0.0);
        assertThat(shorter.getDouble("failureSeconds")).isEqualTo(3_660.0);
    }

    @Inject
    io.agroal.api.AgroalDataSource db;

    @Test
    void failuresWhoseMaintenanceCallWasAnsweredSplitIntoResponseAndRepair() throws Exception {
        Plant p = plant();
        ingest(workedExample(p), 5);
        // the 07:00 tool break answered at 07:05, the 11:00 failure at 11:30; a call answered during the 08:00 material stop
        for (String[] call : List.of(new String[] {"06:58", "07:05", "07:25"}, new String[] {"11:10", "11:30", "11:45"},
                new String[] {"08:05", "08:10", "08:20"})) {
            try (var c = db.getConnection(); var ps = c.prepareStatement("INSERT INTO andon_call (machine_id, target, status, called_by,"
                    + " called_at, acknowledged_by, acknowledged_at, resolved_by, resolved_at, resolution)"
                    + " VALUES (?, 'MAINTENANCE', 'RESOLVED', 'operator', ?, 'maintenance', ?, 'maintenance', ?, 'fixed')")) {
                ps.setString(1, p.machine());
                for (int i = 0; i < 3; i++) {
                    ps.setTimestamp(i + 2, java.sql.Timestamp.from(p.at(call[i])));
                }
                ps.executeUpdate();
            }
        }
        JsonPath k = kpis("supervisor", "machine", p.machine(), p.at("06:00"), p.at("14:00"));
        assertThat(k.getDouble("mttr")).isEqualTo(1_800.0);
        assertThat(k.getInt("answeredFailures")).isEqualTo(2);
        assertThat(k.getDouble("meanResponse")).isEqualTo((5 * 60 + 30 * 60) / 2.0);
        assertThat(k.getDouble("meanRepair")).isEqualTo((15 * 60 + 10 * 60) / 2.0);
        // the site sums them
        assertThat(kpis("supervisor", "site", p.h().site(), p.at("06:00"), p.at("14:00")).getInt("answeredFailures")).isEqualTo(2);
    }

    @Test
    void aFailureGoingOnNowCountsUpToNowAndIsFlagged() {
        Plant p = plant();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant down = now.minusSeconds(600);
        List<String> messages = new ArrayList<>();
        for (Instant t = now.minusSeconds(1200); t.isBefore(now); t = t.plusSeconds(5)) {
            messages.add("{\"machineId\":\"" + p.machine() + "\",\"ts\":\"" + t + "\",\"state\":\""
                    + (t.isBefore(down) ? "RUNNING" : "DOWN\",\"reason\":\"TOOL_BREAK") + "\"}");
        }
        ingest(messages, 1);
        for (Instant to : List.of(now.minusSeconds(300), now.plusSeconds(60))) {
            JsonPath k = kpis("operator", "machine", p.machine(), now.minusSeconds(1200), to);
            assertThat(k.getDouble("failures")).as("to %s", to).isEqualTo(1.0);
            assertThat(k.getDouble("failureSeconds")).as("to %s", to).isGreaterThanOrEqualTo(600.0);
            assertThat(k.getList("flags")).as("to %s", to).containsExactly("FAILURE_ONGOING");
        }
        // repaired: the failure ends, and no figure of this plant goes on changing under other tests' reports
        ingest(List.of("{\"machineId\":\"" + p.machine() + "\",\"ts\":\"" + Instant.now().truncatedTo(ChronoUnit.MILLIS) + "\",\"state\":\"RUNNING\"}"), 1);
        assertThat(kpis("operator", "machine", p.machine(), now.minusSeconds(1200), now.plusSeconds(60)).getList("flags")).isEmpty();
    }

    @Test
    void aWindowWithoutFailuresHasNoMtbfOrMttr() {
        Plant p = plant();
        ingest(workedExample(p), 5);
        JsonPath k = kpis("operator", "machine", p.machine(), p.at("12:00"), p.at("14:00"));
        assertThat(k.getDouble("failures")).isEqualTo(0.0);
        assertThat((Object) k.get("mtbf")).isNull();
        assertThat((Object) k.get("mttr")).isNull();
        assertThat(k.getList("flags")).containsExactly("NO_FAILURES");
    }

    @Test
    void theTreeIsReplacedWholeAndABadTreeIsRefusedNamingItWithNothingStored() {
        Plant p = plant();
        String path = "/api/v1/sites/" + p.h().site() + "/downtime-reasons";
        as("operator").get(path).then().statusCode(200).body("reasons.code", equalTo(List.of("MECH", "TOOL_BREAK", "NO_MATERIAL")))
                .body("reasons[1].parent", equalTo("MECH")).body("reasons[1].category", nullValue());

        as("admin").body("{\"reasons\": [{\"code\": \"A\", \"name\": \"a\", \"category\": \"OTHER\"}, {\"code\": \"A\", \"name\": \"b\", \"category\": \"OTHER\"}]}")
                .put(path).then().statusCode(400).body("detail", containsString("A is in the tree twice"));
        as("admin").body("{\"reasons\": [{\"code\": \"A\", \"name\": \"a\", \"parent\": \"NOPE\"}]}")
                .put(path).then().statusCode(400).body("detail", containsString("its parent NOPE is not in the tree"));
        as("admin").body("{\"reasons\": [{\"code\": \"A\", \"name\": \"a\", \"parent\": \"B\"}, {\"code\": \"B\", \"name\": \"b\", \"parent\": \"A\"}]}")
                .put(path).then().statusCode(400).body("detail", containsString("cycle"));
        as("admin").body("{\"reasons\": [{\"code\": \"A\", \"name\": \"a\", \"category\": \"BROKEN\"}]}")
                .put(path).then().statusCode(400).body("detail", containsString("category 'BROKEN' is not one of BREAKDOWN"));
        as("admin").body("{\"reasons\": [{\"code\": \"A\"}]}").put(path).then().statusCode(400);
        as("admin").body("{\"reasons\": 3}").put(path).then().statusCode(400);
        as("supervisor").body(TREE).put(path).then().statusCode(403);
        as("admin").body(TREE).put("/api/v1/sites/NO-SUCH-SITE/downtime-reasons").then().statusCode(404);
        as("admin").get("/api/v1/sites/NO-SUCH-SITE/downtime-reasons").then().statusCode(404);
        as("operator").get(path).then().statusCode(200).body("reasons.code", equalTo(List.of("MECH", "TOOL_BREAK", "NO_MATERIAL")));

        as("admin").body("{\"reasons\": [{\"code\": \"TOOL_BREAK\", \"name\": \"Tool break\", \"category\": \"SETUP\"}]}")
                .put(path).then().statusCode(200);
        as("operator").get(path).then().statusCode(200).body("reasons.code", equalTo(List.of("TOOL_BREAK")));

        // the figures follow the tree: a tool break is no failure any more; NO_MATERIAL, which left the tree, is
        // unclassified now and counts as a breakdown like SPINDLE_X
        ingest(workedExample(p), 9);
        JsonPath k = kpis("operator", "machine", p.machine(), p.at("06:00"), p.at("14:00"));
        assertThat(k.getDouble("failures")).isEqualTo(2.0);
        assertThat(k.getDouble("failureSeconds")).isEqualTo(1_800.0 + 2_400.0);
    }

    @Test
    void badQueriesAreRefusedNamingWhatIsWrong() {
        Plant p = plant();
        String path = "/api/v1/maintenance/kpis";
        as("operator").queryParam("scope", "plant").queryParam("id", "x").queryParam("from", "2026-01-01T00:00:00Z")
                .queryParam("to", "2026-01-02T00:00:00Z").get(path).then().statusCode(400).body("detail", containsString("scope 'plant'"));
        as("operator").queryParam("scope", "machine").queryParam("from", "2026-01-01T00:00:00Z")
                .queryParam("to", "2026-01-02T00:00:00Z").get(path).then().statusCode(400).body("detail", containsString("id is required"));
        as("operator").queryParam("scope", "machine").queryParam("id", p.machine()).queryParam("from", "yesterday")
                .queryParam("to", "2026-01-02T00:00:00Z").get(path).then().statusCode(400).body("detail", containsString("from"));
        as("operator").queryParam("scope", "machine").queryParam("id", p.machine()).queryParam("from", "2026-01-02T00:00:00Z")
                .queryParam("to", "2026-01-01T00:00:00Z").get(path).then().statusCode(400);
        as("operator").queryParam("scope", "machine").queryParam("id", p.machine()).queryParam("from", "2025-01-01T00:00:00Z")
                .queryParam("to", "2026-01-01T00:00:00Z").get(path).then().statusCode(400).body("detail", containsString("longer than"));
        as("operator").queryParam("scope", "line").queryParam("id", "NO-SUCH-LINE").queryParam("from", "2026-01-01T00:00:00Z")
                .queryParam("to", "2026-01-02T00:00:00Z").get(path).then().statusCode(404);
        as("gateway").queryParam("scope", "machine").queryParam("id", p.machine()).queryParam("from", "2026-01-01T00:00:00Z")
                .queryParam("to", "2026-01-02T00:00:00Z").get(path).then().statusCode(403);
        Api.anonymous().get(path).then().statusCode(401);
        as("admin").body(Map.of("name", "M", "lineId", p.h().line(), "idealCycleTimeSeconds", 10, "microStopSeconds", -1))
                .put("/api/v1/machines/" + p.machine()).then().statusCode(400).body("detail", containsString("microStopSeconds"));
    }
}
