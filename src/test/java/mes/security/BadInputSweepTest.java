package mes.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mes.support.Api;
import mes.support.Db;
import mes.support.PageSession;
import org.junit.jupiter.api.Test;

/**
 * Every write endpoint and page form of the OpenAPI document, given bodies and fields that are
 * empty, of the wrong type, oversize or hostile, as an administrator: each answer is a clear 4xx
 * (or, for a form, the page again with the reason), never a 500. Path parameters name things that
 * exist where the sweep can make them (a machine), so that validation past the lookup is reached too.
 * An API request refused with a 4xx stores nothing: every change this application makes is
 * audited in its own transaction, so the administrator's audit trail must not grow (the ingest
 * endpoints are left out of that check: they keep what they refuse in quarantine, by design).
 */
@QuarkusTest
class BadInputSweepTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OVERSIZE = "x".repeat(100_000);

    @Inject
    AgroalDataSource db;

    private long adminChanges() throws Exception {
        return Db.count(db, "SELECT coalesce(max(id), 0) FROM audit_event WHERE actor = ?", "admin");
    }

    @Test
    void emptyWrongTypeOversizeAndHostileInputGetsAClearAnswerEverywhere() throws Exception {
        String machine = Api.machine();
        JsonNode doc = JSON.readTree(given().accept(ContentType.JSON).get("/q/openapi?format=json").asString());
        JsonNode schemas = doc.path("components").path("schemas");
        PageSession admin = PageSession.login("admin");
        List<String> failures = new ArrayList<>();
        int requests = 0;
        int refusedUnchanged = 0;
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> p = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = p.getValue().fields(); ops.hasNext();) {
                Map.Entry<String, JsonNode> op = ops.next();
                String method = op.getKey().toUpperCase();
                if (!List.of("POST", "PUT", "PATCH").contains(method) || p.getKey().equals("/logout") || p.getKey().equals("/j_security_check")) {
                    continue;
                }
                String path = p.getKey().replace("{id}", machine).replaceAll("\\{[^}]+}", "no-such-thing");
                boolean page = !p.getKey().startsWith("/api/") && !p.getKey().startsWith("/pubsub/");
                JsonNode content = op.getValue().path("requestBody").path("content");
                if (page) {
                    Map<String, String> fields = new LinkedHashMap<>();
                    JsonNode form = resolve(content.path("application/x-www-form-urlencoded").path("schema"), schemas);
                    form.path("properties").fieldNames().forEachRemaining(f -> fields.put(f, ""));
                    List<Map<String, String>> variants = new ArrayList<>();
                    variants.add(fields);
                    for (String f : fields.keySet()) {
                        for (String bad : List.of(OVERSIZE, "-1", "abc", "1e999", "<script>x</script>", "' OR 1=1 --")) {
                            Map<String, String> v = new LinkedHashMap<>(fields);
                            v.put(f, bad);
                            variants.add(v);
                        }
                    }
                    for (Map<String, String> v : variants) {
                        int status = given().filter(admin).redirects().follow(false).accept(ContentType.HTML).contentType(ContentType.URLENC)
                                .formParams(v.isEmpty() ? Map.of("x", "") : v).request(method, path).statusCode();
                        requests++;
                        if (status >= 500) {
                            failures.add(method + " " + path + " " + describe(v) + " -> " + status);
                        }
                    }
                } else {
                    JsonNode schema = resolve(content.path("application/json").path("schema"), schemas);
                    List<String> bodies = new ArrayList<>(List.of("", "{", "[]", "\"text\"", "null", "{}", "[{}]", "{\"a\":" + "[".repeat(2000)));
                    schema.path("properties").fields().forEachRemaining(f -> {
                        String type = resolve(f.getValue(), schemas).path("type").asText();
                        var n = JSON.getNodeFactory();
                        for (JsonNode bad : List.<JsonNode>of(n.textNode(OVERSIZE), n.numberNode(-1), n.textNode("abc"), n.objectNode(),
                                n.arrayNode(), n.booleanNode(true), n.numberNode(1e308), n.textNode("2026-02-30T25:00:00Z"))) {
                            ObjectNode body = JSON.createObjectNode();
                            body.set(f.getKey(), bad);
                            bodies.add(body.toString());
                        }
                        if ("array".equals(type)) {
                            ObjectNode body = JSON.createObjectNode();
                            com.fasterxml.jackson.databind.node.ArrayNode many = JSON.createArrayNode();
                            for (int i = 0; i < 20_000; i++) {
                                many.add("x");
                            }
                            body.set(f.getKey(), many);
                            bodies.add(body.toString());
                        }
                    });
                    boolean keepsWhatItRefuses = path.equals("/api/v1/readings") || path.startsWith("/pubsub/");
                    for (String body : bodies) {
                        long changesBefore = adminChanges();
                        int status = given().auth().preemptive().basic("admin", "admin").redirects().follow(false).contentType(ContentType.JSON)
                                .accept(ContentType.JSON).body(body).request(method, path).statusCode();
                        requests++;
                        String request = method + " " + path + " " + (body.length() > 60 ? body.substring(0, 60) + "..." : body);
                        if (status >= 500) {
                            failures.add(request + " -> " + status);
                        } else if (status >= 400 && !keepsWhatItRefuses && adminChanges() != changesBefore) {
                            failures.add(request + " -> " + status + ", yet a change was stored (audited)");
                        } else if (status >= 400 && !keepsWhatItRefuses) {
                            refusedUnchanged++;
                        }
                    }
                }
            }
        }
        System.out.println("BadInputSweepTest: " + requests + " requests; " + refusedUnchanged
                + " API requests refused with a 4xx, each leaving the audit trail unchanged");
        assertThat(requests).isGreaterThan(1_000);
        assertThat(refusedUnchanged).isGreaterThan(500);
        assertThat(failures).as(requests + " requests").isEmpty();
    }

    private static JsonNode resolve(JsonNode schema, JsonNode schemas) {
        String ref = schema.path("$ref").asText("");
        return ref.isEmpty() ? schema : schemas.path(ref.substring(ref.lastIndexOf('/') + 1));
    }

    private static String describe(Map<String, String> v) {
        StringBuilder b = new StringBuilder();
        v.forEach((k, val) -> {
            if (!val.isEmpty()) {
                b.append(k).append('=').append(val.length() > 20 ? val.substring(0, 20) + "..(" + val.length() + ")" : val).append(' ');
            }
        });
        return b.toString();
    }
}
