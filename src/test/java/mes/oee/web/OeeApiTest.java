package mes.oee.web;

import static mes.support.Api.as;
import static mes.support.Api.id;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import mes.support.Api;
import org.junit.jupiter.api.Test;

/**
 * The figures API over facts that went through ingestion, checked against figures worked out by
 * hand for a 40-minute scenario: running, a 5-minute jam, running, a silence, running.
 */
@QuarkusTest
public class OeeApiTest {

    public record Plant(String site, String line, String machine) {
    }

    /** A site in UTC planned round the clock (two 12-hour shifts), a line, a machine with a 10 s ideal cycle. */
    public static Plant plant(boolean calendar) {
        Api.Hierarchy h = Api.hierarchy("UTC");
        String site = h.site();
        String line = h.line();
        String machine = id("M");
        as("admin").body(Map.of("name", "M", "lineId", line, "idealCycleTimeSeconds", 10, "heartbeatTimeoutSeconds", 60))
                .put("/api/v1/machines/" + machine).then().statusCode(201);
        if (calendar) {
            as("admin").body("""
                    {"shifts": [{"name": "day", "days": ["MON","TUE","WED","THU","FRI","SAT","SUN"], "start": "00:00", "end": "12:00"},
                                {"name": "night", "days": ["MON","TUE","WED","THU","FRI","SAT","SUN"], "start": "12:00", "end": "00:00"}]}
                    """).put("/api/v1/sites/" + site + "/calendar").then().statusCode(200);
        }
        return new Plant(site, line, machine);
    }

    /** The scenario's messages, every 10 s for 40 minutes from t0, silent from 30:00 to 34:50. */
    public static List<String> scenario(String machine, Instant t0) {
        List<String> out = new ArrayList<>();
        int running = 0;
        long scrap = 0;
        for (int k = 0; k < 240; k++) {
            if (k >= 180 && k < 210) {
                continue;
            }
            boolean down = k >= 60 && k < 90;
            if (!down) {
                running++;
            }
            if (k == 100) {
                scrap = 1;
            }
            out.add("{\"machineId\":\"" + machine + "\",\"ts\":\"" + t0.plusSeconds(10L * k) + "\",\"state\":\""
                    + (down ? "DOWN\",\"reason\":\"JAM" : "RUNNING") + "\",\"counters\":{\"good\":" + (1000 + running)
                    + ",\"scrap\":" + scrap + "}}");
        }
        return out;
    }

