package io.troupe.gateway.scenario;

import static io.troupe.gateway.scenario.Scenario.BTC;
import static io.troupe.gateway.scenario.Scenario.MIN;
import static io.troupe.gateway.scenario.Scenario.SEC;
import static io.troupe.gateway.scenario.Scenario.T0;
import static io.troupe.gateway.scenario.Scenario.bar;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.exit.ExitSettings;
import io.troupe.model.Instrument;
import io.troupe.market.Bar;
import io.troupe.node.NodeCommand.StepAck;
import io.troupe.model.ApprovedOrder;
import io.troupe.model.ExecutionReport;
import io.troupe.model.Liquidity;
import io.troupe.order.OrderFlow;
import io.troupe.order.OrderLifecycleSettings;
import io.troupe.order.OrderManagerCommand;
import io.troupe.venue.VenueReports;
import io.troupe.model.OrderRecord;
import io.troupe.model.OrderRequest;
import io.troupe.model.OrderType;
import io.troupe.model.Side;
import io.troupe.model.VenueRejection;
import io.troupe.model.AttributedFill;
import io.troupe.position.PositionKeeper;
import io.troupe.model.RoundTrip;
import io.troupe.risk.RiskCommand;
import io.troupe.strategy.Direction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Loss prevention in the order lifecycle, through the real actors and the real simulated exchange: limit orders do not
 * work forever, a fill counts once, a refusal reaches the specialist, and no order is ever left working at the venue
 * without an owner.
 */
class LossPreventionOrderScenariosTest {

  private static final ActorTestKit kit = Scenario.testKit();
  private static final double EPS = 1e-9;
  private static final String ENTRY = "O0000001";
  private static final long TEN_SEC = 10 * SEC;

  @AfterAll
  static void shutdown() {
    kit.shutdownTestKit();
  }

  /** A 10-second bar around 100 that never trades down to 99.9. */
  private static Bar quiet(long time) {
    return bar(time, 100, 100.05, 99.95, 100);
  }

  @Test
  void aPostOnlyMakerEntryThatDoesNotFillIsCancelledAfterThirtySecondsAndFallsBackToMarket() {
    Scenario.Setup setup = new Scenario.Setup();
    setup.makerEntries = true;
    // Post-only 0.1% inside the price (a buy at 99.9), market fallback after 30 s; no price-move cancel.
    setup.orders = new OrderLifecycleSettings(30_000, 0, 0.001, true, 30_000);
    Scenario sc = new Scenario(kit, setup, new ScriptedSignals("maker").at(T0 + TEN_SEC, Direction.LONG));

    sc.step(quiet(T0));
    sc.step(quiet(T0 + TEN_SEC)); // LONG decided: a post-only buy at 99.9 goes to the venue
    OrderRecord maker = sc.order(ENTRY);
    assertEquals(OrderType.LIMIT, maker.type());
    assertEquals(99.9, maker.limitPrice(), 1e-6);
    for (long t = 2; t <= 3; t++) {
      sc.step(quiet(T0 + t * TEN_SEC)); // 10 s and 20 s old: still working
      assertEquals(List.of(ENTRY), sc.workingAtVenue());
      sc.assertVenueAndBookAgree();
    }

    sc.step(quiet(T0 + 4 * TEN_SEC)); // 30 s old: cancelled, the remainder goes at market
    maker = sc.order(ENTRY);
    assertEquals("CANCELED", maker.status());
    assertEquals("signal_long: maker_timeout", maker.reason());
    assertEquals(T0 + 4 * TEN_SEC, maker.updatedAt());
    assertEquals(List.of(ENTRY + "-mkt"), sc.workingAtVenue());
    assertEquals(OrderType.MARKET, sc.order(ENTRY + "-mkt").type());
    sc.assertVenueAndBookAgree();

    StepAck filled = sc.step(quiet(T0 + 5 * TEN_SEC));
    assertEquals(5, filled.account().quantity(BTC), EPS);
    OrderRecord fallback = sc.order(ENTRY + "-mkt");
    assertEquals("FILLED", fallback.status());
    assertEquals(100, fallback.avgFillPrice(), EPS);
    sc.assertVenueAndBookAgree();
  }

