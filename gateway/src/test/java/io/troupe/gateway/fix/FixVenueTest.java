package io.troupe.gateway.fix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.troupe.model.ExecutionReport;
import io.troupe.model.ModifyRequest;
import io.troupe.model.OrderRequest;
import io.troupe.model.OrderStatus;
import io.troupe.model.Side;
import io.troupe.model.TimeInForce;
import io.troupe.order.ManagedOrder;
import io.troupe.venue.VenueCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.testkit.typed.javadsl.LoggingTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The FIX venue against a QuickFIX/J acceptor playing an exchange on a free localhost port. Every test ends with the
 * order manager's book (its fills and the position they make) equal to the exchange's own record.
 */
class FixVenueTest {

  private static final ActorTestKit kit =
      ActorTestKit.create(ConfigFactory.parseString("pekko.actor.serialize-messages = on").withFallback(ConfigFactory.load()));
  private static final String BTC = "BTCUSDT";
  private static final String TAG = "T1";

  @TempDir Path state;
  private FixExchange exchange;
  private FixSettings settings;

  @BeforeEach
  void start() throws Exception {
    exchange = new FixExchange().quote(BTC, 99, 101).restingQuantity(4);
    settings = new FixSettings("127.0.0.1", exchange.port(), "TROUPE", "EXCHANGE", Duration.ofSeconds(30), Duration.ofSeconds(1), "", FixSettings.Reconcile.PER_ORDER,
        Duration.ofSeconds(5), state);
  }

  /** Venues still running: stopped after each test (QuickFIX/J knows one session per id in a JVM). */
  private final List<ActorRef<VenueCommand>> venues = new java.util.ArrayList<>();

  @AfterEach
  void stop() {
    venues.forEach(kit::stop);
    exchange.close();
  }

  @AfterAll
  static void shutdown() {
    kit.shutdownTestKit();
  }

  private ActorRef<VenueCommand> venue(FixSettings s) {
    ActorRef<VenueCommand> v = kit.spawn(FixVenueActor.create(s, TAG));
    venues.add(v);
    return v;
  }

  private static String clOrdId(String troupeId) {
    return TAG + "-" + troupeId;
  }

  /** The order manager's fills and position equal the exchange's: order by order, quantity and average price. */
  private void assertBooksAgree(FixTrader trader) {
    Map<String, FixExchange.Order> held = exchange.orders();
    for (ManagedOrder o : trader.book.byId().values()) {
      FixExchange.Order x = held.get(clOrdId(o.request().clientOrderId()));
      double filled = x == null ? 0 : x.cumQty;
      assertEquals(filled, o.filledQuantity(), 1e-9, "filled quantity of " + o.request().clientOrderId());
      if (filled > 0) assertEquals(x.avgPx(), o.avgFillPrice(), 1e-9, "average price of " + o.request().clientOrderId());
    }
    for (String id : held.keySet()) assertTrue(trader.book.contains(id.substring(TAG.length() + 1)), "the exchange has " + id + ", Troupe does not");
    assertEquals(exchange.position(BTC), trader.position(BTC), 1e-9, "position");
    double exchangeQty = exchange.trades().stream().mapToDouble(FixExchange.Trade::quantity).sum();
    assertEquals(exchangeQty, trader.fills.stream().mapToDouble(ExecutionReport.Fill::quantity).sum(), 1e-9, "filled quantity in all");
  }

