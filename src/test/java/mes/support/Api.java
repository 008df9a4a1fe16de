package mes.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.Map;
import java.util.UUID;

/** Requests as one of the test users of contracts/api.md (password = user name). */
public final class Api {

    private Api() {
    }

    public static RequestSpecification as(String user) {
        return given().auth().preemptive().basic(user, user).contentType(ContentType.JSON).accept(ContentType.JSON);
    }

    public static RequestSpecification anonymous() {
        return given().contentType(ContentType.JSON).accept(ContentType.JSON);
    }

    /** A fresh id, so that tests sharing the database never collide. */
    public static String id(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Registers site, area, line and one machine with a temperature sensor; answers the machine id. */
    public static String machine() {
        return machine(id("M"));
    }

    /** A fresh site (in the time zone), area and line. */
    public record Hierarchy(String site, String area, String line) {
    }

    public static Hierarchy hierarchy(String timeZone) {
        Hierarchy h = new Hierarchy(id("S"), id("A"), id("L"));
        as("admin").body(Map.of("name", "Site", "timeZone", timeZone)).put("/api/v1/sites/" + h.site()).then().statusCode(201);
        as("admin").body(Map.of("name", "Area", "siteId", h.site())).put("/api/v1/areas/" + h.area()).then().statusCode(201);
        as("admin").body(Map.of("name", "Line", "areaId", h.area())).put("/api/v1/lines/" + h.line()).then().statusCode(201);
        return h;
    }

    /** The same, for a machine id chosen by the test. */
    public static String machine(String machine) {
        String line = hierarchy("Europe/Berlin").line();
        as("admin").body(Map.of("name", "Machine", "lineId", line, "idealCycleTimeSeconds", 42.0,
                "sensors", Map.of("spindle_temp_c", Map.of("unit", "C", "lsl", 20, "usl", 80, "target", 60))))
                .put("/api/v1/machines/" + machine).then().statusCode(201);
        return machine;
    }
}
