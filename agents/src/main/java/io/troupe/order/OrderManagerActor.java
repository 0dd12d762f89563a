package io.troupe.order;

import io.troupe.node.StepCompleted;
import io.troupe.order.OrderManagerCommand.GetOrders;
import io.troupe.order.OrderManagerCommand.OrderList;
import io.troupe.order.OrderManagerCommand.Place;
import io.troupe.order.OrderManagerCommand.StepMatched;
import io.troupe.order.OrderManagerCommand.VenueReplied;
import io.troupe.position.AttributedFill;
import io.troupe.position.PositionCommand;
import io.troupe.venue.VenueCommand;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * Owns every order: gives approved orders their client ids, sends them to the venue, applies what the venue reports
 * (each fill once), and hands fills to the position monitor.
 */
public final class OrderManagerActor extends AbstractBehavior<OrderManagerCommand> {

  public static Behavior<OrderManagerCommand> create(ActorRef<VenueCommand> venue, ActorRef<PositionCommand> positions) {
    return Behaviors.setup(ctx -> new OrderManagerActor(ctx, venue, positions));
  }

  private final ActorRef<VenueCommand> venue;
  private final ActorRef<PositionCommand> positions;
  private final OrderBook book = new OrderBook("O");
  /** The step waiting for the venue's answer to its submissions. */
  private Place awaitingVenue;

  private OrderManagerActor(ActorContext<OrderManagerCommand> ctx, ActorRef<VenueCommand> venue, ActorRef<PositionCommand> positions) {
    super(ctx);
    this.venue = venue;
    this.positions = positions;
  }

  @Override
  public Receive<OrderManagerCommand> createReceive() {
    return newReceiveBuilder()
        .onMessage(StepMatched.class, this::onStepMatched)
        .onMessage(Place.class, this::onPlace)
        .onMessage(VenueReplied.class, this::onVenueReplied)
        .onMessage(GetOrders.class, this::onGetOrders)
        .build();
  }

  private Behavior<OrderManagerCommand> onStepMatched(StepMatched m) {
    List<AttributedFill> fills = applyReports(m.reports());
    positions.tell(new PositionCommand.Step(m.time(), m.bars(), fills, book.pendingBySymbol(), m.doneTo()));
    return this;
  }

  private Behavior<OrderManagerCommand> onPlace(Place p) {
    // Cancels first: a halt cancels what was working before this step, never what this step places.
    List<String> cancels = new ArrayList<>();
    if (p.cancelAll()) {
      for (ManagedOrder o : book.working()) cancels.add(o.request().clientOrderId());
    }
    List<OrderRequest> requests = new ArrayList<>(p.orders().size());
    for (ApprovedOrder a : p.orders()) {
      OrderRequest r =
          OrderRequest.market(book.nextClientOrderId(), a.symbol(), a.side(), a.quantity(), p.time()).withReduceOnly(a.reduceOnly());
      book.add(r, p.time(), a.reason(), a.specialist());
      requests.add(r);
    }
    if (requests.isEmpty() && cancels.isEmpty()) {
      complete(p);
      return this;
    }
    awaitingVenue = p;
    venue.tell(new VenueCommand.Submit(p.time(), requests, cancels, p.cancelReason(), getContext().getSelf()));
    return this;
  }

  private Behavior<OrderManagerCommand> onVenueReplied(VenueReplied r) {
    List<AttributedFill> fills = applyReports(r.reports());
    if (!fills.isEmpty()) positions.tell(new PositionCommand.Fills(r.time(), fills));
    if (awaitingVenue != null && awaitingVenue.time() == r.time()) {
      Place p = awaitingVenue;
      awaitingVenue = null;
      complete(p);
    }
    return this;
  }

  private void complete(Place p) {
    if (p.doneTo() != null) p.doneTo().tell(new StepCompleted(p.time(), p.account(), p.closed()));
  }

  private List<AttributedFill> applyReports(List<ExecutionReport> reports) {
    if (reports.isEmpty()) return List.of();
    List<AttributedFill> fills = new ArrayList<>();
    for (ExecutionReport report : reports) {
      ExecutionReport.Fill f = book.apply(report);
      if (f != null) {
        ManagedOrder o = book.get(f.clientOrderId());
        fills.add(new AttributedFill(f, o.reason(), o.specialist()));
      }
    }
    return fills;
  }

  private Behavior<OrderManagerCommand> onGetOrders(GetOrders g) {
    g.replyTo().tell(new OrderList(book.records(), book.working().size()));
    return this;
  }
}
