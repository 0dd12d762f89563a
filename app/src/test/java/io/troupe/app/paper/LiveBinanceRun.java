package io.troupe.app.paper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import io.troupe.app.cli.TroupeCli;
import io.troupe.gateway.binance.FakeBinance;
import io.troupe.market.Bar;
import io.troupe.market.BarFiles;
import io.troupe.persistence.JournalConfig;
import io.troupe.persistence.JournalEvent;
import io.troupe.persistence.JournalInspector;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;

/**
 * What the {@code troupe live --venue binance} tests share: the fake Binance on a localhost port (orders, user-data
 * stream and klines), the bars (the history served before the session starts, then one bar at a time), the command
 * and its environment, the sessions started (each in a JVM of its own, killed when the test ends), and the checks every
 * such test ends with (each venue trade journaled once, the position the venue's, the journal verified, no secret
 * anywhere).
 */
final class LiveBinanceRun implements AutoCloseable {
  static final String SYMBOL = "BTCUSDT";
  static final String KEY = "live-test-api-key-7f3a9c";
  static final String SECRET = "live-test-secret-d41d8cd98f00b204e9800998ecf8427e";
  static final int HISTORY = 120;
  static final int BARS = 400;
  static final long WAIT = 90;
  static final Pattern RECONCILED = Pattern.compile("live: reconciled with binance after (.*): (\\d+) orders working there, (\\d+) in the journal");

  final ActorTestKit kit = ActorTestKit.create();
  final FakeBinance fake;
  final List<Bar> bars = new ArrayList<>();
  final Path dir;
  final Path state;
  final List<String> args;
  final Map<String, String> env = Map.of("TROUPE_BINANCE_API_KEY", KEY, "TROUPE_BINANCE_API_SECRET", SECRET);
  /** Every line the sessions printed on standard error, for the checks at the end. */
  final List<String> outputs = new ArrayList<>();
  private final List<PaperProcess> children = new ArrayList<>();
  private int stdouts;

  /** The fake with the history served, and the command over it ({@code extra} options after the shared ones). */
  LiveBinanceRun(Path dir, String... extra) throws Exception {
    this(dir, false, extra);
  }

  /** {@code futures}: the fake plays USD-M futures and the session trades them ({@code --market usdm}, the futures URLs). */
  LiveBinanceRun(Path dir, boolean futures, String... extra) throws Exception {
    System.setProperty("troupe.home", PaperRuns.HOME.toString());
    BarFiles.forEach(PaperRuns.BTC, SYMBOL, null, b -> {
      if (bars.size() < BARS) bars.add(b);
    });
    this.dir = dir;
    this.state = dir.resolve("state");
    fake = new FakeBinance(kit.system(), KEY, SECRET);
    if (futures) fake.futures();
    fake.start();
    fake.listSymbol(SYMBOL, "BTC", "USDT", bars.get(HISTORY - 1).close() - 0.5, bars.get(HISTORY - 1).close() + 0.5);
    fake.deposit("USDT", 1_000_000);
    fake.klines(SYMBOL, "1m", bars.subList(0, HISTORY));
    args = new ArrayList<>(List.of("--venue", "binance", "--live", "--feed", "binance:" + SYMBOL, "--timeframe", "1m",
        "--from", Instant.ofEpochMilli(bars.get(0).time()).toString(), "--to", Instant.ofEpochMilli(bars.get(end()).time()).toString(),
        "--state", state.toString(), "--out", dir.resolve("out").toString(), "--http", "127.0.0.1:0", "--progress-every", "1",
        "--strategy", "sma-cross", "--param", "period=5",
        "--set", "troupe.venue.binance." + (futures ? "futures-" : "") + "rest-url=\"" + fake.restUrl() + "\"",
        "--set", "troupe.venue.binance." + (futures ? "futures-" : "") + "stream-url=\"" + fake.streamUrl() + "\"",
        "--set", "troupe.venue.binance.reconnect.min-backoff=100ms", "--set", "troupe.venue.binance.reconnect.max-backoff=1s"));
    if (futures) args.addAll(List.of("--market", "usdm"));
    args.addAll(List.of(extra));
  }

  /** The last bar's index: the session runs to it (--to). */
  int end() {
    return BARS - 1;
  }

  /** The command again, as a user runs it: {@code troupe live ...} in a JVM of its own. */
  PaperProcess launch() throws Exception {
    return launch(PaperProcess.mainClassPath());
  }

  /** As above, on the class path {@code classPath} (another build: {@link PaperProcess#anotherBuild}). */
  PaperProcess launch(String classPath) throws Exception {
    PaperProcess p = PaperProcess.start("live", args, env, 0, dir.resolve("stdout-" + (++stdouts) + ".txt"), classPath);
    children.add(p);
    return p;
  }

