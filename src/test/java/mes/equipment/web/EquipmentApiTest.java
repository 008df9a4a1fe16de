package mes.equipment.web;

import static mes.support.Api.anonymous;
import static mes.support.Api.as;
import static mes.support.Api.id;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import mes.support.Api;
import org.junit.jupiter.api.Test;

@QuarkusTest
class EquipmentApiTest {

    @Test
    void anAdministratorBuildsTheHierarchyAndEveryoneReadsIt() {
        String site = id("SITE");
        as("admin").body(Map.of("name", "Plant Zwickau", "timeZone", "Europe/Berlin"))
                .put("/api/v1/sites/" + site)
                .then().statusCode(201).body("id", equalTo(site)).body("timeZone", equalTo("Europe/Berlin"));
        as("admin").body(Map.of("name", "Plant Zwickau West", "timeZone", "Europe/Berlin"))
                .put("/api/v1/sites/" + site)
                .then().statusCode(200).body("name", equalTo("Plant Zwickau West"));
        String area = id("AREA");
        as("admin").body(Map.of("name", "Machining", "siteId", site)).put("/api/v1/areas/" + area).then().statusCode(201);
        String line = id("LINE");
        as("admin").body(Map.of("name", "Caliper line", "areaId", area)).put("/api/v1/lines/" + line).then().statusCode(201);
        String machine = id("CNC");
        as("admin").body(Map.of("name", "CNC 7", "lineId", line, "idealCycleTimeSeconds", 42.0,
                        "heartbeatTimeoutSeconds", 90,
                        "sensors", Map.of("spindle_temp_c", Map.of("unit", "C", "lsl", 20, "usl", 80, "target", 60))))
                .put("/api/v1/machines/" + machine)
                .then().statusCode(201)
                .body("idealCycleTimeSeconds", equalTo(42.0f))
                .body("heartbeatTimeoutSeconds", equalTo(90))
                .body("sensors.spindle_temp_c.usl", equalTo(80.0f))
                .body("state", equalTo("OFFLINE"))
                .body("stateSince", nullValue());

        for (String user : List.of("operator", "supervisor", "quality", "auditor", "admin")) {
            as(user).get("/api/v1/sites/" + site).then().statusCode(200).body("name", equalTo("Plant Zwickau West"));
            as(user).get("/api/v1/areas/" + area).then().statusCode(200).body("siteId", equalTo(site));
            as(user).get("/api/v1/lines/" + line).then().statusCode(200).body("areaId", equalTo(area));
            as(user).get("/api/v1/machines/" + machine).then().statusCode(200).body("lineId", equalTo(line));
        }
        as("auditor").get("/api/v1/machines").then().statusCode(200)
                .body("find { it.id == '" + machine + "' }.state", equalTo("OFFLINE"));
        as("auditor").get("/api/v1/sites").then().statusCode(200).body("id", hasItem(site));
        as("auditor").get("/api/v1/areas").then().statusCode(200).body("id", hasItem(area));
        as("auditor").get("/api/v1/lines").then().statusCode(200).body("id", hasItem(line));
    }

    @Test
    void sensorsLeftOutOfAPutAreNoLongerListed() {
        String machine = Api.machine();
        String line = as("admin").get("/api/v1/machines/" + machine).then().extract().path("lineId");
        as("admin").body(Map.of("name", "CNC", "lineId", line, "idealCycleTimeSeconds", 30,
                        "sensors", Map.of("vibration_mm_s", Map.of("unit", "mm/s", "usl", 7.1))))
                .put("/api/v1/machines/" + machine)
                .then().statusCode(200).body("sensors.keySet()", contains("vibration_mm_s"));
    }

    @Test
    void badInputGetsAProblemThatSaysWhatIsWrong() {
        as("admin").body(Map.of("name", "X", "timeZone", "Mars/Olympus")).put("/api/v1/sites/" + id("S"))
                .then().statusCode(400).contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("detail", containsString("time zone 'Mars/Olympus' is not a known zone id"));
        as("admin").body(Map.of("timeZone", "UTC")).put("/api/v1/sites/" + id("S"))
                .then().statusCode(400).body("detail", containsString("name")).body("errors.field", hasItem("name"));
        as("admin").body(Map.of("name", "X", "timeZone", "UTC")).put("/api/v1/sites/{id}", "bad id")
                .then().statusCode(400).body("detail", containsString("site id 'bad id' is not valid"));
        as("admin").body("{\"name\": \"X\", ").put("/api/v1/sites/" + id("S"))
                .then().statusCode(400).contentType("application/problem+json");
        as("admin").body("").put("/api/v1/sites/" + id("S"))
                .then().statusCode(400).contentType("application/problem+json");
        as("admin").body(Map.of("name", "L", "areaId", "NO-SUCH-AREA")).put("/api/v1/lines/" + id("L"))
                .then().statusCode(400).body("detail", containsString("area NO-SUCH-AREA does not exist"));
        String machine = Api.machine();
        String line = as("admin").get("/api/v1/machines/" + machine).then().extract().path("lineId");
        as("admin").body(Map.of("name", "M", "lineId", line, "idealCycleTimeSeconds", -1)).put("/api/v1/machines/" + id("M"))
                .then().statusCode(400).body("errors.field", hasItem("idealCycleTimeSeconds"));
        as("admin").body(Map.of("name", "M", "lineId", line, "idealCycleTimeSeconds", "fast")).put("/api/v1/machines/" + id("M"))
                .then().statusCode(400).body("detail", containsString("idealCycleTimeSeconds"));
        as("admin").body(Map.of("name", "M", "lineId", line, "idealCycleTimeSeconds", 10,
                        "sensors", Map.of("t", Map.of("lsl", 80, "usl", 20))))
                .put("/api/v1/machines/" + id("M"))
                .then().statusCode(400).body("detail", containsString("lsl 80.0 must be below usl 20.0"));
        as("admin").get("/api/v1/machines/NOPE").then().statusCode(404).contentType("application/problem+json")
                .body("detail", equalTo("No machine NOPE"));
    }

