package io.troupe.order;

import io.troupe.market.Bar;
import io.troupe.model.ApprovedOrder;
import io.troupe.model.AttributedFill;
import io.troupe.model.BracketRequest;
import io.troupe.model.OrderIntent;
import io.troupe.model.OrderRecord;
import io.troupe.model.VenueRejection;
import io.troupe.persistence.CborSerializable;
import io.troupe.venue.VenueReports;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * The order manager's protocol: it owns every order from approval to final state. The step coordinator asks it, in
 * the step's order, to apply what the venue reported ({@link ApplyReports}), to place what risk approved
 * ({@link Place}) and to settle the venue's answers to that ({@link Settle}); each is answered by one reply. Venue
 * reports arrive whenever the venue sends them and wait, in arrival order, for the next of these.
 */
public sealed interface OrderManagerCommand extends CborSerializable {

  /**
   * Apply every venue report received since the last apply, in arrival order (each fill once). Answered by
   * {@link ReportsApplied}.
   */
  record ApplyReports(long time, ActorRef<ReportsApplied> replyTo) implements OrderManagerCommand {}

  /**
   * @param fills the new fills, with what their orders were for
   * @param pending signed quantity still working per symbol
   * @param busy the order manager has orders working or lifecycle actions due: the step must run placement
   */
  record ReportsApplied(List<AttributedFill> fills, Map<String, Double> pending, boolean busy, List<OrderBook.Correction> corrections)
      implements CborSerializable, io.troupe.model.StepMessage {
    public ReportsApplied(List<AttributedFill> fills, Map<String, Double> pending, boolean busy) {
      this(fills, pending, busy, List.of());
    }
  }

  /**
   * From the step coordinator, with what the risk supervisor approved (the only way orders reach the order manager):
   * orders to place, new brackets, whether to cancel everything working (a halt), and the step's bars (price-move
   * cancels compare working orders with them). Answered by {@link Placed}.
   */
  record Place(long time, List<Bar> bars, List<ApprovedOrder> orders, List<BracketRequest> brackets, boolean cancelAll, String cancelReason,
      ActorRef<Placed> replyTo)
      implements OrderManagerCommand {}

  /**
   * @param sent something went to the venue: the step settles its answers before it ends
   * @param redecide entries cancelled because the market moved away, for risk to decide again at the next step
   * @param outcome when nothing was sent, the step's outcome at once (null otherwise: {@link Settled} carries it)
   */
  record Placed(boolean sent, List<OrderIntent> redecide, StepOrders outcome) implements CborSerializable, io.troupe.model.StepMessage {}

  /** Apply the venue's answers to this step's placement (what arrived by now). Answered by {@link Settled}. */
  record Settle(long time, ActorRef<Settled> replyTo) implements OrderManagerCommand {}

  /** @param fills fills among the answers (a market order filled on arrival), for the position monitor */
  /** {@code corrections}: the venue's trade corrections and busts applied with these reports (the coordinator halts on them). */
  record Settled(List<AttributedFill> fills, StepOrders outcome, List<OrderBook.Correction> corrections) implements CborSerializable, io.troupe.model.StepMessage {
    public Settled(List<AttributedFill> fills, StepOrders outcome) {
      this(fills, outcome, List.of());
    }
  }

  /**
   * What the step did to the book, as it stands at the step's close: the venue's rejections (told to the desks with
   * the next bar), the orders that changed (their state now) and whether orders are still working.
   */
  record StepOrders(List<VenueRejection> rejections, List<OrderRecord> changed, boolean busy, Map<String, Double> pending) implements CborSerializable {}

  /** From the venue, at any time. */
  record FromVenue(VenueReports reports) implements OrderManagerCommand {}

  /** Operator: cancel a working order (sent to the venue with the next step). */
  record CancelOrder(String clientOrderId, String reason) implements OrderManagerCommand {}

  /** Operator: change a working order's quantity or prices (NaN keeps a price); sent with the next step. */
  record ModifyOrder(String clientOrderId, double quantity, double limitPrice, double stopPrice) implements OrderManagerCommand {}

  /**
   * A live session reconciling with its venue ({@code hold} true) and done ({@code false}): while held nothing is sent
   * to the venue, neither bracket legs nor the order manager's own cancels (stale, outrun, one-cancels-other) nor an
   * operator's; what is still wanted goes out with the first step after ({@link OrderFlow#hold}).
   */
  record HoldOrders(boolean hold) implements OrderManagerCommand {}

  /**
   * A live session takes over an order it did not send (the venue already follows it: {@link
   * io.troupe.venue.VenueCommand.Adopt}): it goes into the book as working, its fills from now on applied (the ones in
   * {@code priorFillIds} never), cancellable like any. Answered with the refusal, or null when adopted.
   */
  record AdoptOrder(io.troupe.model.OrderRequest order, List<String> priorFillIds, long time, ActorRef<OrderAdopted> replyTo) implements OrderManagerCommand {}

  /**
   * A live session's own order, sent by a step that did not complete and found at the venue after the restart: taken
   * back whole into the book (every fill of it applied), its id never given to another order. Answered like
   * {@link AdoptOrder}.
   */
  record RecoverOrder(io.troupe.model.OrderRequest order, long time, ActorRef<OrderAdopted> replyTo) implements OrderManagerCommand {}

  /** The ids the next {@code count} new orders would get, in order. */
  record GetNextOrderIds(int count, ActorRef<NextOrderIds> replyTo) implements OrderManagerCommand {}

  record NextOrderIds(List<String> ids) implements CborSerializable {}

  record OrderAdopted(String refusal) implements CborSerializable {}

  /**
   * Where the order manager says that work is waiting outside a step (a report between steps, an operator's
   * cancel), so the next step does not skip it. Sent once, before the first step.
   */
  record NotifyWork(ActorRef<WorkWaiting> listener) implements OrderManagerCommand {}

  record WorkWaiting() implements CborSerializable, io.troupe.model.StepMessage {}

  /** Every order, for reports. */
  record GetOrders(ActorRef<OrderList> replyTo) implements OrderManagerCommand {}

  record OrderList(List<OrderRecord> orders, int stillWorking) implements CborSerializable {}

  /** Checkpoint: reply with this agent's state (sent only between steps, while the node is idle). */
  record CaptureState(ActorRef<io.troupe.checkpoint.AgentState> replyTo) implements OrderManagerCommand {}
}
