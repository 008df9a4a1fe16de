package mes.quality;

import static mes.quality.QualityFixture.inspect;
import static mes.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import mes.support.Api;
import org.junit.jupiter.api.Test;

/** Control plans, inspections and their correction, release, SPC over HTTP, calibration, and the append-only evidence. */
@QuarkusTest
class QualityTest {

    @Inject
    AgroalDataSource db;

    @Test
    void aControlPlanRefusesWhatCannotBeCheckedAndKeepsWhatItDrops() {
        QualityFixture f = new QualityFixture();
        String plan = "/api/v1/parts/" + f.part + "/control-plan";
        List<Map<String, Object>> bad = List.of(
                with(QualityFixture.depth(), "usl", null),
                with(QualityFixture.depth(), "lsl", 13.0),
                with(QualityFixture.depth(), "sampleSize", 11),
                with(QualityFixture.depth(), "operationNo", 99),
                with(QualityFixture.depth(), "gaugeId", "no-such-gauge"),
                with(QualityFixture.depth(), "kind", "COLOUR"),
                with(QualityFixture.depth(), "code", "bad code"),
                with(QualityFixture.depth(), "reactionPlan", ""));
        List<String> why = List.of("lower or an upper limit", "must be below", "sample size", "not in the routing", "no gauge", "kind",
                "code", "reaction plan");
        for (int i = 0; i < bad.size(); i++) {
            as("quality").body(Map.of("characteristics", List.of(bad.get(i)))).put(plan).then().statusCode(400)
                    .body("detail", containsString(why.get(i)));
        }
        as("quality").body(Map.of("characteristics", List.of(QualityFixture.depth(), QualityFixture.depth()))).put(plan).then()
                .statusCode(400).body("detail", containsString("twice"));
        as("operator").body(Map.of("characteristics", List.of())).put(plan).then().statusCode(403);
        // nothing of the refused plans was stored
        as("auditor").get(plan).then().statusCode(200).body("characteristics.code", equalTo(List.of("BORE", "BURR", "DEPTH")));

        String lot = f.lot(false);
        inspect("quality", lot, "BURR", "PASS").statusCode(201);
        long burr = as("auditor").get(plan).then().extract().jsonPath().getLong("characteristics.find { it.code == 'BURR' }.id");
        // a draft changes nothing in force; its author cannot approve it, a second person can
        as("quality").body(Map.of("characteristics", List.of(f.bore(), QualityFixture.depth()), "changeNote", "burrs checked at op 30 now"))
                .put(plan).then().statusCode(200).body("characteristics.code", equalTo(List.of("BORE", "BURR", "DEPTH")))
                .body("revision", equalTo(1)).body("draft.revision", equalTo(2)).body("draft.characteristics.code",
                        equalTo(List.of("BORE", "DEPTH")));
        as("quality").body(Map.of()).post(plan + "/revisions/2/approve").then().statusCode(403).body("detail",
                containsString("a second person approves"));
        as("admin").body(Map.of()).post(plan + "/revisions/2/approve").then().statusCode(200)
                .body("characteristics.code", equalTo(List.of("BORE", "DEPTH"))).body("revision", equalTo(2)).body("approvedBy",
                        equalTo("admin")).body("draft", nullValue());
        as("auditor").get("/api/v1/characteristics/" + burr).then().statusCode(200).body("active", equalTo(false));
        as("auditor").get("/api/v1/inspections?lotId=" + lot).then().statusCode(200).body("characteristic", equalTo(List.of("BURR")));
        inspect("quality", lot, "BURR", "PASS").statusCode(400).body("detail", containsString("no characteristic 'BURR'"));
        // the audit trail has the plan's before and after
        as("auditor").get("/api/v1/audit?from=" + Instant.now().minusSeconds(60)).then().statusCode(200)
                .body("findAll { it.entityType == 'control_plan' && it.entityId.startsWith('" + f.part + "/') }.action",
                        equalTo(List.of("DRAFT_CONTROL_PLAN", "APPROVE_CONTROL_PLAN", "DRAFT_CONTROL_PLAN", "APPROVE_CONTROL_PLAN")));
    }

