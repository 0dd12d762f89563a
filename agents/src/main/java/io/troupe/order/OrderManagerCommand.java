package io.troupe.order;

import io.troupe.model.ApprovedOrder;
import io.troupe.model.ExecutionReport;
import io.troupe.model.OrderRecord;
import io.troupe.model.BracketRequest;
import io.troupe.market.Bar;
import io.troupe.node.StepCompleted;
import io.troupe.persistence.CborSerializable;
import io.troupe.model.AccountSnapshot;
import io.troupe.model.RoundTrip;
import io.troupe.risk.RiskCommand;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;

/** The order manager's protocol: it owns every order from approval to final state. */
public sealed interface OrderManagerCommand extends CborSerializable {

  /** From the venue: what happened to working orders on this step's bars. */
  record StepMatched(long time, List<Bar> bars, List<ExecutionReport> reports, ActorRef<StepCompleted> doneTo)
      implements OrderManagerCommand {}

  /**
   * From the risk supervisor, the only way in: orders to place this step, and whether to cancel everything working
   * (a halt). {@code account} and {@code closed} ride along to the end of the step.
   */
  record Place(
      long time,
      List<ApprovedOrder> orders,
      List<BracketRequest> brackets,
      boolean cancelAll,
      String cancelReason,
      AccountSnapshot account,
      List<RoundTrip> closed,
      io.troupe.risk.RiskBaselines risk,
      ActorRef<StepCompleted> doneTo)
      implements OrderManagerCommand {}

  /** From the venue: the answer to a {@code Submit}. */
  record VenueReplied(long time, List<ExecutionReport> reports) implements OrderManagerCommand {}

  /** Wiring, sent once by the node before the first step: where venue rejections are reported. */
  record Connect(ActorRef<RiskCommand> risk) implements OrderManagerCommand {}

  /** Operator: cancel a working order (sent to the venue with the next step). */
  record CancelOrder(String clientOrderId, String reason) implements OrderManagerCommand {}

  /** Operator: change a working order's quantity or prices (NaN keeps a price); sent with the next step. */
  record ModifyOrder(String clientOrderId, double quantity, double limitPrice, double stopPrice) implements OrderManagerCommand {}

  /** Every order, for reports. */
  record GetOrders(ActorRef<OrderList> replyTo) implements OrderManagerCommand {}

  record OrderList(List<OrderRecord> orders, int stillWorking) implements CborSerializable {}

  /** Checkpoint: reply with this agent's state (sent only between steps, while the node is idle). */
  record CaptureState(org.apache.pekko.actor.typed.ActorRef<io.troupe.checkpoint.AgentState> replyTo) implements OrderManagerCommand {}
}
