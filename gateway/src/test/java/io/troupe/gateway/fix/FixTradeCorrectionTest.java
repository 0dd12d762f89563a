package io.troupe.gateway.fix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.troupe.model.ApprovedOrder;
import io.troupe.model.AttributedFill;
import io.troupe.model.BracketRequest;
import io.troupe.model.Instrument;
import io.troupe.model.OrderRecord;
import io.troupe.model.Side;
import io.troupe.order.OrderBook;
import io.troupe.order.OrderFlow;
import io.troupe.order.OrderLifecycleSettings;
import io.troupe.order.OrderManagerActor;
import io.troupe.order.OrderManagerCommand;
import io.troupe.position.Portfolio;
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
 * The exchange busts or corrects a trade (ExecType H, G with ExecRefID), through the FIX venue and the real order
 * manager, with a portfolio following the fills as the position monitor does: the position and the cash end as the
 * exchange's record, a repeat (PossDupFlag, or not) is applied once, and the entry's protective legs at the exchange
 * are cancelled or cut to what is held.
 */
class FixTradeCorrectionTest {

  private static final ActorTestKit kit =
      ActorTestKit.create(ConfigFactory.parseString("pekko.actor.serialize-messages = on").withFallback(ConfigFactory.load()));
  private static final String BTC = "BTCUSDT";
  private static final long T = 1_700_000_000_000L;

  @TempDir Path state;

  @AfterAll
  static void shutdown() {
    kit.shutdownTestKit();
  }

  /** The venue, the order manager over it, and the portfolio its fills go to. */
  private final class Desk {
    final FixExchange exchange;
    final ActorRef<VenueCommand> venue;
    final ActorRef<OrderManagerCommand> orders;
    final Portfolio portfolio = new Portfolio(10_000, Map.of(BTC, Instrument.spot(BTC)));
    final List<OrderBook.Correction> corrections = new ArrayList<>();

    Desk(FixExchange exchange) {
      this.exchange = exchange;
      FixSettings settings = new FixSettings("127.0.0.1", exchange.port(), "TROUPE", "EXCHANGE", Duration.ofSeconds(30), Duration.ofSeconds(1), "",
          FixSettings.Reconcile.PER_ORDER, Duration.ofSeconds(5), state);
      venue = kit.spawn(FixVenueActor.create(settings, "S1"));
      orders = kit.spawn(OrderManagerActor.create(venue, new OrderFlow(OrderLifecycleSettings.defaults(), Map.of(BTC, Instrument.spot(BTC)), false)));
    }

    void place(long time, List<ApprovedOrder> approved, List<BracketRequest> brackets) {
      TestProbe<OrderManagerCommand.Placed> placed = kit.createTestProbe();
      orders.tell(new OrderManagerCommand.Place(time, List.of(), approved, brackets, false, "", placed.ref()));
      assertTrue(placed.receiveMessage().sent());
    }

    /** Applies reports until the portfolio holds {@code quantity} and {@code corrections} corrections came. */
    void awaitHolding(double quantity, int corrections) {
      TestProbe<OrderManagerCommand.ReportsApplied> applied = kit.createTestProbe();
      applied.awaitAssert(Duration.ofSeconds(10), () -> {
        orders.tell(new OrderManagerCommand.ApplyReports(0, applied.ref()));
        OrderManagerCommand.ReportsApplied a = applied.receiveMessage();
        for (AttributedFill f : a.fills()) portfolio.apply(f.fill(), f.reason(), f.specialist());
        this.corrections.addAll(a.corrections());
        assertEquals(quantity, portfolio.position(BTC).quantity(), 1e-9);
        assertEquals(corrections, this.corrections.size());
        return null;
      });
    }

    /** Cash as the exchange's trades make it: each buy paid, each sell received (no fees here). */
    double exchangeCash() {
      double cash = 10_000;
      for (FixExchange.Trade t : exchange.trades()) cash -= (t.side() == quickfix.field.Side.BUY ? 1 : -1) * t.quantity() * t.price();
      return cash;
    }

    List<OrderRecord> records() {
      TestProbe<OrderManagerCommand.OrderList> list = kit.createTestProbe();
      orders.tell(new OrderManagerCommand.GetOrders(list.ref()));
      return list.receiveMessage().orders();
    }

