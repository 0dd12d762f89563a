package io.troupe.gateway.sim;

import static io.troupe.gateway.sim.SimTestSupport.bar;
import static io.troupe.gateway.sim.SimTestSupport.t;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.model.ExecutionReport;
import io.troupe.model.OrderRequest;
import io.troupe.model.Side;
import io.troupe.venue.VenueCommand;
import io.troupe.venue.VenueReports;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The simulated exchange's answer to a match says whether reports went out since its last answer, and only then. */
class SimulatedExchangeActorTest {

  private static final ActorTestKit testKit = ActorTestKit.create();

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  @Test
  void aMatchSaysWhetherItReported() {
    ActorRef<VenueCommand> venue = testKit.spawn(SimulatedExchangeActor.create(SimTestSupport.frictionless(), SimTestSupport.instruments()));
    TestProbe<VenueReports> reports = testKit.createTestProbe();
    TestProbe<VenueCommand.Matched> matched = testKit.createTestProbe();
    TestProbe<VenueCommand.Synced> synced = testKit.createTestProbe();
    venue.tell(new VenueCommand.Connect(reports.ref()));

    // A resting buy at 97: its ack goes out with the placement, and the settlement's sync answers for it.
    venue.tell(new VenueCommand.Send(t(0), List.of(OrderRequest.limit("l1", "BTC", Side.BUY, 1, 97, t(0))), List.of(), List.of()));
    venue.tell(new VenueCommand.Sync(t(0), synced.ref()));
    synced.receiveMessage();
    assertInstanceOf(ExecutionReport.Ack.class, reports.receiveMessage().reports().get(0));

    venue.tell(new VenueCommand.Match(t(1), List.of(bar("BTC", 1, 100, 101, 99, 100)), matched.ref()));
    assertFalse(matched.receiveMessage().reported(), "the bar did not reach 97: nothing to report");
    reports.expectNoMessage(java.time.Duration.ZERO);

    venue.tell(new VenueCommand.Match(t(2), List.of(bar("BTC", 2, 99, 99, 96, 98)), matched.ref()));
    assertTrue(matched.receiveMessage().reported(), "the bar reached 97: the fill went out");
    List<ExecutionReport> filled = reports.receiveMessage().reports();
    assertEquals(1, filled.size());
    assertInstanceOf(ExecutionReport.Fill.class, filled.get(0));

    venue.tell(new VenueCommand.Match(t(3), List.of(bar("BTC", 3, 98, 99, 97, 98)), matched.ref()));
    assertFalse(matched.receiveMessage().reported(), "reported once, with its own match");
  }
}
