package io.troupe.gateway.binance;

import com.fasterxml.jackson.databind.JsonNode;
import io.troupe.gateway.feed.BarSequence;
import io.troupe.gateway.feed.BarSource;
import io.troupe.gateway.feed.FeedEvents;
import io.troupe.gateway.feed.TradeBars;
import io.troupe.market.Bar;
import io.troupe.market.Timeframe;
import io.troupe.model.InvalidInputException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.ClassicActorSystemProvider;
import org.apache.pekko.stream.javadsl.Source;

/**
 * Binance's market data as Pekko Streams sources, over one combined-stream connection
 * ({@code /stream?streams=btcusdt@kline_1m/...}) that reconnects with backoff:
 * <ul>
 *   <li>{@link #klineBars}: closed klines only ({@code k.x}), in order per symbol, repeats after a reconnect dropped;
 *       a gap is reported and, given a REST client, filled from {@code GET /api/v3/klines} before the next bar;</li>
 *   <li>{@link #tradeBars}: bars built from {@code aggTrade} in event time (trade time {@code T}), each connection's
 *       first bar (begun before it opened) and a gap taken from {@code GET /api/v3/klines};</li>
 *   <li>{@link #bookTickers}: best bid and ask.</li>
 * </ul>
 * The parsers are plain functions, used by the sources and the benchmark alike.
 */
public final class BinanceMarketData {
  /** Binance's kline intervals (rest-api.md), as Troupe's timeframes write them; 1M (a month) has no timeframe. */
  public static final Set<String> INTERVALS = Set.of("1m", "3m", "5m", "15m", "30m", "1h", "2h", "4h", "6h", "8h", "12h", "1d", "3d", "1w");

  private BinanceMarketData() {}

  /** The kline interval for a timeframe, or bad input naming the timeframe and the ones Binance has. */
  public static String interval(Timeframe timeframe) {
    if (!INTERVALS.contains(timeframe.label())) {
      throw new InvalidInputException("--timeframe " + timeframe.label() + ": Binance has no such kline interval; it has 1m, 3m, 5m, 15m, 30m, 1h, 2h, 4h, 6h, 8h, 12h, 1d, 3d, 1w");
    }
    return timeframe.label();
  }

  public static String combinedUrl(String streamUrl, List<String> streams) {
    return streamUrl + "/stream?streams=" + String.join("/", streams);
  }

  /** A combined stream's message: {@code {"stream": ..., "data": ...}}; the payload (or the message, when raw). */
  public static JsonNode payload(String text) {
    try {
      JsonNode json = BinanceRestClient.JSON.readTree(text);
      return json.has("data") ? json.path("data") : json;
    } catch (java.io.IOException e) {
      return BinanceRestClient.JSON.missingNode();
    }
  }

  /** A kline event as a bar when the kline is closed; empty while it is still forming (or for another event). */
  public static Optional<Bar> closedKline(JsonNode e) {
    if (!"kline".equals(e.path("e").asText())) return Optional.empty();
    JsonNode k = e.path("k");
    if (!k.path("x").asBoolean()) return Optional.empty();
    return Optional.of(new Bar(k.path("s").asText(), k.path("t").asLong(), BinanceRestClient.number(k, "o"), BinanceRestClient.number(k, "h"),
        BinanceRestClient.number(k, "l"), BinanceRestClient.number(k, "c"), BinanceRestClient.number(k, "v")));
  }

  /** One row of {@code GET /api/v3/klines}: [open time, open, high, low, close, volume, close time, ...]. */
  public static Bar restKline(String symbol, JsonNode row) {
    return new Bar(symbol, row.get(0).asLong(), Double.parseDouble(row.get(1).asText()), Double.parseDouble(row.get(2).asText()),
        Double.parseDouble(row.get(3).asText()), Double.parseDouble(row.get(4).asText()), Double.parseDouble(row.get(5).asText()));
  }

