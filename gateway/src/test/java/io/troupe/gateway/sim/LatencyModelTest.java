package io.troupe.gateway.sim;

import static io.troupe.gateway.sim.SimTestSupport.MINUTE;
import static io.troupe.gateway.sim.SimTestSupport.TOLERANCE;
import static io.troupe.gateway.sim.SimTestSupport.bar;
import static io.troupe.gateway.sim.SimTestSupport.exchange;
import static io.troupe.gateway.sim.SimTestSupport.frictionless;
import static io.troupe.gateway.sim.SimTestSupport.only;
import static io.troupe.gateway.sim.SimTestSupport.onlyFill;
import static io.troupe.gateway.sim.SimTestSupport.t;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.checkpoint.StateCodec;
import io.troupe.market.Bar;
import io.troupe.market.BarFiles;
import io.troupe.market.ReadOptions;
import io.troupe.model.ExecutionReport;
import io.troupe.model.ExecutionReport.Ack;
import io.troupe.model.ExecutionReport.Canceled;
import io.troupe.model.ExecutionReport.Fill;
import io.troupe.model.ExecutionReport.Modified;
import io.troupe.model.ExecutionReport.Rejected;
import io.troupe.model.OrderRequest;
import io.troupe.model.Side;
import io.troupe.model.TimeInForce;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Orders, cancels and modifies in flight for an event-time latency; none by default. */
class LatencyModelTest {

  static final Path BTC_1M = Path.of("..", "data", "btc-perp-20211231-20220201_1m.csv");

  private static SimulatedExchange delayed(long millis) {
    return exchange(frictionless().withLatency(new LatencyModel.Fixed(millis)));
  }

  // ---- one order, one cancel ----

  @Test
  void anOrderInFlightMissesTheBarItWouldHaveFilledOn() {
    SimulatedExchange now = exchange(frictionless());
    SimulatedExchange late = delayed(90_000); // 1.5 bars
    for (SimulatedExchange ex : List.of(now, late)) {
      ex.onBar(bar("BTC", 0, 100, 101, 99, 100));
      ex.submit(OrderRequest.limit("a", "BTC", Side.BUY, 1, 95, t(0)), t(0));
    }
    Bar dip = bar("BTC", 1, 100, 100, 94, 96);
    assertEquals(95, onlyFill(now.onBar(dip)).price(), TOLERANCE);

    assertEquals(1, late.messagesInFlight());
    assertFalse(late.isWorking("a"));
    assertEquals("a", late.workingOrders("BTC").get(0).order().clientOrderId(), "in flight counts as working for reconciliation");
    assertTrue(late.onBar(dip).isEmpty(), "the dip starts before the order arrives");

    List<ExecutionReport> second = late.onBar(bar("BTC", 2, 97, 98, 96.5, 97));
    Ack ack = only(Ack.class, second);
    assertEquals(90_000, ack.time(), "acknowledged when it arrives");
    assertTrue(late.isWorking("a"));
    Fill fill = onlyFill(late.onBar(bar("BTC", 3, 96, 96, 94.5, 95.5)));
    assertEquals(95, fill.price(), TOLERANCE);
    assertEquals(t(3), fill.time());
  }

  @Test
  void aMarketOrderFillsAtTheOpenOfTheFirstBarStartingAtOrAfterItsArrival() {
    SimulatedExchange ex = delayed(2 * MINUTE);
    ex.onBar(bar("BTC", 0, 100, 101, 99, 100));
    assertTrue(ex.submit(OrderRequest.market("m", "BTC", Side.BUY, 1, t(0)), t(0)).isEmpty());
    assertTrue(ex.onBar(bar("BTC", 1, 110, 111, 109, 110)).isEmpty());

    List<ExecutionReport> reports = ex.onBar(bar("BTC", 2, 120, 121, 119, 120));

    assertEquals(2, reports.size(), reports::toString);
    assertEquals(t(2), assertInstanceOf(Ack.class, reports.get(0)).time(), "arriving exactly at the bar's start, it is live for the bar");
    assertEquals(120, assertInstanceOf(Fill.class, reports.get(1)).price(), TOLERANCE);
  }

