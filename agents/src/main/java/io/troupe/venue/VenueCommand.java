package io.troupe.venue;

import io.troupe.market.Bar;
import io.troupe.node.StepCompleted;
import io.troupe.model.CancelRequest;
import io.troupe.model.ModifyRequest;
import io.troupe.order.OrderManagerCommand;
import io.troupe.model.OrderRequest;
import io.troupe.persistence.CborSerializable;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * The one protocol every venue speaks (simulated exchange, FIX, REST): orders and cancels in, execution reports out
 * to the order manager. Only the order manager talks to a venue.
 */
public sealed interface VenueCommand extends CborSerializable {

  /** New market data at event time {@code time}: match working orders, report to {@code replyTo}, then pass the step on. */
  record MatchStep(long time, List<Bar> bars, ActorRef<OrderManagerCommand> replyTo, ActorRef<StepCompleted> doneTo)
      implements VenueCommand {}

  /** The ids of every order working at the venue, for reconciliation with the order manager's book. */
  record GetWorkingOrders(ActorRef<WorkingOrders> replyTo) implements VenueCommand {}

  record WorkingOrders(List<String> clientOrderIds) implements CborSerializable {}

  /** Place new orders and cancel working ones; the venue answers with one {@link OrderManagerCommand.VenueReplied}. */
  record Submit(
      long time, List<OrderRequest> orders, List<CancelRequest> cancels, List<ModifyRequest> modifies, ActorRef<OrderManagerCommand> replyTo)
      implements VenueCommand {}

  /** Checkpoint: reply with this agent's state (sent only between steps, while the node is idle). */
  record CaptureState(org.apache.pekko.actor.typed.ActorRef<io.troupe.checkpoint.AgentState> replyTo) implements VenueCommand {}
}
