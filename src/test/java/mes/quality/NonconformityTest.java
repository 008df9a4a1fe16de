package mes.quality;

import static mes.quality.QualityFixture.inspect;
import static mes.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import mes.production.ProductionFixture;
import mes.support.Api;
import org.junit.jupiter.api.Test;

/** Nonconformities: raised from a failed inspection, contained through traceability, and every rule of disposition. */
@QuarkusTest
class NonconformityTest {

    private static boolean onHold(String lot) {
        return as("auditor").get("/api/v1/lots/" + lot).then().statusCode(200).extract().path("lot.onHold");
    }

    @Test
    void reworkHoldsTheLotAndItsDownstreamLotsUntilAReinspectionPasses() {
        QualityFixture f = new QualityFixture();
        String lot = f.lot(false);
        // the lot goes into an assembly lot downstream
        ProductionFixture assembly = new ProductionFixture();
        String order = assembly.order(10);
        assembly.act(order, "release", "supervisor");
        assembly.act(order, "start", "operator");
        String downstream = as("operator").get("/api/v1/work-orders/" + order).then().extract().path("order.currentLotId");
        as("operator").body(Map.of("lotId", lot)).post("/api/v1/work-orders/" + order + "/consumptions").then().statusCode(201);

        long failed = inspect("operator", lot, "BORE", List.of(20.03, 20.0, 20.0, 20.0, 20.0)).statusCode(201).body("result", equalTo("FAIL"))
                .extract().jsonPath().getLong("id");
        as("auditor").body(Map.of("inspectionId", failed, "description", "x")).post("/api/v1/nonconformities").then().statusCode(403);
        as("operator").body(Map.of("description", "nothing about")).post("/api/v1/nonconformities").then().statusCode(400);
        as("operator").body(Map.of("inspectionId", failed, "description", " ")).post("/api/v1/nonconformities").then().statusCode(400);
        JsonPath ncr = as("operator").body(Map.of("inspectionId", failed, "description", "Bore 20.03 mm, USL 20.02"))
                .post("/api/v1/nonconformities").then().statusCode(201).extract().jsonPath();
        String path = "/api/v1/nonconformities/" + ncr.getLong("id");
        assertThat(ncr.getString("lotId")).isEqualTo(lot);
        assertThat(ncr.getString("partId")).isEqualTo(f.part);
        assertThat(ncr.getString("status")).isEqualTo("OPEN");
        assertThat(ncr.getString("raisedBy")).isEqualTo("operator");

        JsonPath detail = as("auditor").get(path).then().statusCode(200).extract().jsonPath();
        assertThat(detail.getList("suspects.lotId")).containsExactly(lot, downstream);
        assertThat(detail.getList("suspects.depth")).containsExactly(0, 1);

        as("operator").body(Map.of("lotIds", List.of(lot))).post(path + "/containment").then().statusCode(403);
        as("supervisor").body(Map.of()).post(path + "/containment").then().statusCode(400);
        as("supervisor").body(Map.of("lotIds", List.of(lot, downstream), "containment", "sorted the stock at the line"))
                .post(path + "/containment").then().statusCode(200).body("containedLots", equalTo(List.of(lot, downstream)));
        assertThat(onHold(lot)).isTrue();
        assertThat(onHold(downstream)).isTrue();
        as("auditor").get("/api/v1/lots/" + downstream).then().body("lot.holdReason", containsString("NCR-" + ncr.getLong("id")));

        // disposition: only QUALITY and ADMIN; return to supplier only for received material; use as is needs the concession
        as("supervisor").body(Map.of("disposition", "SCRAP")).post(path + "/disposition").then().statusCode(403);
        as("quality").body(Map.of("disposition", "MELT")).post(path + "/disposition").then().statusCode(400);
        as("quality").body(Map.of("disposition", "RETURN_TO_SUPPLIER")).post(path + "/disposition").then().statusCode(409)
                .body("detail", containsString("received from a supplier"));
        as("quality").body(Map.of("disposition", "USE_AS_IS")).post(path + "/disposition").then().statusCode(409)
                .body("detail", containsString("concession"));
        as("quality").body(Map.of("disposition", "REWORK", "note", "re-bore to 20.00")).post(path + "/disposition").then().statusCode(200)
                .body("status", equalTo("REWORK")).body("disposedBy", equalTo("quality"));
        assertThat(onHold(lot)).isTrue();

        // a re-inspection names the nonconformity; a fail keeps it in rework, a pass closes it and lifts the holds
        as("operator").body(Map.of("lotId", lot, "characteristic", "BORE", "values", List.of(20.021, 20.0, 20.0, 20.0, 20.0),
                "nonconformityId", ncr.getLong("id"))).post("/api/v1/inspections").then().statusCode(201);
        as("auditor").get(path).then().body("nonconformity.status", equalTo("REWORK"));
        assertThat(onHold(lot)).isTrue();
        as("operator").body(Map.of("lotId", downstream, "characteristic", "BORE", "values", List.of(20.0, 20.0, 20.0, 20.0, 20.0),
                "nonconformityId", ncr.getLong("id"))).post("/api/v1/inspections").then().statusCode(400);
        as("operator").body(Map.of("lotId", lot, "characteristic", "BORE", "values", List.of(20.0, 20.01, 20.0, 20.0, 20.0),
                "nonconformityId", ncr.getLong("id"))).post("/api/v1/inspections").then().statusCode(201);
        as("auditor").get(path).then().body("nonconformity.status", equalTo("CLOSED"));
        assertThat(onHold(lot)).isFalse();
        assertThat(onHold(downstream)).isFalse();
        as("quality").body(Map.of("disposition", "SCRAP")).post(path + "/disposition").then().statusCode(409).body("detail", containsString("closed"));
        as("operator").body(Map.of("lotId", lot, "characteristic", "BORE", "values", List.of(20.0, 20.0, 20.0, 20.0, 20.0),
                "nonconformityId", ncr.getLong("id"))).post("/api/v1/inspections").then().statusCode(409);
        // the trail has each step
        List<String> actions = as("auditor").get("/api/v1/audit?from=" + java.time.Instant.now().minusSeconds(120)).then().extract().jsonPath()
                .getList("findAll { it.entityType == 'nonconformity' && it.entityId == '" + ncr.getLong("id") + "' }.action");
        assertThat(actions).containsExactly("RAISE", "CONTAIN", "DISPOSE", "REINSPECTION_FAILED", "REINSPECTION_PASSED");
    }