  @Test
  void marketLimitStopAndStopLimitOrdersFillWholeOrInPartAndTimeInForceHolds() {
    FixTrader t = new FixTrader(kit, venue(settings));
    OrderRequest small = t.send(OrderRequest.market(t.nextId(), BTC, Side.BUY, 3, 1));
    assertEquals(101, t.await(small.clientOrderId(), o -> o.status() == OrderStatus.FILLED).avgFillPrice(), 1e-9);

    // 10 at market against 4 at the ask: 4 fill, the exchange cancels the rest.
    OrderRequest big = t.send(OrderRequest.market(t.nextId(), BTC, Side.BUY, 10, 1));
    ManagedOrder partial = t.await(big.clientOrderId(), o -> o.status() == OrderStatus.CANCELED);
    assertEquals(4, partial.filledQuantity(), 1e-9);

    // A crossing limit fills 4 at the ask and rests with 6; another participant's sell at 100.5 fills the rest at 101.
    OrderRequest limit = t.send(OrderRequest.limit(t.nextId(), BTC, Side.BUY, 10, 101, 1));
    assertEquals(4, t.await(limit.clientOrderId(), o -> o.status() == OrderStatus.PARTIALLY_FILLED).filledQuantity(), 1e-9);
    exchange.trade(BTC, quickfix.field.Side.SELL, 6, 100.5);
    assertEquals(10, t.await(limit.clientOrderId(), o -> o.status() == OrderStatus.FILLED).filledQuantity(), 1e-9);
    List<ExecutionReport.Fill> limitFills = t.reportsOf(limit.clientOrderId(), ExecutionReport.Fill.class);
    assertEquals(List.of(6.0, 0.0), limitFills.stream().map(ExecutionReport.Fill::remaining).toList());

    // A resting sell limit, filled by a buyer at its price (maker).
    OrderRequest offer = t.send(OrderRequest.limit(t.nextId(), BTC, Side.SELL, 2, 105, 1));
    t.await(offer.clientOrderId(), o -> o.status() == OrderStatus.WORKING);
    exchange.trade(BTC, quickfix.field.Side.BUY, 2, 105);
    t.await(offer.clientOrderId(), o -> o.status() == OrderStatus.FILLED);
    assertEquals(io.troupe.model.Liquidity.MAKER, t.reportsOf(offer.clientOrderId(), ExecutionReport.Fill.class).get(0).liquidity());

    // A sell stop at 98 waits; a trade at 97.5 triggers it and it sells at the bid.
    OrderRequest stop = t.send(OrderRequest.stop(t.nextId(), BTC, Side.SELL, 1, 98, 1));
    t.await(stop.clientOrderId(), o -> o.status() == OrderStatus.WORKING);
    exchange.trade(BTC, quickfix.field.Side.SELL, 1, 97.5);
    assertEquals(99, t.await(stop.clientOrderId(), o -> o.status() == OrderStatus.FILLED).avgFillPrice(), 1e-9);

    // A buy stop-limit (stop 102, limit 103): triggered by a trade at 102, it buys at the ask, 101.
    OrderRequest stopLimit = t.send(OrderRequest.stop(t.nextId(), BTC, Side.BUY, 2, 102, 1).withStopLimit(102, 103));
    t.await(stopLimit.clientOrderId(), o -> o.status() == OrderStatus.WORKING);
    exchange.trade(BTC, quickfix.field.Side.BUY, 1, 102);
    assertEquals(101, t.await(stopLimit.clientOrderId(), o -> o.status() == OrderStatus.FILLED).avgFillPrice(), 1e-9);

    // IOC below the ask: nothing fills, cancelled at once. FOK for more than the ask holds: cancelled whole.
    OrderRequest ioc = t.send(OrderRequest.limit(t.nextId(), BTC, Side.BUY, 1, 100, 1).withTimeInForce(TimeInForce.IOC));
    assertEquals(0, t.await(ioc.clientOrderId(), o -> o.status() == OrderStatus.CANCELED).filledQuantity(), 1e-9);
    OrderRequest fok = t.send(OrderRequest.limit(t.nextId(), BTC, Side.BUY, 5, 101, 1).withTimeInForce(TimeInForce.FOK));
    assertEquals(0, t.await(fok.clientOrderId(), o -> o.status() == OrderStatus.CANCELED).filledQuantity(), 1e-9);

    assertEquals(3 + 4 + 10 - 2 - 1 + 2, t.position(BTC), 1e-9);
    assertBooksAgree(t);
  }