  @Test
  void aPostOnlyEntryThatWouldTakeIsRefusedByTheVenueAndFallsBackToMarketAtOnce() {
    Scenario.Setup setup = new Scenario.Setup();
    setup.makerEntries = true;
    setup.orders = new OrderLifecycleSettings(30_000, 0, 0, true, 30_000); // no offset: a buy at 100, the market's price
    Scenario sc = new Scenario(kit, setup, new ScriptedSignals("maker").at(T0 + TEN_SEC, Direction.LONG));

    sc.step(quiet(T0));
    sc.step(quiet(T0 + TEN_SEC));
    sc.step(quiet(T0 + 2 * TEN_SEC)); // opens at 100: the post-only buy at 100 would take
    OrderRecord maker = sc.order(ENTRY);
    assertEquals("CANCELED", maker.status());
    assertEquals("signal_long: post_only_would_take", maker.reason());
    assertEquals(List.of(ENTRY + "-mkt"), sc.workingAtVenue(), "the remainder goes at market in the same step");
    StepAck filled = sc.step(quiet(T0 + 3 * TEN_SEC));

    assertEquals(5, filled.account().quantity(BTC), EPS);
    assertEquals("FILLED", sc.order(ENTRY + "-mkt").status());
    sc.assertVenueAndBookAgree();
  }

  @Test
  void aPlainLimitEntryPastItsAgeIsCancelledAsStaleWithoutFallback() {
    Scenario.Setup setup = new Scenario.Setup();
    setup.makerEntries = true;
    // Not post-only: the entry is a plain limit, which the stale sweep (30 s) cancels; nothing replaces it.
    setup.orders = new OrderLifecycleSettings(30_000, 0, 0.001, false, 30_000);
    Scenario sc = new Scenario(kit, setup, new ScriptedSignals("limit").at(T0 + TEN_SEC, Direction.LONG));

    sc.step(quiet(T0));
    sc.step(quiet(T0 + TEN_SEC));
    sc.step(quiet(T0 + 2 * TEN_SEC));
    sc.step(quiet(T0 + 3 * TEN_SEC));
    assertEquals(List.of(ENTRY), sc.workingAtVenue(), "20 s old: still working");
    sc.step(quiet(T0 + 4 * TEN_SEC));

    OrderRecord limit = sc.order(ENTRY);
    assertEquals("CANCELED", limit.status());
    assertEquals("signal_long: stale", limit.reason());
    assertEquals(T0 + 4 * TEN_SEC, limit.updatedAt());
    sc.step(quiet(T0 + 5 * TEN_SEC));
    assertEquals(List.of(ENTRY), sc.orders().stream().map(OrderRecord::orderId).toList(), "no fallback order");
    assertEquals(List.of(), sc.workingAtVenue());
    assertEquals(0, sc.position(), EPS);
    sc.assertVenueAndBookAgree();
  }

  @Test
  void aDuplicateFillReportSentThroughTheOrderManagerDoesNotDoubleThePosition() {
    Scenario sc = new Scenario(kit, new Scenario.Setup(), new ScriptedSignals("trend").at(T0 + MIN, Direction.LONG));
    sc.step(bar(T0, 100));
    sc.step(bar(T0 + MIN, 100));
    assertEquals(5, sc.step(bar(T0 + 2 * MIN, 100)).account().quantity(BTC), EPS);

    // The venue's fill of the entry (its fill ids are <order>-<n>), reported a second time.
    var again = new ExecutionReport.Fill(ENTRY, ENTRY + "-1", BTC, T0 + 2 * MIN, Side.BUY, 5, 100, 0, Liquidity.TAKER, 0);
    sc.agents.orders().tell(new OrderManagerCommand.FromVenue(new VenueReports(List.of(again))));
    sc.orders(); // the order manager holds the duplicate for the next step, which applies it (once)

    assertEquals(5, sc.position(), EPS);
    assertEquals(5, sc.order(ENTRY).filledQuantity(), EPS);
    StepAck next = sc.step(bar(T0 + 3 * MIN, 100));
    assertEquals(5, next.account().quantity(BTC), EPS);
    assertEquals(10_000, next.account().equity(), EPS);
    sc.assertVenueAndBookAgree();
  }

