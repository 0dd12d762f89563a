package io.troupe.app.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.app.live.VenueReconciliation.Action;
import io.troupe.app.live.VenueReconciliation.Difference;
import io.troupe.model.OrderRecord;
import io.troupe.model.OrderType;
import io.troupe.model.Side;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The venue against the journal, decided: each difference named, with what is done about it. */
class VenueReconciliationTest {
  static final String TAG = "Tabc-";

  private static OrderRecord working(String id, Side side, double qty, double filled) {
    return new OrderRecord(id, "BTCUSDT", side, OrderType.LIMIT, qty, 100, Double.NaN, "ACCEPTED", filled, 100, 0, 0, "");
  }

  private static VenueOrder atVenue(String id, double qty, double executed, boolean open) {
    return new VenueOrder(TAG + id, id, "BTCUSDT", "BUY", qty, executed, open);
  }

  private static List<String> kinds(List<Difference> d) {
    return d.stream().map(x -> x.kind() + " " + x.subject() + " " + x.action()).toList();
  }

  @Test
  void agreeingVenueAndJournalHaveNoDifference() {
    VenueState venue = new VenueState("acct", List.of(atVenue("O1", 2, 0.5, true)), Map.of("BTCUSDT", 1.5), Map.of());
    List<Difference> d = VenueReconciliation.differences(Map.of("O1", working("O1", Side.BUY, 2, 0.5)), Map.of("BTCUSDT", 0.5), Map.of("BTCUSDT", 1.0),
        venue, (id, s) -> null, UnknownOrders.CANCEL, false);
    assertEquals(List.of(), d);
  }

  @Test
  void aFillWhileDownIsAdoptedAndThePositionExpectsIt() {
    // Working with 0.5 filled in the journal; at the venue it filled whole (2) while nothing ran.
    VenueState venue = new VenueState("acct", List.of(), Map.of("BTCUSDT", 3.0), Map.of());
    List<Difference> d = VenueReconciliation.differences(Map.of("O1", working("O1", Side.BUY, 2, 0.5)), Map.of("BTCUSDT", 0.5), Map.of("BTCUSDT", 1.0),
        venue, (id, s) -> id.equals("O1") ? atVenue("O1", 2, 2, false) : null, UnknownOrders.CANCEL, false);
    assertEquals(List.of("fill_while_down O1 ADOPT_REPORTS", "ended_while_down O1 ADOPT_REPORTS"), kinds(d), "1 + 0.5 + 1.5 filled while down = 3 held");
  }

  @Test
  void aPositionTheJournalCannotExplainIsRecorded() {
    VenueState venue = new VenueState("acct", List.of(), Map.of("BTCUSDT", 4.0), Map.of());
    List<Difference> d = VenueReconciliation.differences(Map.of(), Map.of("BTCUSDT", 0.5), Map.of("BTCUSDT", 1.0), venue, (id, s) -> null,
        UnknownOrders.CANCEL, false);
    assertEquals(List.of("position BTCUSDT RECORD"), kinds(d));
    assertEquals("position BTCUSDT: 4.0 held at the venue, 1.5 expected (1.0 at the session's start, 0.5 from the journaled fills, 0.0 filled while down)"
        + " (recorded)", d.get(0).line());
  }

  @Test
  void unknownOrdersAreCancelledOrAdoptedPerConfigAndThoseOfAStepRunAgainAreKept() {
    VenueOrder foreign = new VenueOrder("manual-7", null, "BTCUSDT", "SELL", 1, 0, true);
    VenueOrder ours = atVenue("O9", 1, 0, true);
    VenueState venue = new VenueState("acct", List.of(foreign, ours), Map.of(), Map.of());
    assertEquals(List.of("unknown_order manual-7 CANCEL", "unknown_order Tabc-O9 CANCEL"),
        kinds(VenueReconciliation.differences(Map.of(), Map.of(), null, venue, (id, s) -> null, UnknownOrders.CANCEL, false)));
    assertEquals(List.of("unknown_order manual-7 ADOPT", "unknown_order Tabc-O9 ADOPT"),
        kinds(VenueReconciliation.differences(Map.of(), Map.of(), null, venue, (id, s) -> null, UnknownOrders.ADOPT, false)));
    // A step started and not completed sent it: this session's, taken back by its id, never cancelled nor sent again.
    assertEquals(List.of("unknown_order manual-7 CANCEL", "in_flight O9 RECOVER"),
        kinds(VenueReconciliation.differences(Map.of(), Map.of(), null, venue, (id, s) -> null, UnknownOrders.CANCEL, true)));
  }

