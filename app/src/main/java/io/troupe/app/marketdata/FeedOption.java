package io.troupe.app.marketdata;

import com.typesafe.config.Config;
import io.troupe.gateway.binance.BinanceSettings;
import io.troupe.gateway.feed.BarSource;
import io.troupe.market.Timeframe;
import io.troupe.model.InvalidInputException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** {@code --feed VENUE:SYMBOL[,SYMBOL...]}: which venue's live bars a paper session trades on. */
public final class FeedOption {
  private static final Pattern SYMBOL = Pattern.compile("[A-Z0-9]{2,20}");

  private FeedOption() {}

  /** The feed {@code text} names, at {@code timeframe}; bad input names the option and what is wrong. */
  public static LiveBarFeed parse(String text, Timeframe timeframe, Config config) {
    return parse(text, timeframe, config, io.troupe.gateway.binance.BinanceMarket.SPOT);
  }

  /** As above, the bars of Binance's {@code market} (USD-M futures': /fapi/v1/klines and the futures streams). */
  public static LiveBarFeed parse(String text, Timeframe timeframe, Config config, io.troupe.gateway.binance.BinanceMarket market) {
    String v = text.strip();
    int colon = v.indexOf(':');
    if (colon < 0) throw new InvalidInputException("--feed '" + text + "': expected VENUE:SYMBOL[,SYMBOL...], e.g. binance:BTCUSDT,ETHUSDT");
    String venue = v.substring(0, colon).toLowerCase(Locale.ROOT);
    if (!venue.equals("binance")) throw new InvalidInputException("--feed '" + text + "': unknown venue '" + v.substring(0, colon) + "'; the venues with a feed: binance");
    LinkedHashSet<String> symbols = new LinkedHashSet<>();
    for (String s : v.substring(colon + 1).split(",", -1)) {
      String symbol = s.strip().toUpperCase(Locale.ROOT);
      if (!SYMBOL.matcher(symbol).matches()) {
        throw new InvalidInputException("--feed '" + text + "': '" + s + "' is not a Binance symbol (letters and digits, e.g. BTCUSDT)");
      }
      if (!symbols.add(symbol)) throw new InvalidInputException("--feed '" + text + "': " + symbol + " is named twice");
    }
    if (timeframe == null) throw new InvalidInputException("--feed: give the bars' --timeframe too, e.g. --feed " + v + " --timeframe 1m");
    List<String> list = new ArrayList<>(symbols);
    BarSource source = BarSource.parse("troupe.paper.feed.bars", config.getString("troupe.paper.feed.bars"));
    return new BinanceBarFeed(venue + ":" + String.join(",", list), BinanceSettings.fromConfig(config, market), list, timeframe, source, java.util.Map.of(), market);
  }
}