  @Test
  void inCloseModeAMarketOrderInFlightMissesTheCloseItWasDecidedOn() {
    SimulatedExchange now = exchange(frictionless().withFillMode(FillMode.CLOSE));
    SimulatedExchange late = exchange(frictionless().withFillMode(FillMode.CLOSE).withLatency(new LatencyModel.Fixed(250)));
    for (SimulatedExchange ex : List.of(now, late)) ex.onBar(bar("BTC", 0, 100, 101, 99, 100.5));

    List<ExecutionReport> atOnce = now.submit(OrderRequest.market("m", "BTC", Side.BUY, 1, t(0)), t(0));
    assertEquals(100.5, assertInstanceOf(Fill.class, atOnce.get(1)).price(), TOLERANCE);

    assertTrue(late.submit(OrderRequest.market("m", "BTC", Side.BUY, 1, t(0)), t(0)).isEmpty());
    List<ExecutionReport> reports = late.onBar(bar("BTC", 1, 102, 103, 101, 102));
    assertEquals(250, assertInstanceOf(Ack.class, reports.get(0)).time());
    assertEquals(102, assertInstanceOf(Fill.class, reports.get(1)).price(), TOLERANCE, "the next bar's open, the first price after arrival");
  }

  @Test
  void aCancelInFlightLosesTheRaceToAFill() {
    SimulatedExchange ex = delayed(90_000);
    ex.onBar(bar("BTC", 0, 100, 101, 99, 100));
    ex.submit(OrderRequest.limit("a", "BTC", Side.BUY, 1, 95, t(0)), t(0)); // arrives at 1.5 bars
    assertTrue(ex.onBar(bar("BTC", 1, 100, 101, 99, 100)).isEmpty());
    assertTrue(ex.cancel("a", t(1), "stale").isEmpty()); // sent at bar 1, arrives at 2.5 bars

    List<ExecutionReport> filled = ex.onBar(bar("BTC", 2, 97, 98, 94, 96));
    assertInstanceOf(Ack.class, filled.get(0));
    assertEquals(95, assertInstanceOf(Fill.class, filled.get(1)).price(), TOLERANCE);
    assertEquals(1, ex.netPosition("BTC"), TOLERANCE);

    Rejected late = only(Rejected.class, ex.onBar(bar("BTC", 3, 96, 97, 95, 96)));
    assertEquals("order_not_working", late.reason());
    assertEquals(150_000, late.time(), "the venue answers when the cancel arrives");
    assertEquals(0, ex.messagesInFlight());
  }

  @Test
  void aCancelThatArrivesBeforeTheBarCancelsTheOrder() {
    SimulatedExchange ex = delayed(20_000);
    ex.onBar(bar("BTC", 0, 100, 101, 99, 100));
    ex.submit(OrderRequest.limit("a", "BTC", Side.BUY, 1, 95, t(0)), t(0));
    only(Ack.class, ex.onBar(bar("BTC", 1, 100, 101, 99, 100)));
    ex.cancel("a", t(1), "stale");

    Canceled canceled = only(Canceled.class, ex.onBar(bar("BTC", 2, 97, 98, 94, 96)));
    assertEquals(t(1) + 20_000, canceled.time());
    assertEquals("stale", canceled.reason());
    assertEquals(0, ex.netPosition("BTC"), TOLERANCE);
  }

  @Test
  void aModifyInFlightLeavesTheBarsBeforeItsArrivalToTheOldPrice() {
    SimulatedExchange ex = delayed(90_000);
    ex.onBar(bar("BTC", 0, 100, 101, 99, 100));
    ex.submit(OrderRequest.limit("a", "BTC", Side.BUY, 1, 95, t(0)), t(0));
    ex.onBar(bar("BTC", 1, 100, 101, 99, 100));
    only(Ack.class, ex.onBar(bar("BTC", 2, 100, 101, 99, 100)));
    ex.modify("a", Double.NaN, 98, Double.NaN, t(2)); // arrives at 3.5 bars

    assertTrue(ex.onBar(bar("BTC", 3, 99, 99.5, 97, 98)).isEmpty(), "still at 95 on this bar");
    List<ExecutionReport> reports = ex.onBar(bar("BTC", 4, 99, 99.5, 97, 98));
    assertEquals(98, assertInstanceOf(Modified.class, reports.get(0)).limitPrice(), TOLERANCE);
    assertEquals(98, assertInstanceOf(Fill.class, reports.get(1)).price(), TOLERANCE);
  }

  @Test
  void messagesArriveInTheOrderTheyWereSent() {
    // A random latency may draw a shorter delay for the cancel than for its order: it still arrives after it.
    for (long seed = 1; seed <= 40; seed++) {
      SimulatedExchange ex = exchange(frictionless().withLatency(new LatencyModel.Uniform(0, 50_000, seed)));
      ex.onBar(bar("BTC", 0, 100, 101, 99, 100));
      List<ExecutionReport> reports = new ArrayList<>();
      reports.addAll(ex.submit(OrderRequest.limit("a", "BTC", Side.BUY, 1, 95, t(0)), t(0)));
      reports.addAll(ex.cancel("a", t(0), "changed my mind"));
      reports.addAll(ex.onBar(bar("BTC", 1, 100, 101, 90, 100)));
      assertEquals(2, reports.size(), "seed " + seed + ": " + reports);
      assertInstanceOf(Ack.class, reports.get(0));
      assertInstanceOf(Canceled.class, reports.get(1));
      assertTrue(reports.get(0).time() <= reports.get(1).time());
    }
  }