  @Test
  void anOrderTheFixVenueAdoptedIsLeftToTheOrderManagerEvenWhenAStepIsRunAgain() {
    VenueOrder adopted = new VenueOrder("OTHER-1", "adopted-OTHER-1", "BTCUSDT", "SELL", 3, 1, true);
    VenueState venue = new VenueState("acct", List.of(adopted), Map.of(), Map.of());
    List<Difference> d = VenueReconciliation.differences(Map.of(), Map.of(), null, venue, (id, s) -> null, UnknownOrders.ADOPT, true);
    assertEquals(List.of("unknown_order OTHER-1 LEAVE"), kinds(d));
    assertTrue(d.get(0).detail().contains("adopted as adopted-OTHER-1"), d.get(0).detail());
    // Once the journal has it working (the next step journaled it), it is no difference.
    assertEquals(List.of(), VenueReconciliation.differences(Map.of("adopted-OTHER-1", working("adopted-OTHER-1", Side.SELL, 3, 1)), Map.of(), null, venue,
        (id, s) -> null, UnknownOrders.ADOPT, false));
  }

  @Test
  void ordersTheStepThatDidNotCompleteSentAreFoundByTheirIdsFilledOrNot() {
    // O5 filled on arrival (not among the open orders), O6 rests; O7 was never sent.
    VenueOrder filled = atVenue("O5", 1, 1, false);
    VenueOrder resting = atVenue("O6", 2, 0, true);
    VenueState venue = new VenueState("acct", List.of(resting), Map.of("BTCUSDT", 2.0), Map.of());
    List<Difference> d = VenueReconciliation.differences(Map.of(), Map.of(), Map.of("BTCUSDT", 1.0), venue,
        (id, s) -> id.equals("O5") ? filled : null, UnknownOrders.CANCEL, true, List.of("O5", "O6", "O7", "O8"), List.of("BTCUSDT"));
    assertEquals(List.of("in_flight O6 RECOVER", "in_flight O5 RECOVER"), kinds(d), "and the holdings expect O5's fill");
    // Without a step to run again nothing is looked for.
    assertEquals(List.of("unknown_order Tabc-O6 CANCEL"), kinds(VenueReconciliation.differences(Map.of(), Map.of(), null, venue,
        (id, s) -> id.equals("O5") ? filled : null, UnknownOrders.CANCEL, false, List.of("O5", "O6"), List.of("BTCUSDT"))));
  }

  @Test
  void anOrderAdoptedEarlierIsTheJournalsByTheVenuesIdAndOnlyItsFillsSinceCount() {
    // Adopted with 0.4 of 1 filled by its owner: the book keeps the 0.6 left, 0.1 of it filled since (in the journal).
    OrderRecord booked = new OrderRecord("manual-7", "BTCUSDT", Side.BUY, OrderType.LIMIT, 0.6, 100, Double.NaN, "PARTIALLY_FILLED", 0.1, 100, 0, 0, "adopted");
    VenueOrder same = new VenueOrder("manual-7", null, "BTCUSDT", "BUY", 1, 0.5, true);
    VenueState venue = new VenueState("acct", List.of(same), Map.of("BTCUSDT", 1.1), Map.of());
    assertEquals(List.of(), VenueReconciliation.differences(Map.of("manual-7", booked), Map.of("BTCUSDT", 0.1), Map.of("BTCUSDT", 1.0), venue,
        (id, s) -> null, UnknownOrders.CANCEL, false), "neither unknown (so never cancelled) nor filled while down");
    // It filled further while nothing ran: 0.3 more, found; the holdings expect it.
    VenueOrder more = new VenueOrder("manual-7", null, "BTCUSDT", "BUY", 1, 0.8, true);
    List<Difference> d = VenueReconciliation.differences(Map.of("manual-7", booked), Map.of("BTCUSDT", 0.1), Map.of("BTCUSDT", 1.0),
        new VenueState("acct", List.of(more), Map.of("BTCUSDT", 1.4), Map.of()), (id, s) -> null, UnknownOrders.CANCEL, false);
    assertEquals(List.of("fill_while_down manual-7 ADOPT_REPORTS"), kinds(d));
  }

