package io.troupe.app.paper;

import io.troupe.app.paper.PaperEvent.StepCompleted;
import io.troupe.model.AccountSnapshot;
import io.troupe.model.AttributedFill;
import io.troupe.model.EquityPoint;
import io.troupe.model.Instrument;
import io.troupe.model.OrderRecord;
import io.troupe.model.RoundTrip;
import io.troupe.position.Portfolio;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A paper session's whole history rebuilt from its journal, for the files written at its end: the agents keep only a
 * window of it ({@code troupe.paper.history-window}), so a session that never ends holds a bounded amount in memory.
 * Fed every completed step in order, it gives what the position monitor and the order manager would have kept whole:
 * <ul>
 *   <li>the equity curve: each step's journaled account (marked at the step's closes, as the position monitor marks
 *       it), with the drawdown from the running peak, computed as the position monitor computes it;
 *   <li>the closed trades: every journaled fill applied in order to a {@link Portfolio}, as the position monitor
 *       applies them (a trade follows from the fills alone);
 *   <li>every order as it last stood: each step records the orders that changed in it, as they stood at its close;
 *       an order first appears in the step that created it, so the first-seen order is the order of creation.
 * </ul>
 * A step journaled by version 1 has no account and no orders: the runner replays such steps (their checkpoint is
 * another build's), and passes what the replay gave instead.
 */
final class SessionHistory {

  private final Portfolio portfolio;
  private final List<EquityPoint> equity = new ArrayList<>();
  private final List<RoundTrip> trades = new ArrayList<>();
  private final Map<String, OrderRecord> orders = new LinkedHashMap<>();
  private double peak;
  private long steps;

  SessionHistory(double initialCash, Map<String, Instrument> instruments) {
    this.portfolio = new Portfolio(initialCash, instruments);
    this.peak = initialCash;
  }

  /**
   * The next completed step. {@code replayed}: what replaying it gave, for a step journaled without its account and
   * orders; null otherwise.
   */
  void add(StepCompleted step, Replayed replayed) {
    if (step.step() != steps + 1) throw new IllegalStateException("journal: step " + step.step() + " follows step " + steps);
    steps = step.step();
    for (AttributedFill af : step.fills()) trades.addAll(portfolio.apply(af.fill(), af.reason(), af.specialist()));
    double cash;
    double value;
    double exposure;
    List<OrderRecord> changed;
    if (step.account() != null) {
      cash = step.account().cash();
      value = step.account().equity();
      exposure = step.account().exposure();
      changed = step.orders();
    } else {
      if (replayed == null) throw new IllegalStateException("journal: step " + step.step() + " has no account, and it was not replayed");
      cash = replayed.account().cash();
      value = replayed.account().equity();
      exposure = replayed.account().exposure();
      changed = replayed.orders();
    }
    peak = Math.max(peak, value);
    equity.add(new EquityPoint(step.time(), value, cash, peak > 0 ? 1 - value / peak : 0, exposure));
    for (OrderRecord o : changed) orders.put(o.orderId(), o);
  }

  /** What the replay of a step gave: its account at the closes and the orders that changed in it. */
  record Replayed(AccountSnapshot account, List<OrderRecord> orders) {}

  long steps() {
    return steps;
  }

  List<EquityPoint> equity() {
    return equity;
  }

  List<RoundTrip> trades() {
    return trades;
  }

  List<OrderRecord> orders() {
    return new ArrayList<>(orders.values());
  }

  double fees() {
    return portfolio.fees();
  }
}
