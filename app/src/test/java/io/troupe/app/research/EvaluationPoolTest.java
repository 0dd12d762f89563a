package io.troupe.app.research;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import io.troupe.market.Bar;
import io.troupe.market.BarFiles;
import io.troupe.market.ReadOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The evaluation pool as a message protocol: requests in, one answer each, the same evaluation as a direct call, with
 * every message serialized on the way (serialize-messages on), as it would be to a worker on another member.
 */
class EvaluationPoolTest {

  static final Path HOME = Path.of("..").toAbsolutePath().normalize();
  static ActorTestKit kit;

  @BeforeAll
  static void start() {
    Config c = EvaluationPool.config(2).withFallback(ConfigFactory.parseString("pekko.actor.serialize-messages = on")).withFallback(ConfigFactory.load());
    kit = ActorTestKit.create("evaluation-pool", c);
  }

  @AfterAll
  static void stop() {
    kit.shutdownTestKit();
  }

  @Test
  void everyRequestIsAnsweredOnceWithWhatADirectEvaluationGives() {
    Path file = HOME.resolve("data/btc-perp-20211231-20220201_1m.csv");
    Instant to = Instant.parse("2022-01-01T12:00:00Z");
    List<Bar> bars = new ArrayList<>();
    BarFiles.forEach(file, BarFiles.defaultSymbol(file), ReadOptions.DEFAULT, b -> {
      if (b.time() < to.toEpochMilli()) bars.add(b);
    });
    Config base = ConfigFactory.load()
        .withValue("troupe.backtest.strategy", ConfigValueFactory.fromAnyRef("ema-cross"))
        .withValue("troupe.backtest.params", ConfigValueFactory.fromMap(Map.of()))
        .withValue("troupe.backtest.data", ConfigValueFactory.fromIterable(List.of(file.toString())));
    List<Dimension> dims = List.of(Dimension.choices("fast", Dimension.Target.STRATEGY_PARAM, List.of("6", "10", "14"), "test"));
    CandidateEvaluator evaluator = new CandidateEvaluator(new CandidateSettings(base, HOME, null, to, dims),
        Map.of(BarFiles.defaultSymbol(file), bars), CandidateEvaluator.Through.LOOP, 4);

    ActorRef<EvaluationCommand> pool = kit.spawn(EvaluationPool.create(evaluator, 2), "pool");
    TestProbe<EvaluationCommand.Evaluated> probe = kit.createTestProbe(EvaluationCommand.Evaluated.class);
    for (int i = 0; i < 3; i++) pool.tell(new EvaluationCommand.Evaluate(i, Map.of("fast", dims.get(0).choices().get(i)), probe.getRef()));
    Map<Integer, Evaluation> got = new HashMap<>();
    for (int i = 0; i < 3; i++) {
      EvaluationCommand.Evaluated a = probe.receiveMessage(Duration.ofSeconds(60));
      assertNull(a.failure());
      got.put(a.index(), a.evaluation());
    }
    probe.expectNoMessage(Duration.ofMillis(200));
    for (int i = 0; i < 3; i++) {
      Evaluation direct = evaluator.evaluate(i, Map.of("fast", dims.get(0).choices().get(i)));
      Evaluation viaPool = got.get(i);
      assertEquals(direct.values(), viaPool.values());
      assertEquals(direct.metrics().get("final_value"), viaPool.metrics().get("final_value"));
      assertEquals(direct.metrics().get("trade_count"), viaPool.metrics().get("trade_count"));
      assertEquals(direct.returns().sharpe(), viaPool.returns().sharpe(), 0.0);
      for (int b = 0; b < 4; b++) assertArrayEquals(direct.returns().blocks()[b], viaPool.returns().blocks()[b], 0.0);
    }
  }
}
