package io.troupe.order;

import io.troupe.model.ModifyRequest;
import io.troupe.model.VenueRejection;
import io.troupe.checkpoint.AgentState;
import io.troupe.checkpoint.StateCodec;
import io.troupe.node.StepCompleted;
import io.troupe.order.OrderManagerCommand.GetOrders;
import io.troupe.order.OrderManagerCommand.OrderList;
import io.troupe.order.OrderManagerCommand.Place;
import io.troupe.order.OrderManagerCommand.StepMatched;
import io.troupe.order.OrderManagerCommand.VenueReplied;
import io.troupe.model.AttributedFill;
import io.troupe.position.PositionCommand;
import io.troupe.risk.RiskCommand;
import io.troupe.venue.VenueCommand;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * Owns every order from approval to final state; the decisions are {@link OrderFlow}'s. Talks to the venue, hands
 * fills to the position monitor, and ends each step once the venue has answered its submissions.
 */
public final class OrderManagerActor extends AbstractBehavior<OrderManagerCommand> {

  public static Behavior<OrderManagerCommand> create(ActorRef<VenueCommand> venue, ActorRef<PositionCommand> positions, OrderFlow flow) {
    return Behaviors.setup(ctx -> new OrderManagerActor(ctx, venue, positions, flow));
  }

  private final ActorRef<VenueCommand> venue;
  private final ActorRef<PositionCommand> positions;
  private final OrderFlow flow;
  private ActorRef<RiskCommand> risk;
  /** The step waiting for the venue's answer to its submissions. */
  private Place awaitingVenue;
  /** The fills applied during the current step, reported with its completion; a fresh list only once one arrives. */
  private List<AttributedFill> stepFills = List.of();

  private OrderManagerActor(ActorContext<OrderManagerCommand> ctx, ActorRef<VenueCommand> venue, ActorRef<PositionCommand> positions, OrderFlow flow) {
    super(ctx);
    this.venue = venue;
    this.positions = positions;
    this.flow = flow;
  }

  @Override
  public Receive<OrderManagerCommand> createReceive() {
    return newReceiveBuilder()
        .onMessage(OrderManagerCommand.Connect.class, c -> {
          risk = c.risk();
          return this;
        })
        .onMessage(StepMatched.class, this::onStepMatched)
        .onMessage(OrderManagerCommand.CancelOrder.class, c -> {
          flow.requestCancel(c.clientOrderId(), c.reason());
          return this;
        })
        .onMessage(OrderManagerCommand.ModifyOrder.class, m -> {
          flow.requestModify(new ModifyRequest(m.clientOrderId(), m.quantity(), m.limitPrice(), m.stopPrice()));
          return this;
        })
        .onMessage(Place.class, this::onPlace)
        .onMessage(VenueReplied.class, this::onVenueReplied)
        .onMessage(OrderManagerCommand.CaptureState.class, c -> {
          // Between steps nothing awaits the venue and no fill is held for a step: the flow is the whole state.
          c.replyTo().tell(new AgentState("orders", StateCodec.encode(flow)));
          return this;
        })
        .onMessage(GetOrders.class, g -> {
          g.replyTo().tell(new OrderList(flow.records(), flow.stillWorking()));
          return this;
        })
        .build();
  }

  private Behavior<OrderManagerCommand> onStepMatched(StepMatched m) {
    List<AttributedFill> fills = flow.onReports(m.reports());
    remember(fills);
    flow.onBars(m.bars());
    positions.tell(new PositionCommand.Step(m.time(), m.bars(), fills, flow.pending(), m.doneTo()));
    return this;
  }

  private Behavior<OrderManagerCommand> onPlace(Place p) {
    OrderFlow.Submission s = flow.place(p.time(), p.orders(), p.brackets(), p.cancelAll(), p.cancelReason());
    // Sent now, so it reaches risk before the next step's account update does.
    if (!s.redecide().isEmpty()) risk.tell(new RiskCommand.Redecide(s.redecide()));
    if (s.isEmpty()) {
      complete(p);
      return this;
    }
    awaitingVenue = p;
    venue.tell(new VenueCommand.Submit(p.time(), s.orders(), s.cancels(), s.modifies(), getContext().getSelf()));
    return this;
  }

  private Behavior<OrderManagerCommand> onVenueReplied(VenueReplied r) {
    List<AttributedFill> fills = flow.onReports(r.reports());
    remember(fills);
    if (!fills.isEmpty()) positions.tell(new PositionCommand.Fills(r.time(), fills));
    if (awaitingVenue != null && awaitingVenue.time() == r.time()) {
      Place p = awaitingVenue;
      awaitingVenue = null;
      complete(p);
    }
    return this;
  }

  private void complete(Place p) {
    List<VenueRejection> rejected = flow.drainRejections();
    if (!rejected.isEmpty()) risk.tell(new RiskCommand.VenueRejected(rejected));
    List<AttributedFill> fills = stepFills;
    stepFills = List.of();
    if (p.doneTo() != null) p.doneTo().tell(new StepCompleted(p.time(), p.account(), p.closed(), rejected, fills, flow.drainChangedOrders(), p.risk()));
  }

  private void remember(List<AttributedFill> fills) {
    if (fills.isEmpty()) return;
    if (stepFills.isEmpty()) stepFills = new java.util.ArrayList<>(fills.size());
    stepFills.addAll(fills);
  }
}
