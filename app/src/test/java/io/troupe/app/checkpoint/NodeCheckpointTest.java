package io.troupe.app.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.troupe.checkpoint.NodeCheckpoint;
import io.troupe.app.backtest.BacktestSettings;
import io.troupe.app.backtest.EightPairs;
import io.troupe.app.backtest.StepGrouping;
import io.troupe.gateway.sim.SimulatedExchange;
import io.troupe.gateway.sim.SimulatedExchangeActor;
import io.troupe.market.Bar;
import io.troupe.market.BarFiles;
import io.troupe.market.ReadOptions;
import io.troupe.node.NodeCommand;
import io.troupe.node.NodeSettings;
import io.troupe.node.TradingNode;
import io.troupe.order.OrderManagerCommand;
import io.troupe.performance.PerformanceCommand;
import io.troupe.position.PositionCommand;
import io.troupe.risk.RiskCommand;
import io.troupe.venue.VenueCommand;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.serialization.SerializationExtension;
import org.junit.jupiter.api.Test;

/**
 * A node rebuilt from a checkpoint continues exactly as the node it was taken from: the same trades, orders, equity
 * curve, risk report and statistics, to the last digit. The checkpoint is taken while positions are open and orders
 * rest at the venue, and goes through the journal's serializer on the way.
 */
class NodeCheckpointTest {

  private static final Path HOME = Path.of("..").toAbsolutePath().normalize();
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  /** Everything a run reports at its end. */
  record Results(PositionCommand.PositionResults positions, OrderManagerCommand.OrderList orders, RiskCommand.RiskReport risk,
      PerformanceCommand.Stats stats, VenueCommand.WorkingOrders venue) {}

  @Test
  void theRegimeSpecialistsContinueFromACheckpointAsIfNeverStopped() {
    List<Bar> btc = new ArrayList<>();
    BarFiles.forEach(HOME.resolve("data/btc-perp-20211231-20220201_1m.csv"), null, ReadOptions.DEFAULT, btc::add);
    Config config = ConfigFactory.load();
    BacktestSettings settings = BacktestSettings.fromConfig(config, HOME, null, null);
    assertRestoredRunMatches(settings, config, Map.of("BTC-PERP", btc), 12_000);
  }

  @Test
  void eightSymbolsWithBracketsContinueFromACheckpointAsIfNeverStopped() {
    Map<String, List<Bar>> bars = EightPairs.bars(HOME);
    Config config = EightPairs.breakout();
    BacktestSettings settings = BacktestSettings.fromConfig(config, HOME, null, null);
    assertRestoredRunMatches(settings, config, bars, 3_000);
  }

  /**
   * The learned specialist alone (voting on its own, as docs/strategies.md runs it), checkpointed with a trained
   * model in use: the versioned checkpoint holds the model's bytes, its calibrator and the rows it trains on next.
   */
  @Test
  void aLearnedSpecialistContinuesFromACheckpointAsIfNeverStopped() throws Exception {
    List<Bar> btc = new ArrayList<>();
    BarFiles.forEach(HOME.resolve("data/btc-perp-20211231-20220201_1m.csv"), null, ReadOptions.DEFAULT, b -> {
      if (btc.size() < 9_000) btc.add(b);
    });
    Config config = ConfigFactory.parseMap(Map.of("troupe.specialists.dir", HOME.resolve("examples/genomes/learned").toString(),
        "troupe.meta.mode", "ensemble", "troupe.meta.ensemble.min-agreeing", "1")).withFallback(ConfigFactory.load());
    BacktestSettings settings = BacktestSettings.fromConfig(config, HOME, null, null);
    NodeCheckpoint checkpoint = assertRestoredRunMatches(settings, config, Map.of("BTC-PERP", btc), 5_500);
    String agent = checkpoint.agents().keySet().stream().filter(a -> a.endsWith("/learned-gbt")).findFirst().orElseThrow();
    // The state is JSON: its walk-forward model's field 'active' holds the model in use (a ModelVersion, with its bytes).
    var active = new com.fasterxml.jackson.databind.ObjectMapper().readTree(checkpoint.agents().get(agent)).findValue("active");
    assertTrue(active != null && active.isObject() && active.path("version").asInt() >= 1, "the checkpoint is taken with a model in use: " + active);
  }

