package io.troupe.app.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.typesafe.config.ConfigFactory;
import io.troupe.app.backtest.NoMessageSerialization;
import io.troupe.desk.DeskCommand;
import io.troupe.model.StepMessage;
import io.troupe.market.Bar;
import io.troupe.model.OrderIntent;
import io.troupe.model.RoundTrip;
import io.troupe.model.TradingState;
import io.troupe.model.VenueRejection;
import io.troupe.performance.PerformanceCommand;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every message that crosses from the account member to a desk member and back is written by Jackson as CBOR and
 * reads back equal, in a cluster member's actor system; a one-process configuration stays without remoting.
 */
class CrossingMessagesTest {

  private static ActorTestKit kit;
  private static Serialization serialization;

  @BeforeAll
  static void start() {
    kit = ActorTestKit.create("troupe", ClusterMember.config(ConfigFactory.load(), List.of(ClusterRole.DESK.id()), new MemberAddress("127.0.0.1", 0), List.of()));
    serialization = SerializationExtension.get(kit.system());
  }

  @AfterAll
  static void stop() {
    kit.shutdownTestKit();
  }

  private static Object roundTrip(Object message) {
    var serializer = serialization.findSerializerFor(message);
    assertEquals("jackson-cbor", serializerName(serializer.identifier()), message.getClass().getSimpleName() + " is written by " + serializer.getClass());
    byte[] bytes = serialization.serialize(message).get();
    return serialization.deserialize(bytes, serializer.identifier(), Serializers.manifestFor(serializer, message)).get();
  }

  private static String serializerName(int id) {
    var ids = kit.system().settings().config().getConfig("pekko.actor.serialization-identifiers");
    for (var e : ids.entrySet()) if (((Number) e.getValue().unwrapped()).intValue() == id) return e.getKey().replace("\"", "");
    return "id " + id;
  }

  @Test
  void aDesksBarWithTheAccountsNewsReadsBackEqual() {
    var coordinator = kit.<DeskCommand.Decision>createTestProbe();
    RoundTrip closed = new RoundTrip("ETH_BTC", "long", 1_515_560_100_000L, 0.0912345, 1_515_570_100_000L, 0.0923456, 10.5, 0.00191, 0.0097, "stop_loss", "ema-cross");
    VenueRejection rejected = new VenueRejection(1_515_570_100_000L, "ETH_BTC-17", "ETH_BTC", "ema-cross", "insufficient_cash");
    DeskCommand.OnBar bar = new DeskCommand.OnBar(new Bar("ETH_BTC", 1_515_570_400_000L, 0.0923, 0.0931, 0.0919, 0.09287, 1234.5678), 9_876.54321, 0.3333333333333333,
        List.of(closed), List.of(rejected), true, TradingState.REDUCING, coordinator.getRef());
    assertEquals(bar, roundTrip(bar));
  }

  @Test
  void aDesksDecisionReadsBackEqual() {
    OrderIntent entry = OrderIntent.entry("ETH_BTC", 1_515_570_400_000L, 12.345, 0.09287, "ema-cross", "signal");
    DeskCommand.Decision decision = new DeskCommand.Decision(1_515_570_400_000L, "ETH_BTC", entry);
    assertEquals(decision, roundTrip(decision));
    OrderIntent exit = new OrderIntent("ETH_BTC", 1_515_570_400_000L, 0, 0.09287, 0.0901, Double.NaN, "ema-cross", "exit", true);
    assertEquals(new DeskCommand.Decision(1L, "ETH_BTC", exit), roundTrip(new DeskCommand.Decision(1L, "ETH_BTC", exit)));
    assertEquals(new DeskCommand.Decision(1L, "ETH_BTC", null), roundTrip(new DeskCommand.Decision(1L, "ETH_BTC", null)));
  }

  @Test
  void aDesksStepsAheadAndItsAnswerReadBackEqual() {
    var coordinator = kit.<DeskCommand.Decisions>createTestProbe();
    RoundTrip closed = new RoundTrip("ETH_BTC", "long", 1_515_560_100_000L, 0.0912345, 1_515_570_100_000L, 0.0923456, 10.5, 0.00191, 0.0097, "stop_loss", "ema-cross");
    List<Bar> bars = new java.util.ArrayList<>();
    for (int i = 0; i < 4; i++) bars.add(new Bar("ETH_BTC", 1_515_570_400_000L + i * 300_000L, 0.0923, 0.0931, 0.0919, 0.09287 + i * 1e-5, 1234.5678));
    // A batch's view of the desk's bars, as the coordinator sends it.
    DeskCommand.OnSteps steps = new DeskCommand.OnSteps(bars.subList(1, 4), List.of(false, true, false), 9_876.54321, 0.25, List.of(closed), List.of(),
        TradingState.ACTIVE, true, coordinator.getRef());
    assertEquals(steps, roundTrip(steps));
    DeskCommand.OnSteps held = new DeskCommand.OnSteps(List.of(), List.of(), 9_876.54321, 0, List.of(), List.of(), TradingState.HALTED, false, coordinator.getRef());
    assertEquals(held, roundTrip(held));
    OrderIntent entry = OrderIntent.entry("ETH_BTC", 1_515_570_400_000L, 12.345, 0.09287, "ema-cross", "signal");
    assertEquals(new DeskCommand.Decisions(1_515_570_400_000L, "ETH_BTC", entry, 17, true, true),
        roundTrip(new DeskCommand.Decisions(1_515_570_400_000L, "ETH_BTC", entry, 17, true, true)));
    assertEquals(new DeskCommand.Decisions(1L, "ETH_BTC", null, 0, false, false), roundTrip(new DeskCommand.Decisions(1L, "ETH_BTC", null, 0, false, false)));
  }

