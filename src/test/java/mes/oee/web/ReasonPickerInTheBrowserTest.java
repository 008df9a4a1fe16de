package mes.oee.web;

import static mes.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import mes.support.Browser;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;

/**
 * The operator's reason picker on a line tablet, in a real browser: stops show their reason's name
 * and loss category from the site's tree (an unknown code as unclassified), a reason is given in
 * three taps (the stop, the group, the reason), and nothing changes a stop the operator did not touch.
 */
@QuarkusTest
class ReasonPickerInTheBrowserTest {

    @Test
    void aReasonIsPickedFromTheTreeInThreeTapsAndUntouchedStopsKeepTheirs() throws Exception {
        OeeApiTest.Plant p = OeeApiTest.plant(true);
        as("admin").body("""
                {"reasons": [{"code": "ELECTRICAL", "name": "Electrical", "category": "BREAKDOWN"},
                             {"code": "SENSOR_FAULT", "name": "Sensor fault", "parent": "ELECTRICAL"},
                             {"code": "MATERIAL", "name": "Material", "category": "MATERIAL"},
                             {"code": "NO_MATERIAL", "name": "No material", "parent": "MATERIAL"},
                             {"code": "QUALITY_CHECK", "name": "Quality check", "category": "QUALITY"}]}
                """).put("/api/v1/sites/" + p.site() + "/downtime-reasons").then().statusCode(200);
        // running, a sensor fault 10:00-15:00, running, an unknown code 25:00-30:00, running
        Instant t0 = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MINUTES);
        List<String> messages = new ArrayList<>();
        for (int k = 0; k < 240; k++) {
            String state = k >= 60 && k < 90 ? "DOWN\",\"reason\":\"SENSOR_FAULT" : k >= 150 && k < 180 ? "DOWN\",\"reason\":\"SPINDLE_X" : "RUNNING";
            messages.add("{\"machineId\":\"" + p.machine() + "\",\"ts\":\"" + t0.plusSeconds(10L * k) + "\",\"state\":\"" + state + "\"}");
        }
        OeeApiTest.ingestShuffled(messages, 3);

        try (Browser browser = Browser.open()) {
            browser.driver().manage().window().setSize(new Dimension(800, 1000)); // a line tablet
            browser.login("operator").go("/oee/machine/" + p.machine() + "?period=week");
            List<WebElement> stops = browser.driver().findElements(By.cssSelector("#stops div.stop"));
            assertThat(stops).hasSize(2);
            // newest first: the unknown code, then the sensor fault
            assertThat(stops.get(0).findElement(By.cssSelector(".current")).getText()).contains("SPINDLE_X", "unclassified");
            assertThat(stops.get(1).findElement(By.cssSelector(".current")).getText()).isEqualTo("Sensor fault (Breakdown)");
            Object wide = ((JavascriptExecutor) browser.driver())
                    .executeScript("return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
            assertThat(((Number) wide).intValue()).as("the machine page fits 800 px").isLessThanOrEqualTo(0);

            // tap 1: the stop's picker; tap 2: the group; tap 3: the reason
            WebElement unknown = stops.get(0);
            unknown.findElement(By.cssSelector("details.picker > summary")).click();
            WebElement group = unknown.findElement(By.xpath(".//details[contains(@class,'pick-group')][summary[contains(., 'Material')]]"));
            group.findElement(By.tagName("summary")).click();
            WebElement noMaterial = group.findElement(By.xpath(".//button[normalize-space()='No material']"));
            assertThat(noMaterial.getSize().getHeight()).as("a reason is a finger-sized target").isGreaterThanOrEqualTo(44);
            noMaterial.click();
            browser.waitFor(By.cssSelector("p.notice[role=status]"), Duration.ofSeconds(5));

            stops = browser.driver().findElements(By.cssSelector("#stops div.stop"));
            assertThat(stops.get(0).findElement(By.cssSelector(".current")).getText()).isEqualTo("No material (Material)");
            assertThat(stops.get(1).findElement(By.cssSelector(".current")).getText()).as("the stop nobody touched")
                    .isEqualTo("Sensor fault (Breakdown)");

            // Enter in an empty "another reason" field saves nothing (the field is required, and it is a form of its own)
            WebElement sensor = stops.get(1);
            sensor.findElement(By.cssSelector("details.picker > summary")).click();
            String before = browser.driver().getCurrentUrl();
            sensor.findElement(By.cssSelector("form.pick-other input[name=other]")).sendKeys("\n");
            Thread.sleep(500);
            assertThat(browser.driver().getCurrentUrl()).as("nothing was posted").isEqualTo(before);
            assertThat(browser.driver().findElements(By.cssSelector("#stops div.stop")).get(1).findElement(By.cssSelector(".current"))
                    .getText()).isEqualTo("Sensor fault (Breakdown)");
        }
        // the API has the stop as the operator gave it, and the other as the machine sent it
        List<String> reasons = as("auditor").queryParam("from", t0.toString()).queryParam("to", t0.plusSeconds(2400).toString())
                .get("/api/v1/machines/" + p.machine() + "/states").then().statusCode(200).extract().jsonPath().getList("reason");
        assertThat(reasons).contains("NO_MATERIAL", "SENSOR_FAULT").doesNotContain("SPINDLE_X");
    }
}
