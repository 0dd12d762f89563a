package io.troupe.risk;

import io.troupe.model.OrderIntent;
import io.troupe.model.TradingState;
import io.troupe.model.BracketRequest;
import io.troupe.model.ApprovedOrder;
import io.troupe.persistence.CborSerializable;
import io.troupe.model.AccountSnapshot;
import io.troupe.model.RoundTrip;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;

/** The risk supervisor's protocol. It is the only way to the order manager. */
public sealed interface RiskCommand extends CborSerializable {

  /**
   * Once per step, from the step coordinator: the account marked at this step's closes, the orders still working, the
   * exits the position rules want, new brackets, the trades the step's fills closed, and the desks' entry intents in
   * symbol order. Answered by {@link Decided}.
   */
  record Decide(
      long time,
      List<io.troupe.market.Bar> bars,
      AccountSnapshot account,
      Map<String, Double> pending,
      Map<String, Double> stops,
      List<OrderIntent> exits,
      List<BracketRequest> brackets,
      List<RoundTrip> closed,
      List<OrderIntent> entries,
      ActorRef<Decided> replyTo)
      implements RiskCommand {}

  /**
   * What goes to the order manager this step (approved orders, brackets, whether to cancel everything working), the
   * trading state after deciding, and the baselines and restrictions in force.
   */
  record Decided(List<ApprovedOrder> orders, List<BracketRequest> brackets, boolean cancelAll, String cancelReason, TradingState state,
      RiskBaselines baselines) implements CborSerializable, io.troupe.model.StepMessage {

    /** Nothing for the order manager. */
    public boolean isEmpty() {
      return orders.isEmpty() && brackets.isEmpty() && !cancelAll;
    }
  }

  /**
   * Several quiet steps decided in one message, in order, each as its {@link Decide} (whose own reply-to is unused):
   * answered by {@link DecidedRun}.
   */
  record DecideRun(List<Decide> steps, ActorRef<DecidedRun> replyTo) implements RiskCommand {}

  /** Each step's {@link Decided} of a {@link DecideRun}, in its order. */
  record DecidedRun(List<Decided> decisions) implements CborSerializable, io.troupe.model.StepMessage {}

  /** Operator halt: no new entries; working orders cancelled; {@code flatten} closes every position at market. */
  record Halt(String reason, boolean flatten) implements RiskCommand {}

  /**
   * From the step coordinator: the venue corrected or busted a trade (its compensating fills are applied). Halts new
   * entries (restriction {@code trade_correction}, {@code detail} naming the trades) until an operator resumes; working
   * entries are cancelled, the resting protection of open positions stays.
   */
  record TradeCorrected(String detail) implements RiskCommand {}

  /** The kill switch: halt at once and flatten everything. */
  record KillSwitch(String reason) implements RiskCommand {}

  /** From the step coordinator, after placement: entries cancelled because the market moved away, to decide again at the next step. */
  record Redecide(List<OrderIntent> intents) implements RiskCommand {}

  /** From the step coordinator: orders the venue refused. */
  record VenueRejected(List<io.troupe.model.VenueRejection> rejections) implements RiskCommand {}

  /** Only an operator lifts a halt. */
  record Resume(String operator) implements RiskCommand {}

  record SetReducing(String reason) implements RiskCommand {}

  /**
   * A live session compares the venue with its journal (RECONCILING, above every other state: nothing goes out);
   * {@code reason} says why. Lifted by {@link EndReconciling}, which gives back the state from before.
   */
  record BeginReconciling(String reason) implements RiskCommand {}

  record EndReconciling() implements RiskCommand {}

  /**
   * Operator: close the position in {@code symbol} (null: every position) at market with the next step, without
   * changing the trading state.
   */
  record Flatten(String symbol, String reason) implements RiskCommand {}

  /**
   * Operator: cancel every working order with the next step, except the resting stop and target of an open position
   * (the rule a halt follows); the trading state does not change.
   */
  record CancelAll(String reason) implements RiskCommand {}

  /** Agents that must hear of every change of trading state (desks stop signalling while halted). */
  record Subscribe(ActorRef<TradingStateChanged> subscriber) implements RiskCommand {}

  record GetReport(ActorRef<RiskReport> replyTo) implements RiskCommand {}

  record TradingStateChanged(TradingState state, String reason) implements CborSerializable, io.troupe.model.StepMessage {}

  record RiskReport(
      TradingState state, String stateReason, Map<String, Integer> vetoesByReason, List<VetoRecord> vetoes, Map<String, Integer> rejectionsByReason,
      RiskBaselines baselines, List<RestrictionLog.Span> restrictionHistory)
      implements CborSerializable {}

  /** Checkpoint: reply with this agent's state (sent only between steps, while the node is idle). */
  record CaptureState(org.apache.pekko.actor.typed.ActorRef<io.troupe.checkpoint.AgentState> replyTo) implements RiskCommand {}
}
