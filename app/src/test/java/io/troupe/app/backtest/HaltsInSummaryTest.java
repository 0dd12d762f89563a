package io.troupe.app.backtest;

import static io.troupe.app.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.troupe.app.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A halt that lifts before the run ends is in the summary, on the terminal and in summary.json, with its span and reason. */
class HaltsInSummaryTest {

  static final Path HOME = BacktestCommandTest.HOME;

  @TempDir Path dir;

  @BeforeAll
  static void home() {
    System.setProperty("troupe.home", HOME.toString());
  }

  @Test
  void everyHaltDuringTheRunIsListedWithItsSpanAndReason() throws Exception {
    // A daily-loss breaker at 0.5% trips on ema-cross most days of this week and lifts at each UTC midnight.
    CliRun r = run("backtest", "--data", BacktestCommandTest.BTC, "--strategy", "ema-cross", "--to", "2022-01-04",
        "--set", "troupe.risk.breakers.daily-loss-pct=0.5", "--out", dir.toString());
    assertEquals(0, r.exit(), r.err());
    JsonNode halts = new ObjectMapper().readTree(Files.readString(dir.resolve("summary.json"))).get("halts");
    assertTrue(halts.size() >= 2, halts.toString());
    JsonNode first = halts.get(0);
    assertEquals("daily_loss", first.get("reason").asText());
    assertTrue(first.get("detail").asText().contains("below the day's start"), first.toString());
    // Lifted by itself at the next UTC midnight, before the run's end.
    String day = first.get("from").asText().substring(0, 10);
    assertEquals(java.time.LocalDate.parse(day).plusDays(1) + "T00:00:00Z", first.get("to").asText());
    String out = r.out();
    assertTrue(out.contains("halts during run"), out);
    assertTrue(out.contains(first.get("from").asText() + " to " + first.get("to").asText() + ": daily_loss"), out);
    // The page lists them too.
    String html = Files.readString(dir.resolve("report.html"));
    assertTrue(html.contains("id=\"extra-halts\"") && html.contains(first.get("from").asText()), "halts section in report.html");
  }

  @Test
  void aRunWithoutAHaltSaysSo() throws Exception {
    CliRun r = run("backtest", "--data", BacktestCommandTest.BTC, "--strategy", "sma-cross", "--to", "2022-01-02", "--out", dir.toString());
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().matches("(?s).*halts during run\\s+none.*"), r.out());
    assertEquals(0, new ObjectMapper().readTree(Files.readString(dir.resolve("summary.json"))).get("halts").size());
  }
}
