package mes.anomaly;

import static io.restassured.RestAssured.given;
import static mes.support.Api.anonymous;
import static mes.support.Api.as;
import static mes.support.Api.id;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import mes.support.PageSession;
import mes.equipment.domain.MachineDefinition;
import mes.simulator.LineSimulator;
import mes.simulator.domain.DemoPlant;
import mes.simulator.domain.MachineSimulation;
import mes.support.Api;
import org.junit.jupiter.api.Test;

/** Alerts through the real pipeline: ingestion runs the detectors, the API and the pages show and acknowledge, the job resolves. */
@QuarkusTest
class AlertsTest {

    @Inject
    AlertJob job;

    @Inject
    AnomalyDetection detection;

    @Inject
    LineSimulator simulator;

    static String message(String machine, Instant ts, Map<String, Double> values) {
        StringBuilder v = new StringBuilder();
        values.forEach((k, x) -> v.append(v.length() == 0 ? "" : ",").append('"').append(k).append("\":").append(x));
        return "{\"machineId\":\"" + machine + "\",\"ts\":\"" + ts + "\",\"state\":\"RUNNING\",\"values\":{" + v + "}}";
    }

    static void post(List<String> messages) {
        as("gateway").body("[" + String.join(",", messages) + "]").post("/api/v1/readings").then().statusCode(200)
                .body("rejected", org.hamcrest.Matchers.empty());
    }

    static List<Map<String, Object>> alerts(String machine, String rule) {
        return alerts(machine).stream().filter(a -> rule.equals(a.get("rule"))).toList();
    }

    static List<Map<String, Object>> alerts(String machine) {
        return as("operator").queryParam("machineId", machine).get("/api/v1/alerts").then().statusCode(200).extract().jsonPath()
                .getList("");
    }

    @Test
    void aValueAboveUslOpensOneAlertThatRepeatsAreAcknowledgedAndResolvesWhenQuiet() throws Exception {
        String machine = Api.machine(); // spindle_temp_c: LSL 20, USL 80, target 60
        Instant t0 = Instant.now().minus(10, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        List<String> normal = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            normal.add(message(machine, t0.plusSeconds(i), Map.of("spindle_temp_c", 60.0 + (i % 3))));
        }
        post(normal);
        assertThat(alerts(machine)).isEmpty();

        String hot = message(machine, t0.plusSeconds(30), Map.of("spindle_temp_c", 95.5));
        post(List.of(hot));
        post(List.of(hot)); // redelivered: a duplicate, no second finding
        post(List.of(message(machine, t0.plusSeconds(31), Map.of("spindle_temp_c", 97.0))));
        List<Map<String, Object>> open = alerts(machine);
        assertThat(open).hasSize(1);
        Map<String, Object> a = open.get(0);
        assertThat(a).containsEntry("machineId", machine).containsEntry("sensor", "spindle_temp_c").containsEntry("rule", "LIMIT")
                .containsEntry("severity", "CRITICAL").containsEntry("status", "OPEN").containsEntry("occurrences", 2)
                .containsEntry("openedAt", t0.plusSeconds(30).toString()).containsEntry("value", 97.0f);
        assertThat((String) a.get("message")).contains("above USL 80");
        long id = ((Number) a.get("id")).longValue();

        as("operator").body(Map.of("comment", " ")).post("/api/v1/alerts/" + id + "/acknowledge").then().statusCode(400)
                .body("detail", containsString("comment is required"));
        as("auditor").body(Map.of("comment", "seen")).post("/api/v1/alerts/" + id + "/acknowledge").then().statusCode(403);
        anonymous().get("/api/v1/alerts").then().statusCode(401);
        as("gateway").get("/api/v1/alerts").then().statusCode(403);
        as("operator").body(Map.of("comment", "coolant topped up")).post("/api/v1/alerts/" + id + "/acknowledge").then()
                .statusCode(200).body("status", equalTo("ACKNOWLEDGED")).body("acknowledgedBy", equalTo("operator"))
                .body("comment", equalTo("coolant topped up"));
        as("operator").body(Map.of("comment", "again")).post("/api/v1/alerts/" + id + "/acknowledge").then().statusCode(409)
                .body("detail", containsString("acknowledged by operator"));
        as("operator").body(Map.of("comment", "x")).post("/api/v1/alerts/987654321/acknowledge").then().statusCode(404);
        as("operator").queryParam("status", "SOMETIMES").get("/api/v1/alerts").then().statusCode(400);

        // still hot after the acknowledgement: the same alert counts on
        post(List.of(message(machine, t0.plusSeconds(32), Map.of("spindle_temp_c", 96.0))));
        assertThat(alerts(machine)).singleElement().satisfies(x -> assertThat(x).containsEntry("occurrences", 3)
                .containsEntry("status", "ACKNOWLEDGED"));

        // quiet for the quiet period (10 min of wall clock after the last finding): resolved
        job.check(t0.plusSeconds(32).plus(9, ChronoUnit.MINUTES)); // (the machine is OFFLINE by then: another alert)
        assertThat(alerts(machine, "LIMIT")).singleElement().satisfies(x -> assertThat(x).containsEntry("status", "ACKNOWLEDGED"));
        job.check(t0.plusSeconds(33).plus(10, ChronoUnit.MINUTES));
        assertThat(alerts(machine, "LIMIT")).singleElement().satisfies(x -> assertThat(x).containsEntry("status", "RESOLVED")
                .containsKey("resolvedAt"));

        // the next breach is a new alert
        post(List.of(message(machine, t0.plusSeconds(40), Map.of("spindle_temp_c", 15.0))));
        assertThat(alerts(machine, "LIMIT")).extracting(x -> x.get("status")).containsExactlyInAnyOrder("OPEN", "RESOLVED");
    }

