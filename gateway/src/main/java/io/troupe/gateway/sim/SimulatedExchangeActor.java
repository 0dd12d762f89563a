package io.troupe.gateway.sim;

import io.troupe.checkpoint.AgentState;
import io.troupe.checkpoint.StateCodec;
import io.troupe.model.Instrument;
import io.troupe.market.Bar;
import io.troupe.model.ExecutionReport;
import io.troupe.order.OrderManagerCommand;
import io.troupe.model.OrderRequest;
import io.troupe.venue.VenueCommand;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/** The simulated exchange as a venue actor: the same protocol a FIX or REST venue speaks, over the matching engine. */
public final class SimulatedExchangeActor extends AbstractBehavior<VenueCommand> {

  public static Behavior<VenueCommand> create(SimulatedExchangeSettings settings, Map<String, Instrument> instruments) {
    return restore(new SimulatedExchange(settings, instruments));
  }

  /** The exchange as a checkpoint captured it: its book of working orders, positions and fill counter. */
  public static Behavior<VenueCommand> restore(SimulatedExchange engine) {
    return Behaviors.setup(ctx -> new SimulatedExchangeActor(ctx, engine));
  }

  private final SimulatedExchange engine;

  private SimulatedExchangeActor(ActorContext<VenueCommand> ctx, SimulatedExchange engine) {
    super(ctx);
    this.engine = engine;
  }

  @Override
  public Receive<VenueCommand> createReceive() {
    return newReceiveBuilder()
        .onMessage(VenueCommand.MatchStep.class, this::onMatchStep)
        .onMessage(VenueCommand.Submit.class, this::onSubmit)
        .onMessage(VenueCommand.CaptureState.class, c -> {
          c.replyTo().tell(new AgentState("venue", StateCodec.encode(engine)));
          return this;
        })
        .onMessage(VenueCommand.GetWorkingOrders.class, g -> {
          List<String> ids = new ArrayList<>();
          for (WorkingOrder w : engine.workingOrders()) ids.add(w.order().clientOrderId());
          g.replyTo().tell(new VenueCommand.WorkingOrders(ids));
          return this;
        })
        .build();
  }

  private Behavior<VenueCommand> onMatchStep(VenueCommand.MatchStep m) {
    List<ExecutionReport> reports = List.of();
    for (Bar bar : m.bars()) {
      List<ExecutionReport> r = engine.onBar(bar);
      if (!r.isEmpty()) {
        if (reports.isEmpty()) reports = new ArrayList<>();
        reports.addAll(r);
      }
    }
    m.replyTo().tell(new OrderManagerCommand.StepMatched(m.time(), m.bars(), reports, m.doneTo()));
    return this;
  }

  private Behavior<VenueCommand> onSubmit(VenueCommand.Submit s) {
    List<ExecutionReport> reports = new ArrayList<>();
    for (var c : s.cancels()) reports.addAll(engine.cancel(c.clientOrderId(), s.time(), c.reason()));
    for (var m : s.modifies()) reports.addAll(engine.modify(m.clientOrderId(), m.quantity(), m.limitPrice(), m.stopPrice(), s.time()));
    for (OrderRequest o : s.orders()) reports.addAll(engine.submit(o, s.time()));
    s.replyTo().tell(new OrderManagerCommand.VenueReplied(s.time(), reports));
    return this;
  }
}
