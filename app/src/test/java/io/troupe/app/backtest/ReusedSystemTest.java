package io.troupe.app.backtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValueFactory;
import io.troupe.market.Bar;
import io.troupe.market.ReadOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Runs one after another in one actor system give what runs in systems of their own give: each starts its node from
 * nothing, and what a run leaves behind (its stopped node) takes no part in the next.
 */
class ReusedSystemTest {

  @Test
  void runsInOneSystemGiveTheTradesOfRunsInSystemsOfTheirOwn() {
    Path home = Path.of("..").toAbsolutePath().normalize();
    Map<String, List<Bar>> bars = EightPairs.bars(home);
    Config config = EightPairs.breakout();
    BacktestSettings settings = BacktestSettings.fromConfig(config, home, null, null);
    BacktestResult alone = new BacktestRunner(settings, config, ReadOptions.DEFAULT, null, false).runBars(bars, t -> {});
    assertTrue(alone.positions().trades().size() > 100, "enough trades to mean something");

    try (ReusedSystem system = new ReusedSystem()) {
      BacktestRunner runner = new BacktestRunner(settings, config, ReadOptions.DEFAULT, null, false, system);
      BacktestResult first = runner.runBars(bars, t -> {});
      BacktestResult second = runner.runBars(bars, t -> {});
      for (BacktestResult r : List.of(first, second)) {
        assertEquals(alone.positions().trades(), r.positions().trades());
        assertEquals(alone.positions().equity(), r.positions().equity());
        assertEquals(alone.orders().orders(), r.orders().orders());
      }
    }
  }

  @Test
  void aRunOfAnotherSystemConfigurationIsRefused() {
    Path home = Path.of("..").toAbsolutePath().normalize();
    Map<String, List<Bar>> bars = Map.of("ADA_BTC", EightPairs.bars(home).get("ADA_BTC").subList(0, 300));
    Config config = EightPairs.breakout();
    BacktestSettings settings = BacktestSettings.fromConfig(config, home, null, null);
    try (ReusedSystem system = new ReusedSystem()) {
      new BacktestRunner(settings, config, ReadOptions.DEFAULT, null, false, system).runBars(bars, t -> {});
      Config twoThreads = config.withValue("troupe.backtest.threads", ConfigValueFactory.fromAnyRef(2));
      IllegalStateException e = assertThrows(IllegalStateException.class,
          () -> new BacktestRunner(settings, twoThreads, ReadOptions.DEFAULT, null, false, system).runBars(bars, t -> {}));
      assertTrue(e.getMessage().contains("one configuration"), e.getMessage());
    }
  }
}
