package io.troupe.position;

import io.troupe.market.Bar;
import io.troupe.model.AccountSnapshot;
import io.troupe.model.AttributedFill;
import io.troupe.model.BracketRequest;
import io.troupe.model.EquityPoint;
import io.troupe.model.OrderIntent;
import io.troupe.model.RoundTrip;
import io.troupe.persistence.CborSerializable;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;

/** The position monitor's protocol: fills in; positions, P&L and the exits the position rules want out. */
public sealed interface PositionCommand extends CborSerializable {

  /** The step's fills, then marks at the bars' closes, the equity point and the exits due. Answered by {@link Marked}. */
  record Mark(long time, List<Bar> bars, List<AttributedFill> fills, ActorRef<Marked> replyTo) implements PositionCommand {}

  /**
   * The account marked at the step's closes, the trades the fills closed (fills outside a step included), the exits
   * and new brackets the position rules want, and each open position's stop.
   */
  record Marked(AccountSnapshot account, List<RoundTrip> closed, List<OrderIntent> exits, List<BracketRequest> brackets, Map<String, Double> stops) implements CborSerializable, io.troupe.model.StepMessage {}

  /**
   * Several quiet steps marked in one message, in order, as one {@link Mark} each with no fills: the coordinator sends
   * it for steps in which nothing can fill or exit (see {@code StepCoordinator}). Answered by {@link MarkedRun}.
   */
  record MarkRun(List<List<Bar>> steps, ActorRef<MarkedRun> replyTo) implements PositionCommand {}

  /** Each step's {@link Marked} of a {@link MarkRun}, in its order. */
  record MarkedRun(List<Marked> marks) implements CborSerializable, io.troupe.model.StepMessage {}

  /** Fills settled after the step's marks (an order filled on arrival at the venue); no answer. */
  record ApplyFills(long time, List<AttributedFill> fills) implements PositionCommand {}

  record GetResults(ActorRef<PositionResults> replyTo) implements PositionCommand {}

  record PositionResults(List<EquityPoint> equity, List<RoundTrip> trades, AccountSnapshot account, double fees)
      implements CborSerializable {}

  /** Checkpoint: reply with this agent's state (sent only between steps, while the node is idle). */
  record CaptureState(ActorRef<io.troupe.checkpoint.AgentState> replyTo) implements PositionCommand {}
}