    public static Instant t0() {
        return Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MINUTES);
    }

    public static void ingestShuffled(List<String> messages, long seed) {
        List<String> shuffled = new ArrayList<>(messages);
        Collections.shuffle(shuffled, new Random(seed));
        for (int i = 0; i < shuffled.size(); i += 37) {
            as("gateway").body("[" + String.join(",", shuffled.subList(i, Math.min(i + 37, shuffled.size()))) + "]")
                    .post("/api/v1/readings").then().statusCode(200);
        }
    }

    public static JsonPath oee(String scope, String id, Instant from, Instant to, String groupBy) {
        var request = as("operator").queryParam("scope", scope).queryParam("id", id).queryParam("from", from.toString())
                .queryParam("to", to.toString());
        if (groupBy != null) {
            request = request.queryParam("groupBy", groupBy);
        }
        return request.get("/api/v1/oee").then().statusCode(200).extract().jsonPath()
                .using(new JsonPathConfig(JsonPathConfig.NumberReturnType.DOUBLE)); // full precision, as the API sends it
    }

    @Test
    void theFiguresOfAMachineEqualTheOnesWorkedOutByHandWhateverTheArrivalOrder() {
        Plant p = plant(true);
        Instant t0 = t0();
        ingestShuffled(scenario(p.machine(), t0), 7);
        Instant t1 = t0.plusSeconds(2400);

        JsonPath m = oee("machine", p.machine(), t0, t1, null);
        assertThat(m.getDouble("pot")).isEqualTo(2400.0);
        assertThat(m.getDouble("pbt")).isEqualTo(2400.0);
        assertThat(m.getDouble("apt")).isEqualTo(1850.0);
        assertThat(m.getDouble("adot")).isEqualTo(550.0);
        assertThat(m.getLong("gq")).isEqualTo(179);
        assertThat(m.getLong("sq")).isEqualTo(1);
        assertThat(m.getLong("pq")).isEqualTo(180);
        assertThat(m.getDouble("availability")).isCloseTo(1850.0 / 2400, within(1e-12));
        assertThat(m.getDouble("effectiveness")).isCloseTo(1800.0 / 1850, within(1e-12));
        assertThat(m.getDouble("quality")).isCloseTo(179.0 / 180, within(1e-12));
        assertThat(m.getDouble("oee")).isCloseTo(1790.0 / 2400, within(1e-12));
        assertThat(m.getList("flags")).isEmpty();

        // the line and site aggregate the one machine to the same figures
        assertThat(oee("line", p.line(), t0, t1, null).getDouble("oee")).isCloseTo(1790.0 / 2400, within(1e-12));
        assertThat(oee("site", p.site(), t0, t1, null).getDouble("apt")).isEqualTo(1850.0);

        List<Map<String, Object>> states = as("auditor").queryParam("from", t0.toString()).queryParam("to", t1.toString())
                .get("/api/v1/machines/" + p.machine() + "/states").then().statusCode(200).extract().jsonPath().getList("");
        assertThat(states).extracting(s -> s.get("state")).containsExactly("RUNNING", "DOWN", "RUNNING", "OFFLINE", "RUNNING");
        assertThat(states.get(1)).containsEntry("reason", "JAM").containsEntry("from", t0.plusSeconds(600).toString());
        assertThat(states.get(3)).containsEntry("from", t0.plusSeconds(1850).toString()).containsEntry("to", t0.plusSeconds(2100).toString());

        JsonPath losses = as("quality").queryParam("scope", "machine").queryParam("id", p.machine())
                .queryParam("from", t0.toString()).queryParam("to", t1.toString()).get("/api/v1/oee/losses")
                .then().statusCode(200).extract().jsonPath();
        assertThat(losses.getDouble("breakdowns")).isEqualTo(550.0);
        assertThat(losses.getDouble("reducedSpeed")).isCloseTo(1850 - 1800, within(1e-9));
        assertThat(losses.getDouble("scrap")).isCloseTo(10.0, within(1e-9));
        assertThat(losses.getList("pareto.reason")).containsExactly("JAM", "OFFLINE");
        assertThat(losses.getList("pareto.seconds", Double.class)).containsExactly(300.0, 250.0);
        // by loss category: the site has no reason tree, so the jam is unclassified; the silence is "no data", never a breakdown
        assertThat(losses.getList("categories.category")).containsExactly("UNCLASSIFIED", "NO_DATA");
        assertThat(losses.getList("categories.seconds", Double.class)).containsExactly(300.0, 250.0);
    }

    @Test
    void bucketsAddUpToTheWholeWindow() {
        Plant p = plant(true);
        Instant t0 = t0();
        ingestShuffled(scenario(p.machine(), t0), 8);
        Instant t1 = t0.plusSeconds(2400);
        JsonPath hours = oee("machine", p.machine(), t0, t1, "hour");
        List<Double> apt = hours.getList("buckets.apt", Double.class);
        assertThat(apt.stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(1850.0, within(1e-9));
        assertThat(hours.getList("buckets.gq", Integer.class).stream().mapToInt(Integer::intValue).sum()).isEqualTo(179);
        JsonPath shifts = oee("line", p.line(), t0, t1, "shift");
        assertThat(shifts.getList("buckets.pbt", Double.class).stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(2400, within(1e-9));
        assertThat(oee("site", p.site(), t0, t1, "day").getList("buckets")).isNotEmpty();
    }

    @Test
    void anOperatorsReasonReplacesTheReportedOneForItsTimeOnly() {
        Plant p = plant(true);
        Instant t0 = t0();
        ingestShuffled(scenario(p.machine(), t0), 9);
        as("operator").body(Map.of("from", t0.plusSeconds(600).toString(), "to", t0.plusSeconds(720).toString(),
                "reason", "COOLANT_LEAK")).post("/api/v1/machines/" + p.machine() + "/downtime-reasons").then().statusCode(201);
        as("supervisor").body(Map.of("from", t0.plusSeconds(690).toString(), "to", t0.plusSeconds(750).toString(),
                "reason", "SPINDLE")).post("/api/v1/machines/" + p.machine() + "/downtime-reasons").then().statusCode(201);
        JsonPath losses = as("operator").queryParam("scope", "machine").queryParam("id", p.machine())
                .queryParam("from", t0.toString()).queryParam("to", t0.plusSeconds(2400).toString()).get("/api/v1/oee/losses")
                .then().statusCode(200).extract().jsonPath();
        assertThat(losses.getMap("pareto.collectEntries { [it.reason, it.seconds] }")).containsEntry("COOLANT_LEAK", 90f)
                .containsEntry("SPINDLE", 60f).containsEntry("JAM", 150f).containsEntry("OFFLINE", 250f);
        as("quality").body(Map.of("from", t0.toString(), "to", t0.plusSeconds(60).toString(), "reason", "X"))
                .post("/api/v1/machines/" + p.machine() + "/downtime-reasons").then().statusCode(403);
        as("operator").body(Map.of("from", t0.plusSeconds(60).toString(), "to", t0.toString(), "reason", "X"))
                .post("/api/v1/machines/" + p.machine() + "/downtime-reasons").then().statusCode(400)
                .body("detail", containsString("from must be before to"));
    }

    @Test
    void timeBeforeAMachineWasCommissionedIsNotPlanned() {
        Plant p = plant(true);
        Instant t0 = t0();
        Instant hourBefore = t0.minusSeconds(3600);
        Instant t1 = t0.plusSeconds(2400);
        // never heard from, no commissioning date: nothing is planned yet, nothing is downtime
        JsonPath unheard = oee("machine", p.machine(), hourBefore, t1, null);
        assertThat(unheard.getDouble("pot")).isZero();
        assertThat(unheard.getList("flags")).containsExactly("NOT_SCHEDULED");

        // commissioned by its first message at t0: the hour before it counts nowhere
        ingestShuffled(scenario(p.machine(), t0), 11);
        JsonPath byFirstMessage = oee("machine", p.machine(), hourBefore, t1, null);
        assertThat(byFirstMessage.getDouble("pot")).isEqualTo(2400.0);
        assertThat(byFirstMessage.getDouble("adot")).isEqualTo(550.0);
        assertThat(oee("line", p.line(), hourBefore, t1, "hour").getList("buckets.pot", Double.class).stream()
                .mapToDouble(Double::doubleValue).sum()).isCloseTo(2400.0, within(1e-9));

        // commissioned by the administrator ten minutes before its first message: those are "no data" (OFFLINE)
        as("admin").body(Map.of("name", "M", "lineId", p.line(), "idealCycleTimeSeconds", 10, "heartbeatTimeoutSeconds", 60,
                "commissionedAt", t0.minusSeconds(600).toString())).put("/api/v1/machines/" + p.machine()).then().statusCode(200)
                .body("commissionedAt", equalTo(t0.minusSeconds(600).toString()));
        JsonPath byDate = oee("machine", p.machine(), hourBefore, t1, null);
        assertThat(byDate.getDouble("pot")).isEqualTo(3000.0);
        assertThat(byDate.getDouble("adot")).isEqualTo(1150.0);
        assertThat(byDate.getDouble("apt")).isEqualTo(1850.0);

        // commissioned later than its first messages: what came before is outside planned time
        as("admin").body(Map.of("name", "M", "lineId", p.line(), "idealCycleTimeSeconds", 10, "heartbeatTimeoutSeconds", 60,
                "commissionedAt", t0.plusSeconds(1200).toString())).put("/api/v1/machines/" + p.machine()).then().statusCode(200);
        JsonPath later = oee("machine", p.machine(), hourBefore, t1, null);
        assertThat(later.getDouble("pot")).isEqualTo(1200.0);
        assertThat(later.getDouble("adot")).isEqualTo(250.0); // the silence (30:50-35:00 past the heartbeat timeout), inside 20:00-40:00
        as("admin").body(Map.of("name", "M", "lineId", p.line(), "idealCycleTimeSeconds", 10,
                "commissionedAt", "last tuesday")).put("/api/v1/machines/" + p.machine()).then().statusCode(400)
                .body("detail", containsString("commissionedAt"));
    }

    @Test
    void aSiteWithoutACalendarIsNotScheduled() {
        Plant p = plant(false);
        Instant t0 = t0();
        ingestShuffled(scenario(p.machine(), t0), 10);
        JsonPath m = oee("machine", p.machine(), t0, t0.plusSeconds(2400), null);
        assertThat(m.getDouble("pot")).isZero();
        assertThat(m.getDouble("pbt")).isZero();
        assertThat(m.get("availability") == null && m.get("effectiveness") == null && m.get("quality") == null
                && m.get("oee") == null).isTrue();
        assertThat(m.getList("flags")).containsExactly("NOT_SCHEDULED");
    }

    @Test
    void badQueriesAreAnsweredWithProblems() {
        Plant p = plant(true);
        String from = t0().toString();
        String to = t0().plusSeconds(60).toString();
        as("operator").queryParam("scope", "plant").queryParam("id", p.site()).queryParam("from", from).queryParam("to", to)
                .get("/api/v1/oee").then().statusCode(400).body("detail", containsString("scope 'plant' is not one of"));
        as("operator").queryParam("scope", "site").queryParam("from", from).queryParam("to", to)
                .get("/api/v1/oee").then().statusCode(400).body("detail", containsString("id is required"));
        as("operator").queryParam("scope", "line").queryParam("id", "NOPE").queryParam("from", from).queryParam("to", to)
                .get("/api/v1/oee").then().statusCode(404).body("detail", equalTo("No line NOPE"));
        as("operator").queryParam("scope", "site").queryParam("id", p.site()).queryParam("from", "today").queryParam("to", to)
                .get("/api/v1/oee").then().statusCode(400).body("detail", containsString("from 'today' is not an RFC 3339"));
        as("operator").queryParam("scope", "site").queryParam("id", p.site()).queryParam("from", to).queryParam("to", from)
                .get("/api/v1/oee").then().statusCode(400);
        as("operator").queryParam("scope", "site").queryParam("id", p.site()).queryParam("from", "2020-01-01T00:00:00Z")
                .queryParam("to", to).get("/api/v1/oee").then().statusCode(400).body("detail", containsString("longer than 92 days"));
        as("operator").queryParam("scope", "site").queryParam("id", p.site()).queryParam("from", from).queryParam("to", to)
                .queryParam("groupBy", "week").get("/api/v1/oee").then().statusCode(400);
        as("gateway").queryParam("scope", "site").queryParam("id", p.site()).queryParam("from", from).queryParam("to", to)
                .get("/api/v1/oee").then().statusCode(403);
        mes.support.Api.anonymous().get("/api/v1/oee").then().statusCode(401);
        as("operator").queryParam("from", from).queryParam("to", to).get("/api/v1/machines/NOPE/states").then().statusCode(404);
    }
}
