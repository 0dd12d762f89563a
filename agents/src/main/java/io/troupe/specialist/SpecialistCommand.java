package io.troupe.specialist;

import io.troupe.market.Bar;
import io.troupe.persistence.CborSerializable;
import io.troupe.strategy.Signal;
import org.apache.pekko.actor.typed.ActorRef;

/** A specialist's protocol: a bar in, exactly one {@link Evaluated} out. Specialists signal; they never order. */
public sealed interface SpecialistCommand extends CborSerializable {

  record Evaluate(Bar bar, ActorRef<Evaluated> replyTo) implements SpecialistCommand {}

  /**
   * A desk's bars for several steps ahead, oldest first, evaluated in one go: answered by one {@link EvaluatedSteps}
   * with a signal for each bar it took. A specialist whose strategy reads rejections takes only the first (a rejection
   * told with a later bar would come too late), and one whose strategy fails stops at that bar.
   */
  record EvaluateSteps(java.util.List<Bar> bars, ActorRef<EvaluatedSteps> replyTo) implements SpecialistCommand {}

  /**
   * The signals for the first {@code signals.size()} bars of an {@link EvaluateSteps} (each may be null), from the bar
   * at {@code time}; {@code failed}: the strategy failed on the last of them (its signal is null).
   */
  record EvaluatedSteps(String specialist, long time, java.util.List<Signal> signals, boolean failed)
      implements CborSerializable, io.troupe.model.StepMessage {}

  /**
   * A hot-swapped specialist's warm-up: the desk's recent bars, oldest first, fed to the strategy before its first live
   * bar. Its signals on them are not answered: they are history, not calls.
   */
  record WarmUp(java.util.List<Bar> bars) implements SpecialistCommand {}

  /** The venue refused an order this specialist's signal led to. */
  record OrderRejected(io.troupe.model.VenueRejection rejection) implements SpecialistCommand {}

  /** {@code signal} is null when the strategy has no new opinion, or when it failed on this bar ({@code failed}). */
  record Evaluated(String specialist, long time, Signal signal, boolean failed) implements CborSerializable, io.troupe.model.StepMessage {}

  /** Checkpoint: reply with this agent's state (sent only between steps, while the node is idle). */
  record CaptureState(org.apache.pekko.actor.typed.ActorRef<io.troupe.checkpoint.AgentState> replyTo) implements SpecialistCommand {}
}
