package mes.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import mes.support.Api;
import org.junit.jupiter.api.Test;

/**
 * Every GET endpoint of the OpenAPI document, every query and path parameter, given SQL injection,
 * NUL bytes, markup, path traversal, oversize and wrong-type values (as an administrator, who may
 * read everything): each answer is a clear 2xx or 4xx, never a 500, and the database is intact.
 */
@QuarkusTest
class InjectionTest {

    static final List<String> PAYLOADS = List.of("' OR '1'='1", "1; DROP TABLE lot; --", "\" OR \"\"=\"", "%00", "a\u0000b",
            "../../../../etc/passwd", "<script>alert(1)</script>", "x".repeat(5_000), "-1", "99999999999999999999", "1e309", "NaN",
            "2026-13-45T25:61:00Z", "null", "{}", "[]", "%27%20OR%201%3D1", "\\", "😀");

    @Inject
    AgroalDataSource db;

    @Test
    void hostileParameterValuesGetAClearAnswerAndChangeNothing() throws Exception {
        String machine = Api.machine(); // so that lists are not empty
        JsonNode doc = new ObjectMapper().readTree(given().accept(ContentType.JSON).get("/q/openapi?format=json").asString());
        long lotsBefore = count("lot");
        List<String> failures = new ArrayList<>();
        int requests = 0;
        RestAssuredConfig raw = RestAssuredConfig.config().encoderConfig(EncoderConfig.encoderConfig().encodeContentTypeAs("x", ContentType.TEXT));
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> p = paths.next();
            JsonNode get = p.getValue().path("get");
            if (get.isMissingNode() || p.getKey().startsWith("/q/") || p.getKey().equals("/logout")) {
                continue;
            }
            boolean page = !p.getKey().startsWith("/api/") && !p.getKey().startsWith("/pubsub/");
            List<String> query = new ArrayList<>();
            List<String> pathParams = new ArrayList<>();
            for (JsonNode param : get.path("parameters")) {
                String in = param.path("in").asText();
                if ("query".equals(in)) {
                    query.add(param.path("name").asText());
                } else if ("path".equals(in)) {
                    pathParams.add(param.path("name").asText());
                }
            }
            String base = p.getKey().replace("{id}", machine).replaceAll("\\{[^}]+}", "x");
            for (String payload : PAYLOADS) {
                for (String q : query) {
                    int status = call(page, base, Map.of(q, payload), raw);
                    requests++;
                    if (status >= 500 || status == 0) {
                        failures.add("GET " + base + "?" + q + "=" + abbreviate(payload) + " -> " + status);
                    }
                }
                for (String name : pathParams) {
                    String path = p.getKey().replace("{" + name + "}", java.net.URLEncoder.encode(payload, java.nio.charset.StandardCharsets.UTF_8))
                            .replaceAll("\\{[^}]+}", "x");
                    int status = call(page, path, Map.of(), raw);
                    requests++;
                    if (status >= 500 || status == 0) {
                        failures.add("GET " + abbreviate(path) + " -> " + status);
                    }
                }
            }
        }
        System.out.println("InjectionTest: " + requests + " requests");
        assertThat(requests).isGreaterThan(500);
        assertThat(failures).as(requests + " requests").isEmpty();
        assertThat(count("lot")).isEqualTo(lotsBefore);
        assertThat(count("audit_event")).isPositive();
    }

    @Test
    void aNulCharacterInAFreeTextFieldIsA400AndNothingIsStored() throws Exception {
        long ncrs = count("nonconformity");
        long lots = count("lot");
        long gauges = count("gauge");
        String lot = Api.id("SUP");
        Api.as("quality").body(Map.of("id", lot, "material", "EN-GJS-400", "supplier", "Acme\u0000Castings")).post("/api/v1/lots").then()
                .statusCode(400).body("detail", org.hamcrest.Matchers.containsString("NUL"));
        Api.as("quality").body(Map.of("id", lot, "material", "EN-GJS-400", "supplier", "Acme")).post("/api/v1/lots").then().statusCode(201);
        Api.as("quality").body(Map.of("lotId", lot, "description", "cr\u0000ack")).post("/api/v1/nonconformities").then().statusCode(400);
        Api.as("quality").body(Map.of("description", "cali\u0000per", "intervalDays", 30)).put("/api/v1/gauges/" + Api.id("G")).then()
                .statusCode(400);
        assertThat(count("nonconformity")).isEqualTo(ncrs);
        assertThat(count("lot")).isEqualTo(lots + 1);
        assertThat(count("gauge")).isEqualTo(gauges);
    }

    private static final Map<Boolean, mes.support.PageSession> SESSIONS = new java.util.concurrent.ConcurrentHashMap<>();

    private static int call(boolean page, String path, Map<String, String> query, RestAssuredConfig config) {
        var r = given().config(config).redirects().follow(false).urlEncodingEnabled(true);
        if (page) {
            r = r.filter(SESSIONS.computeIfAbsent(true, k -> mes.support.PageSession.login("admin"))).accept(ContentType.HTML);
        } else {
            r = r.auth().preemptive().basic("admin", "admin").accept(ContentType.ANY);
        }
        for (Map.Entry<String, String> e : query.entrySet()) {
            r = r.queryParam(e.getKey(), e.getValue());
        }
        try {
            return r.get(path).statusCode();
        } catch (RuntimeException e) {
            return 0;
        }
    }

    private long count(String table) throws Exception {
        try (Connection c = db.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "... (" + s.length() + " chars)" : s.replace("\u0000", "\\0");
    }

}
