package io.troupe.app.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.troupe.desk.DeskCommand;
import io.troupe.market.Bar;
import io.troupe.model.StepMessage;
import io.troupe.model.TradingState;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A desk entity with the feed on, one step at a time, the feed played by a probe: a bar its topic brought is used
 * without a pull; a bar that has not come, or came with another time than the step names, is pulled and the step
 * decided with the pulled one; a pull the feed does not answer is asked again after the pull timeout; a topic bar that
 * comes after its step, or of another run, is not used; the counts say so.
 */
class DeskEntityFeedTest {

  static final Path HOME = Path.of("..").toAbsolutePath().normalize();
  static final String RUN = "test-run";
  static final long T0 = 1_515_570_400_000L;
  static ActorTestKit kit;

  @BeforeAll
  static void start() {
    System.setProperty("troupe.home", HOME.toString());
    kit = ActorTestKit.create();
  }

  @AfterAll
  static void stop() {
    kit.shutdownTestKit();
  }

  private static Bar bar(int i, double close) {
    return new Bar("ETH_BTC", T0 + i * 300_000L, close, close * 1.01, close * 0.99, close, 1000 + i);
  }

  private static DeskEntity.Step step(long seq, long time, ActorRef<DeskCommand.Decisions> replyTo) {
    return new DeskEntity.Step(List.of(seq), List.of(time),
        new DeskCommand.OnSteps(List.of(), List.of(false), 10_000, 0, List.of(), List.of(), TradingState.ACTIVE, true, replyTo));
  }

  @Test
  void theDeskTakesTopicBarsPullsTheMissingAndNeverUsesAWrongOne() {
    TestProbe<MarketFeed.Command> feed = kit.createTestProbe();
    TestProbe<DeskCommand.Decisions> decisions = kit.createTestProbe();
    TestProbe<DeskEntity.FeedCounts> counts = kit.createTestProbe();
    ActorRef<StepMessage> desk = kit.spawn(DeskEntity.create("ETH_BTC", HOME));
    desk.tell(new DeskEntity.Start("{\"backtest\":{\"strategy\":\"ema-cross\"},\"cluster\":{\"feed\":{\"pull-timeout\":\"300ms\"}}}", List.of("ETH_BTC"),
        null, null, feed.getRef(), RUN));

    // 1. By topic: the bar is held, the step names it, the desk decides; the feed hears nothing.
    desk.tell(new MarketFeed.FeedBar(RUN, 1, bar(1, 0.09)));
    desk.tell(step(1, bar(1, 0.09).time(), decisions.getRef()));
    assertEquals(bar(1, 0.09).time(), decisions.receiveMessage().time());
    feed.expectNoMessage(Duration.ofMillis(100));

    // 2. Not come: pulled, then decided. Its topic message comes after: late, not used.
    desk.tell(step(2, bar(2, 0.091).time(), decisions.getRef()));
    MarketFeed.Pull pull = feed.expectMessageClass(MarketFeed.Pull.class);
    assertEquals(List.of(2L), pull.seqs());
    assertEquals("ETH_BTC", pull.symbol());
    assertEquals(RUN, pull.run());
    decisions.expectNoMessage(Duration.ofMillis(100)); // the step waits for its bar
    pull.replyTo().tell(new MarketFeed.Pulled(RUN, "ETH_BTC", List.of(new MarketFeed.FeedBar(RUN, 2, bar(2, 0.091)))));
    assertEquals(bar(2, 0.091).time(), decisions.receiveMessage().time());
    desk.tell(new MarketFeed.FeedBar(RUN, 1, bar(1, 0.09)));

    // 3. Another run's bar, and a bar with another time than the step names: neither is used, the bar is pulled.
    desk.tell(new MarketFeed.FeedBar("an-earlier-run", 3, bar(3, 0.092)));
    desk.tell(new MarketFeed.FeedBar(RUN, 3, bar(4, 0.5)));
    desk.tell(step(3, bar(3, 0.092).time(), decisions.getRef()));
    pull = feed.expectMessageClass(MarketFeed.Pull.class);
    assertEquals(List.of(3L), pull.seqs());
    // 4. Unanswered: asked again after the pull timeout; the second answer decides the step.
    MarketFeed.Pull again = feed.expectMessageClass(MarketFeed.Pull.class, Duration.ofSeconds(5));
    assertEquals(List.of(3L), again.seqs());
    again.replyTo().tell(new MarketFeed.Pulled(RUN, "ETH_BTC", List.of(new MarketFeed.FeedBar(RUN, 3, bar(3, 0.092)))));
    assertEquals(bar(3, 0.092).time(), decisions.receiveMessage().time());

    // 5. A swap or a query behind a waiting step waits for it: the step's answer comes first.
    TestProbe<DeskCommand.Lineup> lineup = kit.createTestProbe();
    desk.tell(step(4, bar(5, 0.093).time(), decisions.getRef()));
    pull = feed.expectMessageClass(MarketFeed.Pull.class);
    desk.tell(new DeskCommand.GetLineup(lineup.getRef()));
    lineup.expectNoMessage(Duration.ofMillis(100));
    pull.replyTo().tell(new MarketFeed.Pulled(RUN, "ETH_BTC", List.of(new MarketFeed.FeedBar(RUN, 4, bar(5, 0.093)))));
    assertEquals(bar(5, 0.093).time(), decisions.receiveMessage().time());
    assertEquals("ETH_BTC", lineup.receiveMessage().symbol());

    desk.tell(new DeskEntity.GetFeedCounts(counts.getRef()));
    assertEquals(new DeskEntity.FeedCounts("ETH_BTC", 1, 3, 1), counts.receiveMessage());
  }
}
