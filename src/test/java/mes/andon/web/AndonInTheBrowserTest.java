package mes.andon.web;

import static mes.support.Api.as;
import static mes.support.Api.id;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import mes.support.Api;
import mes.support.Browser;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;

/**
 * Andon in a real browser at 800 px: the operator calls maintenance from the line terminal with one
 * tap, the call is on the plant overview and the maintenance page, the technician answers it and
 * resolves it there; the API has the times.
 */
@QuarkusTest
class AndonInTheBrowserTest {

    @Test
    void oneTapAtTheLineReachesTheTechnician() {
        Api.Hierarchy h = Api.hierarchy("UTC");
        String machine = id("ANB");
        as("admin").body(Map.of("name", "Press", "lineId", h.line(), "idealCycleTimeSeconds", 30)).put("/api/v1/machines/" + machine).then()
                .statusCode(201);
        try (Browser browser = Browser.open()) {
            browser.driver().manage().window().setSize(new Dimension(800, 1000));
            browser.login("operator").go("/lines/" + h.line());
            WebElement button = browser.driver().findElement(By.id("call-" + machine + "-MAINTENANCE"));
            assertThat(button.getSize().getHeight()).as("a finger-sized button").isGreaterThanOrEqualTo(44);
            button.click();
            browser.waitFor(By.id("notice"), Duration.ofSeconds(5));
            assertThat(browser.driver().findElement(By.id("notice")).getText()).contains("Called maintenance to " + machine);
            assertThat(browser.driver().findElement(By.id("andon-" + machine + "-MAINTENANCE")).getText()).contains("Maintenance called");
            assertThat(browser.driver().findElements(By.id("call-" + machine + "-MAINTENANCE"))).as("no second button while it is open")
                    .isEmpty();
            assertThat(browser.driver().findElements(By.id("call-" + machine + "-QUALITY"))).hasSize(1);
            Object wide = ((JavascriptExecutor) browser.driver())
                    .executeScript("return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
            assertThat(((Number) wide).intValue()).as("the terminal fits 800 px").isLessThanOrEqualTo(0);
            browser.go("/");
            assertThat(browser.driver().findElement(By.id("andon-calls")).getText()).contains(machine, "calls Maintenance", "nobody has answered");
        }
        List<Map<String, Object>> calls = as("auditor").queryParam("machineId", machine).get("/api/v1/andon-calls").then().extract().jsonPath()
                .getList("");
        assertThat(calls).hasSize(1);
        long id = ((Number) calls.get(0).get("id")).longValue();
        assertThat(calls.get(0)).containsEntry("calledBy", "operator").containsEntry("status", "OPEN");

        try (Browser browser = Browser.open()) {
            browser.driver().manage().window().setSize(new Dimension(800, 1000));
            browser.login("maintenance").go("/maintenance");
            assertThat(browser.driver().findElement(By.id("call-" + id)).getText()).contains(machine, "nobody has answered");
            browser.driver().findElement(By.id("answer-" + id)).click();
            browser.waitFor(By.id("notice"), Duration.ofSeconds(5));
            assertThat(browser.driver().findElement(By.id("call-" + id)).getText()).contains("answered by maintenance");
            WebElement resolve = browser.driver().findElement(By.id("resolve-" + id));
            resolve.findElement(By.name("resolution")).sendKeys("hose clamp tightened");
            resolve.findElement(By.id("resolve-button-" + id)).click();
            browser.waitFor(By.id("notice"), Duration.ofSeconds(5));
            assertThat(browser.driver().findElements(By.id("call-" + id))).isEmpty();
        }
        var done = as("auditor").get("/api/v1/andon-calls/" + id).then().statusCode(200).extract().jsonPath();
        assertThat(done.getString("status")).isEqualTo("RESOLVED");
        assertThat(done.getString("acknowledgedBy")).isEqualTo("maintenance");
        assertThat(done.getString("resolution")).isEqualTo("hose clamp tightened");
    }
}
