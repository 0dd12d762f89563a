package io.troupe.gateway.scenario;

import static io.troupe.gateway.scenario.Scenario.BTC;
import static io.troupe.gateway.scenario.Scenario.SEC;
import static io.troupe.gateway.scenario.Scenario.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.troupe.market.Bar;
import io.troupe.order.OrderLifecycleSettings;
import io.troupe.order.OrderManagerCommand;
import io.troupe.model.OrderRecord;
import io.troupe.strategy.Direction;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** An operator cancels or changes a working order through the order manager; the venue confirms it. */
class OperatorOrderScenariosTest {

  private static final ActorTestKit kit = Scenario.testKit();
  private static final long TEN_SEC = 10 * SEC;
  private static final String ENTRY = "O0000001";

  @AfterAll
  static void shutdown() {
    kit.shutdownTestKit();
  }

  /** A plain (not post-only) limit entry 1% under the market that nothing retires on its own. */
  private static Scenario restingLimit() {
    Scenario.Setup setup = new Scenario.Setup();
    setup.makerEntries = true;
    setup.orders = new OrderLifecycleSettings(0, 0, 1.0 / 100, false, 3_600_000);
    Scenario sc = new Scenario(kit, setup, new ScriptedSignals("limit").at(T0 + TEN_SEC, Direction.LONG));
    sc.step(flat(T0));
    sc.step(flat(T0 + TEN_SEC));
    sc.step(flat(T0 + 2 * TEN_SEC));
    assertEquals(List.of(ENTRY), sc.workingAtVenue());
    return sc;
  }

  private static Bar flat(long t) {
    return Scenario.bar(t, 100, 100.2, 99.8, 100);
  }

  @Test
  void anOperatorCancelsAWorkingOrder() {
    Scenario sc = restingLimit();
    sc.agents.orders().tell(new OrderManagerCommand.CancelOrder(ENTRY, "operator"));
    sc.step(flat(T0 + 3 * TEN_SEC));
    OrderRecord o = sc.order(ENTRY);
    assertEquals("CANCELED", o.status());
    assertEquals("signal_long: operator", o.reason());
    assertEquals(List.of(), sc.workingAtVenue());
    sc.assertVenueAndBookAgree();
  }

  @Test
  void anOperatorModifiesAWorkingOrderAndTheVenueFillsItAtItsNewPrice() {
    Scenario sc = restingLimit();
    double before = sc.order(ENTRY).limitPrice();
    sc.agents.orders().tell(new OrderManagerCommand.ModifyOrder(ENTRY, sc.order(ENTRY).quantity(), 99.9, Double.NaN));
    sc.step(flat(T0 + 3 * TEN_SEC));
    assertEquals(99.9, sc.order(ENTRY).limitPrice(), 1e-9, "was " + before);
    assertEquals("WORKING", sc.order(ENTRY).status());
    // The next bar trades down through 99.9: the modified limit fills there.
    sc.step(Scenario.bar(T0 + 4 * TEN_SEC, 100, 100.1, 99.85, 99.95));
    OrderRecord o = sc.order(ENTRY);
    assertEquals("FILLED", o.status());
    assertEquals(99.9, o.avgFillPrice(), 1e-9);
    assertEquals(o.quantity(), sc.position(), 1e-9);
    sc.assertVenueAndBookAgree();
  }
}