  public static Optional<BookTicker> bookTicker(JsonNode e) {
    if (!e.has("u") || !e.has("b") || !e.has("a")) return Optional.empty();
    return Optional.of(new BookTicker(e.path("s").asText(), e.path("u").asLong(), BinanceRestClient.number(e, "b"), BinanceRestClient.number(e, "B"),
        BinanceRestClient.number(e, "a"), BinanceRestClient.number(e, "A")));
  }

  /** Bars of closed klines of {@code symbols}; {@code history} null: gaps are only reported. */
  public static Source<Bar, NotUsed> klineBars(ClassicActorSystemProvider system, BinanceSettings settings, List<String> symbols, Timeframe timeframe,
      BinanceRestClient history, FeedEvents events) {
    return klineBars(system, settings, symbols, timeframe, history, Map.of(), events);
  }

  /**
   * Bars of closed klines of {@code symbols} after the bars already held ({@code held}: per symbol, the time of the
   * last one): a kline at or before it is a repeat, and one more than a bar after it leaves a gap, filled from
   * {@code history} like any other.
   */
  public static Source<Bar, NotUsed> klineBars(ClassicActorSystemProvider system, BinanceSettings settings, List<String> symbols, Timeframe timeframe,
      BinanceRestClient history, Map<String, Long> held, FeedEvents events) {
    String interval = interval(timeframe);
    List<String> streams = new ArrayList<>();
    for (String s : symbols) streams.add(s.toLowerCase(Locale.ROOT) + "@kline_" + interval);
    String url = combinedUrl(settings.streamUrl(), streams);
    // State per materialization: each run of the source keeps its own sequence.
    return Source.lazySource(() -> {
      BarSequence sequence = new BarSequence(timeframe.millis());
      held.forEach(sequence::seed);
      return BinanceWebSocket.reconnecting(system, settings, () -> CompletableFuture.completedFuture(url))
        .mapConcat(frame -> {
          if (frame instanceof BinanceWebSocket.Frame.Connected c) {
            events.connected(c.connection());
            return List.<Bar>of();
          }
          return closedKline(payload(((BinanceWebSocket.Frame.Text) frame).text())).map(List::of).orElse(List.of());
        })
        .mapAsync(1, bar -> {
          BarSequence.Verdict v = sequence.accept(bar);
          if (!v.emit()) return CompletableFuture.completedFuture(List.<Bar>of());
          if (!v.gap()) return CompletableFuture.completedFuture(List.of(bar));
          return backfill(history, bar, v.gapFrom(), interval, events);
        })
        .mapConcat(list -> list);
    }).mapMaterializedValue(x -> NotUsed.getInstance());
  }

  /**
   * A session's bars from {@code from} on (per symbol, epoch ms): first the closed klines already out, from
   * {@code GET /api/v3/klines} (pages of 1000, every symbol's merged by time, then symbol), then the live stream's
   * closed klines after them ({@link #klineBars}, a gap between the two filled from the same endpoint). A kline is
   * closed once the wall clock ({@code now}) is past its end; the one still forming comes from the stream when it closes.
   */
  public static Source<Bar, NotUsed> historyThenLive(ClassicActorSystemProvider system, BinanceSettings settings, List<String> symbols, Timeframe timeframe,
      BinanceRestClient rest, Map<String, Long> from, java.util.function.LongSupplier now, FeedEvents events) {
    return historyThenLive(system, settings, symbols, timeframe, BarSource.KLINES, rest, from, now, events);
  }

