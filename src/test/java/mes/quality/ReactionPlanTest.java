package mes.quality;

import static io.restassured.RestAssured.given;
import static mes.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import mes.support.PageSession;
import org.junit.jupiter.api.Test;

/**
 * Reaction plans: a limit broken, or an SPC rule broken against the frozen baseline, holds the lots
 * made since the last good inspection and raises one nonconformity per signal, which a repeat adds
 * to; the terminal shows the plan's instruction. A characteristic without a reaction raises nothing.
 */
@QuarkusTest
@SuppressWarnings("unchecked")
class ReactionPlanTest {

    private static List<Map<String, Object>> reactions(String part) {
        return as("auditor").get("/api/v1/nonconformities").then().statusCode(200).extract().jsonPath()
                .getList("findAll { it.partId == '" + part + "' && it.signal != null }");
    }

    @Test
    void aBrokenLimitHoldsTheLotsSinceTheLastGoodInspectionAndARepeatAddsToTheSameNonconformity() {
        QualityFixture f = new QualityFixture();
        Map<String, Object> depth = new HashMap<>(QualityFixture.depth());
        depth.put("reaction", Map.of("holdSinceLastGood", true, "raiseNcr", true));
        depth.put("reactionPlan", "Stop, sort the lots since the last good check, call quality");
        QualityFixture.adopt(f.part, List.of(f.bore(), depth, QualityFixture.visual()));

        String lot1 = f.lot(true);
        QualityFixture.inspect("operator", lot1, "DEPTH", List.of(11.8)).statusCode(201); // good, after lot 1 was closed
        String lot2 = f.lot(true);
        String lot3 = f.lot(false);
        QualityFixture.inspect("operator", lot3, "BURR", "FAIL").statusCode(201); // no reaction in the plan: nothing is raised
        assertThat(reactions(f.part)).isEmpty();

        long failed = QualityFixture.inspect("operator", lot3, "DEPTH", List.of(12.4)).statusCode(201).extract().jsonPath().getLong("id");
        List<Map<String, Object>> raised = reactions(f.part);
        assertThat(raised).hasSize(1);
        assertThat(raised.get(0).get("signal")).isEqualTo("LIMIT");
        assertThat((List<Object>) raised.get(0).get("containedLots")).containsExactlyInAnyOrder(lot2, lot3);
        assertThat((String) raised.get(0).get("description")).contains("DEPTH").contains("12.4").contains("Stop, sort the lots");
        long ncr = ((Number) raised.get(0).get("id")).longValue();
        for (String lot : List.of(lot2, lot3)) {
            as("auditor").get("/api/v1/lots/" + lot).then().body("lot.onHold", org.hamcrest.Matchers.equalTo(true));
        }
        as("auditor").get("/api/v1/lots/" + lot1).then().body("lot.onHold", org.hamcrest.Matchers.equalTo(false));

        // the same signal again: its evidence joins the open nonconformity, no second one
        long again = QualityFixture.inspect("operator", lot3, "DEPTH", List.of(12.2)).statusCode(201).extract().jsonPath().getLong("id");
        assertThat(reactions(f.part)).hasSize(1);
        JsonPath detail = as("auditor").get("/api/v1/nonconformities/" + ncr).then().statusCode(200).extract().jsonPath();
        assertThat(detail.getList("evidence", Long.class)).containsExactly(failed, again);

        // the terminal shows the instruction
        given().filter(PageSession.login("operator")).get("/quality/lines/" + f.production.line + "/due").then().statusCode(200)
                .body(containsString("Reaction plan of DEPTH")).body(containsString("Stop, sort the lots since the last good check"))
                .body(containsString("NCR-" + ncr));
        as("auditor").get("/api/v1/audit?from=" + Instant.now().minusSeconds(60)).then()
                .body("findAll { it.entityType == 'nonconformity' && it.entityId == '" + ncr + "' }.action",
                        org.hamcrest.Matchers.hasItems("REACTION_RAISED", "REACTION_REPEATED"));
    }

    @Test
    void anSpcRuleBrokenAgainstTheFrozenBaselineFiresThoughTheValueIsInsideTheLimits() {
        QualityFixture f = new QualityFixture();
        Map<String, Object> depth = new HashMap<>(QualityFixture.depth());
        depth.put("reaction", Map.of("raiseNcr", true));
        QualityFixture.adopt(f.part, List.of(depth));
        String lot = f.lot(false);
        long id = as("auditor").get("/api/v1/parts/" + f.part + "/control-plan").then().extract().jsonPath().getLong("characteristics[0].id");
        // 20 values in control: centre 11.50745, UCL 11.61161 (QualityTest's baseline)
        List<Double> values = List.of(11.514, 11.524, 11.5, 11.517, 11.446, 11.413, 11.507, 11.501, 11.498, 11.468, 11.513, 11.556, 11.478,
                11.472, 11.578, 11.573, 11.476, 11.533, 11.532, 11.55);
        Instant from = Instant.now().minusSeconds(5);
        for (double v : values) {
            QualityFixture.inspect("operator", lot, "DEPTH", List.of(v)).statusCode(201);
        }
        assertThat(reactions(f.part)).isEmpty(); // no baseline yet: no SPC reaction from moving limits
        as("quality").body(Map.of("from", from.toString(), "to", Instant.now().plusSeconds(1).toString(), "reason", "PPAP run"))
                .post("/api/v1/characteristics/" + id + "/spc-baselines").then().statusCode(201);
        QualityFixture.inspect("operator", lot, "DEPTH", List.of(11.7)).statusCode(201).body("result", org.hamcrest.Matchers.equalTo("PASS"));
        List<Map<String, Object>> raised = reactions(f.part);
        assertThat(raised).hasSize(1);
        assertThat(raised.get(0).get("signal")).isEqualTo("NELSON_1");
        assertThat((List<Object>) raised.get(0).get("containedLots")).containsExactly(lot); // the NCR holds its lot; no hold since last good asked
    }
}
