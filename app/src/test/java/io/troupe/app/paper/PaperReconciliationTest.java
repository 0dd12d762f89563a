package io.troupe.app.paper;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.troupe.model.Instrument;
import io.troupe.model.ExecutionReport.Fill;
import io.troupe.model.Liquidity;
import io.troupe.model.OrderRecord;
import io.troupe.model.OrderType;
import io.troupe.model.Side;
import io.troupe.model.AccountSnapshot;
import io.troupe.model.AttributedFill;
import io.troupe.model.Position;
import io.troupe.risk.RiskBaselines;
import io.troupe.risk.RiskCommand;
import io.troupe.model.TradingState;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reconciliation after a resume names every way the rebuilt venue and books disagree with each other and the journal. */
class PaperReconciliationTest {

  static OrderRecord order(String id, String status) {
    return new OrderRecord(id, "BTC", Side.SELL, OrderType.STOP, 1, Double.NaN, 90, status, 0, Double.NaN, 0, 0, "stop_loss");
  }

  static Position position(double quantity) {
    return new Position("BTC", quantity, 100, 0, 0, 0, "s", 100);
  }

  static AccountSnapshot account(double cash, double quantity) {
    return new AccountSnapshot(2, cash, cash + quantity * 100, 0, quantity * 100, Map.of("BTC", position(quantity)));
  }

  static final RiskBaselines BASELINES = new RiskBaselines(0, 1000, 0, 1000, 1000, List.of());

  static RiskCommand.RiskReport risk(TradingState state, RiskBaselines baselines) {
    return new RiskCommand.RiskReport(state, "", Map.of(), List.of(), Map.of(), baselines, List.of());
  }

  static final AttributedFill BUY_ONE = new AttributedFill(new Fill("o1", "f1", "BTC", 1, Side.BUY, 1, 100, 0.1, Liquidity.TAKER, 0), "entry", "s");

  /** The journal of two steps: one buys 1 BTC (order o1) and places the stop o2; the account then holds 899.9 cash. */
  static SessionJournal journal(TradingState state) {
    SessionJournal.Builder b = new SessionJournal.Builder()
        .apply(new PaperEvent.SessionStarted(1000, Map.of("BTC", Instrument.spot("BTC")), Map.of()))
        .apply(new PaperEvent.StepRecorded(1, 1, "d1"))
        .apply(new PaperEvent.StepCompleted(1, 1, List.of(), StepAccount.of(account(1000, 0)), List.of(order("o1", "NEW"))))
        .apply(new PaperEvent.StepRecorded(2, 2, "d2"));
    // Recorded while step 2 ran: the reconciliation compares the state as of the last completed step.
    if (state != null) b.apply(new PaperEvent.TradingStateRecorded(2, state, "test"));
    b.apply(new PaperEvent.StepCompleted(2, 2, List.of(BUY_ONE), StepAccount.of(account(899.9, 1)), List.of(order("o1", "FILLED"), order("o2", "WORKING"))));
    b.apply(new PaperEvent.RiskRecorded(2, 2, BASELINES));
    return b.view();
  }

  @Test
  void theJournalIsTheAccountItsEventsDescribe() {
    SessionJournal j = journal(null);
    assertEquals(Map.of("BTC", 1.0), j.positions());
    assertEquals(List.of("o2"), List.copyOf(j.working().keySet()));
    assertEquals(899.9, j.account().cash());
    assertEquals(1, j.fills());
    assertEquals(2, j.completed());
    assertEquals(BASELINES, j.risk());
  }

  @Test
  void agreementGivesNoDifferences() {
    assertEquals(List.of(), PaperReconciliation.differences(List.of("o2"), List.of(order("o1", "FILLED"), order("o2", "WORKING")),
        account(899.9, 1), risk(TradingState.ACTIVE, BASELINES), journal(TradingState.ACTIVE)));
  }

  @Test
  void everyDisagreementIsOneLine() {
    List<String> d = PaperReconciliation.differences(List.of("o3"), List.of(order("o4", "WORKING")), account(800, 2),
        risk(TradingState.HALTED, new RiskBaselines(0, 1000, 0, 1000, 1100, List.of())), journal(TradingState.ACTIVE));
    assertEquals(List.of(
        "order o3 works at the venue but not in the order manager's book",
        "order o4 works in the order manager's book but not at the venue",
        "order o2 works in the journal but not in the order manager's book",
        "order o4 works in the order manager's book but not in the journal",
        "cash: 800.0 at the position monitor, 899.9 in the journal",
        "position BTC: 2.0 held, 1.0 from the journaled fills",
        "risk baselines and restrictions: " + new RiskBaselines(0, 1000, 0, 1000, 1100, List.of()) + " at the risk supervisor, " + BASELINES
            + " in the journal",
        "trading state: HALTED at the risk supervisor, ACTIVE in the journal"), d);
  }
}
