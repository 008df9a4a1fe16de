package mes.quality;

import static mes.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import mes.support.Browser;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * Quality in a real browser: an operator measures a lot and the bore fails; from the failed
 * inspection the operator raises a nonconformity; the quality engineer contains the lot (it goes
 * on hold), decides rework, and the re-inspection that passes closes the nonconformity and lifts
 * the hold. The SPC page draws its charts. Screenshots go to target/screenshots.
 */
@QuarkusTest
class QualityInTheBrowserTest {

    @Test
    void inspectionFailsANonconformityIsRaisedContainedAndDisposedOf() {
        QualityFixture f = new QualityFixture();
        String lot = f.lot(false);
        String ncrPath;
        try (Browser operator = Browser.open()) {
            operator.login("operator").go("/quality/inspect?lot=" + lot);
            measure(operator, "BORE", "20.00", "20.01", "19.99", "20.00", "20.035");
            operator.waitFor(By.id("verdict"), Duration.ofSeconds(10));
            assertThat(operator.driver().findElement(By.id("verdict")).getText()).isEqualTo("FAIL");
            assertThat(operator.driver().findElement(By.id("notice")).getText()).contains("BORE FAILED");
            assertThat(operator.driver().getPageSource()).contains("Reaction plan: stop the line");
            operator.screenshot("quality-inspection-failed");

            WebElement description = operator.driver().findElement(By.cssSelector("#raise textarea[name=description]"));
            assertThat(description.getAttribute("value")).contains("BORE out of tolerance on lot " + lot, "20.035");
            description.sendKeys(" <i>seen at op 10</i>");
            operator.driver().findElement(By.id("raise-ncr")).click();
            operator.waitFor(By.id("ncr-status"), Duration.ofSeconds(10));
            assertThat(operator.driver().findElement(By.id("ncr-status")).getText()).isEqualTo("OPEN");
            // free text is shown as text, never as markup
            assertThat(operator.driver().findElement(By.id("description")).getText()).endsWith("<i>seen at op 10</i>");
            assertThat(operator.driver().findElements(By.cssSelector("#description i"))).isEmpty();
            // an operator may raise, but neither contain nor decide
            assertThat(operator.driver().findElements(By.id("contain-lots"))).isEmpty();
            assertThat(operator.driver().findElements(By.id("dispose-ncr"))).isEmpty();
            ncrPath = new java.net.URI(operator.driver().getCurrentUrl()).getPath();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }

        try (Browser quality = Browser.open()) {
            quality.login("quality").go(ncrPath);
            assertThat(quality.driver().findElement(By.id("suspects")).getText()).contains(lot, "this lot");
            quality.driver().findElement(By.cssSelector("#contain input[name=containment]")).sendKeys("Parts at the line sorted");
            quality.driver().findElement(By.id("contain-lots")).click();
            quality.waitFor(By.id("notice"), Duration.ofSeconds(10));
            assertThat(quality.driver().findElement(By.id("notice")).getText()).contains("1 lot(s) contained");
            assertThat(quality.driver().findElement(By.id("contained")).getText()).isEqualTo(lot);
            assertThat(as("auditor").get("/api/v1/lots/" + lot).then().extract().<Boolean>path("lot.onHold")).isTrue();

            // use as is without its concession is refused, with the reason on the page
            quality.driver().findElement(By.cssSelector("#dispose input[value=USE_AS_IS]")).click();
            quality.driver().findElement(By.id("dispose-ncr")).click();
            quality.waitFor(By.id("error"), Duration.ofSeconds(10));
            assertThat(quality.driver().findElement(By.id("error")).getText()).contains("concession");

            quality.driver().findElement(By.cssSelector("#dispose input[value=REWORK]")).click();
            quality.driver().findElement(By.cssSelector("#dispose textarea[name=note]")).sendKeys("Re-bore to 20.00 on the finishing machine");
            quality.driver().findElement(By.id("dispose-ncr")).click();
            quality.waitFor(By.id("notice"), Duration.ofSeconds(10));
            assertThat(quality.driver().findElement(By.id("ncr-status")).getText()).isEqualTo("REWORK");
            assertThat(quality.driver().findElement(By.id("disposition")).getText()).contains("rework", "quality", "Re-bore");
            quality.screenshot("quality-ncr-rework");

            quality.driver().findElement(By.id("reinspect")).click();
            quality.waitFor(By.id("inspect-BORE"), Duration.ofSeconds(10));
            assertThat(quality.driver().getPageSource()).contains("Re-inspection after rework");
            measure(quality, "BORE", "20.00", "20.01", "19.99", "20.00", "20.005");
            quality.waitFor(By.id("notice"), Duration.ofSeconds(10));
            assertThat(quality.driver().findElement(By.id("notice")).getText()).contains("BORE passed");

            quality.go(ncrPath);
            assertThat(quality.driver().findElement(By.id("ncr-status")).getText()).isEqualTo("CLOSED");
            assertThat(as("auditor").get("/api/v1/lots/" + lot).then().extract().<Boolean>path("lot.onHold")).isFalse();
            quality.screenshot("quality-ncr-closed");

            // the charts of the bore: its two subgroups so far (the failed one and the re-inspection), as SVG with limits and specification
            long bore = as("auditor").get("/api/v1/parts/" + f.part + "/control-plan").then().extract().jsonPath()
                    .getLong("characteristics.find { it.code == 'BORE' }.id");
            quality.go("/quality/spc/" + bore);
            List<WebElement> charts = quality.driver().findElements(By.cssSelector("svg.spc"));
            assertThat(charts).hasSize(2);
            assertThat(charts.get(0).findElements(By.cssSelector("line.spec"))).hasSize(2);
            assertThat(charts.get(0).findElements(By.cssSelector("circle.point, rect.violation"))).hasSize(2);
            assertThat(quality.driver().findElement(By.id("cpk")).getText()).matches("-?\\d+\\.\\d\\d");
            quality.screenshot("quality-spc");
        }
    }

    private static void measure(Browser b, String code, String... values) {
        List<WebElement> inputs = b.driver().findElements(By.cssSelector("#inspect-" + code + " input[name=value]"));
        assertThat(inputs).hasSize(values.length);
        for (int i = 0; i < values.length; i++) {
            inputs.get(i).sendKeys(values[i]);
        }
        b.driver().findElement(By.cssSelector("#inspect-" + code + " button[type=submit]")).click();
    }
}
