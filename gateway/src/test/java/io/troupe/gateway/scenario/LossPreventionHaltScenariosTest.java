package io.troupe.gateway.scenario;

import static io.troupe.gateway.scenario.Scenario.BTC;
import static io.troupe.gateway.scenario.Scenario.MIN;
import static io.troupe.gateway.scenario.Scenario.T0;
import static io.troupe.gateway.scenario.Scenario.bar;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.desk.PositionSizing;
import io.troupe.exit.ExitSettings;
import io.troupe.node.NodeCommand.StepAck;
import io.troupe.model.OrderRecord;
import io.troupe.model.RoundTrip;
import io.troupe.risk.BreakerSettings;
import io.troupe.risk.RiskCommand;
import io.troupe.risk.RiskCommand.TradingStateChanged;
import io.troupe.risk.RiskLimits;
import io.troupe.model.TradingState;
import io.troupe.risk.VetoRecord;
import io.troupe.strategy.Direction;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Loss prevention by the trading state, through the real actors and the real simulated exchange: breakers and
 * operators halt (working orders cancelled, positions flattened), REDUCING admits only shrinking orders, and a halt
 * lifts only when its rule says so.
 *
 * <p>While HALTED, the desks stop asking for orders (they are subscribers), so the risk supervisor records a
 * {@code halted} veto only for an intent already on its way when the halt began: a signal on the very bar that trips a
 * breaker. Later signals never become orders at all.
 */
class LossPreventionHaltScenariosTest {

  private static final ActorTestKit kit = Scenario.testKit();
  private static final double EPS = 1e-9;
  private static final String ENTRY = "O0000001";
  private static final long DAY = 86_400_000L;

  @AfterAll
  static void shutdown() {
    kit.shutdownTestKit();
  }

  /** Stop and target 30% away (resting, never reached), no bar-close exit rules: only the halt moves the position. */
  private static ExitSettings wideBracket() {
    return new ExitSettings(0.30, 0.30, "percent", 0, 0, 0.40, List.of(), 0, 0, Map.of(), 0);
  }

  private static List<String> vetoReasons(Scenario sc) {
    return sc.report().vetoes().stream().map(VetoRecord::reason).toList();
  }

  private static List<String> orderIds(Scenario sc) {
    return sc.orders().stream().map(OrderRecord::orderId).toList();
  }

  @Test
  void aDrawdownBreachHaltsCancelsWorkingOrdersFlattensAndVetoesTheNextSignal() {
    Scenario.Setup setup = new Scenario.Setup();
    setup.sizing = PositionSizing.fractionOfEquity(0.09);
    setup.breakers = new BreakerSettings(0, 0, 0.01, 0, 0, 0, List.of()); // only the 1% drawdown breaker
    setup.exits = wideBracket();
    long breach = T0 + 3 * MIN;
    ScriptedSignals dip = new ScriptedSignals("dip")
        .at(T0 + MIN, Direction.LONG)
        .at(breach, Direction.LONG) // buys the dip on the breaching bar itself
        .at(T0 + 5 * MIN, Direction.LONG);
    Scenario sc = new Scenario(kit, setup, dip);
    TestProbe<TradingStateChanged> first = sc.subscribe();
    TestProbe<TradingStateChanged> second = sc.subscribe();

    sc.step(bar(T0, 100));
    sc.step(bar(T0 + MIN, 100));
    assertEquals(9, sc.step(bar(T0 + 2 * MIN, 100)).account().quantity(BTC), EPS);
    assertEquals(List.of(ENTRY + "-sl", ENTRY + "-tp"), sc.workingAtVenue());

    // Closes at 80: 9 x 20 = 180 lost, 1.8% below the peak of 10,000.
    sc.step(bar(breach, 100, 100.1, 79, 80));

    for (TestProbe<TradingStateChanged> p : List.of(first, second)) {
      TradingStateChanged c = p.receiveMessage();
      assertEquals(TradingState.HALTED, c.state());
      assertEquals("drawdown", c.reason());
    }
    RiskCommand.RiskReport report = sc.report();
    assertEquals(TradingState.HALTED, report.state());
    assertEquals(Map.of("halted", 1), report.vetoesByReason());
    assertEquals(breach, report.vetoes().get(0).time());
    // The bracket's legs are cancelled, and a market order flattens the position.
    for (String leg : List.of(ENTRY + "-sl", ENTRY + "-tp")) {
      OrderRecord r = sc.order(leg);
      assertEquals("CANCELED", r.status(), leg);
      assertTrue(r.reason().endsWith("halt: drawdown"), r.reason());
    }
    assertEquals(List.of("O0000002"), sc.workingAtVenue());
    assertEquals("halt_flatten", sc.order("O0000002").reason());
    sc.assertVenueAndBookAgree();

    StepAck flattened = sc.step(bar(T0 + 4 * MIN, 80));
    assertEquals(0, flattened.account().quantity(BTC), EPS);
    RoundTrip t = sc.trades().get(0);
    assertEquals("halt_flatten", t.exitReason());
    assertEquals(80, t.exitPrice(), EPS);

    // Still halted: a later signal never becomes an order.
    sc.step(bar(T0 + 5 * MIN, 80));
    sc.step(bar(T0 + 6 * MIN, 80));
    assertEquals(List.of(T0 + MIN, breach, T0 + 5 * MIN), dip.signalled);
    assertEquals(List.of(ENTRY, ENTRY + "-sl", ENTRY + "-tp", "O0000002"), orderIds(sc), "no order after the halt but the flatten");
    assertEquals(TradingState.HALTED, sc.report().state());
    assertEquals(0, sc.position(), EPS);
    assertEquals(List.of(), sc.workingAtVenue());
    sc.assertVenueAndBookAgree();
  }

