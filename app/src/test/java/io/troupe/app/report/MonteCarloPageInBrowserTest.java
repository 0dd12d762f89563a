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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * monte-carlo.html in headless Chromium: the page runs without a JavaScript error and draws, per method, its fan chart
 * and its three histograms. The run folder is written by hand (a few trades and equity points), so no backtest runs.
 * A screenshot goes to app/target/monte-carlo-page.png.
 */
class MonteCarloPageInBrowserTest {

  static final Path HOME = Path.of("..").toAbsolutePath().normalize();

  @Test
  void thePageDrawsAFanAndThreeHistogramsPerMethod(@TempDir Path dir) throws Exception {
    if (!new File(ReportInBrowserTest.CHROMIUM).canExecute() || !new File(ReportInBrowserTest.CHROMEDRIVER).canExecute()) {
      fail("headless Chromium is needed at " + ReportInBrowserTest.CHROMIUM + " and " + ReportInBrowserTest.CHROMEDRIVER);
    }
    Path run = Files.createDirectories(dir.resolve("run"));
    Files.writeString(run.resolve("summary.json"), "{\"title\": \"hand-made run\", \"final_value\": 10050.0, \"config\": {\"cash\": 10000.0}}\n");
    StringBuilder trades = new StringBuilder("symbol,side,entry_time,entry_price,exit_time,exit_price,quantity,fees,pnl,exit_reason,specialist\n");
    StringBuilder equity = new StringBuilder("time,equity,cash,drawdown\n");
    double[] pnl = {120, -80, 45, -30, -60, 200, -10, 15, -95, -55};
    double e = 10_000;
    for (int i = 0; i < pnl.length; i++) {
      String t = java.time.Instant.ofEpochSecond(1_640_995_200L + (i + 1) * 3600L).toString();
      trades.append("X,long,").append(t).append(",1,").append(t).append(",1,1,0,").append(pnl[i]).append(",signal,s\n");
      e += pnl[i];
      equity.append(t).append(',').append(e).append(',').append(e).append(",0\n");
    }
    Files.writeString(run.resolve("trades.csv"), trades);
    Files.writeString(run.resolve("equity.csv"), equity);
    CliRun r = CliRun.run("monte-carlo", "--run", run.toString(), "--iterations", "400", "--block-size", "2", "--quiet");
    assertEquals(0, r.exit(), r.err());

    ChromeOptions options = new ChromeOptions();
    options.setBinary(ReportInBrowserTest.CHROMIUM);
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--window-size=1300,1000",
        "--user-data-dir=" + Files.createDirectories(dir.resolve("chromium-profile")));
    options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(ReportInBrowserTest.CHROMEDRIVER)).usingAnyFreePort().build();
    ChromeDriver driver = new ChromeDriver(service, options);
    try {
      driver.get(run.resolve("monte-carlo.html").toUri().toString());
      new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> driver.executeScript("return window.troupeMonteCarlo != null"));
      List<LogEntry> errors = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
          .filter(x -> x.getLevel().intValue() >= Level.WARNING.intValue()).toList();
      assertTrue(errors.isEmpty(), "browser console: " + errors.stream().map(LogEntry::getMessage).collect(Collectors.joining("\n")));
      // Two methods (no jitter asked), each a fan chart and three histograms.
      assertEquals(8L, driver.executeScript("return window.troupeMonteCarlo.charts.length"));
      assertEquals(8L, driver.executeScript("return document.querySelectorAll('.uplot canvas').length"));
      assertTrue(driver.findElement(org.openqa.selenium.By.cssSelector("table")).getText().contains("return bootstrap"));
      Files.write(HOME.resolve("app/target/monte-carlo-page.png"), driver.getScreenshotAs(OutputType.BYTES));
    } finally {
      driver.quit();
    }
  }
}
