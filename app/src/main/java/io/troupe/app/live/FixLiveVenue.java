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
  private final UnknownOrders unknownOrders;

  public FixLiveVenue(FixSettings settings) {
    this(settings, UnknownOrders.CANCEL);
  }

  /**
   * {@code unknownOrders} ADOPT: the venue takes in the orders its mass status shows that it did not send, and the
   * order manager keeps them (their fills count, they can be cancelled); CANCEL: the reconciliation cancels them.
   */
  public FixLiveVenue(FixSettings settings, UnknownOrders unknownOrders) {
    this.settings = settings;
    this.unknownOrders = unknownOrders;
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
    boolean adopt = unknownOrders == UnknownOrders.ADOPT;
    return FixVenueActor.restore(settings, runTag, checkpoint == null ? null : checkpoint.state("venue", FixOrderBook.Saved.class), adopt);
  }

  @Override
  public VenueState state(ActorSystem<?> system, ActorRef<VenueCommand> venue, String tag, List<String> symbols, Duration timeout) {
    VenueCommand.VenueView view;
    try {
      view = AskPattern.<VenueCommand, VenueCommand.VenueView>ask(venue, VenueCommand.GetVenueView::new, timeout, system.scheduler())
          .toCompletableFuture().get(timeout.toMillis() + 1000, java.util.concurrent.TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      throw new VenueUnreachable("the FIX venue did not say what it holds within " + timeout.toSeconds() + " s", e);
    }
    this.venue = venue;
    this.view = view;
    String own = runTag(tag) + "-";
    List<VenueOrder> open = new ArrayList<>();
    // The orders the venue sent, as the peer's status answers at logon left them (quantities filled included: the
    // reconciliation sees what filled while Troupe was down; the order manager applies it from the venue's reports).
    for (VenueCommand.SentOrder o : view.sent()) if (o.open()) open.add(sentOrder(own, o));
    // The orders the peer's mass status showed that the venue did not send (reconcile = mass-status; none otherwise):
    // this session's own id when the ClOrdID carries its tag, else null (another client's, an older session's).
    for (VenueCommand.OutsideOrder o : view.outside()) {
      String rest = o.venueId().startsWith(own) ? o.venueId().substring(own.length()) : null;
      String orderId = rest != null && !rest.isEmpty() && !rest.contains(".") ? rest : null;
      open.add(new VenueOrder(o.venueId(), orderId, o.symbol(), o.side() == null ? "" : o.side().name(), o.quantity(), o.filled(), true));
    }
    // Positions by symbol as the peer's PositionReports gave them (net, LongQty less ShortQty): compared like Binance's
    // holdings; none when the peer gives none.
    Map<String, Double> holdings = new java.util.TreeMap<>();
    if (view.positionsKnown()) {
      for (String s : symbols) holdings.put(s, view.positions().getOrDefault(s, 0.0));
    }
    String account = settings.account().isEmpty() ? "the FIX session " + settings.senderCompId() + " (no Account tag)" : "FIX account " + settings.account();
    return new VenueState(account + (view.positionsKnown() ? "; positions " + view.positions() : "; the peer gives no positions"), open, holdings,
        view.balances());
  }

  private static VenueOrder sentOrder(String own, VenueCommand.SentOrder o) {
    // The notional the reports came to (LastPx, or what AvgPx implies for an order status): the balances value a fill
    // found at logon with it.
    return new VenueOrder(o.venueId(), o.clientOrderId(), o.symbol(), o.side().name(), o.quantity(), o.filled(), o.open(), o.notional());
  }

  /** The venue makes ClOrdIDs RUNTAG-ORDERID: the session's tag without its trailing separator. */
  private static String runTag(String tag) {
    return tag.endsWith("-") ? tag.substring(0, tag.length() - 1) : tag;
  }

  @Override
  public VenueOrder lookUp(ActorSystem<?> system, String tag, String orderId, String symbol, Duration timeout) {
    // Not listed as open after the logon's order status: the peer said it ended (filled, cancelled, expired), and the
    // venue reported that to the order manager. Its quantities are the venue's record of it, when it still has one.
    VenueCommand.VenueView v = view;
    if (v != null) for (VenueCommand.SentOrder o : v.sent()) if (o.clientOrderId().equals(orderId)) return sentOrder(runTag(tag) + "-", o);
    return new VenueOrder(runTag(tag) + "-" + orderId, orderId, symbol, "", Double.NaN, Double.NaN, false);
  }

  /** The running venue and what it said, as {@link #state} was given and told them: what {@link #cancel} and {@link #lookUp} use. */
  private volatile ActorRef<VenueCommand> venue;
  private volatile VenueCommand.VenueView view;

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
