package io.troupe.node;

import io.troupe.desk.DeskCommand;
import io.troupe.market.Bar;
import io.troupe.order.OrderManagerCommand;
import io.troupe.performance.PerformanceCommand;
import io.troupe.persistence.CborSerializable;
import io.troupe.model.AccountSnapshot;
import io.troupe.position.PositionCommand;
import io.troupe.risk.RiskCommand;
import io.troupe.venue.VenueCommand;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;

/** The node guardian's protocol: the market feed drives it one event-time step at a time. */
public sealed interface NodeCommand extends CborSerializable {

  /** All bars that start at {@code time} (one per symbol at most, sorted by symbol). Answered by {@link StepAck}. */
  record RunStep(long time, List<Bar> bars, ActorRef<StepAck> replyTo) implements NodeCommand {}

  /**
   * The step ended: the account at its close, the fills it applied, the orders that changed in it, and risk's baselines
   * (empty or null for the feed's opening ack).
   */
  record StepAck(long time, AccountSnapshot account, List<io.troupe.model.AttributedFill> fills, List<io.troupe.model.OrderRecord> orders,
      io.troupe.risk.RiskBaselines risk)
      implements CborSerializable {}

  /** A market feed connects (a backpressured stream sink): acknowledged at once, then one step at a time. */
  record FeedStarted(ActorRef<StepAck> replyTo) implements NodeCommand {}

  /** The feed ended (or failed; the feed's owner sees the cause on its side). */
  record FeedEnded() implements NodeCommand {}

  /** Answered once no step is in progress: after the last step a feed sent has fully completed. */
  record WhenIdle(ActorRef<Idle> replyTo) implements NodeCommand {}

  record Idle() implements CborSerializable {}

  record StepDone(StepCompleted completed) implements NodeCommand {}

  record GetAgents(ActorRef<Agents> replyTo) implements NodeCommand {}

  record Agents(
      ActorRef<RiskCommand> risk,
      ActorRef<OrderManagerCommand> orders,
      ActorRef<PositionCommand> positions,
      ActorRef<PerformanceCommand> performance,
      ActorRef<VenueCommand> venue,
      Map<String, ActorRef<DeskCommand>> desks)
      implements CborSerializable {}

  /**
   * Capture every agent's state at the close of the last step, as one consistent cut. Only between steps: the node
   * refuses it while a step runs.
   */
  record Checkpoint(ActorRef<io.troupe.checkpoint.NodeCheckpoint> replyTo) implements NodeCommand {}
}
