package mes.quality;

import static mes.quality.QualityFixture.inspect;
import static mes.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import mes.support.Browser;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;

/**
 * The evidence rules in a real browser, at a line tablet's width (800 px) and a desk's (1366 px):
 * a FAIL of a special characteristic corrected to PASS is only a request for its requester, who
 * cannot approve it; a second engineer approves it; the lot page lists what blocks its release
 * by name. Screenshots go to target/screenshots.
 */
@QuarkusTest
class EvidenceInTheBrowserTest {

    @Test
    void aCorrectionWaitsForASecondPersonAndTheLotPageNamesItsBlockers() {
        QualityFixture f = new QualityFixture();
        String lot = f.lot(true);
        long failed = inspect("operator", lot, "BORE", List.of(20.0, 20.01, 19.99, 20.0, 20.021)).statusCode(201).extract().jsonPath()
                .getLong("id");
        try (Browser quality = Browser.open()) {
            quality.driver().manage().window().setSize(new Dimension(800, 1100));
            quality.login("quality").go("/quality/inspections/" + failed);
            List<org.openqa.selenium.WebElement> values = quality.driver().findElements(By.cssSelector("#supersede input[name=value]"));
            values.get(4).clear();
            values.get(4).sendKeys("20.01");
            quality.driver().findElement(By.cssSelector("#supersede input[name=reason]")).sendKeys("last value typed as 20.021");
            quality.driver().findElement(By.cssSelector("#supersede button[type=submit]")).click();
            quality.waitFor(By.id("notice"), Duration.ofSeconds(10));
            assertThat(quality.driver().findElement(By.id("notice")).getText()).contains("a second person approves or rejects it");
            assertThat(quality.driver().findElement(By.id("verdict")).getText()).isEqualTo("FAIL");
            assertThat(quality.driver().findElement(By.id("pending-correction")).getText()).contains("You requested it");
            assertThat(quality.driver().findElements(By.id("approve-correction"))).isEmpty();
            quality.screenshot("evidence-correction-requested-800");
            assertThat(horizontalOverflow(quality)).as("the page fits the tablet: %s", wide(quality)).isFalse();
        }
        try (Browser admin = Browser.open()) {
            admin.driver().manage().window().setSize(new Dimension(1366, 900));
            admin.login("admin").go("/quality/inspections/" + failed);
            admin.driver().findElement(By.cssSelector("#approve-correction input[name=note]")).sendKeys("checked against the CMM printout");
            admin.driver().findElement(By.cssSelector("#approve-correction button[type=submit]")).click();
            admin.waitFor(By.id("notice"), Duration.ofSeconds(10));
            assertThat(admin.driver().findElement(By.id("notice")).getText()).contains("Correction approved");
            assertThat(admin.driver().findElement(By.id("verdict")).getText()).isEqualTo("PASS");
            admin.screenshot("evidence-correction-approved-1366");

            as("operator").body(Map.of("lotId", lot, "description", "porosity at the bore")).post("/api/v1/nonconformities").then()
                    .statusCode(201);
            as("quality").body(Map.of("reason", "sorted")).post("/api/v1/lots/" + lot + "/release-hold").then().statusCode(200);
            admin.go("/quality/lots/" + lot);
            String blockers = admin.driver().findElement(By.id("blockers")).getText();
            assertThat(blockers).contains("BURR not inspected", "DEPTH not inspected", "is not closed");
            assertThat(admin.driver().findElement(By.id("refusal")).getText()).contains("only a concession releases it");
            admin.driver().manage().window().setSize(new Dimension(800, 1100));
            admin.go("/quality/lots/" + lot);
            admin.screenshot("evidence-lot-blockers-800");
            assertThat(horizontalOverflow(admin)).as("the lot page fits the tablet: %s", wide(admin)).isFalse();
        }
    }

    /** The elements wider than the window, to name in a failure. */
    private static Object wide(Browser b) {
        return ((org.openqa.selenium.JavascriptExecutor) b.driver()).executeScript("""
                const w = document.documentElement.clientWidth;
                return [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > w + 1)
                    .slice(0, 8).map(e => e.tagName + (e.id ? '#' + e.id : '') + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right));""");
    }

    private static boolean horizontalOverflow(Browser b) {
        Object r = ((org.openqa.selenium.JavascriptExecutor) b.driver())
                .executeScript("return document.documentElement.scrollWidth > document.documentElement.clientWidth;");
        return Boolean.TRUE.equals(r);
    }
}
