package io.troupe.app.marketdata;

import io.troupe.gateway.feed.FeedEvents;
import io.troupe.market.Bar;
import io.troupe.market.Timeframe;
import java.util.List;
import java.util.Map;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.ClassicActorSystemProvider;
import org.apache.pekko.stream.javadsl.Source;

/**
 * Closed bars of a venue's market data for a live session ({@code troupe paper --feed}): what is already out first (the
 * venue's history, from where the session's recording ends), then each bar as it closes, in time order per symbol.
 */
public interface LiveBarFeed {
  /** How the session names the feed, as given: {@code binance:BTCUSDT,ETHUSDT}. */
  String name();

  List<String> symbols();

  Timeframe timeframe();

  /**
   * The bars from {@code from} on (per symbol, epoch ms, a bar's start), the venue's history first, then live;
   * {@code now} is the wall clock that says which bars are closed.
   */
  Source<Bar, NotUsed> bars(ClassicActorSystemProvider system, Map<String, Long> from, java.util.function.LongSupplier now, FeedEvents events);
}
