package mes.support;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.restassured.RestAssured;
import java.io.File;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real browser for the page tests: the system's Chromium, headless, through its chromedriver
 * (Debian: chromium, chromium-driver; .ci/run installs them). Where they are missing a page test
 * is skipped with a message on a developer's machine, and fails in CI (CI set), where their absence
 * is a broken set-up.
 */
public final class Browser implements AutoCloseable {

    static final File CHROMIUM = new File("/usr/bin/chromium");
    static final File DRIVER = new File("/usr/bin/chromedriver");

    private final ChromeDriver driver;
    private final java.nio.file.Path profile;

    private Browser(ChromeDriver driver, java.nio.file.Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    public static Browser open() {
        return open(null);
    }

    /** A browser whose Accept-Language asks for the language first ("de"); null: Chromium's own. */
    public static Browser open(String language) {
        boolean present = CHROMIUM.canExecute() && DRIVER.canExecute();
        if (!present && System.getenv("CI") != null) {
            throw new IllegalStateException("CI needs " + CHROMIUM + " and " + DRIVER + ": apt-get install -y chromium chromium-driver");
        }
        assumeTrue(present, "page tests in a browser need " + CHROMIUM + " and " + DRIVER
                + " (apt-get install -y chromium chromium-driver); skipped here");
        java.nio.file.Path profile;
        try {
            profile = java.nio.file.Files.createTempDirectory("mes-chromium-");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1400,1000",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile);
        if (language != null) {
            options.addArguments("--lang=" + language, "--accept-lang=" + language);
            options.setExperimentalOption("prefs", java.util.Map.of("intl.accept_languages", language));
        }
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER).usingAnyFreePort().build();
        return new Browser(new ChromeDriver(service, options), profile);
    }

    public WebDriver driver() {
        return driver;
    }

    public String url(String path) {
        return "http://localhost:" + RestAssured.port + path;
    }

    public Browser go(String path) {
        driver.get(url(path));
        return this;
    }

    /** Logs in through the login form (password = user name, as the test users have). */
    public Browser login(String user) {
        go("/login");
        driver.findElement(By.id("j_username")).sendKeys(user);
        driver.findElement(By.id("j_password")).sendKeys(user);
        driver.findElement(By.cssSelector("button[type=submit]")).click();
        waitFor(By.id("current-user"), Duration.ofSeconds(10));
        return this;
    }

    public void waitFor(By element, Duration timeout) {
        new WebDriverWait(driver, timeout).until(ExpectedConditions.presenceOfElementLocated(element));
    }

    /** Saves what the browser shows to target/screenshots/NAME.png, for review. */
    public void screenshot(String name) {
        try {
            java.nio.file.Path dir = java.nio.file.Path.of("target", "screenshots");
            java.nio.file.Files.createDirectories(dir);
            byte[] png = driver.getScreenshotAs(org.openqa.selenium.OutputType.BYTES);
            java.nio.file.Files.write(dir.resolve(name + ".png"), png);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
        try (var files = java.nio.file.Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException e) {
            // a temporary folder left behind is harmless
        }
    }
}
