package io.troupe.gateway.sim;

import io.troupe.checkpoint.AgentState;
import io.troupe.checkpoint.StateCodec;
import io.troupe.model.Instrument;
import io.troupe.market.Bar;
import io.troupe.model.ExecutionReport;
import io.troupe.venue.VenueReports;
import org.apache.pekko.actor.typed.ActorRef;
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
import org.apache.pekko.actor.typed.javadsl.StashBuffer;

/** The simulated exchange as a venue actor: the same protocol a FIX or REST venue speaks, over the matching engine. */
public final class SimulatedExchangeActor extends AbstractBehavior<VenueCommand> {

  public static Behavior<VenueCommand> create(SimulatedExchangeSettings settings, Map<String, Instrument> instruments) {
    return restore(new SimulatedExchange(settings, instruments));
  }

  /** The exchange as a checkpoint captured it: its book of working orders, positions and fill counter. */
  public static Behavior<VenueCommand> restore(SimulatedExchange engine) {
    return Behaviors.withStash(STASH, stash -> Behaviors.setup(ctx -> new SimulatedExchangeActor(ctx, engine, stash)));
  }

  /** Commands that came before the order manager connected: at most a few steps' worth. */
  private static final int STASH = 10_000;

  private final SimulatedExchange engine;
  private final StashBuffer<VenueCommand> beforeConnect;
  private ActorRef<VenueReports> reports;
  /**
   * Reports went to the order manager since this venue last answered a match or a sync: what the next match's answer
   * says, so that the coordinator skips the step's apply only when there is nothing to apply.
   */
  private boolean reportedSinceAnswer;

  private SimulatedExchangeActor(ActorContext<VenueCommand> ctx, SimulatedExchange engine, StashBuffer<VenueCommand> beforeConnect) {
    super(ctx);
    this.engine = engine;
    this.beforeConnect = beforeConnect;
  }

  /**
   * The order manager connects from its own start, which may come after the node's first step reached the venue
   * (they are different senders: nothing orders the two). A command that may report waits until it is connected,
   * so no report is lost or reaches the order manager after the step that made it.
   */
  private boolean waitForConnect(VenueCommand command) {
    if (reports != null) return false;
    beforeConnect.stash(command);
    return true;
  }

  @Override
  public Receive<VenueCommand> createReceive() {
    return newReceiveBuilder()
        .onMessage(VenueCommand.Connect.class, c -> {
          reports = c.reports();
          return beforeConnect.unstashAll(this);
        })
        .onMessage(VenueCommand.Match.class, m -> waitForConnect(m) ? this : onMatch(m))
        .onMessage(VenueCommand.Send.class, m -> waitForConnect(m) ? this : onSend(m))
        .onMessage(VenueCommand.Sync.class, s -> {
          if (waitForConnect(s)) return this;
          // Every command before this one is handled and its reports sent: that is all a simulated venue owes.
          s.replyTo().tell(new VenueCommand.Synced(s.time()));
          reportedSinceAnswer = false; // the settlement that follows applies them
          return this;
        })
        .onMessage(VenueCommand.CancelAll.class, c -> {
          if (waitForConnect(c)) return this;
          List<ExecutionReport> out = new ArrayList<>();
          for (WorkingOrder w : engine.workingOrders()) out.addAll(engine.cancel(w.order().clientOrderId(), c.time(), c.reason()));
          report(out);
          return this;
        })
        .onMessage(VenueCommand.CaptureState.class, c -> {
          c.replyTo().tell(new AgentState("venue", StateCodec.encode(engine)));
          return this;
        })
        .onMessage(VenueCommand.AwaitConnected.class, a -> {
          a.replyTo().tell(new VenueCommand.Connected()); // nothing to connect to
          return Behaviors.same();
        })
        .onMessage(VenueCommand.Adopt.class, a -> {
          a.replyTo().tell(new VenueCommand.TakenOver(null, java.util.List.of(), "the simulated exchange has no orders but its own"));
          return this;
        })
        .onMessage(VenueCommand.Recover.class, a -> {
          a.replyTo().tell(new VenueCommand.TakenOver(null, java.util.List.of(), "the simulated exchange keeps its orders in its checkpoint"));
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

  private Behavior<VenueCommand> onMatch(VenueCommand.Match m) {
    List<ExecutionReport> out = List.of();
    for (Bar bar : m.bars()) {
      List<ExecutionReport> r = engine.onBar(bar);
      if (!r.isEmpty()) {
        if (out.isEmpty()) out = new ArrayList<>();
        out.addAll(r);
      }
    }
    report(out);
    if (m.replyTo() != null) {
      m.replyTo().tell(new VenueCommand.Matched(m.time(), reportedSinceAnswer));
      reportedSinceAnswer = false;
    }
    return this;
  }

  private Behavior<VenueCommand> onSend(VenueCommand.Send s) {
    List<ExecutionReport> out = new ArrayList<>();
    for (var c : s.cancels()) out.addAll(engine.cancel(c.clientOrderId(), s.time(), c.reason()));
    for (var m : s.modifies()) out.addAll(engine.modify(m.clientOrderId(), m.quantity(), m.limitPrice(), m.stopPrice(), s.time()));
    for (OrderRequest o : s.orders()) out.addAll(engine.submit(o, s.time()));
    report(out);
    return this;
  }

  /** Reports go to the order manager before any answer to the step, so they are there when it is asked to apply them. */
  private void report(List<ExecutionReport> out) {
    if (out.isEmpty()) return;
    reportedSinceAnswer = true;
    if (reports == null) throw new IllegalStateException("execution reports but no order manager connected");
    reports.tell(new VenueReports(out));
  }
}