    @Test
    void moreNewAlertsThanTheCapInAMinuteAreSummarisedInOneStormAlert() {
        String machine = id("M");
        String line = Api.hierarchy("UTC").line();
        Map<String, Object> sensors = new LinkedHashMap<>();
        Map<String, Double> hot = new LinkedHashMap<>();
        for (int i = 0; i < 8; i++) {
            sensors.put("t" + i, Map.of("unit", "C", "lsl", 0, "usl", 10));
            hot.put("t" + i, 50.0);
        }
        as("admin").body(Map.of("name", "M", "lineId", line, "idealCycleTimeSeconds", 5, "sensors", sensors))
                .put("/api/v1/machines/" + machine).then().statusCode(201);
        post(List.of(message(machine, Instant.now().minusSeconds(5).truncatedTo(ChronoUnit.SECONDS), hot)));
        List<Map<String, Object>> open = alerts(machine);
        assertThat(open).filteredOn(a -> "LIMIT".equals(a.get("rule"))).hasSize(5);
        assertThat(open).filteredOn(a -> "ALERT_STORM".equals(a.get("rule"))).singleElement()
                .satisfies(a -> assertThat((String) a.get("message")).contains("3 findings held back"));
    }

    @Test
    void aDetectorRebuiltFromTheStoredReadingsContinuesWhereItStopped() {
        String machine = Api.machine();
        Instant t0 = Instant.now().minus(20, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        List<String> stuck = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            stuck.add(message(machine, t0.plusSeconds(i), Map.of("spindle_temp_c", 61.25)));
        }
        post(stuck);
        detection.forget(Set.of(machine)); // as after a restart
        List<String> more = new ArrayList<>();
        for (int i = 20; i < 30; i++) {
            more.add(message(machine, t0.plusSeconds(i), Map.of("spindle_temp_c", 61.25)));
        }
        post(more);
        assertThat(alerts(machine)).singleElement().satisfies(a -> assertThat(a).containsEntry("rule", "FLATLINE")
                .containsEntry("openedAt", t0.plusSeconds(29).toString()));
    }

