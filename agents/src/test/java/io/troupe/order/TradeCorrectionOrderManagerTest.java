package io.troupe.order;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.troupe.model.ApprovedOrder;
import io.troupe.model.AttributedFill;
import io.troupe.model.BracketRequest;
import io.troupe.model.CancelRequest;
import io.troupe.model.ExecutionReport;
import io.troupe.model.Instrument;
import io.troupe.model.Liquidity;
import io.troupe.model.ModifyRequest;
import io.troupe.model.OrderRecord;
import io.troupe.model.Side;
import io.troupe.position.Portfolio;
import io.troupe.venue.VenueCommand;
import io.troupe.venue.VenueReports;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The order manager applies a venue's trade correction or bust once, as compensating fills (never rewriting the fill it
 * applied), and cuts the busted entry's protective legs to what is left to protect: resized, or cancelled when nothing
 * is. Against a venue the test plays, with every message serialized as between nodes.
 */
class TradeCorrectionOrderManagerTest {

  private static final ActorTestKit kit =
      ActorTestKit.create(ConfigFactory.parseString("pekko.actor.serialize-messages = on").withFallback(ConfigFactory.load()));
  private static final String BTC = "BTC";
  private static final long T = 1_700_000_000_000L;

  @AfterAll
  static void shutdown() {
    kit.shutdownTestKit();
  }

  private record Manager(ActorRef<OrderManagerCommand> ref, TestProbe<VenueCommand> venue, ActorRef<VenueReports> reports) {
    OrderManagerCommand.ReportsApplied apply(long time) {
      TestProbe<OrderManagerCommand.ReportsApplied> p = kit.createTestProbe();
      ref.tell(new OrderManagerCommand.ApplyReports(time, p.ref()));
      return p.receiveMessage();
    }

    VenueCommand.Send place(long time, List<ApprovedOrder> orders, List<BracketRequest> brackets) {
      TestProbe<OrderManagerCommand.Placed> p = kit.createTestProbe();
      ref.tell(new OrderManagerCommand.Place(time, List.of(), orders, brackets, false, "", p.ref()));
      assertTrue(p.receiveMessage().sent());
      return venue.expectMessageClass(VenueCommand.Send.class);
    }

    void report(ExecutionReport... r) {
      reports.tell(new VenueReports(List.of(r)));
    }

    OrderRecord order(String id) {
      TestProbe<OrderManagerCommand.OrderList> p = kit.createTestProbe();
      ref.tell(new OrderManagerCommand.GetOrders(p.ref()));
      return p.receiveMessage().orders().stream().filter(o -> o.orderId().equals(id)).findFirst().orElseThrow();
    }
  }

  private static Manager manager() {
    TestProbe<VenueCommand> venue = kit.createTestProbe();
    OrderFlow flow = new OrderFlow(OrderLifecycleSettings.defaults(), Map.of(BTC, Instrument.spot(BTC)), false);
    ActorRef<OrderManagerCommand> ref = kit.spawn(OrderManagerActor.create(venue.ref(), flow));
    ActorRef<VenueReports> reports = venue.expectMessageClass(VenueCommand.Connect.class).reports();
    return new Manager(ref, venue, reports);
  }

  private static ExecutionReport.Fill fill(String order, String id, Side side, double qty, double price, double fee, double remaining) {
    return new ExecutionReport.Fill(order, id, BTC, T + 1_000, side, qty, price, fee, Liquidity.TAKER, remaining);
  }

  /** An entry of 3 at 100 (fee 0.3) filled, its bracket's stop and target resting; the manager and the portfolio that follows its fills. */
  private static Manager bracketedEntry(Portfolio portfolio) {
    Manager m = manager();
    String entry = m.place(T, List.of(new ApprovedOrder(BTC, Side.BUY, 3, false, 100, 95, 110, "entry", "test")), List.of()).orders().get(0).clientOrderId();
    assertEquals("O0000001", entry);
    m.report(new ExecutionReport.Ack(entry, BTC, T), fill(entry, "f1", Side.BUY, 3, 100, 0.3, 0));
    apply(portfolio, m.apply(T + 60_000).fills());
    VenueCommand.Send legs = m.place(T + 60_000, List.of(), List.of(new BracketRequest(entry, BTC, Side.BUY, 95, "stop_loss", 110, 0)));
    assertEquals(List.of("O0000001-sl", "O0000001-tp"), legs.orders().stream().map(o -> o.clientOrderId()).toList());
    m.report(new ExecutionReport.Ack("O0000001-sl", BTC, T + 60_000), new ExecutionReport.Ack("O0000001-tp", BTC, T + 60_000));
    m.apply(T + 120_000);
    return m;
  }

  private static void apply(Portfolio p, List<AttributedFill> fills) {
    for (AttributedFill f : fills) p.apply(f.fill(), f.reason(), f.specialist());
  }

