package io.troupe.node;

import io.troupe.desk.DeskActor.SpecialistSpec;
import io.troupe.desk.PositionSizing;
import io.troupe.market.Bar;
import io.troupe.model.Instrument;
import io.troupe.node.NodeCommand.StepAck;
import io.troupe.risk.RiskLimits;
import io.troupe.strategy.Direction;
import io.troupe.venue.VenueCommand;
import io.troupe.venue.VenueReports;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * A node on BTC whose one specialist goes LONG on bar 1 (5% of equity: 5 BTC at 100), over a venue the test plays
 * ({@link ManualVenue}): what the node sends reaches {@code venue}, and the test's reports go to {@code reports}.
 */
record ManualVenueNode(ActorRef<NodeCommand> ref, TestProbe<VenueCommand> venue, ActorRef<VenueReports> reports) {
  static final long MIN = 60_000;

  static ManualVenueNode start(ActorTestKit kit, String name) throws Exception {
    var spec = new SpecialistSpec("scripted", () -> new ScriptedStrategy("scripted", Map.of(1 * MIN, Direction.LONG), Set.of()));
    NodeSettings settings = NodeSettings.basic(
        10_000, Map.of("BTC", Instrument.spot("BTC")), RiskLimits.defaults(), PositionSizing.fractionOfEquity(0.05), Map.of("BTC", List.of(spec)));
    TestProbe<VenueCommand> seen = kit.createTestProbe();
    CompletableFuture<ActorRef<VenueReports>> reportsTo = new CompletableFuture<>();
    ActorRef<NodeCommand> ref = kit.spawn(TradingNode.create(settings, ManualVenue.create(seen, reportsTo)), name);
    return new ManualVenueNode(ref, seen, reportsTo.get(5, java.util.concurrent.TimeUnit.SECONDS));
  }

  /** Step {@code i}: one flat bar of BTC at minute {@code i}; its ack. */
  StepAck step(ActorTestKit kit, long i) {
    TestProbe<StepAck> ack = kit.createTestProbe();
    ref.tell(new NodeCommand.RunStep(i * MIN, List.of(new Bar("BTC", i * MIN, 100, 101, 99, 100, 10)), ack.ref()));
    return ack.receiveMessage();
  }
}
