package io.troupe.app.live;

import io.troupe.checkpoint.NodeCheckpoint;
import io.troupe.gateway.fix.FixOrderBook;
import io.troupe.gateway.fix.FixSettings;
import io.troupe.gateway.fix.FixVenueActor;
import io.troupe.venue.VenueCommand;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AskPattern;

/**
 * A FIX 4.4 session for {@code troupe live}: {@link FixVenueActor}, restored from the session's checkpoint on a
 * restart (its book at that cut; the order status at logon then reports again what it reported after). FIX gives the
 * orders the venue sent, as the peer answered their status at logon, and with {@code reconcile = mass-status} the
 * orders at the peer that it did not send (cancelled or left per {@code troupe.venue.unknown-orders}).
 */
public final class FixLiveVenue implements LiveVenue {
  private final FixSettings settings;

  public FixLiveVenue(FixSettings settings) {
    this.settings = settings;
  }

  @Override
  public String name() {
    return "fix";
  }

  @Override
  public String describe() {
    return "fix 4.4 to " + settings.host() + ":" + settings.port() + " as " + settings.senderCompId() + " -> " + settings.targetCompId();
  }

  @Override
  public void open(ActorSystem<?> system) {
    // QuickFIX/J's initiator starts with the venue actor.
  }

  @Override
  public Behavior<VenueCommand> create(String tag, NodeCheckpoint checkpoint) {
    String runTag = runTag(tag);
    return checkpoint == null ? FixVenueActor.create(settings, runTag) : FixVenueActor.restore(settings, runTag, checkpoint.state("venue", FixOrderBook.Saved.class));
  }

  @Override
  public VenueState state(ActorSystem<?> system, ActorRef<VenueCommand> venue, String tag, List<String> symbols, Duration timeout) {
    VenueCommand.WorkingOrders working;
    try {
      working = AskPattern.<VenueCommand, VenueCommand.WorkingOrders>ask(venue, VenueCommand.GetWorkingOrders::new, timeout, system.scheduler())
          .toCompletableFuture().get(timeout.toMillis() + 1000, java.util.concurrent.TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      throw new VenueUnreachable("the FIX venue did not list its working orders within " + timeout.toSeconds() + " s", e);
    }
    // What the venue sent: quantities are the order manager's (the venue's status answers are reported to it).
    List<VenueOrder> open = new ArrayList<>();
    for (String id : working.clientOrderIds()) open.add(new VenueOrder(runTag(tag) + "-" + id, id, "", "", Double.NaN, Double.NaN, true));
    this.venue = venue;
    open.addAll(outsideOrders(system, venue, tag, timeout));
    return new VenueState(settings.account().isEmpty() ? "the FIX session " + settings.senderCompId() + " (no Account tag)" : "FIX account " + settings.account(),
        open, Map.of(), Map.of());
  }

  /**
   * The orders the peer's mass status showed that the venue did not send (reconcile = mass-status; none otherwise): this
   * session's own id when the ClOrdID carries its tag, else null (another client's, an older session's).
   */
  private static List<VenueOrder> outsideOrders(ActorSystem<?> system, ActorRef<VenueCommand> venue, String tag, Duration timeout) {
    VenueCommand.VenueView outside;
    try {
      outside = AskPattern.<VenueCommand, VenueCommand.VenueView>ask(venue, VenueCommand.GetVenueView::new, timeout, system.scheduler())
          .toCompletableFuture().get(timeout.toMillis() + 1000, java.util.concurrent.TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      throw new VenueUnreachable("the FIX venue did not list the peer's other orders within " + timeout.toSeconds() + " s", e);
    }
    List<VenueOrder> out = new ArrayList<>();
    String own = runTag(tag) + "-";
    for (VenueCommand.OutsideOrder o : outside.orders()) {
      String rest = o.venueId().startsWith(own) ? o.venueId().substring(own.length()) : null;
      String orderId = rest != null && !rest.isEmpty() && !rest.contains(".") ? rest : null;
      out.add(new VenueOrder(o.venueId(), orderId, o.symbol(), o.side() == null ? "" : o.side().name(), o.quantity(), o.filled(), true));
    }
    return out;
  }

  /** The venue makes ClOrdIDs RUNTAG-ORDERID: the session's tag without its trailing separator. */
  private static String runTag(String tag) {
    return tag.endsWith("-") ? tag.substring(0, tag.length() - 1) : tag;
  }

  @Override
  public VenueOrder lookUp(ActorSystem<?> system, String tag, String orderId, String symbol, Duration timeout) {
    // Not listed as open after the logon's order status: the peer said it ended (filled, cancelled, expired), and the
    // venue reported that to the order manager; quantities are in those reports.
    return new VenueOrder(runTag(tag) + "-" + orderId, orderId, symbol, "", Double.NaN, Double.NaN, false);
  }

  /** The running venue, as {@link #state} was given it: what {@link #cancel} asks. */
  private volatile ActorRef<VenueCommand> venue;

  /**
   * An order the mass status showed that the venue did not send: cancelled by its ClOrdID. {@link VenueUnreachable}
   * when the peer refuses or does not answer (journaled as {@code cancel_failed}).
   */
  @Override
  public boolean cancel(ActorSystem<?> system, VenueOrder order, Duration timeout) {
    ActorRef<VenueCommand> v = venue;
    if (v == null) return false;
    VenueCommand.OutsideCanceled done;
    try {
      done = AskPattern.<VenueCommand, VenueCommand.OutsideCanceled>ask(v,
          r -> new VenueCommand.CancelOutside(order.venueId(), VenueReconciliation.UNKNOWN_ORDER, r), timeout, system.scheduler())
          .toCompletableFuture().get(timeout.toMillis() + 1000, java.util.concurrent.TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      throw new VenueUnreachable("the FIX peer did not answer the cancel of " + order.venueId() + " within " + timeout.toSeconds() + " s", e);
    }
    if (!done.canceled()) throw new VenueUnreachable("the FIX peer did not cancel " + order.venueId() + ": " + done.why(), null);
    return true;
  }
}
