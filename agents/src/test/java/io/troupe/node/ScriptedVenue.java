package io.troupe.node;

import io.troupe.market.Bar;
import io.troupe.model.ExecutionReport;
import io.troupe.model.Liquidity;
import io.troupe.order.OrderManagerCommand;
import io.troupe.model.OrderRequest;
import io.troupe.venue.VenueCommand;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * A minimal venue for agent tests (the real simulated exchange lives in the gateway): acks every order and fills
 * market orders whole at the open of the symbol's next bar, without fees.
 */
final class ScriptedVenue {

  static Behavior<VenueCommand> create() {
    return create(new java.util.concurrent.CopyOnWriteArrayList<>());
  }

  /** Also appends every submission to {@code submitted}, which a test reads once the step that sent it has ended. */
  static Behavior<VenueCommand> create(List<VenueCommand.Submit> submitted) {
    List<OrderRequest> working = new ArrayList<>();
    int[] fillSeq = {0};
    return Behaviors.receive(VenueCommand.class)
        .onMessage(VenueCommand.Submit.class, s -> {
          submitted.add(s);
          List<ExecutionReport> reports = new ArrayList<>();
          for (OrderRequest o : s.orders()) {
            working.add(o);
            reports.add(new ExecutionReport.Ack(o.clientOrderId(), o.symbol(), s.time()));
          }
          for (var c : s.cancels()) {
            working.removeIf(o -> o.clientOrderId().equals(c.clientOrderId()));
            reports.add(new ExecutionReport.Canceled(c.clientOrderId(), "?", s.time(), c.reason()));
          }
          s.replyTo().tell(new OrderManagerCommand.VenueReplied(s.time(), reports));
          return Behaviors.same();
        })
        .onMessage(VenueCommand.GetWorkingOrders.class, g -> {
          g.replyTo().tell(new VenueCommand.WorkingOrders(working.stream().map(OrderRequest::clientOrderId).toList()));
          return Behaviors.same();
        })
        .onMessage(VenueCommand.MatchStep.class, m -> {
          List<ExecutionReport> reports = new ArrayList<>();
          for (Bar bar : m.bars()) {
            var it = working.iterator();
            while (it.hasNext()) {
              OrderRequest o = it.next();
              if (!o.symbol().equals(bar.symbol())) continue;
              it.remove();
              reports.add(new ExecutionReport.Fill(o.clientOrderId(), o.clientOrderId() + "-" + (++fillSeq[0]), o.symbol(), bar.time(),
                  o.side(), o.quantity(), bar.open(), 0, Liquidity.TAKER, 0));
            }
          }
          m.replyTo().tell(new OrderManagerCommand.StepMatched(m.time(), m.bars(), reports, m.doneTo()));
          return Behaviors.same();
        })
        .build();
  }

  private ScriptedVenue() {}
}
