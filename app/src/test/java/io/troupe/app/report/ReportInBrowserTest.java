package io.troupe.app.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.troupe.app.cli.CliRun;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.interactions.WheelInput;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * report.html of a real backtest (ema-cross on a week of the bundled BTC data, so the price chart has indicators, trades
 * and regime bands) in headless Chromium: the page runs without a JavaScript error, draws its uPlot charts, and a drag
 * or the wheel zooms every chart to the same narrower time range. Screenshots go to app/target/report-*.png.
 * Chromium and its driver are Debian's ({@code apt-get install chromium chromium-driver}); nothing is downloaded.
 */
class ReportInBrowserTest {

  static final Path HOME = Path.of("..").toAbsolutePath().normalize();
  static final String CHROMIUM = "/usr/bin/chromium";
  static final String CHROMEDRIVER = "/usr/bin/chromedriver";

  @TempDir static Path dir;
  static ChromeDriver driver;
  static Path report;

  @BeforeAll
  static void runBacktestAndOpenBrowser() throws Exception {
    if (!new File(CHROMIUM).canExecute() || !new File(CHROMEDRIVER).canExecute()) {
      fail("headless Chromium is needed at " + CHROMIUM + " and " + CHROMEDRIVER
          + ": apt-get install -y --no-install-recommends chromium chromium-driver");
    }
    System.setProperty("troupe.home", HOME.toString());
    Path out = dir.resolve("run");
    CliRun r = CliRun.run("backtest", "--data", HOME.resolve("data/btc-perp-20211231-20220201_1m.csv").toString(), "--strategy",
        "ema-cross", "--to", "2022-01-08", "--out", out.toString(), "--quiet");
    assertEquals(0, r.exit(), r.err());
    report = out.resolve("report.html");

    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--window-size=1400,1000",
        "--user-data-dir=" + Files.createDirectories(dir.resolve("chromium-profile")));
    options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
    driver = new ChromeDriver(service, options);
    driver.get(report.toUri().toString());
    new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> js("return window.troupeReport != null && window.troupeReport.charts.length"));
    // As the page first opens: the whole page, and its parts one by one to read them.
    screenshot("report-page.png", 1400, ((Number) js("return document.body.scrollHeight")).intValue());
    for (String part : List.of("header", "#equity", "#drawdown", "#prices", "#monthly", "#metrics", "#extra-specialists", "#extra-regimes")) {
      WebElement e = driver.findElement(By.cssSelector(part));
      driver.executeScript("arguments[0].scrollIntoView({block: 'start'});", e);
      Files.write(HOME.resolve("app/target/report-" + part.replace("#", "").replace("extra-", "") + ".png"), e.getScreenshotAs(OutputType.BYTES));
    }
  }

  @AfterAll
  static void closeBrowser() {
    if (driver != null) driver.quit();
  }

  @Test
  void noJavaScriptErrorsAndEveryChartDrawn() throws Exception {
    List<LogEntry> errors = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue()).toList();
    assertTrue(errors.isEmpty(), "browser console: " + errors.stream().map(LogEntry::getMessage).collect(Collectors.joining("\n")));
    // Equity, drawdown and the one symbol's price: three uPlot charts, each with its canvas.
    assertEquals(3L, js("return window.troupeReport.charts.length"));
    assertEquals(3L, js("return document.querySelectorAll('.uplot canvas').length"));
    // Buy and hold is a line on the equity chart; the strategy's two EMAs are lines on the price chart.
    String equityLegend = driver.findElement(By.cssSelector("#chart-equity .u-legend")).getText();
    assertTrue(equityLegend.contains("Buy and hold BTC-PERP"), equityLegend);
    String priceLegend = driver.findElement(By.cssSelector("#chart-price-btc-perp .u-legend")).getText();
    assertTrue(priceLegend.contains("ema(12)") && priceLegend.contains("ema(26)"), priceLegend);
    assertTrue(driver.findElement(By.cssSelector("#prices .regimes")).getText().contains("crisis"));
  }

  @Test
  void dragAndWheelZoomEveryChartToTheSameRange() throws Exception {
    driver.manage().window().setSize(new org.openqa.selenium.Dimension(1400, 1000));
    js("window.scrollTo(0, 0); window.troupeReport.charts.forEach(function (u) { u.setScale('x', {min: u.data[0][0], max: u.data[0][u.data[0].length - 1]}); });");
    List<?> before = (List<?>) js("return window.troupeReport.range()");
    WebElement over = driver.findElement(By.cssSelector("#chart-equity .u-over"));
    int w = over.getSize().getWidth();
    // Drag across the middle fifth of the equity chart.
    new Actions(driver).moveToElement(over, -w / 10, 0).clickAndHold().moveByOffset(w / 5, 0).release().perform();
    List<?> dragged = (List<?>) js("return window.troupeReport.range()");
    double span = number(before, 1) - number(before, 0);
    double draggedSpan = number(dragged, 1) - number(dragged, 0);
    assertTrue(draggedSpan < span * 0.3 && draggedSpan > span * 0.1, before + " -> " + dragged);
    // Every chart follows the zoom.
    assertEquals(List.of(true, true, true),
        js("var r = window.troupeReport.range(); return window.troupeReport.charts.map(function (u) { return u.scales.x.min === r[0] && u.scales.x.max === r[1]; });"));
    driver.executeScript("arguments[0].scrollIntoView({block: 'center'});",
        driver.findElement(By.cssSelector("#chart-price-btc-perp .u-over")));
    WebElement price = driver.findElement(By.cssSelector("#chart-price-btc-perp .u-over"));
    new Actions(driver).moveToElement(price, 0, 0).perform();
    WebElement tip = driver.findElement(By.cssSelector("#chart-price-btc-perp .tip"));
    new WebDriverWait(driver, Duration.ofSeconds(5)).until(d -> tip.isDisplayed());
    assertTrue(tip.getText().contains("UTC") && tip.getText().contains("ema(12)"), tip.getText());
    // Pointing at a trade's entry marker names the trade in the readout.
    List<?> at = (List<?>) js("var u = window.troupeReport.charts[2], r = u.scales.x;"
        + " var p = JSON.parse(document.getElementById('report-data').textContent).prices[0];"
        + " var tr = p.trades.find(function (t) { return t[0] > r.min + (r.max - r.min) * 0.2 && t[0] < r.max - (r.max - r.min) * 0.2; });"
        + " return [u.valToPos(tr[0], 'x'), u.valToPos(tr[1], 'y')];");
    int h = price.getSize().getHeight();
    new Actions(driver).moveToElement(price, (int) Math.round(number(at, 0)) - price.getSize().getWidth() / 2,
        (int) Math.round(number(at, 1)) - h / 2).perform();
    new WebDriverWait(driver, Duration.ofSeconds(5)).until(d -> tip.getText().contains("P&L"));
    assertTrue(tip.getText().contains("long BTC-PERP") && tip.getText().contains("regime:"), tip.getText());
    Files.write(HOME.resolve("app/target/report-zoomed.png"), driver.findElement(By.cssSelector("#prices")).getScreenshotAs(OutputType.BYTES));

    // The wheel zooms in further about the cursor.
    new Actions(driver).scrollFromOrigin(WheelInput.ScrollOrigin.fromElement(price), 0, -300).perform();
    new WebDriverWait(driver, Duration.ofSeconds(5)).until(d -> {
      List<?> now = (List<?>) js("return window.troupeReport.range()");
      return number(now, 1) - number(now, 0) < draggedSpan * 0.95;
    });
  }

  private static double number(List<?> range, int i) {
    return ((Number) range.get(i)).doubleValue();
  }

  private static Object js(String script) {
    return ((JavascriptExecutor) driver).executeScript(script);
  }

  /** The whole page in one picture: the window made as tall as the page, then back. */
  private static void screenshot(String name, int width, int height) throws Exception {
    driver.manage().window().setSize(new org.openqa.selenium.Dimension(width, Math.min(height + 120, 12_000)));
    Files.write(HOME.resolve("app/target").resolve(name), driver.getScreenshotAs(OutputType.BYTES));
    driver.manage().window().setSize(new org.openqa.selenium.Dimension(1400, 1000));
  }
}
