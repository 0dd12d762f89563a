package io.troupe.app.marketdata;

import io.troupe.gateway.binance.BinanceMarketData;
import io.troupe.gateway.binance.BinanceRestClient;
import io.troupe.gateway.binance.BinanceSettings;
import io.troupe.gateway.feed.BarSource;
import io.troupe.gateway.feed.FeedEvents;
import io.troupe.market.Bar;
import io.troupe.market.Timeframe;
import io.troupe.model.Instrument;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.ClassicActorSystemProvider;
import org.apache.pekko.stream.javadsl.Source;

/**
 * Binance's bars as a session's feed: the closed klines already out ({@code GET /api/v3/klines}), then, as
 * {@code source} says, the kline streams or bars built from the aggregate-trade streams in trade time (gaps, and each
 * connection's first trade-built bar, from the same endpoint). Market data is public: no credentials are asked for or
 * sent.
 */
public record BinanceBarFeed(String name, BinanceSettings settings, List<String> symbols, Timeframe timeframe, BarSource source,
    Map<String, Instrument> instruments, io.troupe.gateway.binance.BinanceMarket market) implements LiveBarFeed {

  /** Spot's bars. */
  public BinanceBarFeed(String name, BinanceSettings settings, List<String> symbols, Timeframe timeframe, BarSource source, Map<String, Instrument> instruments) {
    this(name, settings, symbols, timeframe, source, instruments, io.troupe.gateway.binance.BinanceMarket.SPOT);
  }

  public BinanceBarFeed {
    symbols = List.copyOf(symbols);
    instruments = Map.copyOf(instruments);
    BinanceMarketData.interval(timeframe); // bad input now, before anything runs
  }

  @Override
  public LiveBarFeed withInstruments(Map<String, Instrument> terms) {
    return new BinanceBarFeed(name, settings, symbols, timeframe, source, terms, market);
  }

  @Override
  public Map<String, Instrument> venueInstruments(com.typesafe.config.Config config) {
    return BinanceTerms.read(config, settings, symbols, market);
  }

  @Override
  public Source<Bar, NotUsed> bars(ClassicActorSystemProvider system, Map<String, Long> from, LongSupplier now, FeedEvents events) {
    BinanceRestClient rest = new BinanceRestClient(system, settings, null, market);
    return BinanceMarketData.historyThenLive(system, settings, symbols, timeframe, source, rest, from, now, events);
  }
}