    /** The entry of 3 at market (filled at the ask, 101) and its stop and target resting at the exchange. */
    String bracketedEntry() {
      place(T, List.of(new ApprovedOrder(BTC, Side.BUY, 3, false, 100, 95, 110, "entry", "test")), List.of());
      awaitHolding(3, 0);
      place(T + 60_000, List.of(), List.of(new BracketRequest("O0000001", BTC, Side.BUY, 95, "stop_loss", 110, 0)));
      TestProbe<Object> wait = kit.createTestProbe();
      wait.awaitAssert(Duration.ofSeconds(10), () -> {
        assertEquals(List.of("S1-O0000001-sl", "S1-O0000001-tp"), exchange.working());
        return null;
      });
      List<FixExchange.Trade> trades = exchange.trades();
      assertEquals(1, trades.size());
      return trades.get(0).execId();
    }
  }

  @Test
  void aBustedEntryLeavesTheBooksAsTheExchangeHasThemAndItsLegsCancelled() throws Exception {
    try (FixExchange exchange = new FixExchange().quote(BTC, 99, 101)) {
      Desk d = new Desk(exchange);
      String execId = d.bracketedEntry();
      assertEquals(10_000 - 303, d.portfolio.cash(), 1e-9);

      exchange.bustTrade(execId);
      d.awaitHolding(0, 1);
      exchange.repeatLastExecution(true); // a resend of the bust
      exchange.repeatLastExecution(false); // and the peer repeating itself
      d.place(T + 120_000, List.of(), List.of()); // the step after: the legs go
      // The legs' cancels are answered after the repeats (one session, in order): once the order manager has them,
      // it has had every repeat too.
      TestProbe<OrderManagerCommand.ReportsApplied> applied = kit.createTestProbe();
      applied.awaitAssert(Duration.ofSeconds(10), () -> {
        d.orders.tell(new OrderManagerCommand.ApplyReports(0, applied.ref()));
        OrderManagerCommand.ReportsApplied a = applied.receiveMessage();
        for (AttributedFill f : a.fills()) d.portfolio.apply(f.fill(), f.reason(), f.specialist());
        d.corrections.addAll(a.corrections());
        assertEquals(List.of("CANCELED", "CANCELED"), d.records().stream().filter(r -> !r.orderId().equals("O0000001")).map(OrderRecord::status).toList());
        return null;
      });
      assertEquals(List.of(), exchange.working(), "nothing is left to protect");
      assertEquals(1, d.corrections.size(), "the bust, once");

      assertTrue(d.corrections.get(0).applied());
      assertEquals(exchange.position(BTC), d.portfolio.position(BTC).quantity(), 1e-9);
      assertEquals(0, exchange.position(BTC), 1e-9);
      assertEquals(d.exchangeCash(), d.portfolio.cash(), 1e-9, "the cash is the exchange's: the busted trade never happened");
      for (OrderRecord r : d.records()) assertEquals(exchange.orders().get("S1-" + r.orderId()).cumQty, r.filledQuantity(), 1e-9, r.orderId());
      kit.stop(d.venue);
    }
  }

  @Test
  void aCorrectedEntryIsRebookedAndItsLegsCutToWhatIsHeld() throws Exception {
    try (FixExchange exchange = new FixExchange().quote(BTC, 99, 101)) {
      Desk d = new Desk(exchange);
      String execId = d.bracketedEntry();

      exchange.correctTrade(execId, 2, 100.5);
      d.awaitHolding(2, 1);
      assertEquals(d.exchangeCash(), d.portfolio.cash(), 1e-9);
      assertEquals(10_000 - 201, d.portfolio.cash(), 1e-9);

      d.place(T + 120_000, List.of(), List.of()); // the legs are replaced for 2
      TestProbe<Object> wait = kit.createTestProbe();
      wait.awaitAssert(Duration.ofSeconds(10), () -> {
        assertEquals(2, exchange.orders().get("S1-O0000001-sl").quantity, 1e-9);
        assertEquals(2, exchange.orders().get("S1-O0000001-tp").quantity, 1e-9);
        return null;
      });
      exchange.trade(BTC, quickfix.field.Side.BUY, 5, 110); // someone buys through the target: it fills for 2, all that is held
      d.awaitHolding(0, 1);

      assertEquals(exchange.position(BTC), d.portfolio.position(BTC).quantity(), 1e-9);
      assertEquals(d.exchangeCash(), d.portfolio.cash(), 1e-9);
      assertEquals(10_000 - 201 + 220, d.portfolio.cash(), 1e-9);
      for (OrderRecord r : d.records()) assertEquals(exchange.orders().get("S1-" + r.orderId()).cumQty, r.filledQuantity(), 1e-9, r.orderId());
      kit.stop(d.venue);
    }
  }
}