  /** As above, the live part's bars from {@code source}: the kline streams, or bars built from trades ({@link #tradeBars}). */
  public static Source<Bar, NotUsed> historyThenLive(ClassicActorSystemProvider system, BinanceSettings settings, List<String> symbols, Timeframe timeframe,
      BarSource source, BinanceRestClient rest, Map<String, Long> from, java.util.function.LongSupplier now, FeedEvents events) {
    return Source.lazySource(() -> {
      long closedBefore = timeframe.bucketStart(now.getAsLong());
      List<CompletionStage<List<Bar>>> fetched = new ArrayList<>();
      for (String symbol : symbols) {
        long start = from.getOrDefault(symbol, closedBefore);
        fetched.add(KlineHistory.pages(rest, symbol, timeframe, start, closedBefore)
            .runFold(new ArrayList<Bar>(), (all, page) -> {
              all.addAll(page);
              return all;
            }, system)
            .thenApply(all -> (List<Bar>) all));
      }
      CompletableFuture<List<Bar>> merged = CompletableFuture.completedFuture(new ArrayList<>());
      for (CompletionStage<List<Bar>> f : fetched) {
        merged = merged.thenCombine(f, (a, b) -> {
          a.addAll(b);
          return a;
        });
      }
      // Each symbol's stream continues from its last bar of the history, or from just before its start.
      Map<String, Long> held = new java.util.concurrent.ConcurrentHashMap<>();
      for (String symbol : symbols) held.put(symbol, from.getOrDefault(symbol, closedBefore) - timeframe.millis());
      return Source.completionStage(merged).mapConcat(all -> {
        all.sort(java.util.Comparator.comparingLong(Bar::time).thenComparing(Bar::symbol));
        for (Bar b : all) held.merge(b.symbol(), b.time(), Math::max);
        return all;
      }).concatLazy(Source.lazySource(() -> source == BarSource.TRADES
          ? tradeBars(system, settings, symbols, timeframe, rest, held, events)
          : klineBars(system, settings, symbols, timeframe, rest, held, events)));
    }).mapMaterializedValue(x -> NotUsed.getInstance());
  }

  private static CompletionStage<List<Bar>> backfill(BinanceRestClient history, Bar bar, long from, String interval, FeedEvents events) {
    if (history == null) {
      events.gap(bar.symbol(), from, bar.time(), 0);
      return CompletableFuture.completedFuture(List.of(bar));
    }
    return history.klines(bar.symbol(), interval, from, bar.time() - 1, 1000)
        .handle((rows, error) -> {
          List<Bar> out = new ArrayList<>();
          if (error == null) for (JsonNode row : rows) {
            Bar b = restKline(bar.symbol(), row);
            if (b.time() >= from && b.time() < bar.time()) out.add(b);
          }
          events.gap(bar.symbol(), from, bar.time(), out.size());
          out.add(bar);
          return out;
        });
  }

  /** Bars of {@code timeframe} built from aggregate trades, in trade time; a repeated trade (by its id) counts once. */
  public static Source<Bar, NotUsed> tradeBars(ClassicActorSystemProvider system, BinanceSettings settings, List<String> symbols, Timeframe timeframe, FeedEvents events) {
    return tradeBars(system, settings, symbols, timeframe, null, Map.of(), events);
  }