  @Test
  void rejectsCancelsAndReplaces() {
    FixTrader t = new FixTrader(kit, venue(settings));
    exchange.rejectNext("above the account's limit");
    OrderRequest refused = t.send(OrderRequest.market(t.nextId(), BTC, Side.BUY, 1, 1));
    assertEquals("exceeds_limit: above the account's limit", t.await(refused.clientOrderId(), o -> o.status() == OrderStatus.REJECTED).venueReason());
    OrderRequest unknown = t.send(OrderRequest.market(t.nextId(), "NOPE", Side.BUY, 1, 1));
    assertTrue(t.await(unknown.clientOrderId(), o -> o.status() == OrderStatus.REJECTED).venueReason().startsWith("unknown_symbol"));
    exchange.businessRejectNext();
    OrderRequest paused = t.send(OrderRequest.market(t.nextId(), BTC, Side.BUY, 1, 1));
    assertEquals("business_reject_4: order entry paused", t.await(paused.clientOrderId(), o -> o.status() == OrderStatus.REJECTED).venueReason());

    // Replace a resting bid (5 at 95 -> 8 at 96), then cancel it: the cancel's reason is Troupe's.
    OrderRequest bid = t.send(OrderRequest.limit(t.nextId(), BTC, Side.BUY, 5, 95, 1));
    t.await(bid.clientOrderId(), o -> o.status() == OrderStatus.WORKING);
    t.modify(new ModifyRequest(bid.clientOrderId(), 8, 96, Double.NaN));
    ManagedOrder replaced = t.await(bid.clientOrderId(), o -> o.request().quantity() == 8);
    assertEquals(96, replaced.request().limitPrice(), 1e-9);
    assertEquals(8, exchange.orders().get(clOrdId(bid.clientOrderId())).quantity, 1e-9);
    assertEquals(96, exchange.orders().get(clOrdId(bid.clientOrderId())).price, 1e-9);
    t.cancel(bid.clientOrderId(), "stale");
    assertEquals("stale", t.await(bid.clientOrderId(), o -> o.status() == OrderStatus.CANCELED).venueReason());
    // The exchange knows the order by the replace's ClOrdID now; the venue chained them.
    assertTrue(exchange.received().contains("G " + clOrdId(bid.clientOrderId()) + ".1"), exchange.received().toString());
    assertTrue(exchange.received().contains("F " + clOrdId(bid.clientOrderId()) + ".2"), exchange.received().toString());

    // A cancel of an order already over is refused by the venue itself; the book is unchanged.
    t.cancel(bid.clientOrderId(), "again");
    t.await(bid.clientOrderId(), o -> !t.reportsOf(bid.clientOrderId(), ExecutionReport.CancelRejected.class).isEmpty());
    assertEquals(OrderStatus.CANCELED, t.book.get(bid.clientOrderId()).status());

    // A replace below the filled quantity: the exchange refuses it (OrderCancelReject), the order stands as it was.
    OrderRequest part = t.send(OrderRequest.limit(t.nextId(), BTC, Side.BUY, 10, 101, 1));
    t.await(part.clientOrderId(), o -> o.filledQuantity() == 4);
    t.modify(new ModifyRequest(part.clientOrderId(), 3, 101, Double.NaN));
    t.await(part.clientOrderId(), o -> !t.reportsOf(part.clientOrderId(), ExecutionReport.CancelRejected.class).isEmpty());
    assertTrue(t.reportsOf(part.clientOrderId(), ExecutionReport.CancelRejected.class).get(0).reason().startsWith("replace_rejected"));
    assertEquals(10, t.book.get(part.clientOrderId()).request().quantity(), 1e-9);
    assertEquals(OrderStatus.PARTIALLY_FILLED, t.book.get(part.clientOrderId()).status());
    assertBooksAgree(t);
  }

