package mes.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import mes.support.PageSession;
import org.junit.jupiter.api.Test;

/**
 * Every write endpoint and page form of the OpenAPI document, tried by every role and by nobody,
 * against the intended policy written out below. An endpoint missing from the policy fails the
 * test, so a new endpoint needs a decision on who may call it.
 */
@QuarkusTest
class AuthorizationMatrixTest {

    private static final Set<String> ADMIN = Set.of("ADMIN");
    private static final Set<String> PLANNERS = Set.of("SUPERVISOR", "ADMIN");
    private static final Set<String> RUNNERS = Set.of("OPERATOR", "SUPERVISOR", "ADMIN");
    private static final Set<String> HOLDERS = Set.of("SUPERVISOR", "QUALITY", "ADMIN");
    private static final Set<String> DISPOSERS = Set.of("QUALITY", "ADMIN");
    private static final Set<String> ENGINEERS = Set.of("QUALITY", "ADMIN");
    private static final Set<String> ACKNOWLEDGERS = Set.of("OPERATOR", "SUPERVISOR", "QUALITY", "MAINTENANCE", "ADMIN");
    /** Who gives a stop its reason: the line, and the technician who found the cause. */
    private static final Set<String> REASON_GIVERS = Set.of("OPERATOR", "SUPERVISOR", "MAINTENANCE", "ADMIN");
    private static final Set<String> RECEIVERS = Set.of("OPERATOR", "SUPERVISOR", "QUALITY", "ADMIN");
    private static final Set<String> GATEWAYS = Set.of("INTEGRATION", "ADMIN");
    private static final Set<String> INSPECTORS = Set.of("OPERATOR", "QUALITY", "ADMIN");
    private static final Set<String> RAISERS = Set.of("OPERATOR", "SUPERVISOR", "QUALITY", "ADMIN");

    private static final Set<String> TECHNICIANS = Set.of("MAINTENANCE", "ADMIN");
    /** Anyone at the line calls for help; the one called (or a supervisor, or an admin) answers: the service checks the target. */
    private static final Set<String> CALLERS = Set.of("OPERATOR", "SUPERVISOR", "QUALITY", "MAINTENANCE", "ADMIN");
    private static final Set<String> ANSWERERS = Set.of("SUPERVISOR", "QUALITY", "MAINTENANCE", "ADMIN");
    /** Everyone who uses the pages (not the machine gateways). */
    private static final Set<String> PAGE_USERS = Set.of("OPERATOR", "SUPERVISOR", "QUALITY", "MAINTENANCE", "AUDITOR", "ADMIN");

    /** The intended policy: "METHOD path" (as the OpenAPI document writes it) to the roles allowed. */
    private static final Map<String, Set<String>> POLICY = new LinkedHashMap<>();

