package io.troupe.app.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.model.RoundTrip;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BacktestReportWriterTest {

  static BacktestReport big;

  @TempDir Path dir;

  @BeforeAll
  static void makeInput() {
    big = SyntheticBacktest.randomWalk(7, 45_000, 100); // 2 symbols x 45k 1m bars, 100 trades
  }

  @Test
  void writesAllFiveFilesAndReturnsTheirMetrics() throws Exception {
    BacktestMetrics m = BacktestReportWriter.writeAll(dir.resolve("out"), big);
    for (String f : List.of("summary.json", "trades.csv", "orders.csv", "equity.csv", "report.html")) {
      assertTrue(Files.isRegularFile(dir.resolve("out").resolve(f)), f);
    }
    assertEquals(100, m.tradeCount());
    assertEquals(45_001, Files.readAllLines(dir.resolve("out/equity.csv")).size()); // header + one row per bar
    assertEquals(101, Files.readAllLines(dir.resolve("out/trades.csv")).size());
  }

  @Test
  void aDiskFullMidwayLeavesNoSummaryAndNoHalfFile() throws Exception {
    Path out = dir.resolve("out");
    IOException e = assertThrows(IOException.class,
        () -> BacktestReportWriter.writeAll(out, big, Map.of(), AtomicFilesTest.diskFullAfter(200_000, "equity.csv")));
    assertTrue(e.getMessage().contains("equity.csv: cannot write"), e.getMessage());
    assertFalse(Files.exists(out.resolve("summary.json")), "a folder with a summary.json is complete");
    assertFalse(Files.exists(out.resolve("equity.csv")), "no half file under the final name");
    // What was written before the failure is whole; nothing after it was started, no temporary is left.
    assertEquals(List.of(out.resolve("orders.csv"), out.resolve("trades.csv")), AtomicFilesTest.files(out));
    assertEquals(100, CsvTable.read(out.resolve("trades.csv")).rows().size());
  }

  @Test
  void aFailedRunOverAnEarlierOneRemovesItsSummaryAndKeepsItsFilesWhole() throws Exception {
    BacktestReport small = SyntheticBacktest.randomWalk(3, 2_000, 10);
    BacktestReportWriter.writeAll(dir, small);
    byte[] equityBefore = Files.readAllBytes(dir.resolve("equity.csv"));
    assertThrows(IOException.class, () -> BacktestReportWriter.writeAll(dir, big, Map.of(), AtomicFilesTest.diskFullAfter(200_000, "equity.csv")));
    assertFalse(Files.exists(dir.resolve("summary.json")), "the earlier summary no longer vouches for the folder");
    assertArrayEquals(equityBefore, Files.readAllBytes(dir.resolve("equity.csv")), "the earlier equity.csv, whole");
    assertEquals(100, CsvTable.read(dir.resolve("trades.csv")).rows().size(), "this run's trades.csv, whole");
    assertTrue(AtomicFilesTest.files(dir).stream().noneMatch(p -> p.getFileName().toString().endsWith(".tmp")));

    BacktestReportWriter.writeAll(dir, big);
    assertTrue(Files.exists(dir.resolve("summary.json")));
  }

  @Test
  void summaryJsonIsWrittenLast() throws Exception {
    List<String> order = new java.util.ArrayList<>();
    AtomicFiles recording = new AtomicFiles(tmp -> {
      order.add(tmp.getFileName().toString().replaceFirst("^\\.(.*)\\.[a-z0-9]+\\.tmp$", "$1"));
      return Files.newOutputStream(tmp);
    });
    BacktestReportWriter.writeAll(dir, big, Map.of("regimes.csv", w -> w.write("symbol,start,end,regime,bars\n")), recording);
    assertEquals(List.of("regimes.csv", "trades.csv", "orders.csv", "equity.csv", "report.html", "summary.json"), order);
  }

  @Test
  void pageForLongSeriesStaysSmallAndSelfContained() throws Exception {
    BacktestReportWriter.writeAll(dir, big);
    Path page = dir.resolve("report.html");
    long size = Files.size(page);
    assertTrue(size < 2_000_000, "report.html is " + size + " bytes");
    String html = Files.readString(page);
    Matcher external = Pattern.compile("(?i)(src|href)\\s*=\\s*[\"']?\\s*(https?:)?//").matcher(html);
    assertFalse(external.find(), () -> "external reference: " + external.group());
    assertFalse(html.contains("http://") || html.contains("https://"));
    assertFalse(html.contains("<link"));
    for (String id : List.of("equity", "drawdown", "prices", "monthly", "metrics", "trades",
        "extra-vetoes-by-reason", "extra-exits-by-reason", "data", "config", "fill-mode")) {
      assertTrue(html.contains("id=\"" + id + "\""), "section " + id);
    }
    assertTrue(html.contains("fills at the deciding bar&#39;s close: optimistic"));
    assertTrue(html.contains("id=\"price-btcusdt\"") && html.contains("id=\"price-ethusdt\""));
    // each chart is downsampled: no polyline has more than MAX_CHART_POINTS points
    Matcher lines = Pattern.compile("<polyline class=\"[^\"]+\" points=\"([^\"]*)\"").matcher(html);
    int charts = 0;
    while (lines.find()) {
      charts++;
      int points = lines.group(1).trim().split(" ").length;
      assertTrue(points <= HtmlReportWriter.MAX_CHART_POINTS, "points " + points);
    }
    assertEquals(4, charts); // equity, drawdown, two prices
    // one marked trade per round trip, and all 100 fit in the trades table
    assertEquals(100, count(html, "<g class=\"trade\">"));
    String tradesSection = html.substring(html.indexOf("<section id=\"trades\">"));
    tradesSection = tradesSection.substring(0, tradesSection.indexOf("</section>"));
    assertEquals(100, count(tradesSection, "<tr><td>"));
  }

  @Test
  void tradesTableIsCappedAndTextIsEscaped() {
    RoundTrip t = new RoundTrip("X<Y", "long", 0, 1, 60_000, 2, 1, 0, 1, "<script>", "s&p");
    List<RoundTrip> trades = java.util.Collections.nCopies(250, t);
    BacktestReport r = new BacktestReport("<b>title</b>", List.of(), trades, List.of(), null, null, 100, 0, null,
        null, Map.of("exits_by_reason", Map.of("<script>", 250)), "", Instant.EPOCH, 0, null);
    String html = HtmlReportWriter.render(r, r.metrics());
    assertEquals(200, count(html, "<td>&lt;script&gt;</td>"));
    assertTrue(html.contains("First 200 of 250 trades"));
    assertFalse(html.contains("<script>"));
    assertFalse(html.contains("<b>title</b>"));
    assertFalse(html.contains("id=\"fill-mode\"")); // empty note: no banner
    assertTrue(html.contains("<th>&lt;script&gt;</th><td>250</td>"));
  }

  @Test
  void bandsAreDrawnWithTheirLabels() {
    BacktestReport r = SyntheticBacktest.randomWalk(3, 2_000, 10);
    String html = HtmlReportWriter.render(r, r.metrics());
    int bands = r.bands().values().stream().mapToInt(List::size).sum();
    assertEquals(bands, count(html, "<rect class=\"band\""));
    assertTrue(html.contains("<title>trending ") || html.contains("<title>ranging "));
  }

  @Test
  void genericRendererTurnsMapsAndListsIntoTables() {
    String counts = HtmlReportWriter.renderValue(Map.of("stop", 4));
    assertTrue(counts.contains("<th>stop</th><td>4</td>") && counts.contains("class=\"bar\""), counts);
    String rows = HtmlReportWriter.renderValue(List.of(Map.of("name", "trending", "trades", 3)));
    assertTrue(rows.contains("<th>name</th>") || rows.contains("<th>trades</th>"), rows);
    assertTrue(rows.contains("<td>trending</td>"), rows);
    assertEquals("0.125", HtmlReportWriter.renderValue(0.125));
    assertEquals("3", HtmlReportWriter.renderValue(3.0));
  }

  static int count(String s, String needle) {
    int n = 0;
    for (int i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + needle.length())) n++;
    return n;
  }
}
