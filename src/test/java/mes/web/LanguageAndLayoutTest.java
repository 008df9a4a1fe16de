package mes.web;

import static io.restassured.RestAssured.given;
import static mes.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mes.production.ProductionFixture;
import mes.support.Api;
import mes.support.Browser;
import mes.support.PageSession;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Alert;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The pages speak the user's language (their choice, else the browser's, else the default),
 * show codes by their names, fit a phone, a line tablet and a desktop with the navigation behind
 * a Menu button where it does not fit, and ask before what cannot be undone.
 */
@QuarkusTest
class LanguageAndLayoutTest {

    /** A machine state code as the text of an element: what a translated page must never show. */
    private static final Pattern RAW_STATE = Pattern.compile(">\\s*(RUNNING|IDLE|SETUP|DOWN|PLANNED_STOP|OFFLINE)\\s*<");

    /** A user of its own (its language choice must not change the other tests' users), password = user name. */
    private static String user(String role) {
        String user = Api.id("lang").toLowerCase() + "-user";
        as("admin").body(Map.of("username", user, "roles", List.of(role), "password", user)).post("/api/v1/users").then().statusCode(201);
        return user;
    }

    private static String rawState(String html) {
        Matcher m = RAW_STATE.matcher(html);
        return m.find() ? m.group() : null;
    }

    @Test
    void theBrowsersLanguageChoosesThePagesLanguageAndTheUsersChoiceWins() {
        given().header("Accept-Language", "de-DE,de;q=0.9,en;q=0.8").get("/login").then().statusCode(200)
                .body(containsString("<html lang=\"de\">")).body(containsString("Benutzername"));
        given().header("Accept-Language", "fr-FR, de;q=0.5").get("/login").then().statusCode(200).body(containsString("<html lang=\"de\">"));
        given().header("Accept-Language", "fr-FR").get("/login").then().statusCode(200)
                .body(containsString("<html lang=\"en\">")).body(containsString("User name"));
        given().header("Accept-Language", "de;q=0, en;q=0.1").get("/login").then().body(containsString("<html lang=\"en\">"));

        String machine = Api.machine();
        String user = user("OPERATOR");
        PageSession session = PageSession.login(user, user);
        String overview = given().filter(session).header("Accept-Language", "de").get("/").then().statusCode(200)
                .body(containsString("<html lang=\"de\">")).body(containsString("Werksübersicht"))
                .body(containsString("Keine Daten")).body(containsString("Werker"))
                .body(containsString("id=\"machine-" + machine + "\"")).extract().asString();
        assertThat(rawState(overview)).as("a state code shown raw").isNull();
        assertThat(rawState(given().filter(session).header("Accept-Language", "de").get("/plant/live").asString())).isNull();

        // the user's choice beats the browser's, and blank gives the browser's back
        given().filter(session).header("Accept-Language", "de").header("Referer", "http://elsewhere.example/lines?x=1")
                .redirects().follow(false).formParam("language", "en").post("/me/language").then().statusCode(303)
                .header("Location", org.hamcrest.Matchers.endsWith("/lines?x=1"));
        given().filter(session).header("Accept-Language", "de").get("/").then().statusCode(200)
                .body(containsString("<html lang=\"en\">")).body(containsString("Plant overview")).body(containsString("Offline"));
        given().filter(session).redirects().follow(false).formParam("language", "xx").post("/me/language").then().statusCode(400)
                .body(containsString("language must be one of"));
        given().filter(session).redirects().follow(false).formParam("language", "").post("/me/language").then().statusCode(303)
                .header("Location", org.hamcrest.Matchers.endsWith("/"));
        given().filter(session).header("Accept-Language", "de").get("/").then().body(containsString("<html lang=\"de\">"));
        given().redirects().follow(false).formParam("language", "de").post("/me/language").then().statusCode(303)
                .header("Location", containsString("/login"));
    }