  @Test
  void aDisconnectWithAnOrderWorkingIsMadeGoodByResendAndGapFillAndNothingNewGoesOutBeforeReconciling() throws Exception {
    FixTrader t = new FixTrader(kit, venue(settings));
    OrderRequest working = t.send(OrderRequest.limit(t.nextId(), BTC, Side.BUY, 10, 101, 1));
    t.await(working.clientOrderId(), o -> o.filledQuantity() == 4);

    offline();
    exchange.trade(BTC, quickfix.field.Side.SELL, 3, 100); // fills 3 of the 6 working while Troupe is away
    exchange.skipSequenceNumbers(2); // and two messages are lost: the resend request gets a gap fill for them
    OrderRequest meanwhile = t.send(OrderRequest.market(t.nextId(), BTC, Side.SELL, 2, 1)); // waits for the logon
    exchange.goOnline();

    assertEquals(7, t.await(working.clientOrderId(), o -> o.filledQuantity() == 7).filledQuantity(), 1e-9);
    t.await(meanwhile.clientOrderId(), o -> o.status() == OrderStatus.FILLED);
    exchange.trade(BTC, quickfix.field.Side.SELL, 3, 100);
    t.await(working.clientOrderId(), o -> o.status() == OrderStatus.FILLED);

    List<String> received = exchange.received();
    int status = received.indexOf("H " + clOrdId(working.clientOrderId()));
    int next = received.indexOf("D " + clOrdId(meanwhile.clientOrderId()));
    assertTrue(status >= 0 && status < next, "status request before the new order: " + received);
    assertEquals(1, exchange.newOrdersSeen().stream().filter(clOrdId(meanwhile.clientOrderId())::equals).count());
    String log = messagesLog();
    assertTrue(log.contains("\u000143=Y\u0001"), "a resent execution report (PossDupFlag)");
    assertTrue(log.contains("\u0001123=Y\u0001"), "a gap fill (SequenceReset GapFillFlag)");
    assertEquals(1, t.reportsOf(working.clientOrderId(), ExecutionReport.Fill.class).stream().filter(f -> f.quantity() == 3 && f.remaining() == 3).count());
    assertBooksAgree(t);
  }

  @Test
  void aRepeatedExecutionReportIsAppliedOnce() throws Exception {
    FixTrader t = new FixTrader(kit, venue(settings));
    OrderRequest first = t.send(OrderRequest.market(t.nextId(), BTC, Side.BUY, 3, 1));
    t.await(first.clientOrderId(), o -> o.status() == OrderStatus.FILLED);
    exchange.repeatLastExecution(true); // PossDupFlag=Y, same ExecID
    exchange.repeatLastExecution(false); // same ExecID without the flag
    // The session keeps order: once the next order's fill is here, the repeats have been handled.
    OrderRequest second = t.send(OrderRequest.market(t.nextId(), BTC, Side.BUY, 1, 1));
    t.await(second.clientOrderId(), o -> o.status() == OrderStatus.FILLED);
    assertEquals(2, t.fills.size());
    assertEquals(1, t.reportsOf(first.clientOrderId(), ExecutionReport.Fill.class).size(), "the venue passed the repeat on");
    assertEquals(4, t.position(BTC), 1e-9);
    assertBooksAgree(t);
  }

  @Test
  void aRestartedVenueOnTheSameStateFolderContinuesTheSequenceAndTheOrder() throws Exception {
    FixTrader t = new FixTrader(kit, venue(settings));
    OrderRequest working = t.send(OrderRequest.limit(t.nextId(), BTC, Side.BUY, 10, 101, 1));
    t.await(working.clientOrderId(), o -> o.filledQuantity() == 4);
    int expectedBefore = exchange.expectedFromTroupe();

    ActorRef<VenueCommand> first = t.venue();
    kit.stop(first);
    venues.remove(first);
    exchange.awaitLoggedOut(10);
    exchange.trade(BTC, quickfix.field.Side.SELL, 3, 100); // while no Troupe venue runs

    t.connect(venue(settings)); // a new venue on the same state folder
    exchange.awaitLogons(2, 15);
    assertEquals(7, t.await(working.clientOrderId(), o -> o.filledQuantity() == 7).filledQuantity(), 1e-9);
    assertTrue(exchange.expectedFromTroupe() > expectedBefore, "sequence numbers continue across the restart");
    OrderRequest after = t.send(OrderRequest.market(t.nextId(), BTC, Side.SELL, 1, 1));
    t.await(after.clientOrderId(), o -> o.status() == OrderStatus.FILLED);
    exchange.trade(BTC, quickfix.field.Side.SELL, 3, 100);
    t.await(working.clientOrderId(), o -> o.status() == OrderStatus.FILLED);
    assertEquals(1, exchange.newOrdersSeen().stream().filter(clOrdId(working.clientOrderId())::equals).count(), "the order went out once");
    assertBooksAgree(t);
  }

