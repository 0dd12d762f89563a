package io.troupe.desk;

import io.troupe.market.Bar;
import io.troupe.model.VenueRejection;
import io.troupe.model.RoundTrip;
import java.util.List;
import io.troupe.persistence.CborSerializable;
import io.troupe.model.OrderIntent;
import io.troupe.model.TradingState;
import org.apache.pekko.actor.typed.ActorRef;

/** A desk's protocol: one symbol's bars in; one decision per bar out to the risk supervisor. */
public sealed interface DeskCommand extends CborSerializable, io.troupe.model.StepMessage {

  /**
   * A new bar, with the account equity at the end of the previous step (for sizing), the venue's rejections of this
   * desk's orders in that step (passed on to the specialist whose intent it was) and the account's trading state (no
   * intent while HALTED). Answered by exactly one {@link Decision}.
   */
  record OnBar(Bar bar, double equity, double exposure, List<RoundTrip> closed, List<VenueRejection> rejections, boolean correlationSpike,
      TradingState state, ActorRef<Decision> replyTo)
      implements DeskCommand {}

  /** The desk's intent for the bar at {@code time}, or {@code null} for none. */
  record Decision(long time, String symbol, OrderIntent intent) implements CborSerializable, io.troupe.model.StepMessage {}

  /** Monitoring: the confirmed regime, the specialist in charge, and each specialist's vote weight. */
  record GetMetaState(org.apache.pekko.actor.typed.ActorRef<MetaState> replyTo) implements DeskCommand {}

  record MetaState(String symbol, io.troupe.regime.Regime regime, String active, java.util.Map<String, Double> weights)
      implements CborSerializable {}

  /**
   * Hot swap: add, replace or remove a specialist (between steps). Answered by one {@link SwapAnswer} when
   * {@code replyTo} is set; a refused swap changes nothing.
   */
  record Swap(SpecialistSwap swap, ActorRef<SwapAnswer> replyTo) implements DeskCommand {}

  /**
   * What a swap did ({@code accepted}) or why it was refused ({@code message}), and the desk's specialists after it:
   * each as {@code name} or, while it warms up in shadow, {@code name (shadow)}.
   */
  record SwapAnswer(String symbol, String name, boolean accepted, String message, List<String> lineup) implements CborSerializable {}

  /** Monitoring: the desk's specialists, as in {@link SwapAnswer#lineup}. */
  record GetLineup(ActorRef<Lineup> replyTo) implements DeskCommand {}

  record Lineup(String symbol, List<String> specialists) implements CborSerializable {}

  /** Checkpoint: reply with the desk's state, and have each specialist reply with its own. */
  record CaptureState(org.apache.pekko.actor.typed.ActorRef<io.troupe.checkpoint.AgentState> replyTo) implements DeskCommand {}
}
