package io.troupe.node;

import io.troupe.market.Bar;
import io.troupe.model.ExecutionReport;
import io.troupe.model.Liquidity;
import io.troupe.model.OrderRequest;
import io.troupe.venue.VenueCommand;
import io.troupe.venue.VenueReports;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
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
  static Behavior<VenueCommand> create(List<VenueCommand.Send> submitted) {
    List<OrderRequest> working = new ArrayList<>();
    int[] fillSeq = {0};
    List<ActorRef<VenueReports>> reportsTo = new ArrayList<>(1);
    return Behaviors.receive(VenueCommand.class)
        .onMessage(VenueCommand.Connect.class, c -> {
          reportsTo.add(c.reports());
          return Behaviors.same();
        })
        .onMessage(VenueCommand.Send.class, s -> {
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
          if (!reports.isEmpty()) reportsTo.get(0).tell(new VenueReports(reports));
          return Behaviors.same();
        })
        .onMessage(VenueCommand.Sync.class, s -> {
          s.replyTo().tell(new VenueCommand.Synced(s.time()));
          return Behaviors.same();
        })
        .onMessage(VenueCommand.CancelAll.class, c -> {
          List<ExecutionReport> reports = new ArrayList<>();
          for (OrderRequest o : working) reports.add(new ExecutionReport.Canceled(o.clientOrderId(), o.symbol(), c.time(), c.reason()));
          working.clear();
          if (!reports.isEmpty()) reportsTo.get(0).tell(new VenueReports(reports));
          return Behaviors.same();
        })
        .onMessage(VenueCommand.GetWorkingOrders.class, g -> {
          g.replyTo().tell(new VenueCommand.WorkingOrders(working.stream().map(OrderRequest::clientOrderId).toList()));
          return Behaviors.same();
        })
        .onMessage(VenueCommand.Match.class, m -> {
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
          if (!reports.isEmpty()) reportsTo.get(0).tell(new VenueReports(reports));
          if (m.replyTo() != null) m.replyTo().tell(new VenueCommand.Matched(m.time(), true));
          return Behaviors.same();
        })
        .build();
  }

  private ScriptedVenue() {}
}