  /** The bar closes: the venue's book moves to its close (stops it crosses trigger), its history has it, the stream sends it. */
  void serve(int i) {
    Bar bar = bars.get(i);
    fake.trade(SYMBOL, bar.close(), 0);
    fake.klinesAdd(SYMBOL, "1m", bar);
    fake.publishKline("1m", bar, true);
  }

  /** The trading state {@code GET /api/v1/status} gives (read-only on localhost without tokens), at the API a session printed. */
  static String tradingState(String apiLine) throws Exception {
    String prefix = "http: the API is at ";
    String url = apiLine.substring(prefix.length(), apiLine.indexOf(' ', prefix.length())) + "/status";
    java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient()
        .send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), r.body());
    return new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body()).path("trading_state").asText();
  }

  /** An order still working at the venue, or null. */
  JsonNode openOrder() {
    for (JsonNode o : fake.orders().values()) {
      String status = o.path("status").asText();
      if (status.equals("NEW") || status.equals("PARTIALLY_FILLED")) return o;
    }
    return null;
  }

  /** The step a live session's progress line names, or -1. */
  static int progress(String line) {
    Matcher m = PaperKillRecoveryTest.LIVE_PROGRESS.matcher(line);
    return m.find() ? Integer.parseInt(m.group(1)) : -1;
  }

  /** How many new orders went out under each client order id (counted in the requests the fake received). */
  Map<String, Integer> newOrdersById() {
    Map<String, Integer> sent = new HashMap<>();
    Pattern id = Pattern.compile("newClientOrderId=([^&]+)");
    for (String q : fake.queriesSeen()) {
      Matcher m = id.matcher(q);
      if (q.startsWith("/api/v3/order?") && m.find()) sent.merge(m.group(1), 1, Integer::sum);
    }
    return sent;
  }

  List<JournalEvent> events() throws Exception {
    try (JournalInspector j = JournalInspector.open(JournalConfig.h2(state))) {
      return j.events(PaperSession.DEFAULT_ID);
    }
  }

  /** The journaled fills' ids, in journal order. */
  static List<String> journaledFillIds(List<JournalEvent> events) {
    List<String> out = new ArrayList<>();
    for (JournalEvent e : events) {
      if (!e.manifest().endsWith("$StepCompleted")) continue;
      for (JsonNode f : e.payload().get("fills")) out.add(f.get("fill").get("fillId").asText());
    }
    return out;
  }

  /**
   * Every venue trade journaled once by its id, the journaled position the venue's, every step once, {@code journal
   * verify} passing, and neither the secret nor the key in any output, journal event or file under the state folder.
   */
  void assertTheEnd(List<JournalEvent> events) throws Exception {
    assertTheEnd(events, Set.of(), 0);
  }

  /** As above, but for {@code othersTrades}, trades of the account that are not the session's (signed {@code othersPosition} in all). */
  void assertTheEnd(List<JournalEvent> events, Set<String> othersTrades, double othersPosition) throws Exception {
    Set<String> venueTrades = new HashSet<>();
    for (JsonNode t : fake.trades()) venueTrades.add("binance-" + SYMBOL + "-" + t.path("id").asText()); // the adapter's fill id
    venueTrades.removeAll(othersTrades);
    List<String> journaled = journaledFillIds(events);
    double position = 0;
    for (JournalEvent e : events) {
      if (!e.manifest().endsWith("$StepCompleted")) continue;
      for (JsonNode f : e.payload().get("fills")) position += ("BUY".equals(f.get("fill").get("side").asText()) ? 1 : -1) * f.get("fill").get("quantity").asDouble();
    }
    assertEquals(venueTrades.size(), journaled.size(), "each venue fill journaled once: " + journaled + " vs " + venueTrades);
    assertEquals(venueTrades, new HashSet<>(journaled));
    assertEquals(fake.position(SYMBOL) - othersPosition, position, 1e-9, "the journaled position is the venue's");
    PaperKillRecoveryTest.assertEveryStepOnce(events, end());
    assertEquals(0, TroupeCli.newCommandLine().execute("journal", "verify", "--state", state.toString()));
    for (String l : outputs) assertFalse(l.startsWith("paper:") || l.startsWith("error: paper:"), "a live session's line says live: " + l);
    for (String line : outputs) assertFalse(line.contains(SECRET) || line.contains(KEY), "a secret in standard error: " + line);
    for (int i = 1; i <= stdouts; i++) assertFalse(Files.readString(dir.resolve("stdout-" + i + ".txt")).contains(SECRET), "stdout-" + i);
    for (JournalEvent e : events) assertFalse(e.payload().toString().contains(SECRET) || e.payload().toString().contains(KEY), "a secret in the journal: " + e);
    try (Stream<Path> files = Files.walk(state)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
        assertFalse(text.contains(SECRET) || text.contains(KEY), "a secret in " + f);
      }
    }
  }

  @Override
  public void close() throws Exception {
    for (PaperProcess p : children) p.kill(); // a failed assertion must not leave a session running
    fake.close();
    kit.shutdownTestKit();
  }
}