  private static NodeCheckpoint assertRestoredRunMatches(BacktestSettings settings, Config config, Map<String, List<Bar>> bars, int notBefore) {
    List<List<Bar>> steps = StepGrouping.steps(bars);
    NodeSettings node = settings.node(new ArrayList<>(bars.keySet()));

    // The reference run: checkpoint at the first step from `notBefore` with a position open and orders working.
    ActorSystem<NodeCommand> first = ActorSystem.create(TradingNode.create(node, SimulatedExchangeActor.create(settings.exchange(), node.instruments())), "first", config);
    NodeCheckpoint checkpoint = null;
    int at = -1;
    Results reference;
    try {
      for (int i = 0; i < steps.size(); i++) {
        NodeCommand.StepAck ack = runStep(first, steps.get(i));
        if (checkpoint == null && i >= notBefore && !ack.account().positions().isEmpty()
            && ask(first, agents(first).venue(), VenueCommand.GetWorkingOrders::new).clientOrderIds().size() > 0) {
          checkpoint = ask(first, first, NodeCommand.Checkpoint::new);
          at = i;
        }
      }
      reference = results(first);
    } finally {
      first.terminate();
    }
    assertTrue(checkpoint != null, "a step with an open position and resting orders");

    // Through the journal's serializer, as a snapshot would be stored.
    var serialization = SerializationExtension.get(first);
    NodeCheckpoint stored = (NodeCheckpoint) serialization.deserialize(serialization.serialize(checkpoint).get(), NodeCheckpoint.class).get();

    for (String agent : stored.agents().keySet()) stored.state(agent, Object.class); // each decodes, or the test names the one that does not
    ActorSystem<NodeCommand> second = ActorSystem.create(
        TradingNode.create(node, SimulatedExchangeActor.restore(stored.state("venue", SimulatedExchange.class)), stored), "second", config);
    Results restored;
    try {
      for (int i = at + 1; i < steps.size(); i++) runStep(second, steps.get(i));
      restored = results(second);
    } finally {
      second.terminate();
    }

    assertFalse(reference.positions().trades().isEmpty());
    long checkpointTime = steps.get(at).get(0).time();
    assertTrue(reference.positions().trades().stream().anyMatch(t -> t.exitTime() > checkpointTime), "trades closed after the checkpoint");
    assertEquals(reference.positions().trades(), restored.positions().trades());
    assertEquals(reference.positions().account(), restored.positions().account());
    assertEquals(reference.orders(), restored.orders());
    assertEquals(reference.risk(), restored.risk());
    assertEquals(reference.stats(), restored.stats());
    assertEquals(reference.venue(), restored.venue());
    // The equity curve comes back whole: the points before the checkpoint are part of the position monitor's state.
    assertEquals(reference.positions().equity(), restored.positions().equity());
    return stored;
  }

  private static Results results(ActorSystem<NodeCommand> system) {
    ask(system, system, NodeCommand.WhenIdle::new);
    NodeCommand.Agents a = agents(system);
    return new Results(ask(system, a.positions(), PositionCommand.GetResults::new), ask(system, a.orders(), OrderManagerCommand.GetOrders::new),
        ask(system, a.risk(), RiskCommand.GetReport::new), ask(system, a.performance(), PerformanceCommand.GetStats::new),
        ask(system, a.venue(), VenueCommand.GetWorkingOrders::new));
  }

  private static NodeCommand.Agents agents(ActorSystem<NodeCommand> system) {
    return ask(system, system, NodeCommand.GetAgents::new);
  }

  private static NodeCommand.StepAck runStep(ActorSystem<NodeCommand> system, List<Bar> bars) {
    return ask(system, system, r -> new NodeCommand.RunStep(bars.get(0).time(), bars, r));
  }

  private static <Q, R> R ask(ActorSystem<?> system, ActorRef<Q> target, Function<ActorRef<R>, Q> message) {
    return AskPattern.ask(target, message::apply, TIMEOUT, system.scheduler()).toCompletableFuture().join();
  }
}