  @Test
  void aVenueRestoredFromACheckpointReportsAgainWhatItReportedAfterIt() throws Exception {
    FixTrader t = new FixTrader(kit, venue(settings));
    OrderRequest working = t.send(OrderRequest.limit(t.nextId(), BTC, Side.BUY, 10, 101, 1));
    t.await(working.clientOrderId(), o -> o.filledQuantity() == 4);
    // The node's checkpoint: the venue's book and the order manager's, at one cut.
    var probe = kit.<io.troupe.checkpoint.AgentState>createTestProbe();
    t.venue().tell(new VenueCommand.CaptureState(probe.ref()));
    FixOrderBook.Saved checkpoint = io.troupe.checkpoint.StateCodec.decode(probe.receiveMessage().state(), FixOrderBook.Saved.class);
    FixTrader restored = new FixTrader(kit);
    restored.restore(working, List.copyOf(t.reports));

    // The venue reports 2 more, and the process dies before the order manager's next checkpoint: that fill is lost to it.
    exchange.trade(BTC, quickfix.field.Side.SELL, 2, 100);
    t.await(working.clientOrderId(), o -> o.filledQuantity() == 6);
    ActorRef<VenueCommand> first = t.venue();
    kit.stop(first);
    venues.remove(first);
    exchange.awaitLoggedOut(10);

    // Restored from the checkpoint, the venue learns from the order status that 6 are filled, and reports the 2 again.
    ActorRef<VenueCommand> again = kit.spawn(FixVenueActor.restore(settings, TAG, checkpoint));
    venues.add(again);
    restored.connect(again);
    ManagedOrder back = restored.await(working.clientOrderId(), o -> o.filledQuantity() == 6);
    assertEquals(exchange.orders().get(clOrdId(working.clientOrderId())).avgPx(), back.avgFillPrice(), 1e-9);
    assertBooksAgree(restored);
  }

  @Test
  void massStatusReconcilesWhereThePeerHasIt() throws Exception {
    reconcileWithMassStatus(true);
  }

  @Test
  void aPeerWithoutMassStatusIsAskedPerOrder() throws Exception {
    reconcileWithMassStatus(false);
  }

  private void reconcileWithMassStatus(boolean peerHasIt) throws Exception {
    exchange.massStatus(peerHasIt);
    FixTrader t = new FixTrader(kit, venue(settings.withReconcile(FixSettings.Reconcile.MASS_STATUS)));
    OrderRequest working = t.send(OrderRequest.limit(t.nextId(), BTC, Side.BUY, 10, 101, 1));
    t.await(working.clientOrderId(), o -> o.filledQuantity() == 4);
    offline();
    exchange.trade(BTC, quickfix.field.Side.SELL, 2, 100);
    exchange.goOnline();
    t.await(working.clientOrderId(), o -> o.filledQuantity() == 6);
    OrderRequest after = t.send(OrderRequest.market(t.nextId(), BTC, Side.SELL, 1, 1));
    t.await(after.clientOrderId(), o -> o.status() == OrderStatus.FILLED);
    List<String> received = exchange.received();
    int next = received.indexOf("D " + clOrdId(after.clientOrderId()));
    assertTrue(received.contains("AF") && received.indexOf("AF") < next, received.toString());
    // Without mass status (a BusinessMessageReject), the order is asked for by itself, still before the new order.
    int perOrder = received.indexOf("H " + clOrdId(working.clientOrderId()));
    if (peerHasIt) assertEquals(-1, perOrder, received.toString());
    else assertTrue(perOrder > received.indexOf("AF") && perOrder < next, received.toString());
    assertBooksAgree(t);
  }

  @Test
  void theMassStatusShowsOrdersTheVenueDidNotSendAndOneCanBeCancelled() throws Exception {
    exchange.massStatus(true);
    exchange.restOtherClientsOrder("OTHER-1", BTC, quickfix.field.Side.SELL, 2, 105);
    FixTrader t = new FixTrader(kit, venue(settings.withReconcile(FixSettings.Reconcile.MASS_STATUS)));
    OrderRequest mine = t.send(OrderRequest.limit(t.nextId(), BTC, Side.BUY, 1, 98, 1)); // rests: below the ask
    t.await(mine.clientOrderId(), o -> o.status() == OrderStatus.WORKING);
    TestProbe<VenueCommand.VenueView> outside = kit.createTestProbe();
    t.venue().tell(new VenueCommand.GetVenueView(outside.ref()));
    VenueCommand.VenueView view = outside.receiveMessage();
    assertTrue(view.outsideSeen());
    assertEquals(List.of(new VenueCommand.OutsideOrder("OTHER-1", BTC, Side.SELL, 2, 0, 105)), view.outside(), "the other client's order, not the venue's own");

    TestProbe<VenueCommand.OutsideCanceled> canceled = kit.createTestProbe();
    t.venue().tell(new VenueCommand.CancelOutside("OTHER-1", "unknown_order", canceled.ref()));
    assertEquals(new VenueCommand.OutsideCanceled("OTHER-1", true, null), canceled.receiveMessage(Duration.ofSeconds(10)));
    assertEquals(List.of(clOrdId(mine.clientOrderId())), exchange.working());
    t.venue().tell(new VenueCommand.CancelOutside("OTHER-1", "unknown_order", canceled.ref()));
    assertEquals(false, canceled.receiveMessage().canceled(), "no longer working");
    t.venue().tell(new VenueCommand.GetVenueView(outside.ref()));
    assertEquals(List.of(), outside.receiveMessage().outside());
  }

