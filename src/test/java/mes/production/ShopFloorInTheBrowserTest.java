package mes.production;

import static mes.production.ProductionFixture.counters;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import mes.support.Api;
import mes.support.Browser;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The shop floor in a real browser: a supervisor plans and releases an order, an operator starts
 * it at the line's terminal, sees the machine counts, reports scrap and sees the counts change; an
 * auditor verifies the audit trail; an operator is refused an administrator's page. Screenshots
 * go to target/screenshots.
 */
@QuarkusTest
class ShopFloorInTheBrowserTest {

    @Test
    void fromPlanningToScrapAtTheLineAndTheAuditorsCheck() {
        ProductionFixture f = new ProductionFixture();
        counters(f.last, 100, 0);
        try (Browser supervisor = Browser.open()) {
            supervisor.login("supervisor").go("/orders");
            new Select(supervisor.driver().findElement(By.cssSelector("#new-order select[name=partId]"))).selectByValue(f.part);
            new Select(supervisor.driver().findElement(By.cssSelector("#new-order select[name=lineId]"))).selectByValue(f.line);
            supervisor.driver().findElement(By.cssSelector("#new-order input[name=plannedQuantity]")).sendKeys("40");
            supervisor.driver().findElement(By.id("plan-and-release")).click();
            supervisor.waitFor(By.cssSelector("#notice, #error"), Duration.ofSeconds(20));
            supervisor.screenshot("orders-supervisor-released");
            assertThat(supervisor.driver().findElement(By.cssSelector("#notice, #error")).getText()).contains("planned and released");
        }
        String order = Api.as("operator").get("/api/v1/work-orders?lineId=" + f.line).then().extract().path("[0].id");
        assertThat(Api.as("operator").get("/api/v1/work-orders/" + order).then().extract().<String>path("order.state")).isEqualTo("RELEASED");

        try (Browser operator = Browser.open()) {
            operator.login("operator").go("/lines/" + f.line);
            operator.driver().findElement(By.id("start-" + order)).click();
            operator.waitFor(By.id("current-order"), Duration.ofSeconds(10));
            assertThat(operator.driver().findElement(By.id("current-order")).getAttribute("data-state")).isEqualTo("RUNNING");

            counters(f.last, 112, 1); // the line makes 12 good parts and 1 scrap
            new WebDriverWait(operator.driver(), Duration.ofSeconds(10)) // the counts refresh by themselves
                    .until(ExpectedConditions.textToBe(By.id("good"), "12"));
            assertThat(operator.driver().findElement(By.id("scrap")).getText()).isEqualTo("1");

            operator.driver().findElement(By.id("scrap-quantity")).sendKeys("2");
            new Select(operator.driver().findElement(By.id("scrap-reason"))).selectByValue("BURR");
            operator.driver().findElement(By.id("report-scrap")).click();
            operator.waitFor(By.id("notice"), Duration.ofSeconds(10));
            assertThat(operator.driver().findElement(By.id("notice")).getText()).contains("2 scrap reported", "BURR");
            assertThat(operator.driver().findElement(By.id("good")).getText()).isEqualTo("10");
            assertThat(operator.driver().findElement(By.id("scrap")).getText()).isEqualTo("3");
            operator.screenshot("line-operator-after-scrap");

            operator.driver().findElement(By.id("hold-reason")).sendKeys("Waiting for material");
            operator.driver().findElement(By.id("hold")).click();
            operator.waitFor(By.id("notice"), Duration.ofSeconds(10));
            assertThat(operator.driver().findElement(By.id("current-order")).getAttribute("data-state")).isEqualTo("HELD");

            operator.go("/admin/users");
            assertThat(operator.driver().findElement(By.tagName("h1")).getText()).contains("403");
            assertThat(operator.driver().findElement(By.id("problem")).getText()).contains("Your role may not do this");
            assertThat(operator.driver().getPageSource()).doesNotContain("New user");
            operator.screenshot("admin-page-refused-to-operator");
        }

        try (Browser auditor = Browser.open()) {
            auditor.login("auditor").go("/audit?entityType=work_order&entityId=" + order);
            assertThat(auditor.driver().findElement(By.id("audit")).getText()).contains("START", "SCRAP", "HOLD", "operator", "supervisor");
            auditor.driver().findElement(By.id("verify")).click();
            auditor.waitFor(By.id("verification"), Duration.ofSeconds(20));
            assertThat(auditor.driver().findElement(By.id("verification")).getText()).startsWith("Chain intact");
            auditor.screenshot("audit-auditor-verified");
        }
    }
}