    @Test
    void deletingRefusesToOrphanChildren() {
        String machine = Api.machine();
        String line = as("admin").get("/api/v1/machines/" + machine).then().extract().path("lineId");
        as("admin").delete("/api/v1/lines/" + line).then().statusCode(409)
                .body("detail", containsString("still has machines"));
        as("admin").delete("/api/v1/machines/" + machine).then().statusCode(204);
        as("admin").get("/api/v1/machines/" + machine).then().statusCode(404);
        as("admin").delete("/api/v1/lines/" + line).then().statusCode(204);
        as("admin").delete("/api/v1/lines/" + line).then().statusCode(404);
    }

    @Test
    void withoutCredentialsTheApiAnswers401AndWithTheWrongRole403() {
        String site = id("S");
        anonymous().get("/api/v1/machines").then().statusCode(401)
                .header("WWW-Authenticate", containsString("Basic"))
                .contentType("application/problem+json");
        as("admin").auth().preemptive().basic("admin", "wrong").get("/api/v1/machines").then().statusCode(401);
        for (String user : List.of("operator", "supervisor", "quality", "auditor", "gateway")) {
            as(user).body(Map.of("name", "X", "timeZone", "UTC")).put("/api/v1/sites/" + site)
                    .then().statusCode(403).contentType("application/problem+json");
            as(user).delete("/api/v1/sites/" + site).then().statusCode(403);
        }
        as("gateway").get("/api/v1/machines").then().statusCode(403);
        anonymous().body(Map.of("name", "X", "timeZone", "UTC")).put("/api/v1/sites/" + site).then().statusCode(401);
        as("admin").get("/api/v1/sites/" + site).then().statusCode(404);
    }

    @Test
    void aSiteCalendarIsStoredAsSentAndValidated() {
        String site = id("S");
        as("admin").body(Map.of("name", "Plant", "timeZone", "Europe/Berlin")).put("/api/v1/sites/" + site).then().statusCode(201);
        as("admin").get("/api/v1/sites/" + site + "/calendar").then().statusCode(404)
                .body("detail", containsString("nothing is planned there"));
        String calendar = """
                {"shifts": [
                   {"name": "early", "days": ["MON","TUE","WED","THU","FRI"], "start": "06:00", "end": "14:00",
                    "breaks": [{"start": "10:00", "end": "10:30"}]},
                   {"name": "night", "days": ["FRI"], "start": "22:00", "end": "06:00", "breaks": []}],
                 "exceptions": [{"date": "2026-12-25", "shifts": []},
                   {"date": "2026-12-19", "shifts": [{"name": "extra", "start": "06:00", "end": "12:00"}]}]}
                """;
        as("admin").body(calendar).put("/api/v1/sites/" + site + "/calendar").then().statusCode(200)
                .body("shifts.name", contains("early", "night"))
                .body("shifts[0].days", contains("MON", "TUE", "WED", "THU", "FRI"));
        as("operator").get("/api/v1/sites/" + site + "/calendar").then().statusCode(200)
                .body("shifts[0].breaks[0].start", equalTo("10:00"))
                .body("shifts[1].end", equalTo("06:00"))
                .body("exceptions.date", contains("2026-12-25", "2026-12-19"))
                .body("exceptions[1].shifts[0].name", equalTo("extra"));

        as("admin").body("{\"shifts\": [{\"name\": \"early\", \"days\": [\"MON\"], \"start\": \"06:00\", \"end\": \"14:00\","
                        + " \"breaks\": [{\"start\": \"15:00\", \"end\": \"15:30\"}]}]}")
                .put("/api/v1/sites/" + site + "/calendar").then().statusCode(400)
                .body("detail", containsString("break 15:00-15:30 does not lie inside the shift"));
        as("admin").body("{\"shifts\": [{\"name\": \"early\", \"days\": [\"MONDAY\"], \"start\": \"06:00\", \"end\": \"14:00\"}]}")
                .put("/api/v1/sites/" + site + "/calendar").then().statusCode(400)
                .body("detail", containsString("day 'MONDAY' is not one of MON"));
        as("admin").body("{\"shifts\": [{\"name\": \"early\", \"days\": [\"MON\"], \"start\": \"6am\", \"end\": \"14:00\"}]}")
                .put("/api/v1/sites/" + site + "/calendar").then().statusCode(400)
                .body("detail", containsString("time '6am' is not HH:mm"));
        as("operator").body(calendar).put("/api/v1/sites/" + site + "/calendar").then().statusCode(403);
        as("admin").body(calendar).put("/api/v1/sites/NO-SITE/calendar").then().statusCode(404);
        // the refused calendars changed nothing
        as("operator").get("/api/v1/sites/" + site + "/calendar").then().statusCode(200)
                .body("shifts.name", contains("early", "night"));
    }
}