  @Test
  void aDuplicateFillInTheSameBatchOrALaterOneCountsOnceInOrderFlowAndThePosition() {
    Map<String, Instrument> instruments = Map.of(BTC, Instrument.spot(BTC));
    OrderFlow flow = new OrderFlow(OrderLifecycleSettings.defaults(), instruments, false);
    PositionKeeper keeper = new PositionKeeper(10_000, instruments, null, Map.of());
    var placed = flow.place(T0, List.of(new ApprovedOrder(BTC, Side.BUY, 5, false, 100, Double.NaN, Double.NaN, "signal_long", "trend")),
        List.of(), false, "");
    String id = placed.orders().get(0).clientOrderId();
    var fill = new ExecutionReport.Fill(id, id + "-1", BTC, T0 + MIN, Side.BUY, 5, 100, 0.5, Liquidity.TAKER, 0);

    List<AttributedFill> first = flow.onReports(List.of(new ExecutionReport.Ack(id, BTC, T0), fill, fill));
    List<AttributedFill> later = flow.onReports(List.of(fill));
    keeper.apply(first);
    keeper.apply(later);

    assertEquals(1, first.size());
    assertEquals(List.of(), later);
    assertEquals(5, keeper.snapshot(T0 + MIN).quantity(BTC), EPS);
    assertEquals(10_000 - 500 - 0.5, keeper.cash(), EPS);
    assertEquals(Map.of(), flow.pending());
  }

  @Test
  void anOrderTheVenueRejectsReachesItsSpecialistAndIsCountedByReason() {
    Scenario.Setup setup = new Scenario.Setup();
    // The venue trades BTC in lots of 10; the node sizes 5 units, which round down to no lot at all.
    setup.venueInstruments = Map.of(BTC, Instrument.spot(BTC).withLotSize(10));
    ScriptedSignals s = new ScriptedSignals("trend").at(T0 + MIN, Direction.LONG);
    Scenario sc = new Scenario(kit, setup, s);

    sc.step(bar(T0, 100));
    sc.step(bar(T0 + MIN, 100)); // the order goes out and is refused
    assertEquals("REJECTED", sc.order(ENTRY).status());
    assertEquals(Map.of("bad_quantity", 1), sc.report().rejectionsByReason());
    sc.step(bar(T0 + 2 * MIN, 100)); // the desk tells the specialist with the next bar

    assertEquals(List.of(new VenueRejection(T0 + MIN, ENTRY, BTC, "trend", "bad_quantity")), s.rejections);
    assertEquals(Map.of("bad_quantity", 1), sc.report().rejectionsByReason());
    assertEquals(0, sc.position(), EPS);
    assertEquals(List.of(), sc.workingAtVenue());
    sc.assertVenueAndBookAgree();
  }

  @Test
  void anOperatorHaltWithoutFlattenKeepsThePositionsRestingStop() {
    Scenario sc = new Scenario(kit, new Scenario.Setup(), new ScriptedSignals("trend").at(T0 + MIN, Direction.LONG));
    sc.step(bar(T0, 100));
    sc.step(bar(T0 + MIN, 100));
    assertEquals(5, sc.step(bar(T0 + 2 * MIN, 100)).account().quantity(BTC), EPS);

    sc.agents.risk().tell(new RiskCommand.Halt("operator: pause entries", false));
    sc.step(bar(T0 + 3 * MIN, 100));
    assertTrue(sc.workingAtVenue().contains(ENTRY + "-sl"), "the stop still protects the position: " + sc.workingAtVenue());
    StepAck crash = sc.step(bar(T0 + 4 * MIN, 96, 96.5, 95, 95.5));

    assertEquals(0, crash.account().quantity(BTC), EPS, "the halt did not trap the position below its stop");
    RoundTrip t = sc.trades().get(0);
    assertEquals("stop_loss", t.exitReason());
    assertEquals(96, t.exitPrice(), EPS);
    sc.assertVenueAndBookAgree();
  }

