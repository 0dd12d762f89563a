package io.troupe.gateway.fix;

import io.troupe.model.CancelRequest;
import io.troupe.model.ExecutionReport;
import io.troupe.model.ModifyRequest;
import io.troupe.model.OrderRequest;
import io.troupe.order.ManagedOrder;
import io.troupe.order.OrderBook;
import io.troupe.venue.VenueCommand;
import io.troupe.venue.VenueReports;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * The order manager's side of a venue, for the FIX tests: sends orders, cancels and modifies as the order manager does
 * ({@link VenueCommand.Send}) and applies every report through the order manager's own book ({@link OrderBook}: each
 * fill once by fill id, a report after a final state changing nothing).
 */
final class FixTrader {

  final OrderBook book = new OrderBook("O");
  final List<ExecutionReport.Fill> fills = new ArrayList<>();
  final List<ExecutionReport> reports = new ArrayList<>();
  private final TestProbe<VenueReports> probe;
  private ActorRef<VenueCommand> venue;

  ActorRef<VenueCommand> venue() {
    return venue;
  }
  private long time = 1_700_000_000_000L;

  FixTrader(ActorTestKit kit, ActorRef<VenueCommand> venue) {
    this(kit);
    connect(venue);
  }

  /** Not connected yet: {@link #connect} when its venue is up. */
  FixTrader(ActorTestKit kit) {
    this.probe = kit.createTestProbe(VenueReports.class);
  }

  /** Talks to {@code venue} from now on (a venue started again on the same state folder). */
  void connect(ActorRef<VenueCommand> v) {
    venue = v;
    venue.tell(new VenueCommand.Connect(probe.ref()));
  }

  String nextId() {
    return book.nextClientOrderId();
  }

  /** The book as a journal left it: the order and the reports applied to it before a crash. */
  void restore(OrderRequest r, List<ExecutionReport> journaled) {
    book.add(r, ++time, "test", "test");
    for (ExecutionReport e : journaled) {
      reports.add(e);
      ExecutionReport.Fill f = book.apply(e);
      if (f != null) fills.add(f);
    }
  }

  OrderRequest send(OrderRequest r) {
    book.add(r, ++time, "test", "test");
    venue.tell(new VenueCommand.Send(time, List.of(r), List.of(), List.of()));
    return r;
  }

  void cancel(String id, String reason) {
    venue.tell(new VenueCommand.Send(++time, List.of(), List.of(new CancelRequest(id, reason)), List.of()));
  }

  void modify(ModifyRequest m) {
    venue.tell(new VenueCommand.Send(++time, List.of(), List.of(), List.of(m)));
  }

  /** Applies reports as they come until the order satisfies {@code until}. */
  ManagedOrder await(String id, Predicate<ManagedOrder> until) {
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (true) {
      ManagedOrder o = book.get(id);
      if (o != null && until.test(o)) return o;
      long left = deadline - System.nanoTime();
      if (left <= 0) throw new AssertionError("order " + id + " is " + o + "; reports so far: " + reports);
      VenueReports r = probe.receiveMessage(Duration.ofNanos(left));
      for (ExecutionReport e : r.reports()) {
        reports.add(e);
        ExecutionReport.Fill f = book.apply(e);
        if (f != null) fills.add(f);
      }
    }
  }

  /** The reports of one kind for an order, in arrival order. */
  <T extends ExecutionReport> List<T> reportsOf(String id, Class<T> kind) {
    List<T> out = new ArrayList<>();
    for (ExecutionReport e : reports) if (kind.isInstance(e) && e.clientOrderId().equals(id)) out.add(kind.cast(e));
    return out;
  }

  double position(String symbol) {
    double p = 0;
    for (ManagedOrder o : book.byId().values()) if (o.request().symbol().equals(symbol)) p += o.request().side().sign() * o.filledQuantity();
    return p;
  }
}