  @Test
  void anAdoptedOrderIsManagedItsLaterFillsCountAndItCanBeCancelled() throws Exception {
    exchange.massStatus(true);
    exchange.restOtherClientsOrder("OTHER-1", BTC, quickfix.field.Side.SELL, 3, 105);
    exchange.restOtherClientsOrder(TAG + "-O0000009", BTC, quickfix.field.Side.SELL, 1, 106); // this run's tag: left for its rerun
    ActorRef<VenueCommand> v = kit.spawn(FixVenueActor.restore(settings.withReconcile(FixSettings.Reconcile.MASS_STATUS), TAG, null, true));
    venues.add(v);
    FixTrader t = new FixTrader(kit, v);
    String id = FixOrderBook.ADOPTED_PREFIX + "OTHER-1";
    t.await(id, o -> o.status() == OrderStatus.WORKING);
    ExecutionReport.Adopted adopted = t.reportsOf(id, ExecutionReport.Adopted.class).get(0);
    assertEquals("OTHER-1", adopted.venueId());
    assertEquals(3, adopted.request().quantity(), 1e-12);
    assertEquals(105, adopted.request().limitPrice(), 1e-12);
    assertEquals(List.of(new VenueCommand.OutsideOrder(TAG + "-O0000009", BTC, Side.SELL, 1, 0, 106)), view(t).outside(), "not adopted: of this run");

    exchange.trade(BTC, quickfix.field.Side.BUY, 1, 105); // someone buys from it
    t.await(id, o -> o.filledQuantity() == 1);
    assertEquals(1, t.fills.size(), "its fill is reported like any");
    assertEquals(-1, t.position(BTC), 1e-12);
    t.cancel(id, "operator");
    t.await(id, o -> o.status() == OrderStatus.CANCELED);
    assertEquals(List.of(TAG + "-O0000009"), exchange.working());
    assertEquals(1, exchange.orders().get("OTHER-1").cumQty, 1e-12);
  }

  @Test
  void anAdoptedStopKeepsItsTypeAndStopAndATypeTroupeHasNoWordForIsLeftWorking() throws Exception {
    exchange.massStatus(true);
    exchange.restOtherClientsOrder("OTHER-STOP", BTC, quickfix.field.Side.SELL, quickfix.field.OrdType.STOP_STOP_LOSS, 2, Double.NaN, 98,
        quickfix.field.TimeInForce.DAY);
    exchange.restOtherClientsOrder("OTHER-PEG", BTC, quickfix.field.Side.BUY, quickfix.field.OrdType.PEGGED, 1, 99, Double.NaN,
        quickfix.field.TimeInForce.GOOD_TILL_CANCEL);
    ActorRef<VenueCommand> v = kit.spawn(FixVenueActor.restore(settings.withReconcile(FixSettings.Reconcile.MASS_STATUS), TAG, null, true));
    venues.add(v);
    FixTrader t = new FixTrader(kit, v);
    String id = FixOrderBook.ADOPTED_PREFIX + "OTHER-STOP";
    t.await(id, o -> o.status() == OrderStatus.WORKING);
    OrderRequest adopted = t.reportsOf(id, ExecutionReport.Adopted.class).get(0).request();
    assertEquals(io.troupe.model.OrderType.STOP, adopted.type());
    assertEquals(98, adopted.stopPrice(), 1e-12);
    assertEquals(TimeInForce.GTC, adopted.timeInForce(), "a day order lives until the venue ends it");
    assertEquals(List.of("OTHER-PEG"), view(t).outside().stream().map(VenueCommand.OutsideOrder::venueId).toList(), "the pegged order is left, seen");
    assertTrue(t.reportsOf(FixOrderBook.ADOPTED_PREFIX + "OTHER-PEG", ExecutionReport.Adopted.class).isEmpty());

    exchange.trade(BTC, quickfix.field.Side.SELL, 1, 97.5); // the stop triggers and sells at the bid
    assertEquals(99, t.await(id, o -> o.status() == OrderStatus.FILLED).avgFillPrice(), 1e-9);
    assertEquals(-2, t.position(BTC), 1e-12);
  }

