package io.troupe.gateway.scenario;

import static io.troupe.gateway.scenario.Scenario.BTC;
import static io.troupe.gateway.scenario.Scenario.MIN;
import static io.troupe.gateway.scenario.Scenario.T0;
import static io.troupe.gateway.scenario.Scenario.bar;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.exit.ExitSettings;
import io.troupe.exit.PartialStep;
import io.troupe.desk.PositionSizing;
import io.troupe.node.NodeCommand.StepAck;
import io.troupe.model.OrderRecord;
import io.troupe.model.OrderType;
import io.troupe.model.RoundTrip;
import io.troupe.strategy.Direction;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Loss prevention at the exits, through the real actors and the real simulated exchange: the bracket rests at the
 * venue and acts inside the bar; the bar-close rules (trailing stop, partial exits) go out at market. Every scenario
 * enters the same way: a LONG decided on the bar at T0+1m (close 100) fills at the open of the bar at T0+2m.
 */
class LossPreventionScenariosTest {

  private static final ActorTestKit kit = Scenario.testKit();
  private static final double EPS = 1e-9;
  /** The client id the order manager gives the first order of a node. */
  private static final String ENTRY = "O0000001";

  @AfterAll
  static void shutdown() {
    kit.shutdownTestKit();
  }

  /** Flat at 100, a LONG decided at T0+1m, filled at 100 at T0+2m; the bracket goes to the venue in that step. */
  private static Scenario enteredLongAt100(Scenario.Setup setup, double expectedQuantity) {
    Scenario sc = new Scenario(kit, setup, new ScriptedSignals("trend").at(T0 + MIN, Direction.LONG));
    sc.step(bar(T0, 100));
    sc.step(bar(T0 + MIN, 100));
    StepAck entered = sc.step(bar(T0 + 2 * MIN, 100));
    assertEquals(expectedQuantity, entered.account().quantity(BTC), EPS);
    assertEquals(100, sc.order(ENTRY).avgFillPrice(), EPS);
    return sc;
  }

  @Test
  void aFlashCrashThroughTheRestingStopExitsAtMarketOnTheCrashBarAtItsOpen() {
    Scenario sc = enteredLongAt100(new Scenario.Setup(), 5); // 5% of 10,000 at 100
    // The stop (0.5% below entry) and the target (1.5% above) rest at the venue before the crash.
    assertEquals(List.of(ENTRY + "-sl", ENTRY + "-tp"), sc.workingAtVenue());
    OrderRecord stop = sc.order(ENTRY + "-sl");
    assertEquals(OrderType.STOP, stop.type());
    assertEquals(99.5, stop.stopPrice(), 1e-6);
    assertEquals(T0 + 2 * MIN, stop.createdAt());

    // The crash bar opens at 90, far through the stop at 99.5.
    long crash = T0 + 3 * MIN;
    StepAck after = sc.step(bar(crash, 90, 91, 85, 88));

    assertEquals(0, after.account().quantity(BTC), EPS);
    List<RoundTrip> trades = sc.trades();
    assertEquals(1, trades.size(), trades::toString);
    RoundTrip t = trades.get(0);
    assertEquals("stop_loss", t.exitReason());
    assertEquals(crash, t.exitTime(), "the exit fills on the crash bar itself, not a bar later");
    assertEquals(90, t.exitPrice(), EPS, "a gap through the stop fills at the bar's open");
    assertEquals(5 * (90 - 100), t.pnl(), EPS);
    assertEquals("FILLED", sc.order(ENTRY + "-sl").status());
    // Its pair is cancelled in the same step, and nothing is left working anywhere.
    assertEquals("CANCELED", sc.order(ENTRY + "-tp").status());
    assertTrue(sc.order(ENTRY + "-tp").reason().endsWith("oco"), sc.order(ENTRY + "-tp").reason());
    assertEquals(List.of(), sc.workingAtVenue());
    sc.assertVenueAndBookAgree();
  }

  @Test
  void theBracketsTargetAndStopAreOneCancelsOtherAtTheVenue() {
    Scenario sc = enteredLongAt100(new Scenario.Setup(), 5);
    assertEquals(List.of(ENTRY + "-sl", ENTRY + "-tp"), sc.workingAtVenue());
    assertEquals(101.5, sc.order(ENTRY + "-tp").limitPrice(), 1e-6);

    // The bar reaches the target at 101.5 and never comes near the stop at 99.5.
    long up = T0 + 3 * MIN;
    sc.step(bar(up, 100.5, 102, 100.4, 101.8));

    RoundTrip t = sc.trades().get(0);
    assertEquals("take_profit", t.exitReason());
    assertEquals(up, t.exitTime());
    assertEquals(101.5, t.exitPrice(), 1e-6);
    OrderRecord stop = sc.order(ENTRY + "-sl");
    assertEquals("CANCELED", stop.status());
    assertEquals("stop_loss: oco", stop.reason());
    assertEquals(up, stop.updatedAt(), "cancelled in the step the target filled");
    assertEquals(List.of(), sc.workingAtVenue());

    // A later fall through the old stop finds nothing resting: no second exit, no short.
    sc.step(bar(T0 + 4 * MIN, 99, 99, 95, 96));
    assertEquals(1, sc.trades().size());
    assertEquals(0, sc.position(), EPS);
    sc.assertVenueAndBookAgree();
  }