  @Test
  void anOrderRejectedOnArrivalIsRejectedAtItsArrivalTime() {
    SimulatedExchange ex = delayed(1_000);
    ex.onBar(bar("BTC", 0, 100, 101, 99, 100));
    assertTrue(ex.submit(OrderRequest.market("x", "XRP", Side.BUY, 1, t(0)), t(0)).isEmpty());
    Rejected r = only(Rejected.class, ex.onBar(bar("BTC", 1, 100, 101, 99, 100)));
    assertEquals("unknown_symbol", r.reason());
    assertEquals(1_000, r.time());
  }

  // ---- whole runs on recorded bars ----

  @Test
  void seededRandomLatencyRepeatsWithItsSeedAndChangesWithAnother() {
    List<Bar> bars = bars(6_000);
    SimulatedExchangeSettings base = SimulatedExchangeSettings.defaults();
    List<ExecutionReport> a = script(new SimulatedExchange(base.withLatency(new LatencyModel.Exponential(45_000, 7)), SimTestSupport.instruments()), bars);
    List<ExecutionReport> b = script(new SimulatedExchange(base.withLatency(new LatencyModel.Exponential(45_000, 7)), SimTestSupport.instruments()), bars);
    List<ExecutionReport> c = script(new SimulatedExchange(base.withLatency(new LatencyModel.Exponential(45_000, 8)), SimTestSupport.instruments()), bars);
    List<ExecutionReport> none = script(new SimulatedExchange(base, SimTestSupport.instruments()), bars);

    assertTrue(a.stream().filter(r -> r instanceof Fill).count() > 100, "the script trades");
    assertEquals(a, b);
    assertNotEquals(a, c);
    assertNotEquals(a, none);
  }

  @Test
  void zeroLatencyMatchesTheEngineWithoutALatencyModelOnRecordedBars() {
    List<Bar> bars = bars(Integer.MAX_VALUE);
    for (FillMode mode : FillMode.values()) {
      SimulatedExchangeSettings base = SimulatedExchangeSettings.defaults().withFillMode(mode);
      List<ExecutionReport> without = script(new SimulatedExchange(base, SimTestSupport.instruments()), bars);
      // Fixed(0) takes the engine's direct path; uniform on [0, 0] goes through the in-flight queue with no delay.
      List<ExecutionReport> fixedZero = script(new SimulatedExchange(base.withLatency(new LatencyModel.Fixed(0)), SimTestSupport.instruments()), bars);
      List<ExecutionReport> queuedZero =
          script(new SimulatedExchange(base.withLatency(new LatencyModel.Uniform(0, 0, 3)), SimTestSupport.instruments()), bars);
      assertTrue(without.size() > 1_000, mode + ": the script trades");
      assertEquals(without, fixedZero, mode.toString());
      assertEquals(without, queuedZero, mode.toString());
    }
  }

  @Test
  void messagesInFlightSurviveACheckpoint() {
    List<Bar> bars = bars(3_000);
    SimulatedExchangeSettings settings = SimulatedExchangeSettings.defaults().withLatency(new LatencyModel.Uniform(30_000, 150_000, 11));
    SimulatedExchange straight = new SimulatedExchange(settings, SimTestSupport.instruments());
    List<ExecutionReport> expected = script(straight, bars);

    SimulatedExchange first = new SimulatedExchange(settings, SimTestSupport.instruments());
    List<ExecutionReport> actual = new ArrayList<>(script(first, bars.subList(0, 1_501), 0));
    assertTrue(first.messagesInFlight() > 0, "the cut falls while messages are in flight");
    SimulatedExchange restored = StateCodec.decode(StateCodec.encode(first), SimulatedExchange.class);
    actual.addAll(script(restored, bars.subList(1_501, bars.size()), 1_501));

    assertEquals(expected, actual);
  }

  // ---- parsing ----

  @Test
  void specsParseToTheirModels() {
    assertEquals(LatencyModel.NONE, LatencyModel.parse("0", 1));
    assertEquals(new LatencyModel.Fixed(250), LatencyModel.parse("250ms", 1));
    assertEquals(new LatencyModel.Fixed(2_000), LatencyModel.parse("2s", 1));
    assertEquals(new LatencyModel.Fixed(1_500), LatencyModel.parse("1.5s", 1));
    assertEquals(new LatencyModel.Fixed(60_000), LatencyModel.parse("1m", 1));
    assertEquals(new LatencyModel.Uniform(100, 500, 9), LatencyModel.parse("uniform:100ms,500ms", 9));
    assertEquals(new LatencyModel.Exponential(250, 9), LatencyModel.parse("exponential:250ms", 9));
    assertEquals("uniform:100ms,500ms", LatencyModel.parse("uniform:100ms,500ms", 9).spec());
    assertTrue(LatencyModel.parse("0ms", 1).isZero());
    assertFalse(LatencyModel.parse("uniform:0,0", 1).isZero());
  }