  @Test
  void withoutMassStatusAtThePeerNoOutsideOrderIsSeenAndTradingGoesOn() throws Exception {
    exchange.massStatus(false);
    exchange.restOtherClientsOrder("OTHER-1", BTC, quickfix.field.Side.SELL, 2, 105);
    FixTrader t = new FixTrader(kit, venue(settings.withReconcile(FixSettings.Reconcile.MASS_STATUS)));
    OrderRequest mine = t.send(OrderRequest.market(t.nextId(), BTC, Side.BUY, 1, 1));
    t.await(mine.clientOrderId(), o -> o.status() == OrderStatus.FILLED);
    TestProbe<VenueCommand.VenueView> outside = kit.createTestProbe();
    t.venue().tell(new VenueCommand.GetVenueView(outside.ref()));
    VenueCommand.VenueView view = outside.receiveMessage();
    assertEquals(false, view.outsideSeen());
    assertEquals(List.of(), view.outside());
    List<String> received = exchange.received();
    assertTrue(received.indexOf("AF") >= 0 && received.indexOf("AF") < received.indexOf("D " + clOrdId(mine.clientOrderId())), received.toString());
  }

  private VenueCommand.VenueView view(FixTrader t) {
    TestProbe<VenueCommand.VenueView> p = kit.createTestProbe();
    t.venue().tell(new VenueCommand.GetVenueView(p.ref()));
    return p.receiveMessage();
  }

  @Test
  void thePositionsAtThePeerAreAskedAtEveryLogonBeforeAnythingNewGoesOut() throws Exception {
    FixTrader t = new FixTrader(kit, venue(settings));
    OrderRequest buy = t.send(OrderRequest.market(t.nextId(), BTC, Side.BUY, 3, 1));
    var filled = t.await(buy.clientOrderId(), o -> o.filledQuantity() == 3);
    assertTrue(view(t).positionsKnown());
    assertEquals(Map.of(), view(t).positions(), "none at the first logon");
    List<VenueCommand.SentOrder> sent = view(t).sent();
    assertEquals(List.of(new VenueCommand.SentOrder(buy.clientOrderId(), clOrdId(buy.clientOrderId()), BTC, Side.BUY, 3, 3, false, sent.get(0).notional())),
        sent, "what the venue reported, per order");
    assertEquals(3 * filled.avgFillPrice(), sent.get(0).notional(), 1e-6, "and what its fills came to");

    offline();
    exchange.adjustPosition(BTC, 0.5); // something moved the account while the session was away
    exchange.goOnline();
    OrderRequest after = t.send(OrderRequest.market(t.nextId(), BTC, Side.SELL, 1, 1));
    t.await(after.clientOrderId(), o -> o.status() == OrderStatus.FILLED);
    List<String> received = exchange.received();
    int an = received.lastIndexOf("AN");
    assertTrue(an >= 0 && an < received.indexOf("D " + clOrdId(after.clientOrderId())), received.toString());
    assertEquals(Map.of(BTC, 3.5), view(t).positions(), "the peer's position at the logon: Troupe's fills and the adjustment");
  }

  @Test
  void aPeerWithoutPositionsOrCollateralIsTradedWithAndSaysNothingOfThem() throws Exception {
    exchange.positions(false);
    FixTrader t = new FixTrader(kit, venue(settings));
    OrderRequest buy = t.send(OrderRequest.market(t.nextId(), BTC, Side.BUY, 1, 1));
    t.await(buy.clientOrderId(), o -> o.filledQuantity() == 1);
    assertEquals(false, view(t).positionsKnown());
    assertEquals(Map.of(), view(t).balances());
  }

