package io.troupe.gateway.binance;

import com.fasterxml.jackson.databind.JsonNode;
import io.troupe.market.Bar;
import io.troupe.market.Timeframe;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.NotUsed;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.javadsl.Source;

/**
 * A symbol's past bars from {@code GET /api/v3/klines}, a page of at most 1000 at a time, oldest first: each page
 * starts one bar after the last one of the page before, so a download can stop anywhere and continue from the last bar
 * it kept. Bars from {@code from} (inclusive) to {@code to} (exclusive), epoch ms.
 */
public final class KlineHistory {
  public static final int PAGE = 1000;

  private KlineHistory() {}

  public static Source<List<Bar>, NotUsed> pages(BinanceRestClient client, String symbol, Timeframe timeframe, long from, long to) {
    String interval = BinanceMarketData.interval(timeframe);
    return Source.unfoldAsync(from, start -> {
      if (start >= to) return CompletableFuture.completedFuture(Optional.<Pair<Long, List<Bar>>>empty());
      return client.klines(symbol, interval, start, to - 1, PAGE).thenApply(rows -> {
        List<Bar> bars = new ArrayList<>();
        for (JsonNode row : rows) {
          Bar b = BinanceMarketData.restKline(symbol, row);
          if (b.time() >= start && b.time() < to) bars.add(b);
        }
        if (bars.isEmpty()) return Optional.<Pair<Long, List<Bar>>>empty();
        return Optional.of(Pair.create(bars.get(bars.size() - 1).time() + timeframe.millis(), bars));
      });
    });
  }
}
