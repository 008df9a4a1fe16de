package mes.production;

import static mes.support.Api.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import mes.support.Api;
import org.junit.jupiter.api.Test;

/** A part's bill of material over the API, goods receipt with its unit, and consumption checked against both. */
@QuarkusTest
class BillOfMaterialTest {

    @Test
    void aLotConsumesOnlyWhatItsPartsBillOfMaterialListsInItsUnitAndNoMoreThanIsLeft() {
        ProductionFixture f = new ProductionFixture();
        String bom = "/api/v1/parts/" + f.part + "/bill-of-material";
        as("auditor").get(bom).then().statusCode(200).body("size()", equalTo(0));
        // bad input: a clear 400, nothing stored; only planners keep it
        for (Object bad : List.of(Map.of("material", "EN-GJS-400", "unit", "bags"), Map.of("unit", "kg"),
                Map.of("material", "EN-GJS-400", "unit", "kg", "perPart", -1))) {
            as("supervisor").body(Map.of("materials", List.of(bad))).put(bom).then().statusCode(400);
        }
        as("supervisor").body(Map.of("materials", List.of(Map.of("material", "X", "unit", "kg"), Map.of("material", "X", "unit", "kg"))))
                .put(bom).then().statusCode(400).body("detail", containsString("listed twice"));
        as("operator").body(Map.of("materials", List.of())).put(bom).then().statusCode(403);
        as("supervisor").body(Map.of("materials", List.of())).put("/api/v1/parts/no-such-part/bill-of-material").then().statusCode(404);
        as("auditor").get(bom).then().body("size()", equalTo(0));
        as("supervisor").body(Map.of("materials", List.of(Map.of("material", "EN-GJS-400", "unit", "kg", "perPart", 2.4)))).put(bom)
                .then().statusCode(200).body("material", equalTo(List.of("EN-GJS-400")));

        String pp = Api.id("PP");
        String iron = Api.id("FE");
        String ironInPieces = Api.id("FEP");
        as("operator").body(Map.of("id", pp, "material", "PP-GRANULATE", "supplier", "Plast AG", "quantity", 500, "unit", "kg"))
                .post("/api/v1/lots").then().statusCode(201).body("unit", equalTo("kg"));
        as("operator").body(Map.of("id", iron, "material", "EN-GJS-400", "supplier", "Foundry", "quantity", 100, "unit", "kg"))
                .post("/api/v1/lots").then().statusCode(201);
        as("operator").body(Map.of("id", ironInPieces, "material", "EN-GJS-400", "supplier", "Foundry", "quantity", 10))
                .post("/api/v1/lots").then().statusCode(201).body("unit", equalTo("pcs"));
        as("operator").body(Map.of("id", Api.id("BAD"), "material", "EN-GJS-400", "quantity", 1, "unit", "bags")).post("/api/v1/lots")
                .then().statusCode(400).body("detail", containsString("unit must be one of"));

        String order = f.order(50);
        f.act(order, "release", "supervisor");
        f.act(order, "start", "operator");
        String consume = "/api/v1/work-orders/" + order + "/consumptions";
        as("operator").body(Map.of("lotId", pp, "quantity", 10)).post(consume).then().statusCode(409)
                .body("detail", containsString("PP-GRANULATE is not in the bill of material of " + f.part + " (it lists EN-GJS-400)"));
        as("operator").body(Map.of("lotId", ironInPieces)).post(consume).then().statusCode(409)
                .body("detail", containsString("counts EN-GJS-400 in kg, the lot is in pcs"));
        as("operator").body(Map.of("lotId", iron, "quantity", 60)).post(consume).then().statusCode(201);
        as("auditor").get("/api/v1/lots/" + iron).then().statusCode(200).body("quantityLeft", equalTo(40));
        as("operator").body(Map.of("lotId", iron, "quantity", 50)).post(consume).then().statusCode(409)
                .body("detail", containsString("50 kg is more than the 40 kg left of the lot"));
        as("operator").body(Map.of("lotId", iron, "quantity", 40)).post(consume).then().statusCode(201);
        as("auditor").get("/api/v1/lots/" + iron).then().body("quantityLeft", equalTo(0)).body("consumedBy.size()", equalTo(2));
        as("auditor").get("/api/v1/lots/" + pp).then().body("consumedBy.size()", equalTo(0)).body("quantityLeft", equalTo(500));
    }
}
