package io.troupe.app.paper;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.app.cli.CliRun;
import io.troupe.app.cli.TroupeCli;
import io.troupe.gateway.binance.FakeBinance;
import io.troupe.market.Bar;
import io.troupe.market.BarFiles;
import io.troupe.persistence.JournalConfig;
import io.troupe.persistence.JournalInspector;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code troupe paper --feed binance:ETHBTC,LTCBTC --timeframe 5m} journaled on PostgreSQL, against the fake Binance:
 * two symbols on one stream (the bundled 5m pairs, served as Binance names them), the session killed (SIGKILL) while
 * live and resumed to --to. Each symbol's recording is what the venue served, every step and fill is journaled once,
 * {@code journal verify --postgres} passes, and a backtest of the recording gives the session's files byte for byte.
 */
class LiveFeedPostgresTest {
  static final int BARS = 700;
  static final int HISTORY = 400;
  static final Map<String, Path> SERIES = new LinkedHashMap<>();
  static final Pattern PROGRESS = Pattern.compile("paper: step (\\d+)/");
  static final DateTimeFormatter RECORDED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  @BeforeAll
  static void home() {
    System.setProperty("troupe.home", PaperRuns.HOME.toString());
    SERIES.put("ETHBTC", PaperRuns.HOME.resolve("data/ETH_BTC-5m.json"));
    SERIES.put("LTCBTC", PaperRuns.HOME.resolve("data/LTC_BTC-5m.json"));
  }