  @Test
  void aBustedEntryIsReversedOnceAndItsProtectionCancelled() {
    Portfolio portfolio = new Portfolio(10_000, Map.of(BTC, Instrument.spot(BTC)));
    Manager m = bracketedEntry(portfolio);
    assertEquals(3, portfolio.position(BTC).quantity(), 1e-12);

    ExecutionReport.TradeCorrection bust = new ExecutionReport.TradeCorrection("O0000001", "c1", "f1", BTC, T + 130_000, 0, 0, 0);
    m.report(bust, bust); // the second as a resend (PossDupFlag) brings it again
    OrderManagerCommand.ReportsApplied applied = m.apply(T + 180_000);

    assertEquals(1, applied.fills().size(), "one compensating fill, applied once");
    ExecutionReport.Fill reversal = applied.fills().get(0).fill();
    assertEquals("c1/reversal", reversal.fillId());
    assertEquals(Side.SELL, reversal.side());
    assertEquals(3, reversal.quantity(), 1e-12);
    assertEquals(100, reversal.price(), 1e-12);
    assertEquals(-0.3, reversal.fee(), 1e-12, "the busted trade's fee is refunded");
    assertEquals(OrderFlow.CORRECTION_REASON, applied.fills().get(0).reason());
    assertEquals(1, applied.corrections().size());
    assertTrue(applied.corrections().get(0).applied());

    apply(portfolio, applied.fills());
    assertEquals(0, portfolio.position(BTC).quantity(), 1e-12, "the position is the venue's: nothing");
    assertEquals(10_000, portfolio.cash(), 1e-9, "and so is the cash");

    OrderRecord entry = m.order("O0000001");
    assertEquals(0, entry.filledQuantity(), 1e-12);
    assertTrue(entry.reason().contains("trade_bust"), entry.reason());

    VenueCommand.Send next = m.place(T + 180_000, List.of(), List.of());
    assertEquals(List.of(new CancelRequest("O0000001-sl", OrderFlow.CORRECTION_REASON), new CancelRequest("O0000001-tp", OrderFlow.CORRECTION_REASON)),
        next.cancels(), "nothing is left to protect");
    assertTrue(next.orders().isEmpty());

    m.report(bust);
    assertTrue(m.apply(T + 240_000).corrections().isEmpty(), "a later repeat changes nothing");
  }

  @Test
  void aCorrectedEntryIsRebookedAtTheVenuesTermsAndItsLegsResized() {
    Portfolio portfolio = new Portfolio(10_000, Map.of(BTC, Instrument.spot(BTC)));
    Manager m = bracketedEntry(portfolio);

    m.report(new ExecutionReport.TradeCorrection("O0000001", "c1", "f1", BTC, T + 130_000, 2, 101, 0.2));
    OrderManagerCommand.ReportsApplied applied = m.apply(T + 180_000);
    assertEquals(List.of("c1/reversal", "c1/rebooked"), applied.fills().stream().map(f -> f.fill().fillId()).toList());
    apply(portfolio, applied.fills());
    assertEquals(2, portfolio.position(BTC).quantity(), 1e-12);
    assertEquals(10_000 - 2 * 101 - 0.2, portfolio.cash(), 1e-9, "the cash is as if the trade had been 2 at 101 from the start");
    OrderRecord entry = m.order("O0000001");
    assertEquals(2, entry.filledQuantity(), 1e-12);
    assertEquals(101, entry.avgFillPrice(), 1e-12);

    VenueCommand.Send next = m.place(T + 180_000, List.of(), List.of());
    assertEquals(List.of(new ModifyRequest("O0000001-sl", 2, Double.NaN, Double.NaN), new ModifyRequest("O0000001-tp", 2, Double.NaN, Double.NaN)),
        next.modifies(), "the legs protect what is held, no more");
    assertTrue(next.cancels().isEmpty());

    // A correction of the correction (the venue names the correction's id): measured from the terms in force, 2 at 101.
    m.report(new ExecutionReport.TradeCorrection("O0000001", "c2", "c1", BTC, T + 190_000, 0, 0, 0));
    OrderManagerCommand.ReportsApplied busted = m.apply(T + 240_000);
    assertEquals(1, busted.fills().size());
    assertEquals(2, busted.fills().get(0).fill().quantity(), 1e-12);
    assertEquals(101, busted.fills().get(0).fill().price(), 1e-12);
    apply(portfolio, busted.fills());
    assertEquals(0, portfolio.position(BTC).quantity(), 1e-12);
    assertEquals(10_000, portfolio.cash(), 1e-9);
  }

  @Test
  void aCorrectionOfAFillNeverAppliedBooksNothingAndSaysWhy() {
    Manager m = manager();
    String entry = m.place(T, List.of(new ApprovedOrder(BTC, Side.BUY, 3, false, 100, Double.NaN, Double.NaN, "entry", "test")), List.of()).orders().get(0)
        .clientOrderId();
    m.report(fill(entry, "f1", Side.BUY, 3, 100, 0, 0), new ExecutionReport.TradeCorrection(entry, "c9", "f-unknown", BTC, T + 2_000, 0, 0, 0));
    OrderManagerCommand.ReportsApplied applied = m.apply(T + 60_000);
    assertEquals(List.of("f1"), applied.fills().stream().map(f -> f.fill().fillId()).toList());
    assertEquals(1, applied.corrections().size());
    OrderBook.Correction c = applied.corrections().get(0);
    assertFalse(c.applied());
    assertTrue(c.describe().contains("never applied here"), c.describe());
    assertEquals(3, m.order(entry).filledQuantity(), 1e-12);
  }
}
