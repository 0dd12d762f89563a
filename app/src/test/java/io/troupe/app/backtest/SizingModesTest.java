package io.troupe.app.backtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.troupe.market.Bar;
import io.troupe.market.BarFiles;
import io.troupe.market.ReadOptions;
import io.troupe.model.RoundTrip;
import io.troupe.node.DirectLoop;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The risk and volatility sizing modes, at the packaged defaults, size the four specialists' entries on the bundled
 * BTC month below the 9.5% cap, each by its own measure, so they trade differently. With 1% at risk (the old default)
 * every entry sat at the cap and the two modes made the same trades.
 */
class SizingModesTest {

  static final Path HOME = Path.of("..").toAbsolutePath().normalize();
  static final double CASH = 10_000;
  static final double CAP = 0.095;
  static Map<String, List<Bar>> bars;

  @BeforeAll
  static void read() {
    List<Bar> list = new ArrayList<>();
    BarFiles.forEach(HOME.resolve("data/btc-perp-20211231-20220201_1m.csv"), null, ReadOptions.DEFAULT, list::add);
    bars = Map.of("BTC-PERP", list);
  }

  @Test
  void riskAndVolatilitySizingSizeBelowTheCapAndSoMakeDifferentTrades() {
    List<RoundTrip> risk = trades("troupe.sizing.mode = risk");
    List<RoundTrip> volatility = trades("troupe.sizing.mode = volatility");
    assertTrue(risk.size() >= 40 && volatility.size() >= 40, "enough entries: " + risk.size() + ", " + volatility.size());
    assertNotEquals(risk, volatility);

    // The same entry (time and specialist) sized by each mode: distance to the stop against ATR.
    Map<String, Double> riskSizes = new HashMap<>();
    for (RoundTrip t : risk) riskSizes.put(t.entryTime() + " " + t.specialist(), t.quantity());
    int both = 0;
    int differ = 0;
    for (RoundTrip t : volatility) {
      Double q = riskSizes.get(t.entryTime() + " " + t.specialist());
      if (q == null) continue;
      both++;
      if (Math.abs(q - t.quantity()) > 1e-6 * q) differ++;
    }
    assertTrue(both >= 40, "most entries are the same signals: " + both);
    assertTrue(differ * 2 > both, differ + " of " + both + " shared entries sized differently");

    for (List<RoundTrip> run : List.of(risk, volatility)) {
      List<Double> notional = run.stream().map(t -> t.quantity() * t.entryPrice() / CASH).sorted().toList();
      // No entry above the cap (equity stays within 2% of the starting cash on this month).
      assertTrue(notional.get(notional.size() - 1) <= CAP * 1.02, "largest entry " + notional.get(notional.size() - 1));
      // Most are well below it: sized by the risk they carry, not by the cap.
      assertTrue(notional.get(notional.size() / 2) < 0.8 * CAP, "median entry " + notional.get(notional.size() / 2));
      long atCap = notional.stream().filter(n -> n >= 0.97 * CAP).count();
      assertTrue(atCap * 5 <= run.size(), atCap + " of " + run.size() + " entries at the cap");
    }
  }

  @Test
  void withOnePercentAtRiskEveryEntrySitsAtTheCapAndTheModesTradeAlike() {
    List<RoundTrip> risk = trades("troupe.sizing { mode = risk, risk-pct = 1 }");
    List<RoundTrip> volatility = trades("troupe.sizing { mode = volatility, risk-pct = 1 }");
    assertEquals(risk, volatility);
  }

  private static List<RoundTrip> trades(String sizing) {
    Config config = ConfigFactory.parseString(sizing).withFallback(ConfigFactory.load()).resolve();
    BacktestSettings settings = BacktestSettings.fromConfig(config, HOME, null, null);
    assertEquals(BacktestSettings.SPECIALISTS, settings.strategy());
    DirectLoop loop = DirectLoops.of(settings.node(List.of("BTC-PERP")), settings);
    for (List<Bar> step : StepGrouping.steps(bars)) loop.step(step);
    return loop.trades();
  }
}