  @Test
  void aTwoSymbolFeedOnPostgresKilledAndResumedLosesAndRepeatsNothing(@TempDir Path dir) throws Exception {
    PaperKillRecoveryTest.requirePostgres();
    String session = "feed-pg-" + UUID.randomUUID();
    Path state = dir.resolve("state");
    Path out = dir.resolve("paper");
    ActorTestKit kit = ActorTestKit.create();
    try (FakeBinance fake = new FakeBinance(kit.system(), "unused-key", "unused-secret").start()) {
      Map<String, List<Bar>> bars = new LinkedHashMap<>();
      for (var e : SERIES.entrySet()) {
        List<Bar> list = new ArrayList<>();
        BarFiles.forEach(e.getValue(), e.getKey(), null, b -> {
          if (list.size() <= BARS) list.add(b);
        });
        bars.put(e.getKey(), list);
        fake.listSymbol(e.getKey(), e.getKey().substring(0, 3), "BTC", list.get(0).close(), list.get(0).close());
        fake.filters(e.getKey(), "0.00000100", "0.00100000", "0.00010000"); // Binance's ETHBTC grid
        fake.klines(e.getKey(), "5m", list.subList(0, HISTORY));
      }
      List<Bar> first = bars.get("ETHBTC");
      List<String> args = new ArrayList<>(List.of("--state", state.toString(), "--out", out.toString(), "--http", "off", "--session", session,
          "--set", "troupe.persistence.backend=postgres", "--feed", "binance:ETHBTC,LTCBTC", "--timeframe", "5m",
          "--from", Instant.ofEpochMilli(first.get(0).time()).toString(), "--to", Instant.ofEpochMilli(first.get(BARS).time()).toString(),
          "--progress-every", "10", "--set", "troupe.venue.binance.rest-url=\"" + fake.restUrl() + "\"",
          "--set", "troupe.venue.binance.stream-url=\"" + fake.streamUrl() + "\"",
          "--set", "troupe.venue.binance.reconnect.min-backoff=100ms", "--set", "troupe.venue.binance.reconnect.max-backoff=1s"));

      // Live on the stream, both symbols' bars interleaved by time as Binance sends them; killed mid-way.
      PaperProcess killed = PaperProcess.start(args, Map.of(), 0, dir.resolve("stdout-1.txt"));
      killed.awaitLine(l -> l.contains("connected to the live stream"), "the kline stream", 120);
      serve(fake, bars, HISTORY, 550);
      int done = progress(killed.awaitLine(l -> progress(l) >= 480, "live step 480", 120));
      killed.kill();

      // Resumed in this JVM: the recording replayed, the bars served meanwhile from the history, then the stream to --to.
      serve(fake, bars, 550, 600);
      List<String> again = new ArrayList<>(List.of("paper"));
      again.addAll(args);
      StringWriter err = new StringWriter();
      CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> {
        var cli = TroupeCli.newCommandLine();
        cli.setOut(new PrintWriter(new StringWriter()));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(again.toArray(String[]::new));
      });
      FakeBinance.await(() -> err.toString().contains("connected to the live stream") || exit.isDone(),
          java.time.Duration.ofSeconds(120), "the resumed session's kline stream");
      Matcher resumed = PaperKillRecoveryTest.RESUMING.matcher(err.toString());
      assertTrue(resumed.find(), err.toString());
      assertTrue(Integer.parseInt(resumed.group(1)) >= done, "step " + done + " was reported done before the kill: " + err);
      serve(fake, bars, 600, BARS + 1);
      assertEquals(0, exit.get(180, TimeUnit.SECONDS), err.toString());

      for (String symbol : SERIES.keySet()) {
        assertEquals(bars.get(symbol).subList(0, BARS), recorded(state, session, symbol), symbol + ": the recording is what the venue served");
      }
      try (JournalInspector j = JournalInspector.open(JournalConfig.postgresFromEnvironment())) {
        PaperKillRecoveryTest.assertEveryStepOnce(j.events(session), BARS);
      }
      assertEquals(0, TroupeCli.newCommandLine().execute("journal", "verify", "--postgres", "--session", session));
      Path folder = PaperRunner.recordingFolder(state, session);
      CliRun backtest = CliRun.run("backtest", "--data", folder.resolve("ETHBTC-5m.csv").toString(), "--data", folder.resolve("LTCBTC-5m.csv").toString(),
          "--config", folder.resolve("instruments.conf").toString(), "--out", dir.resolve("backtest").toString(), "--quiet");
      assertEquals(0, backtest.exit(), backtest.err());
      for (String f : PaperSessionTest.SAME_FILES) {
        assertArrayEquals(Files.readAllBytes(dir.resolve("backtest").resolve(f)), Files.readAllBytes(out.resolve(f)), f);
      }
      assertTrue(Files.readAllLines(out.resolve("orders.csv")).size() > 1, "the session should order");
    } finally {
      kit.shutdownTestKit();
    }
  }

  /** Bars {@code from} to {@code to} (exclusive) of every symbol: into the venue's history, and on the stream by time. */
  private static void serve(FakeBinance fake, Map<String, List<Bar>> bars, int from, int to) {
    for (var e : bars.entrySet()) fake.klines(e.getKey(), "5m", e.getValue().subList(0, to));
    for (int i = from; i < to; i++) for (List<Bar> series : bars.values()) fake.publishKline("5m", series.get(i), true);
  }

  private static List<Bar> recorded(Path state, String session, String symbol) throws Exception {
    List<Bar> read = new ArrayList<>();
    Path file = PaperRunner.recordingFolder(state, session).resolve(symbol + "-5m.csv");
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      for (CSVRecord r : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build().parse(in)) {
        long time = LocalDateTime.parse(r.get("timestamp"), RECORDED).toInstant(ZoneOffset.UTC).toEpochMilli();
        read.add(new Bar(symbol, time, Double.parseDouble(r.get("open")), Double.parseDouble(r.get("high")), Double.parseDouble(r.get("low")),
            Double.parseDouble(r.get("close")), Double.parseDouble(r.get("volume"))));
      }
    }
    return read;
  }

  private static int progress(String line) {
    Matcher m = PROGRESS.matcher(line);
    return m.find() ? Integer.parseInt(m.group(1)) : -1;
  }
}
