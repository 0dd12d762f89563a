package io.troupe.app.paper;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.troupe.gateway.binance.FakeBinance;
import io.troupe.market.Bar;
import io.troupe.market.BarFiles;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;

/**
 * A fake Binance on a free localhost port serving the bundled BTC month as BTCUSDT 1m klines, a test's hand on what it
 * has served: the venue's history ({@code GET /api/v3/klines}) holds every bar served so far, and each bar served after
 * the first ones also goes out on the kline stream as it closes.
 */
public final class LiveFeed implements AutoCloseable {
  public static final String SYMBOL = "BTCUSDT";
  private static final DateTimeFormatter RECORDED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  public final ActorTestKit kit = ActorTestKit.create();
  public final FakeBinance fake = new FakeBinance(kit.system(), "unused-key", "unused-secret").start();
  public final List<Bar> bars = new ArrayList<>();
  private int served;

  /** The first {@code count} bars of the bundled BTC file, as BTCUSDT; the first {@code history} of them served already. */
  public LiveFeed(int count, int history) {
    BarFiles.forEach(PaperRuns.BTC, SYMBOL, null, b -> {
      if (bars.size() < count) bars.add(b);
    });
    fake.listSymbol(SYMBOL, "BTC", "USDT", bars.get(0).close(), bars.get(0).close());
    // The venue's grid, coarser than the data's decimals: a session trades on it (orders at whole tenths, thousandths of a BTC).
    fake.filters(SYMBOL, "0.10000000", "0.00100000", "10.00000000");
    fake.klines(SYMBOL, "1m", bars.subList(0, history));
    served = history;
  }

  /** Serves bars up to {@code upTo} (exclusive): into the history first (where a gap is filled from), then on the stream. */
  public void serveUpTo(int upTo) {
    fake.klines(SYMBOL, "1m", bars.subList(0, upTo));
    for (int i = served; i < upTo; i++) fake.publishKline("1m", bars.get(i), true);
    served = Math.max(served, upTo);
  }

  public int served() {
    return served;
  }

  /** The session's options for this feed: the fake's URLs (nothing else is reached), quick reconnects. */
  public List<String> options() {
    return List.of("--feed", "binance:" + SYMBOL, "--timeframe", "1m", "--from", time(0), "--set", "troupe.venue.binance.rest-url=\"" + fake.restUrl() + "\"", "--set",
        "troupe.venue.binance.stream-url=\"" + fake.streamUrl() + "\"", "--set", "troupe.venue.binance.reconnect.min-backoff=100ms", "--set",
        "troupe.venue.binance.reconnect.max-backoff=1s");
  }

  /** {@code troupe ARGS...} in this JVM on another thread, its standard error into {@code err}; its exit code when it ends. */
  public static java.util.concurrent.CompletableFuture<Integer> start(List<String> args, java.io.StringWriter err) {
    return java.util.concurrent.CompletableFuture.supplyAsync(() -> {
      var cli = io.troupe.app.cli.TroupeCli.newCommandLine();
      cli.setOut(new java.io.PrintWriter(new java.io.StringWriter()));
      cli.setErr(new java.io.PrintWriter(err, true));
      return cli.execute(args.toArray(String[]::new));
    });
  }

  /** The start of bar {@code i}, as --from and --to take it. */
  public String time(int i) {
    return Instant.ofEpochMilli(bars.get(i).time()).toString();
  }

  /** The recording of a session in {@code state} (its H2 folder), read with Commons CSV, is exactly the first {@code n} bars. */
  public void assertRecorded(Path state, String session, int n) throws Exception {
    assertEquals(bars.subList(0, n), recorded(state, session), "the recording is what the venue served");
  }

  /** The recording of a session in {@code state} (its H2 folder), read with Commons CSV. */
  public List<Bar> recorded(Path state, String session) throws Exception {
    Path file = PaperRunner.recordingFolder(state, session).resolve(SYMBOL + "-1m.csv");
    List<Bar> read = new ArrayList<>();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      for (CSVRecord r : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build().parse(in)) {
        long time = LocalDateTime.parse(r.get("timestamp"), RECORDED).toInstant(ZoneOffset.UTC).toEpochMilli();
        read.add(new Bar(SYMBOL, time, Double.parseDouble(r.get("open")), Double.parseDouble(r.get("high")), Double.parseDouble(r.get("low")),
            Double.parseDouble(r.get("close")), Double.parseDouble(r.get("volume"))));
      }
    }
    return read;
  }

  @Override
  public void close() {
    fake.close();
    kit.shutdownTestKit();
  }
}