    static {
        // API (HTTP Basic)
        POLICY.put("POST /api/v1/alerts/{id}/acknowledge", ACKNOWLEDGERS);
        for (String level : List.of("sites", "areas", "lines", "machines")) {
            POLICY.put("PUT /api/v1/" + level + "/{id}", ADMIN);
            POLICY.put("DELETE /api/v1/" + level + "/{id}", ADMIN);
        }
        POLICY.put("PUT /api/v1/sites/{id}/calendar", ADMIN);
        POLICY.put("PUT /api/v1/sites/{id}/downtime-reasons", ADMIN);
        // a machine's own rules (how long a stop may last before it alerts): supervisors run the lines
        POLICY.put("PUT /api/v1/machines/{id}/detection", Set.of("SUPERVISOR", "QUALITY", "ADMIN"));
        POLICY.put("PUT /api/v1/machines/{id}/sensors/{sensor}/detection", ENGINEERS);
        POLICY.put("POST /api/v1/machines/{id}/sensors/{sensor}/baseline", ENGINEERS);
        POLICY.put("POST /api/v1/machines/{id}/downtime-reasons", REASON_GIVERS);
        // maintenance: technicians keep the plans and do the orders; supervisors also hand orders out
        POLICY.put("POST /api/v1/andon-calls", CALLERS);
        POLICY.put("POST /api/v1/andon-calls/{id}/acknowledge", ANSWERERS);
        POLICY.put("POST /api/v1/andon-calls/{id}/resolve", ANSWERERS);
        POLICY.put("POST /api/v1/maintenance/plans", TECHNICIANS);
        POLICY.put("POST /api/v1/maintenance/plans/{id}/deactivate", TECHNICIANS);
        POLICY.put("POST /api/v1/maintenance/orders/{id}/assign", Set.of("SUPERVISOR", "MAINTENANCE", "ADMIN"));
        POLICY.put("POST /api/v1/maintenance/orders/{id}/start", TECHNICIANS);
        POLICY.put("POST /api/v1/maintenance/orders/{id}/complete", TECHNICIANS);
        POLICY.put("PUT /api/v1/parts/{id}", PLANNERS);
        POLICY.put("PUT /api/v1/parts/{id}/bill-of-material", PLANNERS);
        POLICY.put("POST /api/v1/lots", RECEIVERS);
        POLICY.put("POST /api/v1/lots/hold", HOLDERS);
        POLICY.put("POST /api/v1/lots/{id}/release-hold", DISPOSERS);
        POLICY.put("POST /api/v1/lots/{id}/serials", RUNNERS);
        POLICY.put("POST /api/v1/quarantine/{id}/redrive", ADMIN);
        POLICY.put("POST /api/v1/readings", GATEWAYS);
        POLICY.put("POST /pubsub/push", GATEWAYS);
        POLICY.put("POST /api/v1/users", ADMIN);
        POLICY.put("PUT /api/v1/users/{username}", ADMIN);
        POLICY.put("PUT /api/v1/users/{username}/password", ADMIN);
        POLICY.put("POST /api/v1/work-orders", PLANNERS);
        for (String plan : List.of("release", "unrelease", "close", "abort")) {
            POLICY.put("POST /api/v1/work-orders/{id}/" + plan, PLANNERS);
        }
        for (String run : List.of("start", "hold", "resume", "complete", "scrap", "corrections", "lots", "consumptions")) {
            POLICY.put("POST /api/v1/work-orders/{id}/" + run, RUNNERS);
        }
        // quality: engineers keep plans and gauges, correct evidence, release and decide; CMMs post inspections
        POLICY.put("PUT /api/v1/parts/{id}/control-plan", ENGINEERS);
        POLICY.put("POST /api/v1/parts/{id}/control-plan/revisions/{revision}/approve", ENGINEERS);
        POLICY.put("DELETE /api/v1/parts/{id}/control-plan/revisions/{revision}", ENGINEERS);
        POLICY.put("POST /api/v1/inspections", Set.of("OPERATOR", "QUALITY", "ADMIN", "INTEGRATION"));
        POLICY.put("POST /api/v1/inspections/{id}/supersede", ENGINEERS);
        POLICY.put("POST /api/v1/inspection-corrections/{id}/approve", ENGINEERS);
        POLICY.put("POST /api/v1/characteristics/{id}/spc-baselines", ENGINEERS);
        POLICY.put("POST /api/v1/gauges/{id}/studies", ENGINEERS);
        POLICY.put("POST /api/v1/inspection-corrections/{id}/reject", ENGINEERS);
        POLICY.put("POST /api/v1/lots/{id}/release", ENGINEERS);
        POLICY.put("POST /api/v1/nonconformities", RAISERS);
        POLICY.put("POST /api/v1/nonconformities/{id}/containment", HOLDERS);
        POLICY.put("POST /api/v1/nonconformities/{id}/disposition", DISPOSERS);
        POLICY.put("POST /api/v1/capas", ENGINEERS);
        POLICY.put("POST /api/v1/capas/{id}/root-cause", ENGINEERS);
        POLICY.put("POST /api/v1/capas/{id}/actions", ENGINEERS);
        POLICY.put("POST /api/v1/capas/{id}/actions/{actionId}/done", HOLDERS);
        POLICY.put("POST /api/v1/capas/{id}/checks", ENGINEERS);
        POLICY.put("POST /api/v1/capas/{id}/close", ENGINEERS);
        POLICY.put("PUT /api/v1/gauges/{id}", ENGINEERS);
        POLICY.put("POST /api/v1/gauges/{id}/calibrations", ENGINEERS);
        POLICY.put("POST /api/v1/reports", Set.of("QUALITY", "AUDITOR", "ADMIN"));
        // training: quality sets the matrix's columns, supervisors and quality grant, supervisors override
        POLICY.put("PUT /api/v1/qualification-requirements/{kind}/{scope}", ENGINEERS);
        POLICY.put("DELETE /api/v1/qualification-requirements/{kind}/{scope}", ENGINEERS);
        POLICY.put("POST /api/v1/qualifications", Set.of("SUPERVISOR", "QUALITY", "ADMIN"));
        POLICY.put("POST /api/v1/qualifications/overrides", Set.of("SUPERVISOR", "ADMIN"));
        POLICY.put("POST /training/grants", Set.of("SUPERVISOR", "QUALITY", "ADMIN"));
        POLICY.put("POST /training/overrides", Set.of("SUPERVISOR", "ADMIN"));
        // pages (form login and CSRF token); {action} is tried with one action of each kind
        POLICY.put("POST /reports", Set.of("QUALITY", "AUDITOR", "ADMIN"));
        POLICY.put("POST /quality/plans/{part}", ENGINEERS);
        POLICY.put("POST /quality/plans/{part}/{code}/deactivate", ENGINEERS);
        POLICY.put("POST /quality/plans/{part}/revisions/{revision}/approve", ENGINEERS);
        POLICY.put("POST /quality/plans/{part}/revisions/{revision}/discard", ENGINEERS);
        POLICY.put("POST /quality/inspect", INSPECTORS);
        POLICY.put("POST /quality/inspections/{id}/supersede", ENGINEERS);
        POLICY.put("POST /quality/inspection-corrections/{id}/approve", ENGINEERS);
        POLICY.put("POST /quality/spc/{id}/baseline", ENGINEERS);
        POLICY.put("POST /quality/gauges/{id}/studies", ENGINEERS);
        POLICY.put("POST /quality/inspection-corrections/{id}/reject", ENGINEERS);
        POLICY.put("POST /quality/lots/{id}/release", ENGINEERS);
        POLICY.put("POST /quality/ncrs", RAISERS);
        POLICY.put("POST /quality/ncrs/{id}/containment", HOLDERS);
        POLICY.put("POST /quality/ncrs/{id}/disposition", DISPOSERS);
        POLICY.put("POST /quality/capas", ENGINEERS);
        POLICY.put("POST /quality/capas/{id}/root-cause", ENGINEERS);
        POLICY.put("POST /quality/capas/{id}/actions", ENGINEERS);
        POLICY.put("POST /quality/capas/{id}/actions/{actionId}/done", HOLDERS);
        POLICY.put("POST /quality/capas/{id}/checks", ENGINEERS);
        POLICY.put("POST /quality/capas/{id}/close", ENGINEERS);
        POLICY.put("POST /quality/gauges", ENGINEERS);
        POLICY.put("POST /quality/gauges/{id}/calibrations", ENGINEERS);
        POLICY.put("POST /admin/detection/{machine}/rules", ENGINEERS);
        POLICY.put("POST /admin/detection/{machine}/sensors/{sensor}", ENGINEERS);
        POLICY.put("POST /admin/detection/{machine}/sensors/{sensor}/baseline", ENGINEERS);
        POLICY.put("POST /admin/quarantine/{id}/redrive", ADMIN);
        POLICY.put("POST /admin/users", ADMIN);
        POLICY.put("POST /admin/users/{username}", ADMIN);
        POLICY.put("POST /admin/users/{username}/password", ADMIN);
        POLICY.put("POST /alerts/{id}/acknowledge", ACKNOWLEDGERS);
        POLICY.put("POST /lines/{id}/orders/{order}/consume", RUNNERS);
        POLICY.put("POST /lines/{id}/orders/{order}/next-lot", RUNNERS);
        POLICY.put("POST /lines/{id}/orders/{order}/scrap", RUNNERS);
        POLICY.put("POST /lines/{id}/orders/{order}/start", RUNNERS);
        POLICY.put("POST /lines/{id}/orders/{order}/release", PLANNERS);
        POLICY.put("POST /lots", RECEIVERS);
        POLICY.put("POST /oee/machine/{id}/reason", REASON_GIVERS);
        POLICY.put("POST /me/language", PAGE_USERS);
        POLICY.put("POST /andon/calls", CALLERS);
        POLICY.put("POST /andon/calls/{id}/acknowledge", ANSWERERS);
        POLICY.put("POST /andon/calls/{id}/resolve", ANSWERERS);
        POLICY.put("POST /maintenance/plans", TECHNICIANS);
        POLICY.put("POST /maintenance/plans/{id}/deactivate", TECHNICIANS);
        POLICY.put("POST /maintenance/orders/{id}/take", TECHNICIANS);
        POLICY.put("POST /maintenance/orders/{id}/start", TECHNICIANS);
        POLICY.put("POST /maintenance/orders/{id}/complete", TECHNICIANS);
        POLICY.put("POST /orders", PLANNERS);
        POLICY.put("POST /orders/{id}/release", PLANNERS);
        POLICY.put("POST /orders/{id}/complete", RUNNERS);
        POLICY.put("POST /parts", PLANNERS);
        POLICY.put("POST /trace/hold", HOLDERS);
        POLICY.put("POST /trace/lots/{id}/release-hold", DISPOSERS);
    }

