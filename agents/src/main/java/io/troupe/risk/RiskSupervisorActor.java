package io.troupe.risk;

import io.troupe.model.TradingState;
import io.troupe.checkpoint.AgentState;
import io.troupe.checkpoint.StateCodec;
import io.troupe.risk.RiskCommand.Decide;
import io.troupe.risk.RiskCommand.Decided;
import io.troupe.risk.RiskCommand.GetReport;
import io.troupe.risk.RiskCommand.Halt;
import io.troupe.risk.RiskCommand.KillSwitch;
import io.troupe.risk.RiskCommand.Resume;
import io.troupe.risk.RiskCommand.RiskReport;
import io.troupe.risk.RiskCommand.SetReducing;
import io.troupe.risk.RiskCommand.Subscribe;
import io.troupe.risk.RiskCommand.TradingStateChanged;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * Account-wide gatekeeper: every order reaches the order manager through here, or not at all; the decisions are
 * {@link RiskDesk}'s. Each step the coordinator hands it the marked account, the position rules' exits and the desks'
 * intents in symbol order, and it answers what goes to the order manager. Every change of trading state is told to
 * every subscriber.
 */
public final class RiskSupervisorActor extends AbstractBehavior<RiskCommand> {

  public static Behavior<RiskCommand> create(RiskDesk desk) {
    return restore(new Saved(desk, TradingState.ACTIVE, Map.of()));
  }

  /** What a checkpoint keeps of this actor between steps (nothing of a step is in flight then). */
  public record Saved(RiskDesk desk, TradingState announced, Map<String, Integer> rejections) {}

  /** The supervisor as it was when {@code saved} was captured. */
  public static Behavior<RiskCommand> restore(Saved saved) {
    return Behaviors.setup(ctx -> new RiskSupervisorActor(ctx, saved));
  }

  private final RiskDesk desk;
  private final List<ActorRef<TradingStateChanged>> subscribers = new ArrayList<>();
  private TradingState announced = TradingState.ACTIVE;
  private final Map<String, Integer> rejections = new java.util.TreeMap<>();

  private RiskSupervisorActor(ActorContext<RiskCommand> ctx, Saved saved) {
    super(ctx);
    this.desk = saved.desk();
    this.announced = saved.announced();
    this.rejections.putAll(saved.rejections());
  }

  @Override
  public Receive<RiskCommand> createReceive() {
    return newReceiveBuilder()
        .onMessage(Decide.class, this::onDecide)
        .onMessage(RiskCommand.DecideRun.class, this::onDecideRun)
        .onMessage(Halt.class, h -> {
          getContext().getLog().warn("trading halted: {}", h.reason());
          desk.halt(h.reason(), h.flatten(), false);
          return announce();
        })
        .onMessage(RiskCommand.TradeCorrected.class, t -> {
          getContext().getLog().warn("trading halted, a trade was corrected at the venue: {}", t.detail());
          desk.haltOnCorrection(t.detail());
          return announce();
        })
        .onMessage(KillSwitch.class, k -> {
          getContext().getLog().warn("kill switch: {}", k.reason());
          desk.halt(k.reason(), true, true);
          return announce();
        })
        .onMessage(Resume.class, r -> {
          getContext().getLog().info("trading resumed by {}", r.operator());
          desk.resume(r.operator());
          return announce();
        })
        .onMessage(SetReducing.class, r -> {
          desk.reducing(r.reason());
          return announce();
        })
        .onMessage(RiskCommand.BeginReconciling.class, r -> {
          getContext().getLog().info("reconciling with the venue: {}", r.reason());
          desk.reconciling(r.reason());
          return announce();
        })
        .onMessage(RiskCommand.EndReconciling.class, r -> {
          desk.reconciled();
          return announce();
        })
        .onMessage(RiskCommand.Flatten.class, f -> {
          getContext().getLog().warn("flatten {}: {}", f.symbol() == null ? "every position" : f.symbol(), f.reason());
          desk.flatten(f.symbol());
          return this;
        })
        .onMessage(RiskCommand.CancelAll.class, c -> {
          getContext().getLog().warn("cancel all working orders: {}", c.reason());
          desk.cancelAll();
          return this;
        })
        .onMessage(RiskCommand.Redecide.class, r -> {
          desk.redecide(r.intents());
          return this;
        })
        .onMessage(RiskCommand.VenueRejected.class, r -> {
          for (var rej : r.rejections()) {
            rejections.merge(rej.reason(), 1, Integer::sum);
            getContext().getLog().info("venue rejected {} ({}, {}): {}", rej.clientOrderId(), rej.symbol(), rej.specialist(), rej.reason());
          }
          return this;
        })
        .onMessage(Subscribe.class, s -> {
          subscribers.add(s.subscriber());
          s.subscriber().tell(new TradingStateChanged(desk.tradingState(), desk.stateReason()));
          return this;
        })
        .onMessage(RiskCommand.CaptureState.class, c -> {
          c.replyTo().tell(new AgentState("risk", StateCodec.encode(new Saved(desk, announced, new java.util.TreeMap<>(rejections)))));
          return this;
        })
        .onMessage(GetReport.class, g -> {
          g.replyTo().tell(new RiskReport(desk.tradingState(), desk.stateReason(), desk.vetoesByReason(), desk.vetoes(), new java.util.TreeMap<>(rejections), RiskBaselines.of(desk.state()), desk.restrictionHistory()));
          return this;
        })
        .build();
  }

  private Behavior<RiskCommand> onDecide(Decide d) {
    d.replyTo().tell(decided(d));
    return this;
  }

  private Behavior<RiskCommand> onDecideRun(RiskCommand.DecideRun run) {
    List<Decided> all = new java.util.ArrayList<>(run.steps().size());
    for (Decide d : run.steps()) all.add(decided(d));
    run.replyTo().tell(new RiskCommand.DecidedRun(all));
    return this;
  }

  private Decided decided(Decide d) {
    RiskDesk.Outcome o = desk.decide(d.time(), d.bars(), d.account(), d.pending(), d.stops(), d.exits(), d.brackets(), d.closed(), d.entries());
    announce();
    return new Decided(o.orders(), o.brackets(), o.cancelAll(), o.cancelReason(), desk.tradingState(), RiskBaselines.of(desk.state()));
  }

  private Behavior<RiskCommand> announce() {
    TradingState now = desk.tradingState();
    if (now != announced) {
      announced = now;
      // A fact of the run, not a warning about the program: runners put it in their output (the summary's trading
      // state, a paper session's journal and progress); the log keeps it at info.
      getContext().getLog().info("trading state {}: {}", now, desk.stateReason());
      for (ActorRef<TradingStateChanged> s : subscribers) s.tell(new TradingStateChanged(now, desk.stateReason()));
    }
    return this;
  }
}