    @Test
    void aControlPlanIsAVersionedDocumentAndAnInspectionKeepsTheRevisionItFollowed() throws Exception {
        QualityFixture f = new QualityFixture();
        String plan = "/api/v1/parts/" + f.part + "/control-plan";
        String lot = f.lot(false);
        long before = inspect("operator", lot, "DEPTH", List.of(11.8)).statusCode(201).body("result", equalTo("PASS"))
                .body("controlPlanRevision", equalTo(1)).extract().jsonPath().getLong("id");
        // revision 2 tightens the depth to 11.5 mm and checks it first piece and every 100 parts
        Map<String, Object> tighter = new HashMap<>(QualityFixture.depth());
        tighter.put("usl", 11.5);
        tighter.put("when", Map.of("firstOff", true, "everyParts", 100));
        as("quality").body(Map.of("characteristics", List.of(f.bore(), tighter, QualityFixture.visual()), "changeNote", "customer 8D 4711"))
                .put(plan).then().statusCode(200).body("revision", equalTo(1))
                .body("characteristics.find { it.code == 'DEPTH' }.usl", equalTo(12.0f));
        // until approved, revision 1 judges: 11.8 still passes
        inspect("operator", lot, "DEPTH", List.of(11.8)).statusCode(201).body("result", equalTo("PASS")).body("controlPlanRevision", equalTo(1));
        as("admin").body(Map.of("note", "PPAP update approved")).post(plan + "/revisions/2/approve").then().statusCode(200)
                .body("revision", equalTo(2)).body("characteristics.find { it.code == 'DEPTH' }.usl", equalTo(11.5f))
                .body("characteristics.find { it.code == 'DEPTH' }.when.everyParts", equalTo(100));
        inspect("operator", lot, "DEPTH", List.of(11.8)).statusCode(201).body("result", equalTo("FAIL")).body("controlPlanRevision", equalTo(2))
                .body("limits", equalTo("<= 11.5 mm"));
        // the old record still says what it was judged against, and a correction of it is judged the same way
        as("auditor").get("/api/v1/inspections/" + before).then().statusCode(200).body("[0].limits", equalTo("<= 12 mm"))
                .body("[0].controlPlanRevision", equalTo(1));
        as("quality").body(Map.of("values", List.of(11.9), "reason", "typed 11.8, the printout says 11.9"))
                .post("/api/v1/inspections/" + before + "/supersede").then().statusCode(201).body("result", equalTo("PASS"))
                .body("controlPlanRevision", equalTo(1)).body("limits", equalTo("<= 12 mm"));
        // the document as approved, and as superseded
        as("auditor").get(plan + "/revisions").then().statusCode(200).body("revision", equalTo(List.of(2, 1)))
                .body("status", equalTo(List.of("APPROVED", "SUPERSEDED"))).body("[0].approvedBy", equalTo("admin"))
                .body("[0].draftedBy", equalTo("quality")).body("[0].changeNote", equalTo("customer 8D 4711"));
        as("auditor").get(plan + "/revisions/1").then().statusCode(200)
                .body("characteristics.find { it.code == 'DEPTH' }.usl", equalTo(12.0f));
        as("auditor").get(plan + "/revisions/9").then().statusCode(404);
        // only a draft can be discarded; a discarded draft leaves the plan in force as it was
        as("quality").delete(plan + "/revisions/2").then().statusCode(409).body("detail", containsString("only a draft"));
        as("quality").body(Map.of("characteristics", List.of(f.bore()))).put(plan).then().statusCode(200).body("draft.revision", equalTo(3));
        as("admin").delete(plan + "/revisions/3").then().statusCode(204);
        as("auditor").get(plan).then().statusCode(200).body("revision", equalTo(2)).body("draft", nullValue())
                .body("characteristics.code", equalTo(List.of("BORE", "BURR", "DEPTH")));
        as("quality").body(Map.of("when", Map.of("everyMinutes", 0))).put(plan).then().statusCode(400);
        Map<String, Object> bad = new HashMap<>(QualityFixture.depth());
        bad.put("when", Map.of("everyMinutes", 0));
        as("quality").body(Map.of("characteristics", List.of(bad))).put(plan).then().statusCode(400)
                .body("detail", containsString("every: 1 to 10080 minutes"));
        as("admin").body(Map.of()).post(plan + "/revisions/3/approve").then().statusCode(409);
        // an approved revision cannot be edited in the database either
        try (Connection c = db.getConnection(); Statement st = c.createStatement()) {
            for (String sql : List.of("UPDATE control_plan_revision SET characteristics = '[]' WHERE part_id = '" + f.part + "' AND revision = 1",
                    "UPDATE control_plan_revision SET status = 'APPROVED', superseded_at = NULL WHERE part_id = '" + f.part + "' AND revision = 1",
                    "DELETE FROM control_plan_revision WHERE part_id = '" + f.part + "' AND revision = 2")) {
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> st.executeUpdate(sql)).hasMessageContaining("an approved control plan is evidence");
            }
        }
    }

    @Test
    void inspectionsAreJudgedByThePlanSignedAndCorrectedOnlyBySupersession() throws Exception {
        QualityFixture f = new QualityFixture();
        String lot = f.lot(false);
        // a CMM posts as INTEGRATION, naming the characteristic by its code; the verdict comes from the limits
        JsonPath pass = inspect("gateway", lot, "BORE", List.of(20.0, 20.01, 19.99, 20.0, 20.02)).statusCode(201).extract().jsonPath();
        assertThat(pass.getString("result")).isEqualTo("PASS");
        assertThat(pass.getString("inspectedBy")).isEqualTo("gateway");
        assertThat(pass.getString("gaugeId")).isEqualTo(f.gauge);
        assertThat(pass.getBoolean("gaugeOverdue")).isFalse();
        JsonPath fail = inspect("operator", lot, "BORE", List.of(20.0, 20.01, 19.99, 20.0, 20.021)).statusCode(201).extract().jsonPath();
        assertThat(fail.getString("result")).isEqualTo("FAIL");
        inspect("operator", lot, "DEPTH", List.of(12.0)).statusCode(201).body("result", equalTo("PASS"));
        inspect("operator", lot, "BURR", "FAIL").statusCode(201).body("result", equalTo("FAIL"));

        // bad input: a clear 400 and nothing stored
        int before = as("auditor").get("/api/v1/inspections?lotId=" + lot).then().extract().jsonPath().getList("id").size();
        inspect("operator", lot, "BORE", List.of(20.0, 20.0)).statusCode(400).body("detail", containsString("samples of 5"));
        inspect("operator", lot, "BURR", List.of(1.0)).statusCode(400).body("detail", containsString("pass / fail"));
        inspect("operator", lot, "BURR", "MAYBE").statusCode(400);
        inspect("operator", lot, "NOPE", List.of(1.0)).statusCode(400).body("detail", containsString("no characteristic 'NOPE'"));
        inspect("operator", "no-such-lot", "BORE", List.of(1.0)).statusCode(400).body("detail", containsString("no lot"));
        as("operator").body(Map.of("lotId", lot, "characteristic", "DEPTH", "values", List.of(1.0), "inspectedAt", "yesterday"))
                .post("/api/v1/inspections").then().statusCode(400).body("detail", containsString("RFC 3339"));
        as("operator").body(Map.of("lotId", lot, "characteristic", "DEPTH", "values", List.of(11.0), "result", "FAIL"))
                .post("/api/v1/inspections").then().statusCode(400).body("detail", containsString("comes from its limits"));
        as("operator").body("{\"lotId\": \"" + lot + "\", \"characteristic\": \"DEPTH\", \"values\": [\"x\"]}").post("/api/v1/inspections")
                .then().statusCode(400);
        as("auditor").body(Map.of("lotId", lot, "characteristic", "DEPTH", "values", List.of(11.0))).post("/api/v1/inspections").then()
                .statusCode(403);
        assertThat(as("auditor").get("/api/v1/inspections?lotId=" + lot).then().extract().jsonPath().getList("id")).hasSize(before);

        // a correction supersedes; both stay and the chain is shown from either end
        long failed = fail.getLong("id");
        as("operator").body(Map.of("values", List.of(20.0, 20.01, 19.99, 20.0, 20.01), "reason", "typo")).post("/api/v1/inspections/"
                + failed + "/supersede").then().statusCode(403);
        as("quality").body(Map.of("values", List.of(20.0, 20.01, 19.99, 20.0, 20.01))).post("/api/v1/inspections/" + failed + "/supersede")
                .then().statusCode(400).body("detail", containsString("reason"));
        // FAIL to PASS on a special characteristic: a request, and nothing changes until a second person approves it
        JsonPath request = as("quality").body(Map.of("values", List.of(20.0, 20.01, 19.99, 20.0, 20.01), "reason", "last value typed as 20.021"))
                .post("/api/v1/inspections/" + failed + "/supersede").then().statusCode(202).extract().jsonPath();
        long requestId = request.getLong("id");
        assertThat(request.getString("status")).isEqualTo("PENDING");
        assertThat(request.getString("result")).isEqualTo("PASS");
        assertThat(request.getString("requestedBy")).isEqualTo("quality");
        as("auditor").get("/api/v1/lots/" + lot + "/release").then().statusCode(200).body("current.BORE", equalTo("FAIL"));
        as("auditor").get("/api/v1/inspection-corrections").then().statusCode(200).body("id", org.hamcrest.Matchers.hasItem((int) requestId));
        as("admin").body(Map.of("values", List.of(20.0, 20.0, 20.0, 20.0, 20.0), "reason", "another")).post("/api/v1/inspections/" + failed
                + "/supersede").then().statusCode(409).body("detail", containsString("waiting for a second person"));
        // the requester may not decide it, an operator may not either; a rejection needs its reason
        as("quality").body(Map.of("note", "fine")).post("/api/v1/inspection-corrections/" + requestId + "/approve").then().statusCode(403)
                .body("detail", containsString("second person"));
        as("operator").body(Map.of()).post("/api/v1/inspection-corrections/" + requestId + "/approve").then().statusCode(403);
        as("admin").body(Map.of()).post("/api/v1/inspection-corrections/" + requestId + "/reject").then().statusCode(400)
                .body("detail", containsString("reason"));
        as("auditor").get("/api/v1/inspections/" + failed).then().statusCode(200).body("size()", equalTo(1));
        JsonPath corrected = as("admin").body(Map.of("note", "checked against the CMM printout"))
                .post("/api/v1/inspection-corrections/" + requestId + "/approve").then().statusCode(201).extract().jsonPath();
        assertThat(corrected.getString("result")).isEqualTo("PASS");
        assertThat(corrected.getLong("supersedesId")).isEqualTo(failed);
        assertThat(corrected.getString("inspectedBy")).isEqualTo("quality");
        assertThat(corrected.getString("supersedeReason")).isEqualTo("last value typed as 20.021 (approved by admin)");
        as("auditor").get("/api/v1/inspection-corrections/" + requestId).then().statusCode(200).body("status", equalTo("APPROVED"))
                .body("decidedBy", equalTo("admin")).body("correctionId", equalTo((int) corrected.getLong("id")));
        as("admin").body(Map.of()).post("/api/v1/inspection-corrections/" + requestId + "/approve").then().statusCode(409)
                .body("detail", containsString("approved already"));
        as("quality").body(Map.of("values", List.of(20.0, 20.0, 20.0, 20.0, 20.0), "reason", "again")).post("/api/v1/inspections/" + failed
                + "/supersede").then().statusCode(409).body("detail", containsString("superseded already"));
        JsonPath chain = as("auditor").get("/api/v1/inspections/" + failed).then().statusCode(200).extract().jsonPath();
        assertThat(chain.getList("id", Long.class)).containsExactly(failed, corrected.getLong("id"));
        assertThat(chain.getList("result")).containsExactly("FAIL", "PASS");
        assertThat(chain.getLong("[0].supersededById")).isEqualTo(corrected.getLong("id"));
        assertThat(chain.getList("values[0]", Double.class)).containsExactly(20.0, 20.01, 19.99, 20.0, 20.021);
        assertThat(as("auditor").get("/api/v1/inspections/" + corrected.getLong("id")).then().extract().jsonPath().getList("id", Long.class))
                .containsExactly(failed, corrected.getLong("id"));
        as("auditor").get("/api/v1/lots/" + lot + "/release").then().statusCode(200).body("current.BORE", equalTo("PASS"))
                .body("current.BURR", equalTo("FAIL"));

        // the evidence cannot be edited in the database either
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            for (String sql : List.of("UPDATE inspection SET result = 'PASS' WHERE id = " + failed,
                    "DELETE FROM inspection_measurement WHERE inspection_id = " + failed, "TRUNCATE calibration")) {
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> s.executeUpdate(sql)).hasMessageContaining("append-only");
            }
        }
    }

    @Test
    void aLotIsReleasedWhenItsPlannedInspectionsPassedOrUnderAConcession() {
        QualityFixture f = new QualityFixture();
        String open = f.lot(false);
        f.passAll(open);
        as("quality").body(Map.of()).post("/api/v1/lots/" + open + "/release").then().statusCode(409).body("detail", containsString("still open"));

        String lot = f.lot(true);
        JsonPath status = as("auditor").get("/api/v1/lots/" + lot + "/release").then().statusCode(200).extract().jsonPath();
        assertThat(status.getList("planned")).containsExactly("BORE", "BURR", "DEPTH");
        assertThat(status.getList("outstanding.why")).containsOnly("not inspected");
        inspect("operator", lot, "BORE", List.of(20.0, 20.01, 19.99, 20.0, 20.005)).statusCode(201);
        inspect("operator", lot, "DEPTH", List.of(12.5)).statusCode(201);
        as("quality").body(Map.of()).post("/api/v1/lots/" + lot + "/release").then().statusCode(409)
                .body("detail", containsString("DEPTH failed")).body("detail", containsString("BURR not inspected"))
                .body("detail", containsString("concession"));
        as("operator").body(Map.of("concession", "ok")).post("/api/v1/lots/" + lot + "/release").then().statusCode(403);
        as("supervisor").body(Map.of("concession", "ok")).post("/api/v1/lots/" + lot + "/release").then().statusCode(403);
        JsonPath release = as("quality").body(Map.of("concession", "Customer deviation D-2026-114, depth up to 12.6 mm, 3 months"))
                .post("/api/v1/lots/" + lot + "/release").then().statusCode(201).extract().jsonPath();
        assertThat(release.getString("authorisedBy")).isEqualTo("quality");
        assertThat(release.getString("outstanding")).isEqualTo("BURR not inspected; DEPTH failed");
        as("admin").body(Map.of()).post("/api/v1/lots/" + lot + "/release").then().statusCode(409).body("detail", containsString("released already"));
        as("auditor").get("/api/v1/lots/" + lot + "/release").then().body("release.concession", containsString("D-2026-114"));

        String clean = f.lot(true);
        f.passAll(clean);
        as("quality").body(Map.of("lotIds", List.of(clean), "reason", "customer complaint")).post("/api/v1/lots/hold").then().statusCode(200);
        as("admin").body(Map.of()).post("/api/v1/lots/" + clean + "/release").then().statusCode(409).body("detail", containsString("on hold"));
        as("quality").body(Map.of("reason", "complaint not confirmed")).post("/api/v1/lots/" + clean + "/release-hold").then().statusCode(200);
        as("admin").body(Map.of()).post("/api/v1/lots/" + clean + "/release").then().statusCode(201).body("concession", nullValue())
                .body("outstanding", equalTo(""));
        as("quality").post("/api/v1/lots/no-such-lot/release").then().statusCode(404);
    }

    @Test
    void aReleaseIsRefusedNamingEachBlockerAnInputOnHoldAGaugeOutOfCalibrationAnOpenNcrAndOnlyAConcessionPassesThem() {
        QualityFixture f = new QualityFixture();
        String material = Api.id("RM");
        as("operator").body(Map.of("id", material, "material", "EN-GJS-400", "supplier", "Foundry", "quantity", 100)).post("/api/v1/lots")
                .then().statusCode(201);
        String lot = f.lot(false);
        String order = as("auditor").get("/api/v1/lots/" + lot).then().statusCode(200).extract().path("lot.workOrderId");
        as("operator").body(Map.of("lotId", material)).post("/api/v1/work-orders/" + order + "/consumptions").then().statusCode(201);
        f.production.act(order, "complete", "operator");
        String uncalibrated = Api.id("G");
        as("quality").body(Map.of("description", "Caliper never calibrated", "intervalDays", 365)).put("/api/v1/gauges/" + uncalibrated)
                .then().statusCode(200);
        as("quality").body(Map.of("lotId", lot, "characteristic", "BORE", "values", List.of(20.0, 20.01, 19.99, 20.0, 20.005), "gaugeId",
                uncalibrated)).post("/api/v1/inspections").then().statusCode(201).body("gaugeOverdue", equalTo(true));
        inspect("quality", lot, "DEPTH", List.of(11.5)).statusCode(201);
        inspect("quality", lot, "BURR", "PASS").statusCode(201);
        as("quality").body(Map.of("lotIds", List.of(material), "reason", "supplier recall")).post("/api/v1/lots/hold").then().statusCode(200);
        String ncr = as("operator").body(Map.of("lotId", lot, "description", "porosity seen at the bore")).post("/api/v1/nonconformities")
                .then().statusCode(201).body("containedLots", equalTo(List.of(lot))).extract().path("number");
        // nonconforming product is held at once; a hold is a hard stop, no concession passes it
        as("auditor").get("/api/v1/lots/" + lot).then().body("lot.onHold", equalTo(true)).body("lot.holdReason", containsString(ncr));
        as("quality").body(Map.of("concession", "x")).post("/api/v1/lots/" + lot + "/release").then().statusCode(409)
                .body("detail", containsString("on hold"));
        // the hold lifted by hand, the open nonconformity still blocks
        as("quality").body(Map.of("reason", "sorted at the line, porosity only on the sample")).post("/api/v1/lots/" + lot + "/release-hold")
                .then().statusCode(200);

        JsonPath status = as("auditor").get("/api/v1/lots/" + lot + "/release").then().statusCode(200).extract().jsonPath();
        assertThat(status.getList("outstanding.code")).containsExactly("BORE", "input lot " + material, "nonconformity " + ncr);
        as("quality").body(Map.of()).post("/api/v1/lots/" + lot + "/release").then().statusCode(409)
                .body("detail", containsString("BORE inspected with a gauge that was not in calibration"))
                .body("detail", containsString("input lot " + material + " is on hold"))
                .body("detail", containsString("nonconformity " + ncr + " is not closed"));
        JsonPath release = as("quality").body(Map.of("concession", "Customer deviation D-2026-120: bore re-measured on the CMM, recall"
                + " does not apply to heat 4711, porosity within the drawing's note")).post("/api/v1/lots/" + lot + "/release").then()
                .statusCode(201).extract().jsonPath();
        assertThat(release.getString("outstanding")).isEqualTo("BORE inspected with a gauge that was not in calibration; input lot "
                + material + " is on hold; nonconformity " + ncr + " is not closed");
    }

    @Test
    void aCorrectionKeepingTheVerdictOfAnOrdinaryCharacteristicIsOneStepAndARejectedRequestChangesNothing() throws Exception {
        QualityFixture f = new QualityFixture();
        String lot = f.lot(true);
        long depth = inspect("operator", lot, "DEPTH", List.of(11.5)).statusCode(201).extract().jsonPath().getLong("id");
        as("quality").body(Map.of("values", List.of(11.4), "reason", "read off the wrong line")).post("/api/v1/inspections/" + depth
                + "/supersede").then().statusCode(201).body("result", equalTo("PASS")).body("supersedesId", equalTo((int) depth));
        long bore = inspect("operator", lot, "BORE", List.of(20.0, 20.01, 19.99, 20.0, 20.005)).statusCode(201).extract().jsonPath()
                .getLong("id");
        // the same verdict, but a special characteristic: four eyes all the same
        long request = as("quality").body(Map.of("values", List.of(20.0, 20.01, 19.99, 20.0, 20.004), "reason", "rounding"))
                .post("/api/v1/inspections/" + bore + "/supersede").then().statusCode(202).extract().jsonPath().getLong("id");
        as("admin").body(Map.of("note", "the printout says 20.005")).post("/api/v1/inspection-corrections/" + request + "/reject").then()
                .statusCode(200).body("status", equalTo("REJECTED")).body("decisionNote", equalTo("the printout says 20.005"));
        as("auditor").get("/api/v1/inspections/" + bore).then().statusCode(200).body("size()", equalTo(1))
                .body("[0].supersededById", nullValue());
        as("admin").body(Map.of()).post("/api/v1/inspection-corrections/" + request + "/approve").then().statusCode(409)
                .body("detail", containsString("rejected already"));
        // decided once, in the database too
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            for (String sql : List.of("UPDATE inspection_correction SET status = 'APPROVED' WHERE id = " + request,
                    "UPDATE inspection_correction SET reason = 'other' WHERE id = " + request,
                    "DELETE FROM inspection_correction WHERE id = " + request)) {
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> s.executeUpdate(sql)).hasMessageContaining("append-only");
            }
        }
        as("auditor").get("/api/v1/audit?from=" + Instant.now().minusSeconds(60)).then().statusCode(200)
                .body("findAll { it.entityType == 'inspection' && it.entityId == '" + bore + "' }.action",
                        org.hamcrest.Matchers.hasItems("CORRECTION_REQUESTED", "CORRECTION_REJECTED"));
    }

    @Test
    void controlLimitsComeFromAFrozenBaselineAndCapabilityIsStatedOnlyForAProcessInControl() throws Exception {
        QualityFixture f = new QualityFixture();
        String lot = f.lot(true);
        long depth = as("auditor").get("/api/v1/parts/" + f.part + "/control-plan").then().extract().jsonPath()
                .getLong("characteristics.find { it.code == 'DEPTH' }.id");
        String baselines = "/api/v1/characteristics/" + depth + "/spc-baselines";
        // 20 individual values in control (checked by the rules themselves): centre 11.50745, UCL 11.61161
        List<Double> values = List.of(11.514, 11.524, 11.5, 11.517, 11.446, 11.413, 11.507, 11.501, 11.498, 11.468, 11.513, 11.556, 11.478,
                11.472, 11.578, 11.573, 11.476, 11.533, 11.532, 11.55);
        Instant from = Instant.now().minusSeconds(5);
        for (double v : values.subList(0, 5)) {
            inspect("operator", lot, "DEPTH", List.of(v)).statusCode(201);
        }
        as("quality").body(Map.of("from", from.toString(), "to", Instant.now().plusSeconds(1).toString(), "reason", "first week"))
                .post(baselines).then().statusCode(409).body("detail", containsString("at least 20 subgroups"));
        for (double v : values.subList(5, 20)) {
            inspect("operator", lot, "DEPTH", List.of(v)).statusCode(201);
        }
        Instant to = Instant.now().plusSeconds(1);
        as("quality").body(Map.of("from", "yesterday", "to", to.toString(), "reason", "r")).post(baselines).then().statusCode(400);
        as("quality").body(Map.of("from", from.toString(), "to", to.toString())).post(baselines).then().statusCode(400)
                .body("detail", containsString("reason"));
        as("operator").body(Map.of("from", from.toString(), "to", to.toString(), "reason", "r")).post(baselines).then().statusCode(403);
        as("auditor").get(baselines).then().statusCode(200).body("size()", equalTo(0));
        JsonPath frozen = as("quality").body(Map.of("from", from.toString(), "to", to.toString(), "reason", "20 subgroups after set-up, in control"))
                .post(baselines).then().statusCode(201).extract().jsonPath();
        assertThat(frozen.getDouble("limits.centre")).isCloseTo(11.50745, within(1e-9));
        assertThat(frozen.getDouble("limits.ucl")).isCloseTo(11.61161, within(1e-9));
        assertThat(frozen.getString("frozenBy")).isEqualTo("quality");

        // phase II: a point beyond the baseline's limit signals; the limits do not move with it; no capability is stated
        inspect("operator", lot, "DEPTH", List.of(11.65)).statusCode(201).body("result", equalTo("PASS"));
        JsonPath spc = as("auditor").queryParam("from", from.toString()).queryParam("to", Instant.now().plusSeconds(1).toString())
                .get("/api/v1/characteristics/" + depth + "/spc").then().statusCode(200).extract().jsonPath();
        assertThat(spc.getLong("baseline.id")).isEqualTo(frozen.getLong("id"));
        assertThat(spc.getDouble("location.ucl")).isCloseTo(11.61161, within(1e-9));
        assertThat(spc.getBoolean("inControl")).isFalse();
        assertThat(spc.getString("capability")).isNull();
        assertThat(spc.getBoolean("capable")).isFalse();
        assertThat(spc.getString("capabilityNote")).contains("not in statistical control", "capability is not meaningful");
        // a baseline is evidence
        try (Connection c = db.getConnection(); Statement st = c.createStatement()) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> st.executeUpdate("UPDATE spc_baseline SET ucl = 99 WHERE id = "
                    + frozen.getLong("id"))).hasMessageContaining("append-only");
        }
        // the period now has a signal: it cannot be frozen as a baseline
        as("quality").body(Map.of("from", from.toString(), "to", Instant.now().plusSeconds(1).toString(), "reason", "again")).post(baselines)
                .then().statusCode(409).body("detail", containsString("not in statistical control"));
    }

    @Test
    void aGaugeRandRStudyIsRecordedAsJsonOrCsvJudgedByBothMethodsAndInspectionsWithAGaugeWithoutOneAreFlagged() throws Exception {
        QualityFixture f = new QualityFixture();
        String lot = f.lot(true);
        String studies = "/api/v1/gauges/" + f.gauge + "/studies";
        List<Double> bore = List.of(20.0, 20.01, 19.99, 20.0, 20.005);
        inspect("quality", lot, "BORE", bore).statusCode(201).body("gaugeUnstudied", equalTo(true));
        double[][][] aiag = mes.quality.domain.GaugeRRTest.AIAG;
        // bad input: a clear 400 and nothing stored; only engineers record studies
        as("quality").body(Map.of("appraisers", List.of("A", "B", "C", "D"), "measurements", new double[4][10][3])).post(studies).then()
                .statusCode(400).body("detail", containsString("2 or 3 appraisers"));
        as("quality").body(Map.of("appraisers", List.of("A", "B"), "measurements", aiag)).post(studies).then().statusCode(400);
        as("quality").body(Map.of("appraisers", List.of("A", "B", "C"), "measurements", aiag, "tolerance", -1)).post(studies).then()
                .statusCode(400).body("detail", containsString("tolerance"));
        as("operator").body(Map.of("appraisers", List.of("A", "B", "C"), "measurements", aiag)).post(studies).then().statusCode(403);
        as("quality").body(Map.of("appraisers", List.of("A", "B", "C"), "measurements", aiag)).post("/api/v1/gauges/no-such-gauge/studies")
                .then().statusCode(404);
        as("auditor").get(studies).then().statusCode(200).body("size()", equalTo(0));

        JsonPath st = as("quality").body(Map.of("appraisers", List.of("Anna", "Ben", "Can"), "measurements", aiag, "note", "AIAG data set"))
                .post(studies).then().statusCode(201).extract().jsonPath();
        assertThat(st.getDouble("averageAndRange.percentGrr")).isCloseTo(26.68, within(0.01));
        assertThat(st.getInt("averageAndRange.ndc")).isEqualTo(5);
        assertThat(st.getDouble("anova.percentGrr")).isCloseTo(27.9, within(0.05));
        assertThat(st.getString("verdict")).isEqualTo("CONDITIONAL");
        inspect("quality", lot, "BORE", bore).statusCode(201).body("gaugeUnstudied", equalTo(false));

        // the same data as CSV, against a 2 mm tolerance: 6 GRR is 92 % of it
        StringBuilder csv = new StringBuilder("appraiser,part,trial,value\n");
        for (int a = 0; a < 3; a++) {
            for (int p = 0; p < 10; p++) {
                for (int t = 0; t < 3; t++) {
                    csv.append("ABC".charAt(a)).append(',').append(p + 1).append(',').append(t + 1).append(',').append(aiag[a][p][t]).append('\n');
                }
            }
        }
        JsonPath imported = Api.as("quality").contentType("text/csv").body(csv.toString()).queryParam("tolerance", 2.0).post(studies).then()
                .statusCode(201).extract().jsonPath();
        assertThat(imported.getDouble("averageAndRange.percentGrrOfTolerance")).isCloseTo(91.73, within(0.02));
        assertThat(imported.getString("verdict")).isEqualTo("NOT_ACCEPTABLE");
        Api.as("quality").contentType("text/csv").body("appraiser,part,trial,value\nA,1,1,20,1\n").post(studies).then().statusCode(400)
                .body("detail", containsString("line 2"));
        Api.as("quality").contentType("text/csv").body("appraiser,part,trial,value\nA,1,1,x\n").post(studies).then().statusCode(400)
                .body("detail", containsString("line 2"));
        as("auditor").get(studies).then().statusCode(200).body("size()", equalTo(2)).body("[0].verdict", equalTo("NOT_ACCEPTABLE"));
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> s.executeUpdate("UPDATE gauge_study SET verdict = 'ACCEPTABLE' WHERE id = "
                    + imported.getLong("id"))).hasMessageContaining("append-only");
        }
    }

    @Test
    void spcOverHttpGivesTheHandWorkedLimitsAndCapability() {
        QualityFixture f = new QualityFixture();
        // individual values 5, 7, 6, 9, 8 of a one-sided characteristic (USL 12): mean 7, MR-bar 1.75,
        // I limits 2.345 / 11.655, MR UCL 5.71725, sigma within 1.5514184, Cpk = 5 / (3 * 1.5514184) = 1.0742857,
        // s = 1.5811388, Ppk = 5 / (3 s) = 1.0540926; Cp and Pp undefined; below the 1.33 target.
        Map<String, Object> depth = new HashMap<>(QualityFixture.depth());
        depth.put("usl", 12.0);
        QualityFixture.adopt(f.part, List.of(depth));
        String lot = f.lot(false);
        Instant t = Instant.now().minus(10, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        double[] values = {5, 7, 6, 9, 8};
        for (int i = 0; i < values.length; i++) {
            as("gateway").body(Map.of("lotId", lot, "characteristic", "DEPTH", "values", List.of(values[i]), "inspectedAt",
                    t.plusSeconds(i).toString())).post("/api/v1/inspections").then().statusCode(201);
        }
        long id = as("auditor").get("/api/v1/parts/" + f.part + "/control-plan").then().extract().jsonPath().getLong("characteristics[0].id");
        JsonPath spc = as("auditor").get("/api/v1/characteristics/" + id + "/spc").then().statusCode(200).extract().jsonPath();
        assertThat(spc.getString("location.kind")).isEqualTo("INDIVIDUALS");
        assertThat(spc.getDouble("location.centre")).isCloseTo(7.0, within(1e-6));
        assertThat(spc.getDouble("location.ucl")).isCloseTo(11.655, within(1e-6));
        assertThat(spc.getDouble("location.lcl")).isCloseTo(2.345, within(1e-6));
        assertThat(spc.getDouble("dispersion.ucl")).isCloseTo(5.71725, within(1e-6));
        assertThat(spc.getDouble("capability.cpk")).isCloseTo(1.0742857, within(1e-6));
        assertThat(spc.getDouble("capability.ppk")).isCloseTo(1.0540926, within(1e-6));
        assertThat(spc.getString("capability.cp")).isNull();
        assertThat(spc.getDouble("targets.cpk")).isEqualTo(1.33);
        assertThat(spc.getBoolean("capable")).isFalse();
        assertThat(spc.getList("subgroups.lotId")).containsOnly(lot);
        as("auditor").get("/api/v1/characteristics/" + id + "/spc?from=2026-13-01").then().statusCode(400);
        as("auditor").get("/api/v1/characteristics/987654321/spc").then().statusCode(404);
    }

    @Test
    void calibrationFlagsOverdueGaugesRefusesFailedOnesAndListsTheSuspectInspections() {
        QualityFixture f = new QualityFixture();
        String lot = f.lot(false);
        String other = Api.id("G");
        as("quality").body(Map.of("description", "Depth gauge", "intervalDays", 30)).put("/api/v1/gauges/" + other).then().statusCode(200)
                .body("status", equalTo("NEVER_CALIBRATED"));
        as("quality").body(Map.of("description", "x", "intervalDays", 0)).put("/api/v1/gauges/" + other).then().statusCode(400);
        as("operator").body(Map.of("description", "x", "intervalDays", 10)).put("/api/v1/gauges/" + other).then().statusCode(403);
        Map<String, Object> depthWithGauge = new HashMap<>(Map.of("lotId", lot, "characteristic", "DEPTH", "values", List.of(11.0), "gaugeId", other));
        as("operator").body(depthWithGauge).post("/api/v1/inspections").then().statusCode(201).body("gaugeOverdue", equalTo(true));
        // calibrated 40 days ago with a 30-day interval: overdue, inspections flagged
        as("quality").body(Map.of("calibratedAt", Instant.now().minus(40, ChronoUnit.DAYS).toString(), "result", "PASS", "certificate", "C-1"))
                .post("/api/v1/gauges/" + other + "/calibrations").then().statusCode(201);
        as("auditor").get("/api/v1/gauges/" + other).then().body("gauge.status", equalTo("OVERDUE"));
        as("operator").body(depthWithGauge).post("/api/v1/inspections").then().statusCode(201).body("gaugeOverdue", equalTo(true));
        as("auditor").get("/api/v1/gauges?attention=true").then().body("id", org.hamcrest.Matchers.hasItem(other));
        as("quality").body(Map.of("calibratedAt", Instant.now().plus(1, ChronoUnit.DAYS).toString(), "result", "PASS", "certificate", "C-2"))
                .post("/api/v1/gauges/" + other + "/calibrations").then().statusCode(400).body("detail", containsString("future"));
        as("quality").body(Map.of("calibratedAt", Instant.now().toString(), "result", "OK", "certificate", "C-2"))
                .post("/api/v1/gauges/" + other + "/calibrations").then().statusCode(400);

        // the bore gauge: good an hour ago; three inspections; then found out of tolerance
        long a = inspect("operator", lot, "BORE", List.of(20.0, 20.0, 20.0, 20.0, 20.0)).statusCode(201).extract().jsonPath().getLong("id");
        long b = inspect("operator", lot, "BORE", List.of(20.01, 20.0, 20.0, 20.0, 20.0)).statusCode(201).extract().jsonPath().getLong("id");
        long failedCal = as("quality").body(Map.of("calibratedAt", Instant.now().toString(), "result", "FAIL", "certificate", "DAkkS-4712",
                "note", "reads 8 µm high")).post("/api/v1/gauges/" + f.gauge + "/calibrations").then().statusCode(201).extract().jsonPath()
                .getLong("id");
        inspect("operator", lot, "BORE", List.of(20.0, 20.0, 20.0, 20.0, 20.0)).statusCode(409).body("detail", containsString("out of tolerance"));
        List<Long> suspects = as("auditor").get("/api/v1/gauges/" + f.gauge + "/calibrations/" + failedCal + "/suspect-inspections").then()
                .statusCode(200).extract().jsonPath().getList("inspectionId", Long.class);
        assertThat(suspects).containsExactly(a, b);
        as("auditor").get("/api/v1/gauges/" + f.gauge).then().body("gauge.status", equalTo("OUT_OF_TOLERANCE"));
    }

    @Test
    void capaClosesOnlyWhenTheActionsWorked() {
        String capa = "/api/v1/capas/" + as("quality").body(Map.of("title", "Bore oversize", "problem", "3 lots with oversize bores", "owner",
                "j.meier", "dueOn", LocalDate.now().plusDays(30).toString())).post("/api/v1/capas").then().statusCode(201).extract().path("id");
        as("quality").body(Map.of("title", "x", "problem", "y", "owner", "z", "dueOn", "next week")).post("/api/v1/capas").then()
                .statusCode(400).body("detail", containsString("YYYY-MM-DD"));
        as("operator").body(Map.of("title", "x", "problem", "y", "owner", "z", "dueOn", "2026-12-01")).post("/api/v1/capas").then().statusCode(403);
        as("quality").post(capa + "/close").then().statusCode(409).body("detail", containsString("root cause"));
        as("quality").body(Map.of("rootCause", "Tool wear not monitored; tool life set too long")).post(capa + "/root-cause").then().statusCode(200);
        as("quality").post(capa + "/close").then().statusCode(409).body("detail", containsString("at least one action"));
        JsonPath v = as("quality").body(Map.of("description", "Tool life 800 -> 500 parts", "owner", "supervisor", "dueOn",
                LocalDate.now().minusDays(2).toString())).post(capa + "/actions").then().statusCode(200).extract().jsonPath();
        long action = v.getLong("actions[0].id");
        assertThat(v.getBoolean("actions[0].overdue")).isTrue();
        assertThat(as("auditor").get("/api/v1/capas/overdue-actions").then().extract().jsonPath().getList("id", Long.class)).contains(action);
        as("quality").body(Map.of("effective", true, "evidence", "x")).post(capa + "/checks").then().statusCode(409);
        as("operator").body(Map.of()).post(capa + "/actions/" + action + "/done").then().statusCode(403);
        as("supervisor").body(Map.of("note", "changed in the CNC")).post(capa + "/actions/" + action + "/done").then().statusCode(200)
                .body("actions[0].doneBy", equalTo("supervisor"));
        as("supervisor").body(Map.of()).post(capa + "/actions/" + action + "/done").then().statusCode(409);
        as("quality").body(Map.of("effective", false, "evidence", "oversize again after 2 weeks")).post(capa + "/checks").then().statusCode(200);
        as("quality").post(capa + "/close").then().statusCode(409).body("detail", containsString("not effective"));
        long second = as("quality").body(Map.of("description", "Tool wear monitoring on the spindle load", "owner", "quality", "dueOn",
                LocalDate.now().plusDays(5).toString())).post(capa + "/actions").then().statusCode(200).extract().jsonPath().getLong("actions[1].id");
        as("quality").body(Map.of()).post(capa + "/actions/" + second + "/done").then().statusCode(200);
        as("quality").body(Map.of("effective", true, "evidence", "30 days, no oversize; Cpk 1.71")).post(capa + "/checks").then().statusCode(200);
        as("quality").post(capa + "/close").then().statusCode(200).body("status", equalTo("CLOSED")).body("closedBy", equalTo("quality"));
        as("quality").body(Map.of("rootCause", "changed")).post(capa + "/root-cause").then().statusCode(409);
        assertThat(as("auditor").get("/api/v1/capas/overdue-actions").then().extract().jsonPath().getList("id", Long.class)).doesNotContain(action);
    }

    private static Map<String, Object> with(Map<String, Object> base, String key, Object value) {
        Map<String, Object> m = new HashMap<>(base);
        m.put(key, value);
        return m;
    }
}
