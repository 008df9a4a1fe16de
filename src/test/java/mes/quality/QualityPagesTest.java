package mes.quality;

import static io.restassured.RestAssured.given;
import static mes.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import mes.support.Api;
import mes.support.PageSession;
import org.junit.jupiter.api.Test;

/**
 * The quality pages over HTTP: every page answers for every role that may read it, and every
 * form given bad values sends the user back with the reason and stores nothing.
 */
@QuarkusTest
class QualityPagesTest {

    private static String error(Response r) {
        return mes.support.Flashes.error(r);
    }

    @Test
    void everyQualityPageRendersForEveryReader() {
        QualityFixture f = new QualityFixture();
        String lot = f.lot(false);
        long inspection = QualityFixture.inspect("operator", lot, "BORE", List.of(20.03, 20.0, 20.0, 20.0, 20.0)).statusCode(201).extract()
                .jsonPath().getLong("id");
        long ncr = as("operator").body(Map.of("inspectionId", inspection, "description", "oversize")).post("/api/v1/nonconformities").then()
                .statusCode(201).extract().jsonPath().getLong("id");
        long capa = as("quality").body(Map.of("title", "Oversize", "problem", "p", "owner", "o", "dueOn", "2030-01-01", "nonconformityId", ncr))
                .post("/api/v1/capas").then().statusCode(201).extract().jsonPath().getLong("id");
        long bore = as("auditor").get("/api/v1/parts/" + f.part + "/control-plan").then().extract().jsonPath()
                .getLong("characteristics.find { it.code == 'BORE' }.id");
        List<String> pages = List.of("/quality", "/quality/plans", "/quality/plans/" + f.part, "/quality/inspect", "/quality/inspect?lot=" + lot,
                "/quality/inspections/" + inspection, "/quality/lots/" + lot, "/quality/ncrs", "/quality/ncrs?status=OPEN", "/quality/ncrs/" + ncr,
                "/quality/capas", "/quality/capas/" + capa, "/quality/gauges", "/quality/gauges/" + f.gauge, "/quality/spc/" + bore,
                "/quality/spc/" + bore + "?days=1");
        for (String user : List.of("operator", "supervisor", "quality", "auditor", "admin")) {
            PageSession s = PageSession.login(user);
            for (String page : pages) {
                given().filter(s).get(page).then().statusCode(200).body(containsString("</html>"));
            }
        }
        PageSession auditor = PageSession.login("auditor");
        given().filter(auditor).get("/quality/ncrs/" + ncr).then().body(containsString("oversize"))
                .body(org.hamcrest.Matchers.not(containsString("id=\"dispose\"")));
        given().filter(auditor).get("/quality/spc/" + bore + "?days=2").then().statusCode(400);
        given().filter(auditor).get("/quality/ncrs/987654321").then().statusCode(404);
        given().filter(auditor).get("/quality/lots/no-such-lot").then().statusCode(404);
        given().filter(PageSession.login("gateway")).get("/quality").then().statusCode(403);
    }

    @Test
    void badFormValuesComeBackWithTheReasonAndNothingIsStored() {
        QualityFixture f = new QualityFixture();
        String lot = f.lot(false);
        PageSession quality = PageSession.login("quality");
        long charBefore = as("auditor").get("/api/v1/parts/" + f.part + "/control-plan").then().extract().jsonPath().getList("characteristics").size();
        assertThat(error(given().filter(quality).redirects().follow(false).formParams(Map.of("code", "LEN", "operationNo", "10", "name", "Length",
                "lsl", "ten", "frequency", "1/h", "reactionPlan", "sort")).post("/quality/plans/" + f.part))).contains("lower limit 'ten' is not a number");
        assertThat(error(given().filter(quality).redirects().follow(false).formParams(Map.of("code", "LEN", "operationNo", "10", "name", "Length",
                "lsl", "5", "usl", "4", "frequency", "1/h", "reactionPlan", "sort")).post("/quality/plans/" + f.part))).contains("must be below");
        assertThat(as("auditor").get("/api/v1/parts/" + f.part + "/control-plan").then().extract().jsonPath().getList("characteristics"))
                .hasSize((int) charBefore);

        int inspections = as("auditor").get("/api/v1/inspections?lotId=" + lot).then().extract().jsonPath().getList("id").size();
        long bore = as("auditor").get("/api/v1/parts/" + f.part + "/control-plan").then().extract().jsonPath()
                .getLong("characteristics.find { it.code == 'BORE' }.id");
        assertThat(error(given().filter(quality).redirects().follow(false).formParam("lotId", lot).formParam("characteristicId", bore)
                .formParam("value", "20.0", "20,01", "abc", "20", "20").post("/quality/inspect"))).contains("value 3 'abc' is not a number");
        assertThat(error(given().filter(quality).redirects().follow(false).formParam("lotId", lot).formParam("characteristicId", bore)
                .formParam("value", "20.0", "20.0").post("/quality/inspect"))).contains("samples of 5");
        assertThat(as("auditor").get("/api/v1/inspections?lotId=" + lot).then().extract().jsonPath().getList("id")).hasSize(inspections);
        // a decimal comma is read as a point
        Response ok = given().filter(quality).redirects().follow(false).formParam("lotId", lot).formParam("characteristicId", bore)
                .formParam("value", "20,0", "20,01", "19,99", "20", "20").post("/quality/inspect");
        assertThat(mes.support.Flashes.notice(ok)).contains("passed");

        String gauge = Api.id("G");
        assertThat(error(given().filter(quality).redirects().follow(false).formParams(Map.of("id", gauge, "description", "Caliper",
                "intervalDays", "-5")).post("/quality/gauges"))).contains("intervalDays");
        assertThat(error(given().filter(quality).redirects().follow(false).formParams(Map.of("calibratedAt", "last tuesday", "result", "PASS",
                "certificate", "C")).post("/quality/gauges/" + f.gauge + "/calibrations"))).contains("RFC 3339");
        as("auditor").get("/api/v1/gauges/" + gauge).then().statusCode(404);
        assertThat(error(given().filter(quality).redirects().follow(false).formParams(Map.of("title", "T", "problem", "P", "owner", "O",
                "dueOn", "31.12.2026")).post("/quality/capas"))).contains("YYYY-MM-DD");
        assertThat(error(given().filter(quality).redirects().follow(false).formParams(Map.of("description", "x"))
                .post("/quality/ncrs"))).contains("about a lot");
        assertThat(error(given().filter(quality).redirects().follow(false).formParams(Map.of("disposition", "BURN"))
                .post("/quality/ncrs/987654321/disposition"))).contains("no nonconformity");
    }
}
