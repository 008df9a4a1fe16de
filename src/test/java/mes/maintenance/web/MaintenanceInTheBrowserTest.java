package mes.maintenance.web;

import static mes.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import mes.maintenance.PreventiveMaintenance;
import mes.support.Browser;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;

/**
 * The technician's tablet in a real browser at 800 px: a plan made on the page falls due, its order
 * is taken, started and completed with notes, minutes and parts; a wrong parts line is refused
 * with what was typed kept in the database untouched; the operator sees the page without its buttons.
 */
@QuarkusTest
class MaintenanceInTheBrowserTest {

    @Inject
    PreventiveMaintenance maintenance;

    @Test
    void aTechnicianWorksAnOrderFromTheTablet() {
        String machine = PreventiveMaintenanceApiTest.machineThatRan(Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofHours(8)));
        try (Browser browser = Browser.open()) {
            browser.driver().manage().window().setSize(new Dimension(800, 1000)); // a tablet at the machine
            browser.login("maintenance").go("/maintenance");
            WebElement form = browser.driver().findElement(By.id("new-plan"));
            new org.openqa.selenium.support.ui.Select(form.findElement(By.name("machineId"))).selectByValue(machine);
            form.findElement(By.name("title")).sendKeys("Check the belt tension");
            new org.openqa.selenium.support.ui.Select(form.findElement(By.name("trigger"))).selectByValue("RUN_HOURS");
            form.findElement(By.name("every")).sendKeys("3");
            form.findElement(By.id("create-plan")).click();
            browser.waitFor(By.id("notice"), Duration.ofSeconds(5));
            assertThat(browser.driver().findElement(By.id("notice")).getText()).contains("Check the belt tension", "every 3 run hours");

            // made now: nothing has run since, not due
            List<Map<String, Object>> plans = as("auditor").queryParam("machineId", machine).get("/api/v1/maintenance/plans").then()
                    .extract().jsonPath().getList("");
            assertThat(plans).hasSize(1);
            assertThat(plans.get(0)).containsEntry("state", "NOT_DUE").containsEntry("trigger", "RUN_HOURS");
            long planId = ((Number) plans.get(0).get("id")).longValue();
            WebElement row = browser.driver().findElement(By.id("plan-" + planId));
            assertThat(row.getText()).contains("Check the belt tension", "0 of 3 run hours", "ok");

            // a plan from the API that fell due long ago: its order shows, and is taken, started and completed here
            long due = ((Number) as("maintenance").body(Map.of("machineId", machine, "title", "Clean the chip conveyor", "trigger", "DAYS",
                    "every", 1, "startsAt", Instant.now().minus(Duration.ofDays(2)).toString())).post("/api/v1/maintenance/plans").then()
                    .statusCode(201).extract().path("id")).longValue();
            long order = maintenance.check().stream().filter(o -> o.planId() == due).findFirst().orElseThrow().id();
            browser.go("/maintenance");
            assertThat(browser.driver().findElement(By.id("plan-" + due)).getText()).contains("overdue");
            assertThat(browser.driver().findElement(By.id("order-" + order)).getText()).contains("Clean the chip conveyor", "open");
            WebElement start = browser.driver().findElement(By.id("start-" + order));
            assertThat(start.getSize().getHeight()).as("a finger-sized button").isGreaterThanOrEqualTo(40);
            start.click();
            browser.waitFor(By.id("notice"), Duration.ofSeconds(5));
            assertThat(browser.driver().findElement(By.id("order-" + order)).getText()).contains("in progress, maintenance");

            WebElement complete = browser.driver().findElement(By.id("complete-" + order));
            complete.findElement(By.name("notes")).sendKeys("conveyor cleaned, one scraper worn");
            complete.findElement(By.name("minutesSpent")).sendKeys("25");
            complete.findElement(By.name("parts")).sendKeys("one scraper");
            complete.findElement(By.id("complete-button-" + order)).click();
            browser.waitFor(By.id("error"), Duration.ofSeconds(5));
            assertThat(browser.driver().findElement(By.id("error")).getText()).contains("parts, line 1", "one scraper", "2 x Bearing");
            assertThat(as("auditor").get("/api/v1/maintenance/orders/" + order).then().extract().<String>path("status"))
                    .isEqualTo("IN_PROGRESS");

            complete = browser.driver().findElement(By.id("complete-" + order));
            complete.findElement(By.name("notes")).sendKeys("conveyor cleaned, one scraper worn");
            complete.findElement(By.name("minutesSpent")).sendKeys("25");
            complete.findElement(By.name("parts")).sendKeys("1 x Scraper blade SB-3\n2 x Screw M6");
            complete.findElement(By.id("complete-button-" + order)).click();
            browser.waitFor(By.id("notice"), Duration.ofSeconds(5));
            assertThat(browser.driver().findElement(By.id("notice")).getText()).contains("Order " + order + " done", "later than");
            assertThat(browser.driver().findElement(By.id("done-" + order)).getText()).contains("1 × Scraper blade SB-3", "2 × Screw M6", "25");
            assertThat(browser.driver().findElements(By.id("order-" + order))).isEmpty();
            Object wide = ((JavascriptExecutor) browser.driver())
                    .executeScript("return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
            assertThat(((Number) wide).intValue()).as("the page fits 800 px").isLessThanOrEqualTo(0);
        }
        var done = as("auditor").queryParam("machineId", machine).queryParam("status", "DONE").get("/api/v1/maintenance/orders").then()
                .extract().jsonPath();
        assertThat(done.getList("parts.name")).hasSize(1);
        assertThat(done.<Integer>getList("minutesSpent")).containsExactly(25);

        // an operator sees what is due and broken, without the technician's buttons
        try (Browser browser = Browser.open()) {
            browser.login("operator").go("/maintenance");
            assertThat(browser.driver().findElements(By.id("new-plan"))).isEmpty();
            assertThat(browser.driver().findElements(By.cssSelector("#orders button"))).isEmpty();
            assertThat(browser.driver().findElement(By.id("plans")).getText()).contains("Check the belt tension");
        }
    }
}