    @Test
    void useAsIsLiftsTheHoldScrapKeepsItAndSupplierMaterialGoesBack() {
        QualityFixture f = new QualityFixture();
        String lot = f.lot(true);
        long ncr = as("quality").body(Map.of("lotId", lot, "description", "Burr on the flange")).post("/api/v1/nonconformities").then()
                .statusCode(201).extract().jsonPath().getLong("id");
        as("quality").body(Map.of("lotIds", List.of(lot))).post("/api/v1/nonconformities/" + ncr + "/containment").then().statusCode(200);
        as("admin").body(Map.of("disposition", "USE_AS_IS", "note", "Customer SQE K. Braun agreed by mail 2026-11-20: cosmetic only"))
                .post("/api/v1/nonconformities/" + ncr + "/disposition").then().statusCode(200).body("status", equalTo("CLOSED"));
        assertThat(onHold(lot)).isFalse();
        as("auditor").get("/api/v1/lots/" + lot + "/trace").then().statusCode(200);

        String scrapped = f.lot(true);
        long second = as("quality").body(Map.of("lotId", scrapped, "description", "Crack")).post("/api/v1/nonconformities").then()
                .statusCode(201).extract().jsonPath().getLong("id");
        as("quality").body(Map.of("lotIds", List.of(scrapped))).post("/api/v1/nonconformities/" + second + "/containment").then().statusCode(200);
        as("quality").body(Map.of("disposition", "SCRAP", "note", "scrapped 50 pcs")).post("/api/v1/nonconformities/" + second + "/disposition")
                .then().statusCode(200).body("status", equalTo("CLOSED"));
        assertThat(onHold(scrapped)).isTrue();
        as("quality").body(Map.of()).post("/api/v1/lots/" + scrapped + "/release").then().statusCode(409);

        String material = Api.id("SUP");
        as("operator").body(Map.of("id", material, "material", "EN-GJS-400", "supplier", "Acme", "quantity", 100)).post("/api/v1/lots").then()
                .statusCode(201);
        long third = as("operator").body(Map.of("lotId", material, "description", "Porosity")).post("/api/v1/nonconformities").then()
                .statusCode(201).body("partId", equalTo(null)).extract().jsonPath().getLong("id");
        as("quality").body(Map.of("disposition", "RETURN_TO_SUPPLIER", "note", "8D requested")).post("/api/v1/nonconformities/" + third
                + "/disposition").then().statusCode(200).body("status", equalTo("CLOSED")).body("disposition", equalTo("RETURN_TO_SUPPLIER"));
        as("auditor").get("/api/v1/nonconformities?status=CLOSED").then().statusCode(200)
                .body("id", org.hamcrest.Matchers.hasItems((int) ncr, (int) second, (int) third));
        as("auditor").get("/api/v1/nonconformities?status=WHATEVER").then().statusCode(400);
        as("auditor").get("/api/v1/nonconformities/987654321").then().statusCode(404);
    }
}