  @Test
  void reducingRefusesAFlipToShortButAllowsTheLongToShrink() {
    Scenario.Setup setup = new Scenario.Setup();
    setup.sizing = new PositionSizing(0, 0.05, true); // SHORT signals may open shorts
    setup.exits = wideBracket();
    long flip = T0 + 3 * MIN;
    long shrink = T0 + 4 * MIN;
    Scenario sc = new Scenario(kit, setup, new ScriptedSignals("swing")
        .at(T0 + MIN, Direction.LONG).at(flip, Direction.SHORT).at(shrink, Direction.FLAT));
    TestProbe<TradingStateChanged> watcher = sc.subscribe();
    sc.step(bar(T0, 100));
    sc.step(bar(T0 + MIN, 100));
    assertEquals(5, sc.step(bar(T0 + 2 * MIN, 100)).account().quantity(BTC), EPS);

    sc.agents.risk().tell(new RiskCommand.SetReducing("operator: reduce risk"));
    TradingStateChanged c = watcher.receiveMessage();
    assertEquals(TradingState.REDUCING, c.state());
    assertEquals("operator_reducing", c.reason());

    sc.step(bar(flip, 100)); // SHORT would flip 5 long into 5 short
    assertEquals(Map.of("reducing_only", 1), sc.report().vetoesByReason());
    assertEquals(flip, sc.report().vetoes().get(0).time());
    assertEquals(List.of(ENTRY, ENTRY + "-sl", ENTRY + "-tp"), orderIds(sc), "the flip never reaches the order manager");
    assertEquals(5, sc.step(bar(shrink, 100)).account().quantity(BTC), EPS); // FLAT decided: shrinks to zero

    OrderRecord exit = sc.order("O0000002");
    assertEquals("signal_exit", exit.reason());
    StepAck after = sc.step(bar(T0 + 5 * MIN, 100));
    assertEquals(0, after.account().quantity(BTC), EPS, "the shrinking order passed and filled");
    assertEquals("FILLED", sc.order("O0000002").status());
    assertEquals("signal_exit", sc.trades().get(0).exitReason());
    assertEquals(Map.of("reducing_only", 1), sc.report().vetoesByReason());
    assertEquals(TradingState.REDUCING, sc.report().state());
    sc.step(bar(T0 + 6 * MIN, 100));
    sc.assertVenueAndBookAgree();
    assertEquals(List.of(), sc.workingAtVenue());
  }

