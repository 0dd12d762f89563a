package io.troupe.node;

import io.troupe.desk.DeskCommand;
import io.troupe.market.Bar;
import io.troupe.model.AccountSnapshot;
import io.troupe.model.AttributedFill;
import io.troupe.model.OrderRecord;
import io.troupe.order.OrderManagerCommand;
import io.troupe.performance.PerformanceCommand;
import io.troupe.persistence.CborSerializable;
import io.troupe.position.PositionCommand;
import io.troupe.risk.RiskBaselines;
import io.troupe.risk.RiskCommand;
import io.troupe.venue.VenueCommand;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;

/** The node's protocol: the market feed drives it one event-time step at a time. */
public sealed interface NodeCommand extends CborSerializable, io.troupe.model.StepMessage {

  /** All bars that start at {@code time} (one per symbol at most, sorted by symbol). Answered by {@link StepAck}. */
  record RunStep(long time, List<Bar> bars, ActorRef<StepAck> replyTo) implements NodeCommand {}

  /**
   * Several steps, run one after the other in the order given, as if each came in its own {@link RunStep}; answered
   * once, by the last one's {@link StepAck} (or the failure). A backtest's feed sends its steps so: the hand-off from
   * the feed then costs once per batch.
   */
  record RunSteps(List<List<Bar>> steps, ActorRef<StepAck> replyTo) implements NodeCommand {}

  /**
   * The step ended: the account at its close, the fills it applied, the orders that changed in it, and risk's baselines
   * (empty or null for the feed's opening ack). {@code failure} is set, and the rest empty, when an agent of the
   * account group failed: trading is halted and no step runs any more. {@code advice}: the adviser's rulings on the
   * step's entries (a lone step's; a batch's last ack carries its last step's only), empty when it is off.
   */
  record StepAck(long time, AccountSnapshot account, List<AttributedFill> fills, List<OrderRecord> orders, RiskBaselines risk, String failure,
      List<io.troupe.adviser.AdviceRuling> advice)
      implements CborSerializable {

    public StepAck {
      advice = advice == null ? List.of() : advice;
    }

    /** A step the adviser had no say in. */
    public StepAck(long time, AccountSnapshot account, List<AttributedFill> fills, List<OrderRecord> orders, RiskBaselines risk, String failure) {
      this(time, account, fills, orders, risk, failure, List.of());
    }
  }

  /** A market feed connects (a backpressured stream sink): acknowledged at once, then one step at a time. */
  record FeedStarted(ActorRef<StepAck> replyTo) implements NodeCommand {}

  /** The feed ended (or failed; the feed's owner sees the cause on its side). */
  record FeedEnded() implements NodeCommand {}

  /** Answered once no step is in progress: after the last step a feed sent has fully completed. */
  record WhenIdle(ActorRef<Idle> replyTo) implements NodeCommand {}

  /** {@code failure}: why trading halted, when an agent of the account group failed; null otherwise. */
  record Idle(String failure) implements CborSerializable {}

  record GetAgents(ActorRef<Agents> replyTo) implements NodeCommand {}

  record Agents(
      ActorRef<RiskCommand> risk,
      ActorRef<OrderManagerCommand> orders,
      ActorRef<PositionCommand> positions,
      ActorRef<PerformanceCommand> performance,
      ActorRef<VenueCommand> venue,
      Map<String, ActorRef<DeskCommand>> desks,
      ActorRef<io.troupe.adviser.AdviserCommand> adviser)
      implements CborSerializable {

    /** A node without an adviser. */
    public Agents(ActorRef<RiskCommand> risk, ActorRef<OrderManagerCommand> orders, ActorRef<PositionCommand> positions,
        ActorRef<PerformanceCommand> performance, ActorRef<VenueCommand> venue, Map<String, ActorRef<DeskCommand>> desks) {
      this(risk, orders, positions, performance, venue, desks, null);
    }
  }

  /**
   * Capture every agent's state at the close of the last step, as one consistent cut. Only between steps: the node
   * refuses it while a step runs.
   */
  record Checkpoint(ActorRef<io.troupe.checkpoint.NodeCheckpoint> replyTo) implements NodeCommand {}

  /** An event time as a person reads it in an error. */
  static String describeTime(long time) {
    return time == Long.MIN_VALUE ? "the start" : java.time.Instant.ofEpochMilli(time).toString();
  }
}
