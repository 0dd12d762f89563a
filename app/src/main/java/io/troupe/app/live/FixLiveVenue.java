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
 * orders the venue sent, as the peer answered their status at logon; it gives no positions or balances here
 * (RequestForPositions is not supported) and no orders of other clients, so those parts of the reconciliation are
 * empty for FIX.
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
    // Only what the venue sent; quantities are the order manager's (the venue's status answers are reported to it).
    List<VenueOrder> open = new ArrayList<>();
    for (String id : working.clientOrderIds()) open.add(new VenueOrder(runTag(tag) + "-" + id, id, "", "", Double.NaN, Double.NaN, true));
    return new VenueState(settings.account().isEmpty() ? "the FIX session " + settings.senderCompId() + " (no Account tag)" : "FIX account " + settings.account(),
        open, Map.of(), Map.of());
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

  @Override
  public boolean cancel(ActorSystem<?> system, VenueOrder order, Duration timeout) {
    return false; // FIX shows no orders but its own
  }
}
