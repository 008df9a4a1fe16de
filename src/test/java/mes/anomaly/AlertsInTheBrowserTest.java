package mes.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import mes.equipment.domain.MachineDefinition;
import mes.simulator.LineSimulator;
import mes.simulator.domain.DemoPlant;
import mes.simulator.domain.MachineSimulation;
import mes.support.Browser;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * At the line, in a real browser: a fault the simulator injects appears on the open alerts page
 * by itself within 2 s of being stored, the operator acknowledges it with a comment, and once
 * quiet it moves to the resolved list.
 */
@QuarkusTest
class AlertsInTheBrowserTest {

    @Inject
    LineSimulator simulator;

    @Inject
    AlertJob job;

    @Test
    void aFaultAppearsLiveIsAcknowledgedAndResolves() throws Exception {
        simulator.seedDemoPlant();
        simulator.start(DemoPlant.MACHINES.size());
        MachineDefinition target = DemoPlant.MACHINES.get(7);
        String sensor = target.sensors().values().stream().filter(s -> s.usl() != null).findFirst().orElseThrow().name();
        try (Browser browser = Browser.open()) {
            browser.login("operator").go("/alerts?machineId=" + target.id());
            assertThat(browser.driver().findElement(By.id("active-alerts")).getText()).doesNotContain(sensor + " Outside its limits");

            simulator.injectFault(target.id(), MachineSimulation.Fault.SPIKE, sensor, 1);
            simulator.tick(); // returns once the batch is committed
            By row = By.xpath("//table[@id='active-alerts']//tr[td[normalize-space()='" + sensor + "'] and td[@title='LIMIT']]");
            browser.waitFor(row, Duration.ofSeconds(2)); // no reload: the page refreshes itself
            WebElement alert = browser.driver().findElement(row);
            assertThat(alert.getText()).containsIgnoringCase("critical").contains("Outside its limits", "above USL");
            // a line tablet: the page does not scroll sideways, the table scrolls inside its box to Acknowledge
            browser.driver().manage().window().setSize(new org.openqa.selenium.Dimension(800, 1000));
            Object wide = ((org.openqa.selenium.JavascriptExecutor) browser.driver())
                    .executeScript("return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
            assertThat(((Number) wide).intValue()).as("the alerts page fits 800 px").isLessThanOrEqualTo(0);
            browser.driver().manage().window().setSize(new org.openqa.selenium.Dimension(1366, 900));
            alert = browser.driver().findElement(row);

            alert.findElement(By.linkText("Acknowledge")).click();
            browser.driver().findElement(By.cssSelector("form.ack button")).click(); // empty: the browser asks for a comment
            assertThat(browser.driver().getCurrentUrl()).contains("/acknowledge");
            browser.driver().findElement(By.id("comment")).sendKeys("Spike checked: <script>alert(1)</script> sensor plug reseated");
            browser.driver().findElement(By.cssSelector("form.ack button")).click();
            browser.waitFor(By.cssSelector("p.notice[role=status]"), Duration.ofSeconds(5));
            WebElement acknowledged = browser.driver().findElement(row);
            assertThat(acknowledged.getText()).contains("acknowledged by operator", "<script>alert(1)</script> sensor plug reseated");

            job.check(Instant.now().plus(11, ChronoUnit.MINUTES));
            By resolved = By.xpath("//table[@id='resolved-alerts']//tr[td[normalize-space()='" + sensor + "'] and td[@title='LIMIT']]");
            new WebDriverWait(browser.driver(), Duration.ofSeconds(3)).until(d -> !d.findElements(resolved).isEmpty());
            assertThat(browser.driver().findElements(row)).isEmpty();
        }
    }
}