    /** Public by design: logging out. */
    private static final Set<String> PUBLIC = Set.of("POST /logout");

    private static final Map<String, String> USERS = Map.of("OPERATOR", "operator", "SUPERVISOR", "supervisor", "QUALITY", "quality",
            "MAINTENANCE", "maintenance", "AUDITOR", "auditor", "ADMIN", "admin", "INTEGRATION", "gateway");

    private record Call(String method, String template, String path, boolean page) {
    }

    @Test
    void everyWriteEndpointAndFormAnswersEveryRoleAsThePolicySays() throws Exception {
        JsonNode doc = new ObjectMapper().readTree(given().accept(ContentType.JSON).get("/q/openapi?format=json").asString());
        List<Call> calls = new ArrayList<>();
        Set<String> documented = new TreeSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> p = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = p.getValue().fields(); ops.hasNext();) {
                Map.Entry<String, JsonNode> op = ops.next();
                String method = op.getKey().toUpperCase();
                if (!Set.of("POST", "PUT", "DELETE", "PATCH").contains(method)) {
                    continue;
                }
                String template = p.getKey();
                documented.add(method + " " + template);
                if (PUBLIC.contains(method + " " + template)) {
                    continue;
                }
                List<String> variants = template.contains("{action}")
                        ? POLICY.keySet().stream().filter(k -> k.startsWith(method + " " + template.substring(0, template.indexOf("{action}"))))
                                .filter(k -> !k.contains("{action}")).map(k -> k.substring(method.length() + 1))
                                .filter(k -> k.split("/").length == template.split("/").length).toList()
                        : List.of(template);
                assertThat(variants).as("policy for " + method + " " + template).isNotEmpty();
                for (String t : variants) {
                    assertThat(POLICY).as("the intended policy names " + method + " " + t).containsKey(method + " " + t);
                    calls.add(new Call(method, t, fill(t, op.getValue()), !t.startsWith("/api/") && !t.startsWith("/pubsub/")));
                }
            }
        }
        assertThat(calls).hasSizeGreaterThan(60);

        Map<String, PageSession> sessions = new HashMap<>();
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        for (Call c : calls) {
            Set<String> allowed = POLICY.get(c.method() + " " + c.template());
            Response nobody = request(c, null, null).request(c.method(), c.path());
            checked++;
            boolean refused = c.page() ? nobody.statusCode() == 400 || nobody.statusCode() / 100 == 3
                    && String.valueOf(nobody.header("Location")).contains("/login") : nobody.statusCode() == 401;
            if (!refused) {
                wrong.add(c.method() + " " + c.path() + " without credentials: " + nobody.statusCode());
            }
            for (Map.Entry<String, String> role : USERS.entrySet()) {
                PageSession session = c.page() ? sessions.computeIfAbsent(role.getValue(), PageSession::login) : null;
                int status = request(c, role.getValue(), session).request(c.method(), c.path()).statusCode();
                checked++;
                boolean may = allowed.contains(role.getKey());
                if (may && (status == 401 || status == 403 || status >= 500) || !may && status != 403) {
                    wrong.add(c.method() + " " + c.path() + " as " + role.getKey() + ": " + status + " (" + (may ? "allowed" : "refused")
                            + " by the policy)");
                }
            }
        }
        assertThat(wrong).as(checked + " requests checked").isEmpty();
        assertThat(POLICY.keySet()).as("every endpoint of the policy exists").allMatch(k -> documented.contains(k)
                || documented.stream().anyMatch(d -> d.contains("{action}") && k.startsWith(d.substring(0, d.indexOf("{action}")))));
    }

    private static RequestSpecification request(Call c, String user, PageSession session) {
        RequestSpecification r = given().redirects().follow(false);
        if (c.page()) {
            if (session != null) {
                r = r.filter(session).accept(ContentType.HTML);
            }
            return r.contentType(ContentType.URLENC);
        }
        if (user != null) {
            r = r.auth().preemptive().basic(user, user);
        }
        return r.contentType(ContentType.JSON).body("{}");
    }

    /** Path parameters replaced by values that name nothing (numbers where the parameter is one). */
    private static String fill(String template, JsonNode op) {
        String path = template;
        for (JsonNode param : op.path("parameters")) {
            if ("path".equals(param.path("in").asText())) {
                String type = param.path("schema").path("type").asText();
                String value = "integer".equals(type) ? "987654321" : "no-such-" + param.path("name").asText();
                path = path.replace("{" + param.path("name").asText() + "}", value);
            }
        }
        return path.replaceAll("\\{[^}]+}", "no-such-thing");
    }
}