  @Test
  void anOrderTheVenueDoesNotKnowIsRecorded() {
    VenueState venue = new VenueState("acct", List.of(), Map.of(), Map.of());
    List<Difference> d = VenueReconciliation.differences(Map.of("O2", working("O2", Side.SELL, 1, 0)), Map.of(), null, venue, (id, s) -> null,
        UnknownOrders.CANCEL, false);
    assertEquals(List.of("not_at_venue O2 RECORD"), kinds(d));
    assertEquals(Action.RECORD, d.get(0).action());
  }

  // ---- balances

  private static final Map<String, io.troupe.model.Instrument> SPOT = Map.of("BTCUSDT", io.troupe.model.Instrument.spot("BTCUSDT").withQuoteCurrency("USDT"));

  private static String base(String symbol) {
    return symbol.equals("BTCUSDT") ? "BTC" : null;
  }

  @Test
  void spotBalancesThatTheJournalExplainsHaveNoDifferenceAndAChangeWhileDownHasOne() {
    // Bought 2 at 100 (fee 0.2 USDT), sold 1 at 110 with its fee in BNB (0.01).
    SymbolFlow f = SymbolFlow.NONE.plus(Side.BUY, 2, 100, 0.2).plus(Side.SELL, 1, 110, 0);
    Map<String, Double> start = Map.of("USDT", 1000.0, "BNB", 1.0);
    Map<String, Double> atVenue = Map.of("USDT", 1000 - 200 - 0.2 + 110, "BTC", 1.0, "BNB", 0.99);
    var check = VenueReconciliation.balances(start, SPOT, VenueReconciliationTest::base, Map.of("BTCUSDT", f), Map.of("BNB", 0.01), List.of(), o -> Map.of(),
        new VenueState("acct", List.of(), Map.of(), atVenue, true), 1e-6);
    assertEquals(List.of(), kinds(check.differences()));
    assertEquals(List.of(), check.notCompared());
    // 25 USDT withdrawn while nothing ran: one difference, of USDT alone.
    Map<String, Double> withdrawn = new java.util.HashMap<>(atVenue);
    withdrawn.put("USDT", atVenue.get("USDT") - 25);
    check = VenueReconciliation.balances(start, SPOT, VenueReconciliationTest::base, Map.of("BTCUSDT", f), Map.of("BNB", 0.01), List.of(), o -> Map.of(),
        new VenueState("acct", List.of(), Map.of(), withdrawn, true), 1e-6);
    assertEquals(List.of("balance USDT RECORD"), kinds(check.differences()));
    assertTrue(check.differences().get(0).line().startsWith("balance USDT: 884.8 at the venue, 909.8 expected (1000 at the session's start, -90.2 from"
        + " the journaled fills and fees, 0 from the fills found while down), off by -25"), check.differences().get(0).line());
    // Within the tolerance (a share of the expected balance) it is none.
    assertEquals(List.of(), VenueReconciliation.balances(start, SPOT, VenueReconciliationTest::base, Map.of("BTCUSDT", f), Map.of("BNB", 0.01), List.of(),
        o -> Map.of(), new VenueState("acct", List.of(), Map.of(), withdrawn, true), 0.05).differences());
  }

