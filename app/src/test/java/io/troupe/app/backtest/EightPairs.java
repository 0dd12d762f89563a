package io.troupe.app.backtest;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import io.troupe.market.Bar;
import io.troupe.market.BarFiles;
import io.troupe.market.ReadOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The eight bundled freqtrade 5m pairs and the breakout setup the multi-symbol tests run them under. */
public final class EightPairs {

  private EightPairs() {}

  /** Each pair's bars by symbol, in file order. */
  public static Map<String, List<Bar>> bars(Path home) {
    Map<String, List<Bar>> bars = new LinkedHashMap<>();
    for (String p : List.of("ADA", "DASH", "ETC", "ETH", "LTC", "XLM", "XMR", "ZEC")) {
      Path file = home.resolve("data/" + p + "_BTC-5m.json");
      List<Bar> list = new ArrayList<>();
      BarFiles.forEach(file, null, ReadOptions.DEFAULT, list::add);
      bars.put(BarFiles.defaultSymbol(file), list);
    }
    return bars;
  }

  /** Breakout on every pair, each position 12% of equity under a 12.5% cap: many trades, few vetoes. */
  public static Config breakout() {
    return ConfigFactory.load()
        .withValue("troupe.backtest.strategy", ConfigValueFactory.fromAnyRef("breakout"))
        .withValue("troupe.backtest.size-pct", ConfigValueFactory.fromAnyRef(12))
        .withValue("troupe.risk.max-position-pct", ConfigValueFactory.fromAnyRef(12.5));
  }
}