  /**
   * Bars of {@code timeframe} built from aggregate trades in trade time ({@link TradeBars}), after the bars already
   * held ({@code held}: per symbol, the time of the last one). A repeated trade (by its id) counts once. The first bar
   * of each connection began before it opened, so its earlier trades never came: it is {@code history}'s kline instead
   * (or, failing that, kept and reported as {@link FeedEvents#partialBar}); a gap is filled from the same endpoint,
   * like {@link #klineBars}'s.
   */
  public static Source<Bar, NotUsed> tradeBars(ClassicActorSystemProvider system, BinanceSettings settings, List<String> symbols, Timeframe timeframe,
      BinanceRestClient history, Map<String, Long> held, FeedEvents events) {
    String interval = interval(timeframe);
    List<String> streams = new ArrayList<>();
    for (String s : symbols) streams.add(s.toLowerCase(Locale.ROOT) + "@aggTrade");
    String url = combinedUrl(settings.streamUrl(), streams);
    record Built(Bar bar, boolean sinceConnecting) {}
    // State per materialization: each run of the source builds its own bars.
    return Source.lazySource(() -> {
      TradeBars bars = new TradeBars(timeframe);
      BarSequence sequence = new BarSequence(timeframe.millis());
      held.forEach(sequence::seed);
      Map<String, Long> lastTrade = new HashMap<>();
      Set<String> sinceConnecting = new java.util.HashSet<>();
      return BinanceWebSocket.reconnecting(system, settings, () -> CompletableFuture.completedFuture(url))
        .mapConcat(frame -> {
          if (frame instanceof BinanceWebSocket.Frame.Connected c) {
            events.connected(c.connection());
            bars.clear();
            sinceConnecting.addAll(symbols);
            return List.<Built>of();
          }
          JsonNode e = payload(((BinanceWebSocket.Frame.Text) frame).text());
          if (!"aggTrade".equals(e.path("e").asText())) return List.<Built>of();
          String symbol = e.path("s").asText();
          long id = e.path("a").asLong();
          Long last = lastTrade.get(symbol);
          if (last != null && id <= last) return List.<Built>of();
          lastTrade.put(symbol, id);
          return bars.add(symbol, e.path("T").asLong(), BinanceRestClient.number(e, "p"), BinanceRestClient.number(e, "q"), events)
              .map(b -> List.of(new Built(b, sinceConnecting.remove(b.symbol())))).orElse(List.of());
        })
        .mapAsync(1, built -> {
          Bar bar = built.bar();
          BarSequence.Verdict v = sequence.accept(bar);
          if (!v.emit()) return CompletableFuture.completedFuture(List.<Bar>of());
          if (!v.gap() && !built.sinceConnecting()) return CompletableFuture.completedFuture(List.of(bar));
          return fromHistory(history, bar, v.gap() ? v.gapFrom() : bar.time(), built.sinceConnecting(), interval, events);
        })
        .mapConcat(list -> list);
    }).mapMaterializedValue(x -> NotUsed.getInstance());
  }

  /**
   * The venue's klines from {@code from} up to {@code bar} (a gap's), then {@code bar}, or, when {@code replace}, the
   * venue's own kline at its time in its place (the built one when the venue has none to give).
   */
  private static CompletionStage<List<Bar>> fromHistory(BinanceRestClient history, Bar bar, long from, boolean replace, String interval, FeedEvents events) {
    if (!replace) return backfill(history, bar, from, interval, events);
    if (history == null) {
      if (from < bar.time()) events.gap(bar.symbol(), from, bar.time(), 0);
      events.partialBar(bar.symbol(), bar.time());
      return CompletableFuture.completedFuture(List.of(bar));
    }
    return history.klines(bar.symbol(), interval, from, bar.time(), 1000)
        .handle((rows, error) -> {
          List<Bar> out = new ArrayList<>();
          Bar venues = null;
          if (error == null) for (JsonNode row : rows) {
            Bar b = restKline(bar.symbol(), row);
            if (b.time() >= from && b.time() < bar.time()) out.add(b);
            else if (b.time() == bar.time()) venues = b;
          }
          if (from < bar.time()) events.gap(bar.symbol(), from, bar.time(), out.size());
          if (venues == null) events.partialBar(bar.symbol(), bar.time());
          out.add(venues == null ? bar : venues);
          return out;
        });
  }

  public static Source<BookTicker, NotUsed> bookTickers(ClassicActorSystemProvider system, BinanceSettings settings, List<String> symbols) {
    List<String> streams = new ArrayList<>();
    for (String s : symbols) streams.add(s.toLowerCase(Locale.ROOT) + "@bookTicker");
    String url = combinedUrl(settings.streamUrl(), streams);
    return BinanceWebSocket.reconnecting(system, settings, () -> CompletableFuture.completedFuture(url))
        .mapConcat(frame -> frame instanceof BinanceWebSocket.Frame.Text t ? bookTicker(payload(t.text())).map(List::of).orElse(List.of()) : List.<BookTicker>of());
  }
}
