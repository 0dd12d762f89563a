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

  /**
   * The step coordinator's form of {@link OnBar}: this step's bar, with the account as of the previous step, and, in a
   * batch of steps, the desk's bars of the steps after it. {@code bars} is this step's bar and the desk's next ones
   * (with each one's {@code spikes}), which its specialists evaluate in one go; empty when the desk still holds bars from
   * an earlier one, the next of which is this step's. The desk decides this step's bar with the account given; then,
   * while no later bar would ask for an intent (deciding one reads the account of the step before it), it decides
   * those too, alone. {@code quiet}: the symbol has no position and no order is working, so no trade of the symbol can
   * close before the desk asks for one (select mode steers by them). Answered by one {@link Decisions}.
   */
  record OnSteps(List<Bar> bars, List<Boolean> spikes, double equity, double exposure, List<RoundTrip> closed, List<VenueRejection> rejections,
      TradingState state, boolean quiet, ActorRef<Decisions> replyTo)
      implements DeskCommand {

    /** The same step with {@code other} as its bars (a cluster's feed sends a step without them, the desk's member puts them back). */
    public OnSteps withBars(List<Bar> other) {
      return new OnSteps(other, spikes, equity, exposure, closed, rejections, state, quiet, replyTo);
    }
  }

  /**
   * The desk's intent for its bar at {@code time} (null: none); then {@code alone}: how many of its next bars it
   * decided alone, each with no intent; {@code holding}: it holds its specialists' answers for its bar after those
   * (the next {@link OnSteps} brings no bars); {@code ahead}: its specialists answer several bars at once (false: one
   * whose strategy reads rejections takes one bar at a time, so the coordinator sends one); {@code brief}: with an
   * entry intent, what the desk knew when it made it (for the adviser), else null.
   */
  record Decisions(long time, String symbol, OrderIntent intent, int alone, boolean holding, boolean ahead, io.troupe.model.EntryBrief brief)
      implements CborSerializable, io.troupe.model.StepMessage {

    /** Without a brief (no entry, or nobody reviews it). */
    public Decisions(long time, String symbol, OrderIntent intent, int alone, boolean holding, boolean ahead) {
      this(time, symbol, intent, alone, holding, ahead, null);
    }
  }

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
