package io.troupe.order;

import io.troupe.checkpoint.AgentState;
import io.troupe.checkpoint.StateCodec;
import io.troupe.model.AttributedFill;
import io.troupe.model.ExecutionReport;
import io.troupe.order.OrderManagerCommand.ApplyReports;
import io.troupe.order.OrderManagerCommand.FromVenue;
import io.troupe.order.OrderManagerCommand.GetOrders;
import io.troupe.order.OrderManagerCommand.OrderList;
import io.troupe.order.OrderManagerCommand.Place;
import io.troupe.order.OrderManagerCommand.Placed;
import io.troupe.order.OrderManagerCommand.ReportsApplied;
import io.troupe.order.OrderManagerCommand.Settle;
import io.troupe.order.OrderManagerCommand.Settled;
import io.troupe.order.OrderManagerCommand.StepOrders;
import io.troupe.venue.VenueCommand;
import io.troupe.venue.VenueReports;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * Owns every order from approval to final state; the decisions are {@link OrderFlow}'s. Sends orders to the venue and
 * takes its reports whenever they come; they wait in arrival order until the step coordinator asks for them to be
 * applied, so a run is the same whatever the timing (a report applied twice, or a fill before its ack, changes the book
 * once: {@link OrderBook}).
 */
public final class OrderManagerActor extends AbstractBehavior<OrderManagerCommand> {

  /** What a checkpoint keeps: the flow, and reports received but not yet applied (a real venue's, between steps). */
  public record Saved(OrderFlow flow, List<ExecutionReport> unapplied) {}

  public static Behavior<OrderManagerCommand> create(ActorRef<VenueCommand> venue, OrderFlow flow) {
    return restore(venue, new Saved(flow, List.of()));
  }

  public static Behavior<OrderManagerCommand> restore(ActorRef<VenueCommand> venue, Saved saved) {
    return Behaviors.setup(ctx -> new OrderManagerActor(ctx, venue, saved));
  }

  private final ActorRef<VenueCommand> venue;
  private final OrderFlow flow;
  /** Venue reports not yet applied, in arrival order. */
  private final List<ExecutionReport> unapplied = new ArrayList<>();
  private ActorRef<OrderManagerCommand.WorkWaiting> notify;
  /**
   * The last reply told the coordinator there is nothing to do (no order working, no action due), so it may skip the
   * order manager in the next step: work arriving now must be announced.
   */
  private boolean toldIdle;

  private OrderManagerActor(ActorContext<OrderManagerCommand> ctx, ActorRef<VenueCommand> venue, Saved saved) {
    super(ctx);
    this.venue = venue;
    this.flow = saved.flow();
    this.unapplied.addAll(saved.unapplied());
    venue.tell(new VenueCommand.Connect(ctx.messageAdapter(VenueReports.class, FromVenue::new)));
  }

  @Override
  public Receive<OrderManagerCommand> createReceive() {
    return newReceiveBuilder()
        .onMessage(FromVenue.class, this::onFromVenue)
        .onMessage(ApplyReports.class, this::onApplyReports)
        .onMessage(Place.class, this::onPlace)
        .onMessage(Settle.class, this::onSettle)
        .onMessage(OrderManagerCommand.CancelOrder.class, c -> {
          flow.requestCancel(c.clientOrderId(), c.reason());
          workWaiting();
          return this;
        })
        .onMessage(OrderManagerCommand.ModifyOrder.class, m -> {
          flow.requestModify(new io.troupe.model.ModifyRequest(m.clientOrderId(), m.quantity(), m.limitPrice(), m.stopPrice()));
          workWaiting();
          return this;
        })
        .onMessage(OrderManagerCommand.HoldOrders.class, h -> {
          flow.hold(h.hold());
          if (!h.hold()) workWaiting(); // what was held is due at the next step
          return this;
        })
        .onMessage(OrderManagerCommand.AdoptOrder.class, a -> {
          String refusal = flow.adopt(a.order(), a.priorFillIds(), a.time());
          if (refusal == null) workWaiting();
          a.replyTo().tell(new OrderManagerCommand.OrderAdopted(refusal));
          return this;
        })
        .onMessage(OrderManagerCommand.RecoverOrder.class, a -> {
          String refusal = flow.recover(a.order(), a.time());
          if (refusal == null) workWaiting();
          a.replyTo().tell(new OrderManagerCommand.OrderAdopted(refusal));
          return this;
        })
        .onMessage(OrderManagerCommand.GetNextOrderIds.class, g -> {
          g.replyTo().tell(new OrderManagerCommand.NextOrderIds(flow.nextOrderIds(g.count())));
          return this;
        })
        .onMessage(OrderManagerCommand.NotifyWork.class, n -> {
          notify = n.listener();
          return this;
        })
        .onMessage(OrderManagerCommand.CaptureState.class, c -> {
          c.replyTo().tell(new AgentState("orders", StateCodec.encode(new Saved(flow, List.copyOf(unapplied)))));
          return this;
        })
        .onMessage(GetOrders.class, g -> {
          g.replyTo().tell(new OrderList(flow.records(), flow.stillWorking()));
          return this;
        })
        .build();
  }

  private Behavior<OrderManagerCommand> onFromVenue(FromVenue r) {
    unapplied.addAll(r.reports().reports());
    workWaiting();
    return this;
  }

  private Behavior<OrderManagerCommand> onApplyReports(ApplyReports a) {
    List<AttributedFill> fills = applyUnapplied();
    toldIdle = !flow.busy();
    a.replyTo().tell(new ReportsApplied(fills, flow.pending(), !toldIdle, corrections()));
    return this;
  }

  private Behavior<OrderManagerCommand> onPlace(Place p) {
    flow.onBars(p.bars());
    OrderFlow.Submission s = flow.place(p.time(), p.orders(), p.brackets(), p.cancelAll(), p.cancelReason());
    if (s.isEmpty()) {
      p.replyTo().tell(new Placed(false, s.redecide(), outcome()));
      return this;
    }
    venue.tell(new VenueCommand.Send(p.time(), s.orders(), s.cancels(), s.modifies()));
    p.replyTo().tell(new Placed(true, s.redecide(), null));
    return this;
  }

  private Behavior<OrderManagerCommand> onSettle(Settle s) {
    List<AttributedFill> fills = applyUnapplied();
    s.replyTo().tell(new Settled(fills, outcome(), corrections()));
    return this;
  }

  private List<AttributedFill> applyUnapplied() {
    if (unapplied.isEmpty()) return List.of();
    List<AttributedFill> fills = flow.onReports(List.copyOf(unapplied));
    unapplied.clear();
    return fills;
  }

  private List<OrderBook.Correction> corrections() {
    List<OrderBook.Correction> c = flow.drainCorrections();
    for (OrderBook.Correction x : c) getContext().getLog().warn("order manager: {}", x.describe());
    return c;
  }

  private StepOrders outcome() {
    toldIdle = !flow.busy() && unapplied.isEmpty();
    return new StepOrders(flow.drainRejections(), flow.drainChangedOrders(), !toldIdle, flow.pending());
  }

  /** Tells the coordinator, once, that the next step has something to apply or place after all. */
  private void workWaiting() {
    if (notify != null && toldIdle) {
      toldIdle = false;
      notify.tell(new OrderManagerCommand.WorkWaiting());
    }
  }
}