  @Test
  void theCashAtThePeerComesFromItsCollateralReportsAtLogon() throws Exception {
    exchange.cash("USDT", 10_000).cash("USD", 250.5);
    FixTrader t = new FixTrader(kit, venue(settings));
    OrderRequest buy = t.send(OrderRequest.market(t.nextId(), BTC, Side.BUY, 1, 1));
    t.await(buy.clientOrderId(), o -> o.filledQuantity() == 1);
    assertEquals(Map.of("USD", 250.5, "USDT", 10_000.0), view(t).balances());
    List<String> received = exchange.received();
    assertTrue(received.indexOf("BB") >= 0 && received.indexOf("BB") < received.indexOf("D " + clOrdId(buy.clientOrderId())), received.toString());
  }

  @Test
  void aPeerRefusingPositionsAndCollateralAtSessionLevelIsTradedWithAtOnceNotAfterTheReconcileTimeout() throws Exception {
    exchange.rejectAtSessionLevel(quickfix.field.MsgType.REQUEST_FOR_POSITIONS, quickfix.field.MsgType.COLLATERAL_INQUIRY).cash("USDT", 10_000);
    // Answers that never come would hold new orders for this long: the order below fills within the trader's bound.
    FixSettings patient = new FixSettings("127.0.0.1", exchange.port(), "TROUPE", "EXCHANGE", Duration.ofSeconds(30), Duration.ofSeconds(1), "",
        FixSettings.Reconcile.PER_ORDER, Duration.ofMinutes(10), state);
    FixTrader t = new FixTrader(kit, venue(patient));
    OrderRequest buy = t.send(OrderRequest.market(t.nextId(), BTC, Side.BUY, 1, 1));
    t.await(buy.clientOrderId(), o -> o.filledQuantity() == 1);
    assertEquals(false, view(t).positionsKnown());
    assertEquals(Map.of(), view(t).balances(), "the cash the peer would not report is not known");
    List<String> received = exchange.received();
    assertTrue(received.indexOf("AN") >= 0 && received.indexOf("BB") >= 0 && received.indexOf("BB") < received.indexOf("D " + clOrdId(buy.clientOrderId())), received.toString());
    assertBooksAgree(t);
  }

  @Test
  void anOrderTheSessionRejectsIsRejectedWithTheReasonAndNothingIsWorking() throws Exception {
    FixTrader t = new FixTrader(kit, venue(settings));
    OrderRequest first = t.send(OrderRequest.market(t.nextId(), BTC, Side.BUY, 1, 1));
    t.await(first.clientOrderId(), o -> o.filledQuantity() == 1);
    exchange.rejectAtSessionLevel(quickfix.field.MsgType.ORDER_SINGLE);
    OrderRequest refused = t.send(OrderRequest.limit(t.nextId(), BTC, Side.BUY, 2, 100, 1));
    assertEquals(OrderStatus.REJECTED, t.await(refused.clientOrderId(), o -> o.status() == OrderStatus.REJECTED).status());
    String reason = t.reportsOf(refused.clientOrderId(), ExecutionReport.Rejected.class).get(0).reason();
    assertTrue(reason.startsWith("session_reject_5"), reason);
    assertTrue(exchange.orders().containsKey(clOrdId(first.clientOrderId())) && !exchange.orders().containsKey(clOrdId(refused.clientOrderId())));
    assertBooksAgree(t);
  }

  /** The exchange drops the session and refuses logons; returns once the venue has seen the logout. */
  private void offline() {
    LoggingTestKit.warn("logged out of EXCHANGE").expect(kit.system(), () -> {
      try {
        exchange.goOffline();
      } catch (InterruptedException | IOException e) {
        throw new IllegalStateException(e);
      }
      return null;
    });
  }

  private String messagesLog() throws IOException {
    try (Stream<Path> files = Files.list(settings.sessionDir().resolve("log"))) {
      Path log = files.filter(p -> p.getFileName().toString().endsWith(".messages.log")).findFirst().orElseThrow();
      return Files.readString(log);
    }
  }
}