  @Test
  void aTrailingStopLocksInProfitOnceThePriceGivesBackFortyPercentOfItsPeakGain() {
    Scenario.Setup setup = new Scenario.Setup();
    // Target off so the trailing rule acts; stop 5% away (resting, never reached); no partials, age or max-loss exits.
    setup.exits = new ExitSettings(0.05, 0, "percent", 0, 0.03, 0.40, List.of(), 0, 0, Map.of(), 0);
    Scenario sc = enteredLongAt100(setup, 5);

    sc.step(bar(T0 + 3 * MIN, 100, 104.1, 99.9, 104)); // +4% at the close: armed (arm at +3%), floor +2.4%
    sc.step(bar(T0 + 4 * MIN, 104, 104.1, 102.9, 103)); // +3%: gave back 25% of the gain, kept
    assertTrue(sc.trades().isEmpty());
    assertTrue(sc.orders().stream().noneMatch(o -> o.reason().startsWith("trailing_stop")), "no exit while the gain is kept");

    sc.step(bar(T0 + 5 * MIN, 103, 103.1, 101.9, 102)); // +2%: gave back 50% of the peak gain
    long exitBar = T0 + 6 * MIN;
    StepAck after = sc.step(bar(exitBar, 102, 102.1, 101.9, 102));

    assertEquals(0, after.account().quantity(BTC), EPS);
    RoundTrip t = sc.trades().get(0);
    assertEquals("trailing_stop", t.exitReason());
    assertEquals(exitBar, t.exitTime(), "at market at the next bar's open");
    assertEquals(102, t.exitPrice(), EPS);
    assertTrue(t.pnl() > 0, "profit locked in: " + t.pnl());
    assertEquals(5 * 2, t.pnl(), EPS);
    // The resting stop has nothing left to protect and is cancelled.
    assertEquals("CANCELED", sc.order(ENTRY + "-sl").status());
    sc.assertVenueAndBookAgree();
  }

  @Test
  void partialExitsScaleOutAThirdAtTwoPercentAnotherThirdAtFourAndTheRestAtSix() {
    Scenario.Setup setup = new Scenario.Setup();
    setup.sizing = new PositionSizing(9, 0, false); // 9 units: 900 at 100, under the 10% position cap
    setup.exits = new ExitSettings(0.05, 0, "percent", 0, 0, 0.40,
        List.of(new PartialStep(0.02, 0.33), new PartialStep(0.04, 0.33), new PartialStep(0.06, 1.0)), 0, 0, Map.of(), 0);
    Scenario sc = enteredLongAt100(setup, 9);

    sc.step(bar(T0 + 3 * MIN, 100, 102.6, 99.9, 102.5)); // +2.5%
    assertEquals(9 - 2.97, sc.step(bar(T0 + 4 * MIN, 102.5, 104.6, 102.4, 104.5)).account().quantity(BTC), EPS); // +4.5%
    assertEquals(9 - 2 * 2.97, sc.step(bar(T0 + 5 * MIN, 104.5, 106.6, 104.4, 106.5)).account().quantity(BTC), EPS); // +6.5%
    assertEquals(0, sc.step(bar(T0 + 6 * MIN, 106.5)).account().quantity(BTC), EPS);

    List<RoundTrip> trades = sc.trades();
    assertEquals(List.of("partial_1", "partial_2", "partial_3"), trades.stream().map(RoundTrip::exitReason).toList());
    assertEquals(List.of(T0 + 4 * MIN, T0 + 5 * MIN, T0 + 6 * MIN), trades.stream().map(RoundTrip::exitTime).toList());
    assertEquals(2.97, trades.get(0).quantity(), EPS);
    assertEquals(102.5, trades.get(0).exitPrice(), EPS);
    assertEquals(2.97, trades.get(1).quantity(), EPS);
    assertEquals(104.5, trades.get(1).exitPrice(), EPS);
    assertEquals(9 - 2 * 2.97, trades.get(2).quantity(), EPS);
    assertEquals(106.5, trades.get(2).exitPrice(), EPS);
    assertEquals("CANCELED", sc.order(ENTRY + "-sl").status());
    sc.assertVenueAndBookAgree();
  }
}
