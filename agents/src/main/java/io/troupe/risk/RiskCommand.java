package io.troupe.risk;

import io.troupe.model.OrderIntent;
import io.troupe.model.TradingState;
import io.troupe.model.BracketRequest;
import io.troupe.node.StepCompleted;
import io.troupe.persistence.CborSerializable;
import io.troupe.model.AccountSnapshot;
import io.troupe.model.RoundTrip;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;

/** The risk supervisor's protocol. It is the only way to the order manager. */
public sealed interface RiskCommand extends CborSerializable {

  /**
   * From the position monitor, once per step: the account marked at this step's closes, the orders still working,
   * the exits the position rules want, and the trades the step's fills closed.
   */
  record AccountStep(
      long time,
      List<String> symbols,
      List<io.troupe.market.Bar> bars,
      AccountSnapshot account,
      Map<String, Double> pending,
      Map<String, Double> stops,
      List<OrderIntent> exits,
      List<BracketRequest> brackets,
      List<RoundTrip> closed,
      ActorRef<StepCompleted> doneTo)
      implements RiskCommand {}

  /** From a desk, once per bar it received: its intent for this step, or {@code null} for none. */
  record DeskDecision(long time, String symbol, OrderIntent intent) implements RiskCommand {}

  /** Operator halt: no new entries; working orders cancelled; {@code flatten} closes every position at market. */
  record Halt(String reason, boolean flatten) implements RiskCommand {}

  /** The kill switch: halt at once and flatten everything. */
  record KillSwitch(String reason) implements RiskCommand {}

  /** From the order manager: entries cancelled because the market moved away, to decide again at the next step. */
  record Redecide(List<OrderIntent> intents) implements RiskCommand {}

  /** From the order manager: orders the venue refused. */
  record VenueRejected(List<io.troupe.model.VenueRejection> rejections) implements RiskCommand {}

  /** Only an operator lifts a halt. */
  record Resume(String operator) implements RiskCommand {}

  record SetReducing(String reason) implements RiskCommand {}

  /** Agents that must hear of every change of trading state (desks stop signalling while halted). */
  record Subscribe(ActorRef<TradingStateChanged> subscriber) implements RiskCommand {}

  record GetReport(ActorRef<RiskReport> replyTo) implements RiskCommand {}

  record TradingStateChanged(TradingState state, String reason) implements CborSerializable {}

  record RiskReport(
      TradingState state, String stateReason, Map<String, Integer> vetoesByReason, List<VetoRecord> vetoes, Map<String, Integer> rejectionsByReason,
      RiskBaselines baselines)
      implements CborSerializable {}

  /** Checkpoint: reply with this agent's state (sent only between steps, while the node is idle). */
  record CaptureState(org.apache.pekko.actor.typed.ActorRef<io.troupe.checkpoint.AgentState> replyTo) implements RiskCommand {}
}
