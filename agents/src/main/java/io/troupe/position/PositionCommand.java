package io.troupe.position;

import io.troupe.model.AccountSnapshot;
import io.troupe.model.AttributedFill;
import io.troupe.model.EquityPoint;
import io.troupe.model.RoundTrip;
import io.troupe.market.Bar;
import io.troupe.node.StepCompleted;
import io.troupe.persistence.CborSerializable;
import io.troupe.risk.RiskCommand;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;

/** The position monitor's protocol: fills in, positions, P&L and exits out. */
public sealed interface PositionCommand extends CborSerializable {

  /** One step: the fills the venue reported on these bars, then the bars' closes to mark at. */
  record Step(long time, List<Bar> bars, List<AttributedFill> fills, Map<String, Double> pending, ActorRef<StepCompleted> doneTo)
      implements PositionCommand {}

  /** Fills that arrived outside a step (an order filled on submission). */
  record Fills(long time, List<AttributedFill> fills) implements PositionCommand {}

  /** Wiring, sent once by the node before the first step: where account updates go. */
  record Connect(ActorRef<RiskCommand> risk) implements PositionCommand {}

  record GetResults(ActorRef<PositionResults> replyTo) implements PositionCommand {}

  record PositionResults(List<EquityPoint> equity, List<RoundTrip> trades, AccountSnapshot account, double fees)
      implements CborSerializable {}

  /** Checkpoint: reply with this agent's state (sent only between steps, while the node is idle). */
  record CaptureState(org.apache.pekko.actor.typed.ActorRef<io.troupe.checkpoint.AgentState> replyTo) implements PositionCommand {}
}
