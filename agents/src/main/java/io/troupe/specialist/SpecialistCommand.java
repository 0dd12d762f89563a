package io.troupe.specialist;

import io.troupe.market.Bar;
import io.troupe.persistence.CborSerializable;
import io.troupe.strategy.Signal;
import org.apache.pekko.actor.typed.ActorRef;

/** A specialist's protocol: a bar in, exactly one {@link Evaluated} out. Specialists signal; they never order. */
public sealed interface SpecialistCommand extends CborSerializable {

  record Evaluate(Bar bar, ActorRef<Evaluated> replyTo) implements SpecialistCommand {}

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
