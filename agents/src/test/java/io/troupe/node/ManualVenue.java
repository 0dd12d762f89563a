package io.troupe.node;

import io.troupe.venue.VenueCommand;
import io.troupe.venue.VenueReports;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * A venue the test plays by hand, as a real one behaves: it matches nothing by itself, answers the step's questions at
 * once, passes every command it gets to {@code seen}, and hands the test the order manager's report address, so the
 * test sends execution reports whenever it likes (between steps, twice, out of order).
 */
final class ManualVenue {

  static Behavior<VenueCommand> create(TestProbe<VenueCommand> seen, CompletableFuture<org.apache.pekko.actor.typed.ActorRef<VenueReports>> reportsTo) {
    return Behaviors.receive(VenueCommand.class)
        .onMessage(VenueCommand.Connect.class, c -> {
          reportsTo.complete(c.reports());
          return Behaviors.same();
        })
        .onMessage(VenueCommand.Match.class, m -> {
          if (m.replyTo() != null) m.replyTo().tell(new VenueCommand.Matched(m.time(), true));
          return Behaviors.same();
        })
        .onMessage(VenueCommand.Sync.class, s -> {
          s.replyTo().tell(new VenueCommand.Synced(s.time()));
          return Behaviors.same();
        })
        .onMessage(VenueCommand.GetWorkingOrders.class, g -> {
          g.replyTo().tell(new VenueCommand.WorkingOrders(java.util.List.of()));
          return Behaviors.same();
        })
        .onAnyMessage(c -> {
          seen.ref().tell(c);
          return Behaviors.same();
        })
        .build();
  }

  private ManualVenue() {}
}