  @Test
  void badSpecsAreRefusedSayingWhy() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> LatencyModel.parse("-5ms", 1)).getMessage().contains(">= 0"));
    assertThrows(IllegalArgumentException.class, () -> LatencyModel.parse("abc", 1));
    assertThrows(IllegalArgumentException.class, () -> LatencyModel.parse("0.5ms", 1));
    assertThrows(IllegalArgumentException.class, () -> LatencyModel.parse("uniform:500ms,100ms", 1));
    assertThrows(IllegalArgumentException.class, () -> LatencyModel.parse("uniform:100ms", 1));
    assertThrows(IllegalArgumentException.class, () -> LatencyModel.parse("exponential:0", 1));
    assertThrows(IllegalArgumentException.class, () -> LatencyModel.parse("gamma:5ms", 1));
    assertThrows(IllegalArgumentException.class, () -> LatencyModel.parse("", 1));
  }

  @Test
  void randomDrawsHaveTheirDistribution() {
    LatencyModel.Uniform uniform = new LatencyModel.Uniform(100, 104, 5);
    int[] counts = new int[5];
    for (long i = 0; i < 50_000; i++) counts[(int) (uniform.latencyMillis(i) - 100)]++;
    for (int c : counts) assertEquals(10_000, c, 500);

    LatencyModel.Exponential exponential = new LatencyModel.Exponential(250, 5);
    double sum = 0;
    for (long i = 0; i < 50_000; i++) sum += exponential.latencyMillis(i);
    assertEquals(250, sum / 50_000, 5);
    assertEquals(exponential.latencyMillis(17), new LatencyModel.Exponential(250, 5).latencyMillis(17));
  }

  // ---- helpers ----

  private static List<Bar> recorded;

  /** The first {@code limit} bars of the bundled BTC 1m file (read once). */
  static synchronized List<Bar> bars(int limit) {
    if (recorded == null) {
      List<Bar> all = new ArrayList<>();
      BarFiles.forEach(BTC_1M, "BTC", ReadOptions.DEFAULT, all::add);
      recorded = List.copyOf(all);
    }
    return recorded.subList(0, Math.min(limit, recorded.size()));
  }

  private static List<ExecutionReport> script(SimulatedExchange ex, List<Bar> bars) {
    return script(ex, bars, 0);
  }

  /**
   * A fixed order flow over the bars, numbered from {@code first}: every few bars a market order, a resting limit, a
   * stop, a post-only limit and an IOC limit; cancels and modifies of earlier orders. Returns every report in order.
   */
  private static List<ExecutionReport> script(SimulatedExchange ex, List<Bar> bars, int first) {
    List<ExecutionReport> reports = new ArrayList<>();
    for (int k = 0; k < bars.size(); k++) {
      int i = first + k;
      Bar bar = bars.get(k);
      long now = bar.time();
      reports.addAll(ex.onBar(bar));
      double c = bar.close();
      Side side = (i / 7) % 2 == 0 ? Side.BUY : Side.SELL;
      int sign = side == Side.BUY ? 1 : -1;
      if (i % 7 == 0) reports.addAll(ex.submit(OrderRequest.market("m" + i, "BTC", side, 0.01, now), now));
      if (i % 5 == 0) reports.addAll(ex.submit(OrderRequest.limit("l" + i, "BTC", side, 0.02, c * (1 - sign * 0.0008), now), now));
      if (i % 11 == 0) reports.addAll(ex.submit(OrderRequest.stop("s" + i, "BTC", side, 0.01, c * (1 + sign * 0.001), now), now));
      if (i % 13 == 0) {
        reports.addAll(ex.submit(OrderRequest.limit("p" + i, "BTC", side, 0.01, c * (1 - sign * 0.0002), now).withPostOnly(true), now));
      }
      if (i % 17 == 0) {
        reports.addAll(ex.submit(OrderRequest.limit("i" + i, "BTC", side, 0.01, c, now).withTimeInForce(TimeInForce.IOC), now));
      }
      if (i % 5 == 3 && i >= 3) reports.addAll(ex.cancel("l" + (i - 3), now, "stale"));
      if (i % 11 == 4 && i >= 4) reports.addAll(ex.modify("s" + (i - 4), Double.NaN, Double.NaN, c * (1 + sign * 0.0005), now));
    }
    return reports;
  }
}