  @Test
  void aHaltedAccountStaysHaltedUntilAnOperatorResumesIt() {
    long day2 = T0 + DAY;
    ScriptedSignals s = new ScriptedSignals("eager")
        .at(T0 + MIN, Direction.LONG).at(T0 + 2 * MIN, Direction.LONG)
        .at(day2, Direction.LONG).at(day2 + MIN, Direction.LONG) // a new UTC day does not lift an operator halt
        .at(day2 + 2 * MIN, Direction.LONG);
    Scenario sc = new Scenario(kit, new Scenario.Setup(), s);
    TestProbe<TradingStateChanged> watcher = sc.subscribe();
    sc.step(bar(T0, 100));
    sc.agents.risk().tell(new RiskCommand.Halt("operator: news pending", false));
    assertEquals(TradingState.HALTED, watcher.receiveMessage().state());

    for (long t : List.of(T0 + MIN, T0 + 2 * MIN, day2, day2 + MIN)) {
      sc.step(bar(t, 100));
      assertEquals(TradingState.HALTED, sc.report().state(), "still halted at " + t);
    }
    assertEquals(List.of(T0 + MIN, T0 + 2 * MIN, day2, day2 + MIN), s.signalled);
    assertEquals(List.of(), sc.orders(), "no signal became an order while halted");
    assertEquals(0, sc.position(), EPS);
    assertNoStateChangeSince(sc, watcher);

    sc.agents.risk().tell(new RiskCommand.Resume("operator"));
    assertEquals(TradingState.ACTIVE, watcher.receiveMessage().state());
    sc.step(bar(day2 + 2 * MIN, 100)); // the next signal trades
    StepAck filled = sc.step(bar(day2 + 3 * MIN, 100));

    OrderRecord entry = sc.order(ENTRY);
    assertEquals(day2 + 2 * MIN, entry.createdAt());
    assertEquals("FILLED", entry.status());
    assertEquals(5, filled.account().quantity(BTC), EPS);
    assertTrue(sc.report().vetoesByReason().isEmpty(), sc.report().vetoesByReason().toString());
  }

  @Test
  void aDailyLossOfFivePercentHaltsUntilTheNextUtcDayThenTradingResumesByItself() {
    Scenario.Setup setup = new Scenario.Setup();
    setup.limits = new RiskLimits(0.6, 0.002); // room for a position of half the equity
    setup.sizing = PositionSizing.fractionOfEquity(0.5);
    setup.breakers = new BreakerSettings(0.05, 0, 0, 0, 0, 0, List.of()); // only the 5% daily-loss breaker
    setup.exits = wideBracket();
    long evening = T0 + 23 * 60 * MIN + 50 * MIN; // 23:50 UTC
    long midnight = T0 + DAY;
    ScriptedSignals s = new ScriptedSignals("late")
        .at(evening + MIN, Direction.LONG)
        .at(evening + 3 * MIN, Direction.LONG) // on the breaching bar
        .at(evening + 4 * MIN, Direction.LONG)
        .at(evening + 9 * MIN, Direction.LONG) // 23:59
        .at(midnight, Direction.LONG)
        .at(midnight + MIN, Direction.LONG);
    Scenario sc = new Scenario(kit, setup, s);
    TestProbe<TradingStateChanged> watcher = sc.subscribe();

    sc.step(bar(evening, 100));
    sc.step(bar(evening + MIN, 100));
    assertEquals(50, sc.step(bar(evening + 2 * MIN, 100)).account().quantity(BTC), EPS);
    // 50 x 12 = 600 lost: 6% below the day's start of 10,000.
    sc.step(bar(evening + 3 * MIN, 100, 100.1, 87.9, 88));
    TradingStateChanged halted = watcher.receiveMessage();
    assertEquals(TradingState.HALTED, halted.state());
    assertEquals("daily_loss", halted.reason());
    assertEquals(Map.of("halted", 1), sc.report().vetoesByReason());

    assertEquals(0, sc.step(bar(evening + 4 * MIN, 88)).account().quantity(BTC), EPS); // flattened at the open
    assertEquals("halt_flatten", sc.trades().get(0).exitReason());
    sc.step(bar(evening + 9 * MIN, 88));
    assertEquals(TradingState.HALTED, sc.report().state(), "halted for the rest of the UTC day");
    assertNoStateChangeSince(sc, watcher);

    sc.step(bar(midnight, 88));
    TradingStateChanged lifted = watcher.receiveMessage();
    assertEquals(TradingState.ACTIVE, lifted.state(), "lifted by the new UTC day, no operator involved");
    sc.step(bar(midnight + MIN, 88));
    sc.step(bar(midnight + 2 * MIN, 88));

    List<OrderRecord> newDay = sc.orders().stream().filter(o -> o.createdAt() >= midnight && o.reason().equals("signal_long")).toList();
    assertEquals(1, newDay.size(), newDay::toString);
    assertEquals("FILLED", newDay.get(0).status());
    assertTrue(sc.orders().stream().noneMatch(o -> o.createdAt() > evening + 3 * MIN && o.createdAt() < midnight),
        "no order between the breach and midnight");
    assertTrue(sc.position() > 0, "trading again on the new day");
    assertEquals(Map.of("halted", 1), sc.report().vetoesByReason());
    sc.assertVenueAndBookAgree();
  }