  @Test
  void anEntryThatFillsAsAnOperatorHaltBeginsStillGetsItsProtectiveStop() {
    Scenario sc = new Scenario(kit, new Scenario.Setup(), new ScriptedSignals("trend").at(T0 + MIN, Direction.LONG));
    sc.step(bar(T0, 100));
    sc.step(bar(T0 + MIN, 100)); // the entry goes to the venue
    sc.agents.risk().tell(new RiskCommand.Halt("operator: pause entries", false));
    assertEquals(5, sc.step(bar(T0 + 2 * MIN, 100)).account().quantity(BTC), EPS); // it fills as the halt takes effect

    assertTrue(sc.workingAtVenue().contains(ENTRY + "-sl"), "the new position is protected: " + sc.workingAtVenue());
    StepAck crash = sc.step(bar(T0 + 3 * MIN, 96, 96.5, 95, 95.5));
    assertEquals(0, crash.account().quantity(BTC), EPS);
    assertEquals("stop_loss", sc.trades().get(0).exitReason());
    sc.assertVenueAndBookAgree();
  }

  @Test
  void noOrderIsLeftWorkingAtTheVenueWithoutAnOwnerThroughABusyRunAndAtItsEnd() {
    Scenario.Setup setup = new Scenario.Setup();
    setup.makerEntries = true; // post-only entries, fallbacks, price-move cancels, brackets, exits: all of the lifecycle
    setup.exits = ExitSettings.defaults();
    Random rnd = new Random(7);
    int steps = 240;
    ScriptedSignals s = new ScriptedSignals("busy");
    Direction[] choices = {Direction.LONG, Direction.FLAT, Direction.LONG, Direction.SHORT};
    for (int i = 1; i < steps; i++) if (rnd.nextInt(4) == 0) s.at(T0 + i * MIN, choices[rnd.nextInt(choices.length)]);
    Scenario sc = new Scenario(kit, setup, s);

    double price = 100;
    List<String> disagreements = new ArrayList<>();
    for (int i = 0; i < steps; i++) {
      double open = price;
      double close = Math.max(50, open * (1 + (rnd.nextDouble() - 0.5) * 0.02));
      double high = Math.max(open, close) * (1 + rnd.nextDouble() * 0.004);
      double low = Math.min(open, close) * (1 - rnd.nextDouble() * 0.004);
      sc.step(bar(T0 + i * MIN, open, high, low, close));
      price = close;
      if (!sc.ordersWithoutOwner().isEmpty()) disagreements.add(i + ": without owner " + sc.ordersWithoutOwner());
      if (!new java.util.TreeSet<>(sc.workingAtVenue()).equals(new java.util.TreeSet<>(sc.workingInBook()))) {
        disagreements.add(i + ": venue " + sc.workingAtVenue() + " book " + sc.workingInBook());
      }
    }
    assertEquals(List.of(), disagreements);
    assertTrue(sc.trades().size() >= 5, "a busy run: " + sc.trades().size() + " trades");
    assertTrue(sc.orders().stream().anyMatch(o -> o.orderId().endsWith("-sl")), "brackets were placed");

    // The end of the run: halt and flatten; then nothing may be left working anywhere.
    sc.agents.risk().tell(new RiskCommand.KillSwitch("end of run"));
    sc.step(bar(T0 + steps * MIN, price));
    sc.step(bar(T0 + (steps + 1) * MIN, price));
    sc.step(bar(T0 + (steps + 2) * MIN, price));
    assertEquals(List.of(), sc.ordersWithoutOwner());
    assertEquals(List.of(), sc.workingAtVenue());
    assertEquals(List.of(), sc.workingInBook());
    assertEquals(0, sc.position(), EPS);
  }
}
