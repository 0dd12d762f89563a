package io.troupe.position;

import io.troupe.position.PositionCommand.ApplyFills;
import io.troupe.position.PositionCommand.GetResults;
import io.troupe.position.PositionCommand.Mark;
import io.troupe.position.PositionCommand.Marked;
import io.troupe.position.PositionCommand.PositionResults;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * Turns fills into positions and exits (the decisions are {@link PositionKeeper}'s), and marks the account every step,
 * so risk follows equity continuously, not only at fills.
 */
public final class PositionMonitorActor extends AbstractBehavior<PositionCommand> {

  public static Behavior<PositionCommand> create(PositionKeeper keeper) {
    return Behaviors.setup(ctx -> new PositionMonitorActor(ctx, keeper));
  }

  private final PositionKeeper keeper;

  private PositionMonitorActor(ActorContext<PositionCommand> ctx, PositionKeeper keeper) {
    super(ctx);
    this.keeper = keeper;
  }

  @Override
  public Receive<PositionCommand> createReceive() {
    return newReceiveBuilder()
        .onMessage(Mark.class, this::onMark)
        .onMessage(PositionCommand.MarkRun.class, this::onMarkRun)
        .onMessage(ApplyFills.class, f -> {
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

  private Behavior<PositionCommand> onMark(Mark m) {
    PositionKeeper.StepResult r = keeper.step(m.time(), m.bars(), m.fills());
    m.replyTo().tell(new Marked(r.account(), r.closed(), r.exits(), r.brackets(), r.stops()));
    return this;
  }

  private Behavior<PositionCommand> onMarkRun(PositionCommand.MarkRun m) {
    List<Marked> marks = new ArrayList<>(m.steps().size());
    for (List<io.troupe.market.Bar> bars : m.steps()) {
      PositionKeeper.StepResult r = keeper.step(bars.get(0).time(), bars, List.of());
      marks.add(new Marked(r.account(), r.closed(), r.exits(), r.brackets(), r.stops()));
    }
    m.replyTo().tell(new PositionCommand.MarkedRun(marks));
    return this;
  }

  private Behavior<PositionCommand> onGetResults(GetResults g) {
    g.replyTo().tell(new PositionResults(keeper.equity(), keeper.trades(), keeper.snapshot(keeper.lastMarkTime(0)), keeper.fees()));
    return this;
  }
}