    @Test
    void theLineTerminalInGermanFitsEveryWidthAndAsksBeforeCompleting() {
        ProductionFixture f = new ProductionFixture();
        String order = f.order(40);
        f.act(order, "release", "supervisor");
        f.act(order, "start", "operator");
        String user = user("OPERATOR");
        try (Browser browser = Browser.open("de")) {
            browser.login(user).go("/lines/" + f.line);
            browser.waitFor(By.id("current-order"), Duration.ofSeconds(10));
            assertThat(browser.driver().findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("de");
            String html = browser.driver().getPageSource();
            assertThat(html).contains("Warteschlange", "Auftrag fertig melden", "Läuft");
            assertThat(rawState(html)).as("a state code shown raw").isNull();

            for (int width : new int[] {390, 800, 1366}) {
                browser.driver().manage().window().setSize(new Dimension(width, 900));
                browser.go("/lines/" + f.line);
                browser.waitFor(By.id("current-order"), Duration.ofSeconds(10));
                browser.screenshot("line-terminal-de-" + width);
                Object wide = ((JavascriptExecutor) browser.driver())
                        .executeScript("return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
                Object culprits = ((JavascriptExecutor) browser.driver()).executeScript(
                        "var w = document.documentElement.clientWidth, out = [];"
                        + "document.querySelectorAll('body *').forEach(function (e) { var r = e.getBoundingClientRect();"
                        + " if (r.right > w + 1 && out.length < 5) out.push(e.tagName + '#' + e.id + '.' + e.className + ' ' + Math.round(r.right)); });"
                        + "return out.join(', ');");
                assertThat(((Number) wide).intValue()).as("nothing off-screen at " + width + " px: " + culprits).isLessThanOrEqualTo(0);
                WebElement menu = browser.driver().findElement(By.id("menu-button"));
                WebElement nav = browser.driver().findElement(By.id("main-nav"));
                if (width <= 800) {
                    assertThat(menu.isDisplayed()).as("a Menu button at " + width).isTrue();
                    assertThat(menu.getSize().getHeight()).as("a finger-sized Menu button").isGreaterThanOrEqualTo(44);
                    assertThat(nav.isDisplayed()).as("the navigation collapsed at " + width).isFalse();
                    menu.click();
                    assertThat(nav.isDisplayed()).as("the navigation opens").isTrue();
                    assertThat(nav.findElement(By.linkText("Aufträge")).getSize().getHeight()).isGreaterThanOrEqualTo(44);
                    browser.screenshot("line-terminal-de-" + width + "-menu");
                } else {
                    assertThat(menu.isDisplayed()).isFalse();
                    assertThat(nav.isDisplayed()).isTrue();
                }
                WebElement logout = browser.driver().findElement(By.id("logout"));
                Object inView = ((JavascriptExecutor) browser.driver()).executeScript(
                        "var r = arguments[0].getBoundingClientRect(); return r.left >= 0 && r.right <= window.innerWidth;", logout);
                assertThat(inView).as("Log out on screen at " + width).isEqualTo(true);
            }

            // Complete asks first; saying no leaves the order running
            browser.driver().findElement(By.id("complete")).click();
            Alert question = new WebDriverWait(browser.driver(), Duration.ofSeconds(5)).until(ExpectedConditions.alertIsPresent());
            assertThat(question.getText()).contains("Auftrag " + order + " fertig melden?");
            question.dismiss();
            assertThat(as("operator").get("/api/v1/work-orders/" + order).then().extract().<String>path("order.state")).isEqualTo("RUNNING");
            browser.driver().findElement(By.id("complete")).click();
            new WebDriverWait(browser.driver(), Duration.ofSeconds(5)).until(ExpectedConditions.alertIsPresent()).accept();
            browser.waitFor(By.id("notice"), Duration.ofSeconds(10));
            assertThat(browser.driver().findElement(By.id("notice")).getText()).isEqualTo("Auftrag " + order + ": Fertig gemeldet");
        }
        assertThat(as("operator").get("/api/v1/work-orders/" + order).then().extract().<String>path("order.state")).isEqualTo("COMPLETED");
    }

    @Test
    void numbersAndTimesFollowTheLanguage() {
        assertThat(Formats.pct(0.853, java.util.Locale.GERMAN)).isEqualTo("85,3 %");
        assertThat(Formats.pct(0.853, java.util.Locale.ENGLISH)).isEqualTo("85.3 %");
        assertThat(Formats.precise(42.01250, "de")).isEqualTo("42,0125");
        assertThat(Formats.plainPrecise(42.01250)).isEqualTo("42.0125");
        java.time.Instant t = java.time.Instant.parse("2026-11-25T19:12:20Z");
        java.time.ZoneId berlin = java.time.ZoneId.of("Europe/Berlin");
        assertThat(Formats.display(t, java.util.Locale.GERMAN, berlin)).isEqualTo("25.11.2026 20:12:20 MEZ");
        assertThat(Formats.display(t, java.util.Locale.ENGLISH, berlin)).isEqualTo("2026-11-25 20:12:20 CET");
        assertThat(Formats.display(t, null, null)).isEqualTo("2026-11-25 19:12:20 UTC");
        assertThat(Formats.ago(t.minusSeconds(2 * 86_400 + 4 * 3600), t, "de")).isEqualTo("2 T 4 h");
        given().get("/login").then().body(not(containsString("lang=\"\"")));
    }
}
