package io.troupe.app.backtest;

import io.troupe.node.DirectLoop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.troupe.market.Bar;
import io.troupe.market.BarFiles;
import io.troupe.market.ReadOptions;
import io.troupe.model.RoundTrip;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The actors change nothing about the decisions: eight real symbols run through the actor pipeline and through a
 * plain loop of the same core classes give the same trades, to the last digit, and the same final cash.
 */
class ActorsMatchDirectLoopTest {

  @Test
  void eightSymbolsGiveTheSameTradesThroughActorsAndThroughAPlainLoop() {
    Path home = Path.of("..").toAbsolutePath().normalize();
    Map<String, List<Bar>> bars = EightPairs.bars(home);
    Config config = EightPairs.breakout();
    BacktestSettings settings = BacktestSettings.fromConfig(config, home, null, null);

    BacktestResult actors = new BacktestRunner(settings, config, ReadOptions.DEFAULT, null, false).runBars(bars, t -> {});
    DirectLoop loop = DirectLoops.of(settings.node(new ArrayList<>(bars.keySet())), settings);
    for (List<Bar> step : StepGrouping.steps(bars)) loop.step(step);

    List<RoundTrip> viaActors = actors.positions().trades();
    assertTrue(viaActors.size() > 100, "enough trades to mean something: " + viaActors.size());
    assertEquals(loop.trades(), viaActors);
    assertEquals(loop.cash(), actors.positions().account().cash(), 0.0);
  }

  @Test
  void theRegimeSpecialistsUnderTheMetaControllerGiveTheSameTradesThroughActorsAndThroughAPlainLoop() {
    Path home = Path.of("..").toAbsolutePath().normalize();
    Path file = home.resolve("data/btc-perp-20211231-20220201_1m.csv");
    List<Bar> list = new ArrayList<>();
    BarFiles.forEach(file, null, ReadOptions.DEFAULT, list::add);
    Map<String, List<Bar>> bars = Map.of("BTC-PERP", list);
    Config config = ConfigFactory.load();
    BacktestSettings settings = BacktestSettings.fromConfig(config, home, null, null);
    assertEquals(BacktestSettings.SPECIALISTS, settings.strategy());

    BacktestResult actors = new BacktestRunner(settings, config, ReadOptions.DEFAULT, null, false).runBars(bars, t -> {});
    DirectLoop loop = DirectLoops.of(settings.node(List.of("BTC-PERP")), settings);
    for (List<Bar> step : StepGrouping.steps(bars)) loop.step(step);

    List<RoundTrip> viaActors = actors.positions().trades();
    assertTrue(viaActors.stream().map(RoundTrip::specialist).distinct().count() >= 3, "several specialists traded");
    assertEquals(loop.trades(), viaActors);
  }

  @Test
  void scheduledSwapsApplyAtTheSameStepBoundaryThroughActorsAndThroughAPlainLoop() {
    Path home = Path.of("..").toAbsolutePath().normalize();
    Path file = home.resolve("data/btc-perp-20211231-20220201_1m.csv");
    List<Bar> list = new ArrayList<>();
    BarFiles.forEach(file, null, ReadOptions.DEFAULT, list::add);
    Map<String, List<Bar>> bars = Map.of("BTC-PERP", list);
    String genome = "examples/genomes/trending-fast.json";
    // A replacement, an add and a removal, the removal while the desk may hold a position of the one removed.
    Config config = ConfigFactory.load().withValue("troupe.backtest.swaps", com.typesafe.config.ConfigValueFactory.fromIterable(List.of(
        "2022-01-10T00:00:00Z:BTC-PERP:trending-default:" + genome,
        "2022-01-20:BTC-PERP:trending-b:" + genome,
        "2022-01-25T12:00:00Z:BTC-PERP:ranging-default:-")));
    BacktestSettings settings = BacktestSettings.fromConfig(config, home, null, null);

    BacktestResult actors = new BacktestRunner(settings, config, ReadOptions.DEFAULT, null, false).runBars(bars, t -> {});
    DirectLoop loop = DirectLoops.of(settings.node(List.of("BTC-PERP")), settings);
    for (List<Bar> step : StepGrouping.steps(bars)) loop.step(step);

    List<RoundTrip> viaActors = actors.positions().trades();
    long swappedIn = viaActors.stream().filter(t -> t.specialist().equals("trending-b") || t.specialist().equals("trending-default")
        && t.entryTime() >= java.time.Instant.parse("2022-01-10T00:00:00Z").toEpochMilli()).count();
    assertTrue(swappedIn > 0, "the swapped-in genomes traded");
    assertTrue(viaActors.stream().noneMatch(t -> t.specialist().equals("ranging-default")
        && t.entryTime() > java.time.Instant.parse("2022-01-25T12:00:00Z").toEpochMilli()), "nothing entered for a removed specialist");
    assertEquals(loop.trades(), viaActors);
    assertEquals(loop.cash(), actors.positions().account().cash(), 0.0);
  }
}
