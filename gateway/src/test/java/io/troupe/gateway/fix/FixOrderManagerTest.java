package io.troupe.gateway.fix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.troupe.model.ApprovedOrder;
import io.troupe.model.BracketRequest;
import io.troupe.model.Instrument;
import io.troupe.model.OrderRecord;
import io.troupe.model.Side;
import io.troupe.order.OrderFlow;
import io.troupe.order.OrderLifecycleSettings;
import io.troupe.order.OrderManagerActor;
import io.troupe.order.OrderManagerCommand;
import io.troupe.venue.VenueCommand;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real order manager over the FIX venue: an entry at market, then its bracket (a stop and a target resting at the
 * exchange), the target filled by another participant and the stop cancelled one-cancels-other, step by step as the
 * coordinator drives it.
 */
class FixOrderManagerTest {

  private static final ActorTestKit kit =
      ActorTestKit.create(ConfigFactory.parseString("pekko.actor.serialize-messages = on").withFallback(ConfigFactory.load()));
  private static final String BTC = "BTCUSDT";

  @TempDir Path state;

  @AfterAll
  static void shutdown() {
    kit.shutdownTestKit();
  }

  @Test
  void anEntryAndItsBracketThroughFix() throws Exception {
    try (FixExchange exchange = new FixExchange().quote(BTC, 99, 101)) {
      FixSettings settings = new FixSettings("127.0.0.1", exchange.port(), "TROUPE", "EXCHANGE", Duration.ofSeconds(30), Duration.ofSeconds(1), "",
          FixSettings.Reconcile.PER_ORDER, Duration.ofSeconds(5), state);
      ActorRef<VenueCommand> venue = kit.spawn(FixVenueActor.create(settings, "S1"));
      OrderFlow flow = new OrderFlow(OrderLifecycleSettings.defaults(), Map.of(BTC, Instrument.spot(BTC)), false);
      ActorRef<OrderManagerCommand> orders = kit.spawn(OrderManagerActor.create(venue, flow));
      TestProbe<OrderManagerCommand.Placed> placed = kit.createTestProbe();
      TestProbe<OrderManagerCommand.ReportsApplied> applied = kit.createTestProbe();
      TestProbe<OrderManagerCommand.OrderList> list = kit.createTestProbe();
      List<Double> fills = new ArrayList<>();

      long t = 1_700_000_000_000L;
      orders.tell(new OrderManagerCommand.Place(t, List.of(), List.of(new ApprovedOrder(BTC, Side.BUY, 3, false, 100, 95, 110, "entry", "test")), List.of(), false, "",
          placed.ref()));
      assertTrue(placed.receiveMessage().sent());
      awaitFilled(orders, applied, fills, 3);

      orders.tell(new OrderManagerCommand.Place(t + 60_000, List.of(), List.of(), List.of(new BracketRequest("O0000001", BTC, Side.BUY, 95, "stop_loss", 110, 0)),
          false, "", placed.ref()));
      assertTrue(placed.receiveMessage().sent());
      applied.awaitAssert(Duration.ofSeconds(10), () -> {
        assertEquals(3, exchange.orders().size(), "entry, stop and target at the exchange");
        return null;
      });
      exchange.trade(BTC, quickfix.field.Side.BUY, 3, 110); // someone buys at the target
      awaitFilled(orders, applied, fills, 6);

      // The next step cancels the stop: its sibling filled.
      orders.tell(new OrderManagerCommand.Place(t + 120_000, List.of(), List.of(), List.of(), false, "", placed.ref()));
      assertTrue(placed.receiveMessage().sent());
      list.awaitAssert(Duration.ofSeconds(10), () -> {
        orders.tell(new OrderManagerCommand.ApplyReports(t + 120_000, applied.ref()));
        applied.receiveMessage();
        orders.tell(new OrderManagerCommand.GetOrders(list.ref()));
        assertEquals(0, list.receiveMessage().stillWorking());
        return null;
      });
      orders.tell(new OrderManagerCommand.GetOrders(list.ref()));
      List<OrderRecord> records = list.receiveMessage().orders();
      double position = 0;
      for (OrderRecord r : records) {
        FixExchange.Order x = exchange.orders().get("S1-" + r.orderId());
        assertEquals(x.cumQty, r.filledQuantity(), 1e-9, r.orderId());
        position += r.side().sign() * r.filledQuantity();
      }
      assertEquals(exchange.position(BTC), position, 1e-9);
      assertEquals(0, position, 1e-9);
      assertEquals(List.of("CANCELED", "FILLED", "FILLED"), records.stream().map(OrderRecord::status).sorted().toList());
      kit.stop(venue);
    }
  }

  private static void awaitFilled(ActorRef<OrderManagerCommand> orders, TestProbe<OrderManagerCommand.ReportsApplied> applied, List<Double> fills, double total) {
    applied.awaitAssert(Duration.ofSeconds(10), () -> {
      orders.tell(new OrderManagerCommand.ApplyReports(0, applied.ref()));
      applied.receiveMessage().fills().forEach(f -> fills.add(f.fill().quantity()));
      assertEquals(total, fills.stream().mapToDouble(Double::doubleValue).sum(), 1e-9);
      return null;
    });
  }
}
