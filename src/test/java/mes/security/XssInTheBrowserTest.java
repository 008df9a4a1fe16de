package mes.security;

import static mes.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import mes.production.ProductionFixture;
import mes.quality.QualityFixture;
import mes.support.Browser;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * Markup typed into every free-text field (names, descriptions, notes, reasons, comments,
 * suppliers, owners) and then shown on the pages, in the audit trail and in a compliance report:
 * a real browser must show it as text and build no element from it. The DOM is checked, not only
 * whether a script ran, because the CSP would stop an inline script even where escaping failed.
 */
@QuarkusTest
class XssInTheBrowserTest {

    /** Short enough for the 64-character fields; each variant marks itself so the DOM check can find it. */
    private static String payload(String where) {
        return "<img src=x class=xss-" + where + "><script>x</script>\"'";
    }

    @Test
    void markupInEveryFreeTextFieldIsShownAsTextOnEveryPageAndInTheReports() throws Exception {
        QualityFixture q = new QualityFixture();
        ProductionFixture f = q.production;
        String machine = f.last;
        List<String> fields = new ArrayList<>();
        as("admin").body(Map.of("name", payload("machine"), "lineId", f.line, "idealCycleTimeSeconds", 10.0, "sensors", Map.of()))
                .put("/api/v1/machines/" + machine).then().statusCode(200);
        fields.add("machine");
        as("supervisor").body(Map.of("description", payload("part"), "routing", List.of(
                Map.of("operationNo", 10, "machineId", f.first, "idealCycleTimeSeconds", 8.0),
                Map.of("operationNo", 20, "machineId", f.last, "idealCycleTimeSeconds", 9.0)))).put("/api/v1/parts/" + f.part).then().statusCode(200);
        fields.add("part");
        String lot = q.lot(false);
        String order = as("operator").get("/api/v1/lots/" + lot).then().extract().path("lot.workOrderId");
        String planned = as("supervisor").body(Map.of("partId", f.part, "lineId", f.line, "plannedQuantity", 5, "note", payload("note")))
                .post("/api/v1/work-orders").then().statusCode(201).extract().path("id");
        fields.add("note");
        String material = mes.support.Api.id("SUP");
        as("operator").body(Map.of("id", material, "material", "EN-GJS", "supplier", payload("supplier"))).post("/api/v1/lots").then().statusCode(201);
        fields.add("supplier");
        as("supervisor").body(Map.of("lotIds", List.of(material), "reason", payload("hold"))).post("/api/v1/lots/hold").then().statusCode(200);
        fields.add("hold");
        as("operator").body(Map.of("from", Instant.now().minus(10, ChronoUnit.MINUTES).toString(), "to", Instant.now().minus(5, ChronoUnit.MINUTES)
                .toString(), "reason", payload("reason"))).post("/api/v1/machines/" + machine + "/downtime-reasons");
        long inspection = as("operator").body(Map.of("lotId", lot, "characteristic", "BORE", "values", List.of(20.03, 20.0, 20.0, 20.0, 20.0),
                "comment", payload("comment"))).post("/api/v1/inspections").then().statusCode(201).extract().jsonPath().getLong("id");
        fields.add("comment");
        long ncr = as("operator").body(Map.of("inspectionId", inspection, "description", payload("ncr"))).post("/api/v1/nonconformities")
                .then().statusCode(201).extract().jsonPath().getLong("id");
        fields.add("ncr");
        as("quality").body(Map.of("lotIds", List.of(lot), "containment", payload("containment"))).post("/api/v1/nonconformities/" + ncr
                + "/containment").then().statusCode(200);
        fields.add("containment");
        long capa = as("quality").body(Map.of("title", payload("capa"), "problem", payload("problem"), "owner", payload("owner"), "dueOn",
                LocalDate.now().plusDays(5).toString(), "nonconformityId", ncr)).post("/api/v1/capas").then().statusCode(201).extract().jsonPath()
                .getLong("id");
        fields.addAll(List.of("capa", "problem", "owner"));
        as("quality").body(Map.of("rootCause", payload("cause"))).post("/api/v1/capas/" + capa + "/root-cause").then().statusCode(200);
        as("quality").body(Map.of("description", payload("action"), "owner", "x", "dueOn", LocalDate.now().toString()))
                .post("/api/v1/capas/" + capa + "/actions").then().statusCode(200);
        fields.addAll(List.of("cause", "action"));
        as("quality").body(Map.of("description", payload("gauge"), "intervalDays", 30)).put("/api/v1/gauges/" + q.gauge).then().statusCode(200);
        as("quality").body(Map.of("calibratedAt", Instant.now().minusSeconds(60).toString(), "result", "PASS", "certificate", payload("certificate"),
                "note", payload("calnote"))).post("/api/v1/gauges/" + q.gauge + "/calibrations").then().statusCode(201);
        fields.addAll(List.of("gauge", "certificate", "calnote"));
        long report = as("auditor").body(Map.of("type", "daily", "from", Instant.now().minus(1, ChronoUnit.HOURS).toString(), "to",
                Instant.now().toString())).post("/api/v1/reports").then().statusCode(201).extract().jsonPath().getLong("id");

        List<String> pages = List.of("/", "/lines/" + f.line, "/orders", "/orders/" + order, "/orders/" + planned, "/parts", "/lots",
                "/trace/lots/" + lot, "/trace/lots/" + material, "/oee/machine/" + machine + "?period=today", "/quality", "/quality/inspect?lot=" + lot,
                "/quality/inspections/" + inspection, "/quality/lots/" + lot, "/quality/ncrs", "/quality/ncrs/" + ncr, "/quality/capas",
                "/quality/capas/" + capa, "/quality/gauges", "/quality/gauges/" + q.gauge, "/quality/plans/" + f.part, "/audit",
                "/reports/" + report, "/reports/" + report + "/files/report.html");
        List<String> built = new ArrayList<>();
        List<String> seenAsText = new ArrayList<>();
        try (Browser admin = Browser.open()) {
            admin.login("admin");
            for (String page : pages) {
                admin.go(page);
                if (!admin.driver().findElements(By.cssSelector("img[src=x], img[class^=xss]")).isEmpty()
                        || !admin.driver().findElements(By.xpath("//script[text()='x']")).isEmpty()) {
                    built.add(page);
                }
                String text = admin.driver().findElement(By.tagName("body")).getText();
                for (String field : fields) {
                    if (text.contains(payload(field))) {
                        seenAsText.add(field);
                    }
                }
            }
            admin.go("/quality/ncrs/" + ncr);
            admin.screenshot("xss-ncr-shown-as-text");
        }
        assertThat(built).as("pages where the markup became elements").isEmpty();
        assertThat(seenAsText).as("every field was shown somewhere, as text").containsAll(fields);

        byte[] pdf = as("auditor").get("/api/v1/reports/" + report + "/files/report.pdf").then().statusCode(200).extract().asByteArray();
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            assertThat(new PDFTextStripper().getText(doc)).contains("<img src=x class=xss-ncr>");
        }
    }
}
