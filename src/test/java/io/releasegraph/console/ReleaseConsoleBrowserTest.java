package io.releasegraph.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The release console at {@code /}, driven in Debian's headless Chromium as a person would use it, against the
 * sandboxes. Screenshots of each test land in {@code target/screenshots/}. Without Chromium the test is skipped
 * locally and fails on CI ({@code CI=true}), where {@code .ci/run} installs it.
 */
@QuarkusTest
class ReleaseConsoleBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Duration WAIT = Duration.ofSeconds(20);


    @TestHTTPResource("/")
    String consoleUrl;

    private ChromeDriver browser;
    private WebDriverWait wait;

    @BeforeAll
    static void requireBrowser() throws IOException {
        boolean available = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!available && "true".equals(System.getenv("CI"))) {
            throw new IllegalStateException("CI must run the browser test: install chromium and chromium-driver");
        }
        Assumptions.assumeTrue(available, "Debian's chromium and chromium-driver are not installed");
        Files.createDirectories(SCREENSHOTS);
    }

    @BeforeEach
    void openConsole() throws IOException {
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--window-size=1400,1000",
                "--user-data-dir=" + Files.createTempDirectory("chromium-profile"));
        // A driver service per test: quitting a browser also shuts its service's HTTP client down.
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, WAIT);
        browser.get(consoleUrl);
        // As a person on embedded defaults would: take a demo operator token, which also loads the releases.
        wait.until(ExpectedConditions.elementToBeClickable(By.id("demo-operator"))).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("auth-state"), "demo operator"));
        waitForRows();
    }

    @AfterEach
    void screenshotAndClose(TestInfo test) throws IOException {
        if (browser != null) {
            Path shot = SCREENSHOTS.resolve("console-" + test.getTestMethod().orElseThrow().getName() + ".png");
            Files.write(shot, browser.getScreenshotAs(OutputType.BYTES));
            browser.quit();
        }
    }

    @Test
    void refusesToShowAnythingWithoutAToken() {
        browser.executeScript("sessionStorage.clear()");
        browser.navigate().refresh();
        waitForNotice("UNAUTHENTICATED");
        assertThat(browser.findElements(By.cssSelector("#releases tbody tr"))).isEmpty();
    }

    @Test
    void clearsTheUnauthenticatedBannerOnceTheDemoTokenLoadedRows() {
        browser.executeScript("sessionStorage.clear()");
        browser.navigate().refresh();
        waitForNotice("UNAUTHENTICATED");

        wait.until(ExpectedConditions.elementToBeClickable(By.id("demo-viewer"))).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("auth-state"), "demo viewer"));
        waitForRows();
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("notice")));
        assertThat(browser.findElement(By.id("notice")).getText()).doesNotContain("UNAUTHENTICATED");
    }

    @Test
    void showsReleasesOfEverySourceWithStatusAndFreshness() {
        List<String> sources = browser.findElements(By.cssSelector("#releases tbody tr td.source")).stream()
                .map(WebElement::getText).distinct().toList();
        assertThat(sources).contains("TRIFACTA", "CRYPTLEX", "LAUNCHDARKLY");
        assertThat(browser.findElements(By.cssSelector("#releases tbody tr .badge"))).isNotEmpty();
        assertThat(browser.findElement(By.id("freshness")).getText()).contains("releases, loaded");
    }

    @Test
    void activatesAReleaseAndKeepsOneActivePerDeployment() {
        WebElement inactive = row("Sales Daily Load v3", "DeploymentRelease"); // active in the seed
        assertThat(inactive.findElements(By.cssSelector("[data-action=deactivate]"))).hasSize(1);
        WebElement older = rows("DeploymentRelease").stream()
                .filter(r -> r.getText().contains("Sales ETL") && !r.findElements(By.cssSelector("[data-action=activate]")).isEmpty())
                .findFirst().orElseThrow();
        String olderId = older.getAttribute("data-id");

        older.findElement(By.cssSelector("[data-action=activate]")).click();
        waitForNotice("Activated");

        WebElement nowActive = browser.findElement(By.cssSelector("tr[data-id='" + olderId + "']"));
        assertThat(nowActive.getText()).contains("active");
        long activeInSalesEtl = rows("DeploymentRelease").stream()
                .filter(r -> r.getText().contains("Sales ETL"))
                .filter(r -> !r.findElements(By.cssSelector("[data-action=deactivate]")).isEmpty())
                .count();
        assertThat(activeInSalesEtl).isEqualTo(1);
    }

    @Test
    void runsADeploymentWithAParameterAndFollowsItToComplete() {
        WebElement active = row("Sales Daily Load v3", "DeploymentRelease");
        active.findElement(By.cssSelector("[data-action=run]")).click();
        WebElement dialog = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("run-dialog")));
        dialog.findElement(By.name("key")).sendKeys("region");
        dialog.findElement(By.name("value")).sendKeys("emea");
        dialog.findElement(By.id("run-submit")).click();

        waitForNotice("Started a run of Sales ETL");
        wait.until(ExpectedConditions.attributeToBe(By.cssSelector("#run-list li"), "data-status", "COMPLETE"));
        assertThat(browser.findElement(By.cssSelector("#run-list li")).getText()).contains("Sales ETL", "complete");
    }

    @Test
    void editsAProductReleaseAndShowsValidationErrors() {
        WebElement draft = rows("ProductRelease").stream()
                .filter(r -> !r.findElements(By.cssSelector("[data-action=edit]")).isEmpty())
                .findFirst().orElseThrow();
        String id = draft.getAttribute("data-id");

        draft.findElement(By.cssSelector("[data-action=edit]")).click();
        WebElement version = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#edit-form [name=version]")));
        version.clear();
        version.sendKeys("1.2.3.4.5");
        browser.findElement(By.id("edit-submit")).click();
        waitForNotice("VALIDATION (version)");

        browser.findElement(By.cssSelector("tr[data-id='" + id + "'] [data-action=edit]")).click();
        WebElement notes = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#edit-form [name=notes]")));
        notes.clear();
        notes.sendKeys("Edited from the console");
        browser.findElement(By.id("edit-submit")).click();
        waitForNotice("Saved");
    }

    @Test
    void completesTheCurrentPhaseOfAFlagRelease() {
        WebElement flag = rows("FlagRelease").stream()
                .filter(r -> r.getText().contains("new-checkout-flow"))
                .findFirst().orElseThrow();
        WebElement complete = flag.findElement(By.cssSelector("[data-action=complete-phase]"));
        assertThat(complete.getText()).isEqualTo("Complete Staging");

        complete.click();
        waitForNotice("Completed phase Staging of new-checkout-flow");
        WebElement after = rows("FlagRelease").stream().filter(r -> r.getText().contains("new-checkout-flow"))
                .findFirst().orElseThrow();
        assertThat(after.findElement(By.cssSelector("[data-action=complete-phase]")).getText())
                .isEqualTo("Complete Production");
    }

    private void waitForRows() {
        wait.until(ExpectedConditions.numberOfElementsToBeMoreThan(By.cssSelector("#releases tbody tr"), 10));
    }

    private void waitForNotice(String text) {
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("notice"), text));
        if (!text.equals("UNAUTHENTICATED")) {
            waitForRows();
        }
    }

    private List<WebElement> rows(String type) {
        return browser.findElements(By.cssSelector("#releases tbody tr[data-type='" + type + "']"));
    }

    private WebElement row(String name, String type) {
        return rows(type).stream().filter(r -> r.findElements(By.tagName("td")).get(1).getText().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no " + type + " row named " + name));
    }
}
