package mes.quality;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import mes.support.Browser;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;

/**
 * The control plan and the line in a real browser: a quality engineer drafts a change at a tablet's
 * width and cannot approve it, a second one approves it at a desk; the line terminal then shows
 * the first piece due after the order's set-up, and the reaction plan's instruction once a limit
 * broke. Screenshots go to target/screenshots.
 */
@QuarkusTest
class LineQualityInTheBrowserTest {

    @Test
    void aDraftNeedsASecondPersonAndTheTerminalShowsWhatIsDueAndWhatToDo() {
        QualityFixture f = new QualityFixture();
        try (Browser quality = Browser.open()) {
            quality.driver().manage().window().setSize(new Dimension(800, 1100));
            quality.login("quality").go("/quality/plans/" + f.part);
            assertThat(quality.driver().findElement(By.id("in-force")).getText()).contains("Revision 1 in force", "approved by admin");
            var form = quality.driver().findElement(By.id("characteristic"));
            form.findElement(By.name("code")).sendKeys("LEN");
            form.findElement(By.name("name")).sendKeys("Overall length");
            form.findElement(By.name("usl")).sendKeys("120,5");
            form.findElement(By.name("frequency")).sendKeys("first piece after set-up");
            form.findElement(By.name("firstOff")).click();
            form.findElement(By.name("reactHold")).click();
            form.findElement(By.name("reactNcr")).click();
            form.findElement(By.name("reactionPlan")).sendKeys("Stop the line, sort since the last good part, call quality");
            ((JavascriptExecutor) quality.driver()).executeScript("arguments[0].scrollIntoView()", form.findElement(By.id("save-characteristic")));
            form.findElement(By.id("save-characteristic")).click();
            quality.waitFor(By.id("notice"), Duration.ofSeconds(10));
            assertThat(quality.driver().findElement(By.id("notice")).getText()).contains("saved in draft revision 2",
                    "when a second person approves it");
            assertThat(quality.driver().findElement(By.id("draft-plan")).getText()).contains("LEN", "<= 120.5");
            assertThat(quality.driver().findElement(By.id("plan")).getText()).doesNotContain("LEN");
            assertThat(quality.driver().findElements(By.id("approve-revision"))).isEmpty();
            assertThat(quality.driver().findElement(By.id("needs-second-person")).getText()).contains("revision 1 stays in force");
            quality.screenshot("control-plan-draft-800");
            assertThat(((JavascriptExecutor) quality.driver()).executeScript(
                    "return document.documentElement.scrollWidth > document.documentElement.clientWidth;")).as("the plan fits the tablet")
                    .isEqualTo(false);
        }
        try (Browser admin = Browser.open()) {
            admin.driver().manage().window().setSize(new Dimension(1366, 900));
            admin.login("admin").go("/quality/plans/" + f.part);
            admin.driver().findElement(By.cssSelector("#approve input[name=note]")).sendKeys("PPAP 2 approved");
            admin.driver().findElement(By.id("approve-revision")).click();
            admin.waitFor(By.id("notice"), Duration.ofSeconds(10));
            assertThat(admin.driver().findElement(By.id("notice")).getText()).contains("Revision 2 approved");
            assertThat(admin.driver().findElement(By.id("in-force")).getText()).contains("Revision 2 in force");
            assertThat(admin.driver().findElement(By.id("plan")).getText()).contains("LEN", "first piece after set-up");
            assertThat(admin.driver().findElement(By.id("revisions")).getText()).contains("SUPERSEDED");
            admin.screenshot("control-plan-approved-1366");
        }
        String lot = f.lot(false);
        try (Browser operator = Browser.open()) {
            operator.driver().manage().window().setSize(new Dimension(800, 1100));
            operator.login("operator").go("/lines/" + f.production.line);
            operator.waitFor(By.id("due-panel"), Duration.ofSeconds(10));
            String due = operator.driver().findElement(By.id("due-panel")).getText();
            assertThat(due).contains("Set-up not yet verified", "LEN", "after set-up");
            Map<String, Object> body = new HashMap<>(Map.of("lotId", lot, "characteristic", "LEN", "values", List.of(121.0)));
            mes.support.Api.as("operator").body(body).post("/api/v1/inspections").then().statusCode(201);
            operator.go("/lines/" + f.production.line);
            operator.waitFor(By.cssSelector("#due-panel .reaction"), Duration.ofSeconds(10));
            due = operator.driver().findElement(By.id("due-panel")).getText();
            assertThat(due).contains("Set-up not approved", "Reaction plan of LEN", "Stop the line, sort since the last good part");
            operator.screenshot("line-terminal-reaction-800");
            Object overflow = ((JavascriptExecutor) operator.driver())
                    .executeScript("return document.documentElement.scrollWidth > document.documentElement.clientWidth;");
            assertThat(overflow).as("the terminal fits the tablet").isEqualTo(false);
        }
    }
}