    @Test
    void aSilentMachineIsOfflineUntilItIsHeardAgain() throws Exception {
        String machine = Api.machine(); // heartbeat timeout 60 s by default
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        post(List.of(message(machine, t0.minusSeconds(5), Map.of("spindle_temp_c", 60.0))));
        job.check(t0.plusSeconds(30));
        assertThat(alerts(machine)).isEmpty();
        job.check(t0.plusSeconds(120));
        assertThat(alerts(machine)).singleElement().satisfies(a -> assertThat(a).containsEntry("rule", "OFFLINE")
                .containsEntry("severity", "CRITICAL").containsEntry("status", "OPEN"));
        job.check(t0.plusSeconds(125));
        assertThat(alerts(machine)).singleElement().satisfies(a -> assertThat(a).containsEntry("occurrences", 1));
        post(List.of(message(machine, t0.plusSeconds(126), Map.of("spindle_temp_c", 60.0))));
        job.check(t0.plusSeconds(127));
        assertThat(alerts(machine)).singleElement().satisfies(a -> assertThat(a).containsEntry("status", "RESOLVED"));
    }

    @Test
    void detectionSettingsTakeDefaultsAreValidatedAndOnlyQualityAndAdminChangeThem() {
        String machine = Api.machine();
        String path = "/api/v1/machines/" + machine + "/sensors/spindle_temp_c/detection";
        JsonPath d = as("operator").get(path).then().statusCode(200).extract().jsonPath();
        assertThat(d.getString("effective.ruleSet")).isEqualTo("NELSON");
        assertThat(d.getInt("effective.sameSideRun")).isEqualTo(9);
        assertThat(d.getDouble("effective.warnHigh")).isEqualTo(74.0);
        assertThat(d.getString("effective.drift")).isEqualTo("NONE");
        assertThat(d.getBoolean("effective.spc")).isFalse();
        assertThat((Object) d.get("stored")).isNull();

        as("quality").body(Map.of("ruleSet", "WESTERN_ELECTRIC")).put(path).then().statusCode(200)
                .body("effective.sameSideRun", equalTo(8)).body("stored.ruleSet", equalTo("WESTERN_ELECTRIC"));
        as("quality").body(Map.of("sameSideRun", 2, "ewmaLambda", 3)).put(path).then().statusCode(400)
                .body("detail", containsString("sameSideRun must be between 5 and 50"))
                .body("detail", containsString("ewmaLambda must be in (0, 1]"));
        as("quality").body("{\"ruleSet\": \"SOMETHING\"}").put(path).then().statusCode(400);
        as("operator").body(Map.of("ruleSet", "NELSON")).put(path).then().statusCode(403);
        as("quality").body(Map.of()).get("/api/v1/machines/" + machine + "/sensors/nope/detection").then().statusCode(404);
        as("admin").body(Map.of("downAlertSeconds", 600)).put("/api/v1/machines/" + machine + "/detection").then().statusCode(200)
                .body("downAlertSeconds", equalTo(600));
        as("admin").body(Map.of("downAlertSeconds", -1)).put("/api/v1/machines/" + machine + "/detection").then().statusCode(400);
        as("admin").body(Map.of("downAlertSeconds", 60)).put("/api/v1/machines/NOPE-" + machine + "/detection").then().statusCode(404);
    }

    static PageSession loggedIn(String user) {
        return PageSession.login(user);
    }

