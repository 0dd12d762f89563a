package io.troupe.app.marketdata;

import io.troupe.gateway.feed.FeedEvents;
import io.troupe.model.Instrument;
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

  /** The venue's terms of the symbols the session trades on ({@link #withInstruments}); empty: the run's own (config, names). */
  Map<String, Instrument> instruments();

  /** This feed with the session's terms for its symbols, as read from the venue ({@link #venueInstruments}). */
  LiveBarFeed withInstruments(Map<String, Instrument> instruments);

  /** The venue's own terms of the symbols (quote, tick, lot, minimum notional), read from it now. */
  Map<String, Instrument> venueInstruments(com.typesafe.config.Config config);

  /**
   * The bars from {@code from} on (per symbol, epoch ms, a bar's start), the venue's history first, then live;
   * {@code now} is the wall clock that says which bars are closed.
   */
  Source<Bar, NotUsed> bars(ClassicActorSystemProvider system, Map<String, Long> from, java.util.function.LongSupplier now, FeedEvents events);
}
