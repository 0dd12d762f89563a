package io.troupe.app.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real browser (Debian's headless Chromium, through its chromedriver; never a downloaded one),
 * against a paper session in a child JVM: the operator signs in, sees the equity the page shows change with the event
 * stream, halts through the confirmation and sees HALTED (and the API agrees); the viewer signs in and the page holds
 * no controls. Screenshots go to target/: dashboard-halt-confirm.png (the confirmation), dashboard-operator.png (after the
 * halt), dashboard-viewer.png.
 */
class DashboardBrowserTest {

  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final Duration WAIT = Duration.ofSeconds(60);

  @Test
  void anOperatorSeesEquityMoveAndHaltsAViewerSeesNoControls(@TempDir Path dir) throws Exception {
    assertTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER), "the dashboard's browser test needs Debian's Chromium at " + CHROMIUM
        + " and its driver at " + CHROMEDRIVER + ": apt-get install -y --no-install-recommends chromium chromium-driver (.ci/run installs them)");
    Path tokens = ApiSession.tokens(dir);
    // 200 bars a second: the first position opens within seconds, and the month lasts far longer than the test.
    List<String> args = List.of("--speed", "12000", "--state", dir.resolve("state").toString(), "--out", dir.resolve("out").toString(),
        "--http", "127.0.0.1:0", "--tokens", tokens.toString(), "--progress-every", "100");
    try (ApiSession session = new ApiSession(ApiSession.command(args), dir)) {
      session.awaitLive(ApiSession.VIEWER_SECRET);
      String root = session.api.substring(0, session.api.length() - "/api/v1".length());

      WebDriver operator = browser(dir.resolve("chromium-operator"));
      try {
        signIn(operator, root, ApiSession.OPERATOR_SECRET, "alice (operator)");
        String first = shownEquity(operator);
        wait(operator).withMessage("the equity shown never changed from " + first)
            .until(d -> !d.findElement(By.id("equity")).getText().equals(first));

        operator.findElement(By.id("halt")).click();
        WebElement dialog = operator.findElement(By.id("confirm"));
        wait(operator).withMessage("the halt's confirmation did not open").until(d -> dialog.isDisplayed());
        assertEquals("Halt trading?", operator.findElement(By.id("confirm-title")).getText());
        operator.findElement(By.id("confirm-reason")).sendKeys("dashboard test");
        screenshot(operator, "dashboard-halt-confirm.png");
        operator.findElement(By.id("confirm-ok")).click();
        wait(operator).withMessage("the page never showed HALTED")
            .until(d -> d.findElement(By.id("state")).getText().equals("HALTED"));
        assertEquals("HALTED", session.get("/status", ApiSession.VIEWER_SECRET).body().get("trading_state").asText());
        wait(operator).withMessage("the risk panel never named the operator's halt")
            .until(d -> d.findElement(By.id("restrictions")).getText().contains("operator_halt"));
        // The halt flattens (troupe.risk.flatten-on-halt, the confirmation's default): the page shows no position.
        wait(operator).withMessage("the page still shows a position after the halt")
            .until(d -> d.findElement(By.id("positions")).getText().contains("no open position"));
        screenshot(operator, "dashboard-operator.png");
        assertNoPageErrors(operator);
      } finally {
        operator.quit();
      }

      WebDriver viewer = browser(dir.resolve("chromium-viewer"));
      try {
        // A wrong token is refused on the form, and the page shows nothing of the session.
        viewer.get(root + "/");
        wait(viewer).withMessage("the sign-in form did not show").until(d -> d.findElement(By.id("token")).isDisplayed());
        viewer.findElement(By.id("token")).sendKeys("wrong-" + ApiSession.VIEWER_SECRET);
        viewer.findElement(By.id("sign-in-button")).click();
        wait(viewer).withMessage("a wrong token was not refused")
            .until(d -> d.findElement(By.id("sign-in-error")).getText().equals("That token is not valid here."));
        assertFalse(viewer.findElement(By.id("board")).isDisplayed(), "the board shows without a valid token");

        signIn(viewer, root, ApiSession.VIEWER_SECRET, "bob (viewer)");
        shownEquity(viewer);
        wait(viewer).withMessage("the viewer's page never showed HALTED")
            .until(d -> d.findElement(By.id("state")).getText().equals("HALTED"));
        // The cluster panel: one process is one member, hosting the desk and the account singleton.
        wait(viewer).withMessage("the cluster panel never showed the one member")
            .until(d -> d.findElement(By.id("cluster")).getText().contains("BTC-PERP"));
        assertEquals("(one process)", viewer.findElement(By.id("cluster-kind")).getText());
        assertTrue(viewer.findElement(By.id("cluster")).getText().contains("account, desk, feed"), viewer.findElement(By.id("cluster")).getText());
        assertTrue(viewer.findElement(By.id("cluster-singleton")).getText().startsWith("Account singleton: pekko://troupe"),
            viewer.findElement(By.id("cluster-singleton")).getText());
        assertTrue(viewer.findElements(By.id("halt")).isEmpty(), "a viewer's page has a halt button");
        assertTrue(viewer.findElements(By.cssSelector("#board button")).isEmpty(), "a viewer's page has controls");
        screenshot(viewer, "dashboard-viewer.png");
        assertNoPageErrors(viewer);
      } finally {
        viewer.quit();
      }
    }
  }

  /** Opens the page, signs in with {@code secret} and waits until the page says who it is. */
  private static void signIn(WebDriver d, String root, String secret, String who) {
    d.get(root + "/");
    wait(d).withMessage("the sign-in form did not show").until(x -> x.findElement(By.id("token")).isDisplayed());
    d.findElement(By.id("token")).sendKeys(secret);
    d.findElement(By.id("sign-in-button")).click();
    wait(d).withMessage("the page did not sign in as " + who).until(x -> x.findElement(By.id("who")).getText().equals(who));
  }

  /** Waits until the page shows an equity figure; answers it as shown. */
  private static String shownEquity(WebDriver d) {
    wait(d).withMessage("the page showed no equity").until(x -> x.findElement(By.id("equity")).getText().matches("[0-9,]+\\.[0-9]{2}"));
    return d.findElement(By.id("equity")).getText();
  }

  private static WebDriverWait wait(WebDriver d) {
    return new WebDriverWait(d, WAIT);
  }

  /** Debian's Chromium through its own chromedriver: both paths given, so Selenium Manager never looks for others. */
  private static WebDriver browser(Path profile) throws Exception {
    Files.createDirectories(profile);
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--window-size=1440,1000", "--user-data-dir=" + profile);
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    return new ChromeDriver(service, options);
  }

  /** The whole page: the window is made as tall as the page first. */
  private static void screenshot(WebDriver d, String name) throws Exception {
    JavascriptExecutor js = (JavascriptExecutor) d;
    long page = ((Number) js.executeScript("return document.documentElement.scrollHeight")).longValue();
    long frame = ((Number) js.executeScript("return window.outerHeight - window.innerHeight")).longValue();
    d.manage().window().setSize(new Dimension(1440, (int) (page + frame)));
    Path target = Path.of("target").toAbsolutePath();
    Files.createDirectories(target);
    Files.write(target.resolve(name), ((TakesScreenshot) d).getScreenshotAs(OutputType.BYTES));
  }

  /**
   * The page's console holds no error (a script error, a refused style or script under the page's policy), but the
   * 401 of its first /whoami before the user signed in.
   */
  private static void assertNoPageErrors(WebDriver d) {
    List<String> errors = d.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
        .map(LogEntry::getMessage)
        .filter(m -> !(m.contains("/api/v1/whoami") && m.contains("status of 401")))
        .toList();
    assertTrue(errors.isEmpty(), "the page's console has errors: " + errors);
  }
}