    @Test
    void aFaultInjectedByTheSimulatorIsOnThePageIsAcknowledgedThereAndResolves() throws Exception {
        simulator.seedDemoPlant();
        simulator.start(DemoPlant.MACHINES.size());
        MachineDefinition target = DemoPlant.MACHINES.get(3);
        String sensor = target.sensors().values().stream().filter(s -> s.usl() != null).findFirst().orElseThrow().name();
        simulator.injectFault(target.id(), MachineSimulation.Fault.SPIKE, sensor, 1);
        simulator.tick();

        PageSession operator = loggedIn("operator");
        String live = given().filter(operator).get("/alerts/live?machineId=" + target.id()).then().statusCode(200).extract().asString();
        assertThat(live).contains(target.id(), sensor, "title=\"LIMIT\">Outside its limits", "Critical", "above USL");
        Map<String, Object> alert = alerts(target.id()).stream()
                .filter(a -> "LIMIT".equals(a.get("rule")) && sensor.equals(a.get("sensor"))).findFirst().orElseThrow();
        long id = ((Number) alert.get("id")).longValue();
        given().filter(operator).get("/alerts").then().statusCode(200).body(containsString("data-refresh=\"/alerts/live"))
                .body(containsString("href=\"/alerts/" + id + "/acknowledge\""));

        given().filter(operator).get("/alerts/" + id + "/acknowledge").then().statusCode(200).body(containsString("<textarea"));
        given().filter(operator).redirects().follow(false).formParam("comment", "").post("/alerts/" + id + "/acknowledge").then()
                .statusCode(303).header("Location", org.hamcrest.Matchers.endsWith("/alerts/" + id + "/acknowledge"))
                .cookie("mes-flash", org.hamcrest.Matchers.startsWith("error."));
        given().filter(operator).redirects().follow(false).formParam("comment", "<b>spike</b> checked, sensor cable reseated")
                .post("/alerts/" + id + "/acknowledge").then().statusCode(303).cookie("mes-flash", org.hamcrest.Matchers.startsWith("notice."));
        String after = given().filter(operator).get("/alerts/live?machineId=" + target.id()).then().statusCode(200).extract().asString();
        assertThat(after).contains("acknowledged by operator", "&lt;b&gt;spike&lt;/b&gt; checked").doesNotContain("<b>spike</b>")
                .doesNotContain("href=\"/alerts/" + id + "/acknowledge\"");

        job.check(Instant.now().plus(11, ChronoUnit.MINUTES));
        given().filter(operator).get("/alerts/live?machineId=" + target.id()).then().statusCode(200)
                .body(containsString("Resolved in the last 8 hours")).body(not(containsString("acknowledged by operator<br>")));
        assertThat(alerts(target.id())).filteredOn(a -> ((Number) a.get("id")).longValue() == id).singleElement()
                .satisfies(a -> assertThat(a).containsEntry("status", "RESOLVED").containsEntry("acknowledgedBy", "operator"));
    }

    @Test
    void theDetectionPageSavesItsFieldsAndThePlantOverviewShowsEachMachinesAlerts() {
        String machine = Api.machine();
        PageSession quality = loggedIn("quality");
        given().filter(quality).get("/admin/detection?machineId=" + machine).then().statusCode(200)
                .body(containsString("id=\"sensor-spindle_temp_c\"")).body(containsString("value=\"15\"")); // DOWN alert after 15 min
        given().filter(quality).redirects().follow(false).formParam("spc", "on").formParam("ruleSet", "WESTERN_ELECTRIC")
                .formParam("sameSideRun", "7").formParam("drift", "CUSUM").formParam("cusumK", "0.75").formParam("cusumH", "4")
                .formParam("ewmaLambda", "").formParam("flatlineSeconds", "120")
                .post("/admin/detection/" + machine + "/sensors/spindle_temp_c").then().statusCode(303)
                .cookie("mes-flash", org.hamcrest.Matchers.startsWith("notice."));
        JsonPath d = as("auditor").get("/api/v1/machines/" + machine + "/sensors/spindle_temp_c/detection").then().statusCode(200)
                .extract().jsonPath();
        assertThat(d.getBoolean("stored.spc")).isTrue();
        assertThat(d.getString("stored.ruleSet")).isEqualTo("WESTERN_ELECTRIC");
        assertThat(d.getInt("stored.sameSideRun")).isEqualTo(7);
        assertThat(d.getDouble("stored.cusumK")).isEqualTo(0.75);
        assertThat(d.getInt("stored.flatlineSeconds")).isEqualTo(120);
        assertThat((Object) d.get("stored.ewmaLambda")).isNull();
        assertThat(mes.support.Flashes.error(given().filter(quality).redirects().follow(false).formParam("sameSideRun", "seven")
                .post("/admin/detection/" + machine + "/sensors/spindle_temp_c"))).contains("not a whole number");
        given().filter(loggedIn("operator")).redirects().follow(false).get("/admin/detection?machineId=" + machine).then()
                .statusCode(403);

        post(List.of(message(machine, Instant.now().minusSeconds(2).truncatedTo(ChronoUnit.SECONDS), Map.of("spindle_temp_c", 99.0))));
        given().filter(loggedIn("operator")).get("/plant/live").then().statusCode(200)
                .body(containsString("href=\"/alerts?machineId=" + machine + "\">1 alert</a>"))
                .body(containsString("alert-count sev-critical"));
    }
}
