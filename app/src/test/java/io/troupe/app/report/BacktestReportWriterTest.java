package io.troupe.app.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
    assertFalse(html.contains("<link") || html.contains("<script src"));
    // uPlot's licence comment names its home; nothing else may point off the page.
    String rest = html.replace("https://github.com/leeoniya/uPlot", "");
    assertFalse(rest.contains("http://") || rest.contains("https://"));
    // The charting library and the page's chart code are inlined, with the data as JSON.
    assertTrue(html.contains("uPlot"));
    assertEquals(3, count(html, "<script"));
    for (String id : List.of("equity", "drawdown", "prices", "monthly", "metrics", "trades",
        "extra-vetoes-by-reason", "extra-exits-by-reason", "data", "config", "fill-mode")) {
      assertTrue(html.contains("id=\"" + id + "\""), "section " + id);
    }
    for (String chart : List.of("chart-equity", "chart-drawdown", "chart-price-btcusdt", "chart-price-ethusdt")) {
      assertTrue(html.contains("id=\"" + chart + "\""), chart);
    }
    assertTrue(html.contains("fills at the deciding bar&#39;s close: optimistic"));
    assertTrue(html.contains("id=\"price-btcusdt\"") && html.contains("id=\"price-ethusdt\""));
    // Each chart is downsampled, and every line of a chart has a value at each of its times.
    JsonNode data = chartData(html);
    List<JsonNode> charts = new java.util.ArrayList<>(List.of(data.get("equity"), data.get("drawdown")));
    data.get("prices").forEach(charts::add);
    assertEquals(4, charts.size()); // equity, drawdown, two prices
    for (JsonNode chart : charts) {
      int points = chart.get("t").size();
      assertTrue(points > 100 && points <= HtmlReportWriter.MAX_CHART_POINTS, "points " + points);
    }
    assertEquals(data.get("equity").get("t").size(), data.get("equity").get("series").get(1).get("values").size());
    assertTrue(data.get("equity").get("series").get(1).get("label").asText().startsWith("Buy and hold"));
    // one marked trade per round trip, and all 100 fit in the trades table
    int marked = 0;
    for (JsonNode p : data.get("prices")) marked += p.get("trades").size();
    assertEquals(100, marked);
    String tradesSection = html.substring(html.indexOf("<section id=\"trades\">"));
    tradesSection = tradesSection.substring(0, tradesSection.indexOf("</section>"));
    assertEquals(100, count(tradesSection, "<tr><td>"));
  }

  @Test
  void tradesTableIsCappedAndTextIsEscaped() throws Exception {
    RoundTrip t = new RoundTrip("X<Y", "long", 0, 1, 60_000, 2, 1, 0, 1, "<script>", "s&p");
    List<RoundTrip> trades = java.util.Collections.nCopies(250, t);
    BacktestReport r = new BacktestReport("<b>title</b>", List.of(), trades, List.of(), null, null, 100, 0, null,
        null, Map.of("exits_by_reason", Map.of("<script>", 250)), "", Instant.EPOCH, 0, null, null, null);
    String html = HtmlReportWriter.render(r, r.metrics());
    assertEquals(200, count(html, "<td>&lt;script&gt;</td>"));
    assertTrue(html.contains("First 200 of 250 trades"));
    // Only the page's own three script elements: the data's text cannot open or close one.
    assertEquals(3, count(html, "<script"));
    assertEquals(3, count(html, "</script>"));
    assertFalse(html.contains("<b>title</b>"));
    assertFalse(html.contains("id=\"fill-mode\"")); // empty note: no banner
    assertTrue(html.contains("<th>&lt;script&gt;</th><td>250</td>"));
    assertTrue(chartData(html).get("prices").isEmpty());
  }

  @Test
  void bandsAreDrawnWithTheirLabels() throws Exception {
    BacktestReport r = SyntheticBacktest.randomWalk(3, 2_000, 10);
    String html = HtmlReportWriter.render(r, r.metrics());
    JsonNode data = chartData(html);
    int bands = r.bands().values().stream().mapToInt(List::size).sum();
    int drawn = 0;
    for (JsonNode p : data.get("prices")) drawn += p.get("bands").size();
    assertEquals(bands, drawn);
    List<String> labels = new java.util.ArrayList<>();
    data.get("regimes").forEach(x -> labels.add(x.get("label").asText()));
    assertEquals(r.bands().values().stream().flatMap(List::stream).map(Band::label).distinct().toList(), labels);
    // The legend names each regime with its colour and share of time.
    String legend = html.substring(html.indexOf("<p class=\"legend regimes\">"));
    legend = legend.substring(0, legend.indexOf("</p>"));
    for (String label : labels) assertTrue(legend.contains(label), legend);
    assertTrue(legend.contains("%"), legend);
  }

  @Test
  void theStrategysPriceIndicatorsAreLinesOnThePriceChart() throws Exception {
    BacktestReport base = SyntheticBacktest.randomWalk(3, 2_000, 10);
    BacktestReport r = new BacktestReport(base.title(), base.equity(), base.trades(), base.orders(), base.barsBySymbol(), base.bands(),
        base.initialCash(), base.fees(), base.config(), base.dataSpans(), base.extraSections(), base.fillModeNote(), base.startedAt(),
        base.wallClockSeconds(), null, List.of("ema(20)", "bbands(20,2)", "rsi(14)"), null);
    JsonNode price = chartData(HtmlReportWriter.render(r, r.metrics())).get("prices").get(0);
    List<String> lines = new java.util.ArrayList<>();
    price.get("indicators").forEach(x -> lines.add(x.get("label").asText()));
    // rsi is not a price: it is left off the price chart.
    assertEquals(List.of("ema(20)", "bbands(20,2) upper", "bbands(20,2) middle", "bbands(20,2) lower"), lines);
    JsonNode ema = price.get("indicators").get(0).get("values");
    assertEquals(price.get("t").size(), ema.size());
    assertTrue(ema.get(0).isNull(), "no value before the EMA is warm");
    // The last value is the EMA over every bar, not over the downsampled ones.
    io.troupe.indicator.ExponentialMovingAverage check = new io.troupe.indicator.ExponentialMovingAverage(20);
    List<io.troupe.market.Bar> bars = base.barsBySymbol().get(price.get("symbol").asText());
    bars.forEach(b -> check.update(b.close()));
    assertEquals(check.value(), ema.get(ema.size() - 1).asDouble(), 1e-9);
  }

  @Test
  void genericRendererTurnsMapsAndListsIntoTables() {
    String counts = HtmlReportWriter.renderValue(Map.of("stop_loss", 4));
    assertTrue(counts.contains("<th>Stop loss</th><td>4</td>") && counts.contains("class=\"bar\""), counts);
    String rows = HtmlReportWriter.renderValue(List.of(Map.of("name", "trending", "trades", 3)));
    assertTrue(rows.contains("<th>Name</th>") || rows.contains("<th>Trades</th>"), rows);
    assertTrue(rows.contains("<td>trending</td>"), rows);
    assertEquals("0.13", HtmlReportWriter.renderValue(0.125));
    assertEquals("0.00043", HtmlReportWriter.renderValue(0.0004271861249946602));
    assertEquals("3", HtmlReportWriter.renderValue(3.0));
    // Shares as percents, money to cents, under their names in words; names that are not fields stay as they are.
    String regimes = HtmlReportWriter.renderValue(Map.of("BTC-PERP", Map.of("crisis", Map.of("time_share", 0.7577683929762169,
        "average_span_bars", 83.76412776412776))));
    assertTrue(regimes.contains("<th>Time share</th>") && regimes.contains("<td>75.78%</td>"), regimes);
    assertTrue(regimes.contains("<th>Average span bars</th>") && regimes.contains("<td>83.76</td>"), regimes);
    assertTrue(regimes.contains("BTC-PERP") && regimes.contains("crisis"), regimes);
    String specialist = HtmlReportWriter.renderValue(Map.of("crisis-default", Map.of("pnl", -4.410864690113063, "win_rate", 0.3148148148148148)));
    assertTrue(specialist.contains("<th>P&amp;L</th>") && specialist.contains("<td>-4.41</td>") && specialist.contains("<td>31.48%</td>"), specialist);
  }

  @Test
  void monthlyReturnsCoverOnlyTheMonthsOfTheData() {
    // 2021-12-31 23:00 to 2022-02-10: three months, the first and the last in part, as one row in time order.
    long start = Instant.parse("2021-12-31T23:00:00Z").toEpochMilli();
    List<io.troupe.model.EquityPoint> eq = new java.util.ArrayList<>();
    for (long t = start; t <= Instant.parse("2022-02-10T00:00:00Z").toEpochMilli(); t += 3_600_000L) {
      eq.add(new io.troupe.model.EquityPoint(t, 100 + (t - start) / 86_400_000.0, 100, 0, 0));
    }
    String html = monthly(eq);
    assertTrue(html.contains("<th>Dec 2021*</th><th>Jan 2022</th><th>Feb 2022*</th><th>Whole span</th>"), html);
    assertFalse(html.contains("<th>Mar</th>") || html.contains("<th>Nov"), html);
    // Over more than a year: a year by month grid, the months before the first and after the last hatched.
    List<io.troupe.model.EquityPoint> long_ = new java.util.ArrayList<>();
    for (long t = Instant.parse("2021-03-05T00:00:00Z").toEpochMilli(); t <= Instant.parse("2022-05-20T00:00:00Z").toEpochMilli(); t += 86_400_000L) {
      long_.add(new io.troupe.model.EquityPoint(t, 100, 100, 0, 0));
    }
    String grid = monthly(long_);
    assertEquals(2 + 7, count(grid, "class=\"out\""), grid); // Jan, Feb 2021; Jun to Dec 2022
    assertEquals(15 + 2, count(grid, "+0.0%"), grid); // Mar 2021 to May 2022, and the two years' totals
  }

  private static String monthly(List<io.troupe.model.EquityPoint> equity) {
    BacktestReport r = new BacktestReport("t", equity, List.of(), List.of(), null, null, 100, 0, null, null, null, null, null, 0,
        null, null, null);
    String html = HtmlReportWriter.render(r, r.metrics());
    String section = html.substring(html.indexOf("<section id=\"monthly\">"));
    return section.substring(0, section.indexOf("</section>"));
  }

  /** The charts' data the page embeds. */
  static JsonNode chartData(String html) throws Exception {
    String open = "<script type=\"application/json\" id=\"report-data\">";
    int from = html.indexOf(open) + open.length();
    return new ObjectMapper().readTree(html.substring(from, html.indexOf("</script>", from)));
  }

  static int count(String s, String needle) {
    int n = 0;
    for (int i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + needle.length())) n++;
    return n;
  }
}
