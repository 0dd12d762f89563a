package io.troupe.position;

import io.troupe.position.PositionCommand.Fills;
import io.troupe.position.PositionCommand.GetResults;
import io.troupe.position.PositionCommand.PositionResults;
import io.troupe.position.PositionCommand.Step;
import io.troupe.risk.RiskCommand;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * Turns fills into positions and exits (the decisions are {@link PositionKeeper}'s), and reports the account to the
 * risk supervisor every step, so risk follows equity continuously, not only at fills.
 */
public final class PositionMonitorActor extends AbstractBehavior<PositionCommand> {

  /** Account updates go to the risk supervisor named by the first {@link PositionCommand.Connect}. */
  public static Behavior<PositionCommand> create(PositionKeeper keeper) {
    return Behaviors.setup(ctx -> new PositionMonitorActor(ctx, keeper));
  }

  private final PositionKeeper keeper;
  private ActorRef<RiskCommand> risk;

  private PositionMonitorActor(ActorContext<PositionCommand> ctx, PositionKeeper keeper) {
    super(ctx);
    this.keeper = keeper;
  }

  @Override
  public Receive<PositionCommand> createReceive() {
    return newReceiveBuilder()
        .onMessage(PositionCommand.Connect.class, c -> {
          risk = c.risk();
          return this;
        })
        .onMessage(Step.class, this::onStep)
        .onMessage(Fills.class, f -> {
          keeper.apply(f.fills());
          return this;
        })
        .onMessage(PositionCommand.CaptureState.class, c -> {
          c.replyTo().tell(new io.troupe.checkpoint.AgentState("positions", io.troupe.checkpoint.StateCodec.encode(keeper)));
          return this;
        })
        .onMessage(GetResults.class, this::onGetResults)
        .build();
  }

  private Behavior<PositionCommand> onStep(Step s) {
    PositionKeeper.StepResult r = keeper.step(s.time(), s.bars(), s.fills());
    risk.tell(new RiskCommand.AccountStep(s.time(), symbols(s), s.bars(), r.account(), s.pending(), r.stops(), r.exits(), r.brackets(), r.closed(), s.doneTo()));
    return this;
  }

  private static java.util.List<String> symbols(Step s) {
    java.util.List<String> out = new java.util.ArrayList<>(s.bars().size());
    for (var b : s.bars()) out.add(b.symbol());
    return out;
  }

  private Behavior<PositionCommand> onGetResults(GetResults g) {
    var eq = keeper.equity();
    long t = eq.isEmpty() ? 0 : eq.get(eq.size() - 1).time();
    g.replyTo().tell(new PositionResults(java.util.List.copyOf(eq), java.util.List.copyOf(keeper.trades()), keeper.snapshot(t), keeper.fees()));
    return this;
  }
}