  @Test
  void theDeskEntitysOwnMessagesReadBackEqual() {
    var performance = kit.<PerformanceCommand>createTestProbe();
    var located = kit.<DeskEntity.Located>createTestProbe();
    var coordinator = kit.<StepMessage>createTestProbe();
    DeskEntity.Start start = new DeskEntity.Start("{\"backtest\":{\"strategy\":\"ema-cross\"}}", List.of("ADA_BTC", "ETH_BTC"), performance.getRef(),
        coordinator.getRef());
    assertEquals(start, roundTrip(start));
    // A desk's part of a checkpoint goes to its member in the Start: its states' bytes come back as they went.
    var part = new io.troupe.checkpoint.NodeCheckpoint(1_515_570_400_000L, java.util.Map.of("desk/ETH_BTC", new byte[] {1, 2, 3},
        "specialist/ETH_BTC/ema-cross", "{\"format\":1}".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    DeskEntity.Start restored = (DeskEntity.Start) roundTrip(start.from(part));
    assertEquals(start, restored.from(null));
    assertEquals(part.time(), restored.checkpoint().time());
    assertEquals(part.agents().keySet(), restored.checkpoint().agents().keySet());
    for (String agent : part.agents().keySet()) org.junit.jupiter.api.Assertions.assertArrayEquals(part.agents().get(agent), restored.checkpoint().agents().get(agent), agent);
    assertEquals(new DeskEntity.Locate(located.getRef()), roundTrip(new DeskEntity.Locate(located.getRef())));
    assertEquals(new DeskEntity.Located("ETH_BTC", "pekko://troupe@127.0.0.1:25521"), roundTrip(new DeskEntity.Located("ETH_BTC", "pekko://troupe@127.0.0.1:25521")));
    var report = new MemberInfo.Report("pekko://troupe@127.0.0.1:25521", List.of("desk"), List.of("ETH_BTC"), false);
    assertEquals(report, roundTrip(report));
    var feeding = new MemberInfo.Report("pekko://troupe@127.0.0.1:25522", List.of("account", "feed"), List.of(), true, true);
    assertEquals(feeding, roundTrip(feeding));
  }

  @Test
  void theFeedsMessagesReadBackEqual() {
    var feed = kit.<MarketFeed.Command>createTestProbe();
    var pulled = kit.<MarketFeed.Pulled>createTestProbe();
    var counts = kit.<DeskEntity.FeedCounts>createTestProbe();
    var coordinator = kit.<DeskCommand.Decisions>createTestProbe();
    var performance = kit.<PerformanceCommand>createTestProbe();
    var stepCoordinator = kit.<StepMessage>createTestProbe();
    Bar bar = new Bar("ETH_BTC", 1_515_570_400_000L, 0.0923, 0.0931, 0.0919, 0.09287, 1234.5678);
    String run = "127.0.0.1:25522/0b6e";
    DeskEntity.Start start = new DeskEntity.Start("{}", List.of("ETH_BTC"), performance.getRef(), stepCoordinator.getRef(), feed.getRef(), run);
    assertEquals(start, roundTrip(start));
    MarketFeed.FeedBar onTopic = new MarketFeed.FeedBar(run, 17, bar);
    assertEquals(onTopic, roundTrip(onTopic));
    MarketFeed.Pull pull = new MarketFeed.Pull(run, "ETH_BTC", List.of(17L, 18L), pulled.getRef());
    assertEquals(pull, roundTrip(pull));
    MarketFeed.Pulled answer = new MarketFeed.Pulled(run, "ETH_BTC", List.of(onTopic));
    assertEquals(answer, roundTrip(answer));
    DeskCommand.OnSteps rest = new DeskCommand.OnSteps(List.of(), List.of(false, true), 9_876.54321, 0.25, List.of(), List.of(), TradingState.ACTIVE, true,
        coordinator.getRef());
    DeskEntity.Step step = new DeskEntity.Step(List.of(17L, 18L), List.of(1_515_570_400_000L, 1_515_570_700_000L), rest);
    assertEquals(step, roundTrip(step));
    assertEquals(new DeskEntity.GetFeedCounts(counts.getRef()), roundTrip(new DeskEntity.GetFeedCounts(counts.getRef())));
    assertEquals(new DeskEntity.FeedCounts("ETH_BTC", 5000, 12, 3), roundTrip(new DeskEntity.FeedCounts("ETH_BTC", 5000, 12, 3)));
  }

  @Test
  void aOneProcessConfigurationStartsNoRemotingAndSerializesNothing() {
    var oneProcess = ConfigFactory.load();
    assertEquals("local", oneProcess.getString("pekko.actor.provider"));
    assertEquals(NoMessageSerialization.class.getName(), NoMessageSerialization.apply(oneProcess).getString("pekko.actor.serializers.jackson-cbor"));
    assertNotEquals("local", kit.system().settings().config().getString("pekko.actor.provider"));
  }
}