  @Test
  void theKillSwitchHaltsAtOnceAndFlattens() {
    Scenario.Setup setup = new Scenario.Setup();
    setup.exits = wideBracket();
    ScriptedSignals s = new ScriptedSignals("trend").at(T0 + MIN, Direction.LONG).at(T0 + 4 * MIN, Direction.LONG);
    Scenario sc = new Scenario(kit, setup, s);
    TestProbe<TradingStateChanged> watcher = sc.subscribe();
    sc.step(bar(T0, 100));
    sc.step(bar(T0 + MIN, 100));
    assertEquals(5, sc.step(bar(T0 + 2 * MIN, 100)).account().quantity(BTC), EPS);

    sc.agents.risk().tell(new RiskCommand.KillSwitch("operator: runaway"));
    TradingStateChanged c = watcher.receiveMessage(); // at once: before any further bar
    assertEquals(TradingState.HALTED, c.state());
    assertEquals("kill_switch", c.reason());

    sc.step(bar(T0 + 3 * MIN, 101)); // working orders cancelled, a market order flattens
    assertEquals("CANCELED", sc.order(ENTRY + "-sl").status());
    assertEquals("CANCELED", sc.order(ENTRY + "-tp").status());
    assertTrue(sc.order(ENTRY + "-sl").reason().endsWith("halt: kill_switch"), sc.order(ENTRY + "-sl").reason());
    assertEquals(List.of("O0000002"), sc.workingAtVenue());
    StepAck after = sc.step(bar(T0 + 4 * MIN, 102, 102.1, 101.9, 102));

    assertEquals(0, after.account().quantity(BTC), EPS);
    RoundTrip t = sc.trades().get(0);
    assertEquals("halt_flatten", t.exitReason());
    assertEquals(T0 + 4 * MIN, t.exitTime());
    assertEquals(102, t.exitPrice(), EPS);
    sc.step(bar(T0 + 5 * MIN, 102));
    assertEquals(TradingState.HALTED, sc.report().state());
    assertEquals("kill_switch", sc.report().stateReason());
    assertEquals(List.of(ENTRY, ENTRY + "-sl", ENTRY + "-tp", "O0000002"), orderIds(sc), "the signal at T0+4m never became an order");
    assertEquals(List.of(), sc.workingAtVenue());
    sc.assertVenueAndBookAgree();
  }

  /**
   * Nothing was told to the watcher since its last message: risk answers a new subscription at once with the current
   * state, and one sender's messages arrive in order, so the next message must be that answer.
   */
  private static void assertNoStateChangeSince(Scenario sc, TestProbe<TradingStateChanged> watcher) {
    TradingState now = sc.report().state();
    sc.agents.risk().tell(new RiskCommand.Subscribe(watcher.ref()));
    assertEquals(now, watcher.receiveMessage().state(), "the subscription's answer, not a state change");
  }
}