  @Test
  void aFillFoundWhileDownIsValuedAtItsOrdersAveragePriceWithItsFeesProRata() {
    // The journal has 0.5 of O1 (a buy of 2) filled at 100; 1.5 more filled while down, the whole order for 200 USDT,
    // its fees 0.2 USDT in all.
    SymbolFlow f = SymbolFlow.NONE.plus(Side.BUY, 0.5, 100, 0.05);
    VenueOrder o1 = new VenueOrder(TAG + "O1", "O1", "BTCUSDT", "BUY", 2, 2, false, 200);
    Difference found = new Difference(VenueReconciliation.FILL_WHILE_DOWN, "O1", "", Action.ADOPT_REPORTS, o1, 1.5);
    Map<String, Double> atVenue = Map.of("USDT", 1000 - 200 - 0.2, "BTC", 2.0);
    var check = VenueReconciliation.balances(Map.of("USDT", 1000.0), SPOT, VenueReconciliationTest::base, Map.of("BTCUSDT", f), Map.of(), List.of(found),
        o -> Map.of("USDT", 0.2), new VenueState("acct", List.of(), Map.of(), atVenue, true), 1e-9);
    assertEquals(List.of(), check.differences());
    // A venue that gives no price for it (FIX's order status): that quote currency is not compared, and says so.
    VenueOrder unpriced = new VenueOrder(TAG + "O1", "O1", "BTCUSDT", "BUY", 2, 2, false);
    check = VenueReconciliation.balances(Map.of("USDT", 1000.0), SPOT, VenueReconciliationTest::base, Map.of("BTCUSDT", f), Map.of(),
        List.of(new Difference(VenueReconciliation.FILL_WHILE_DOWN, "O1", "", Action.ADOPT_REPORTS, unpriced, 1.5)), o -> Map.of(),
        new VenueState("acct", List.of(), Map.of(), atVenue, true), 1e-9);
    assertEquals(List.of(), kinds(check.differences()));
    assertEquals(List.of("USDT: a fill found at the venue while down has no price from it"), check.notCompared());
  }

  @Test
  void aPerpetualsWalletMovesByItsRealizedProfitAndFees() {
    Map<String, io.troupe.model.Instrument> perp = Map.of("BTCUSDT", io.troupe.model.Instrument.spot("BTCUSDT").withQuoteCurrency("USDT")
        .withKind(io.troupe.model.Instrument.Kind.PERPETUAL));
    // Long 2 at 100, 1 closed at 110 (+10), then short 1 more (turned over) at 120 (+20 on the other unit).
    SymbolFlow f = SymbolFlow.NONE.plus(Side.BUY, 2, 100, 0.2).plus(Side.SELL, 1, 110, 0.11).plus(Side.SELL, 2, 120, 0.24);
    assertEquals(30, f.realized(), 1e-9);
    assertEquals(-1, f.quantity(), 1e-12);
    Map<String, Double> atVenue = Map.of("USDT", 1000 + 30 - 0.55);
    var check = VenueReconciliation.balances(Map.of("USDT", 1000.0), perp, s -> null, Map.of("BTCUSDT", f), Map.of(), List.of(), o -> Map.of(),
        new VenueState("acct", List.of(), Map.of(), atVenue, true), 1e-9);
    assertEquals(List.of(), kinds(check.differences()), "no base asset on a perpetual; the margin is not spent");
  }

  @Test
  void withoutTheVenuesBalancesOrTheStartsNothingIsComparedAndItSaysSo() {
    var none = VenueReconciliation.balances(Map.of("USD", 1000.0), SPOT, s -> null, Map.of(), Map.of(), List.of(), o -> Map.of(),
        new VenueState("acct", List.of(), Map.of(), Map.of()), 1e-6);
    assertEquals(List.of(), none.differences());
    assertEquals(List.of("the venue gave no balances"), none.notCompared());
    assertEquals(List.of("the session's start recorded no balances of the venue"), VenueReconciliation.balances(null, SPOT, s -> null, Map.of(), Map.of(),
        List.of(), o -> Map.of(), new VenueState("acct", List.of(), Map.of(), Map.of("USDT", 1.0), true), 1e-6).notCompared());
  }
}
