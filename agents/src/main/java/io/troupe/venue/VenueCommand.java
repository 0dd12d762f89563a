package io.troupe.venue;

import io.troupe.market.Bar;
import io.troupe.model.CancelRequest;
import io.troupe.model.ModifyRequest;
import io.troupe.model.OrderRequest;
import io.troupe.persistence.CborSerializable;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * The one protocol every venue speaks (simulated exchange, FIX, REST). In: orders, cancels and cancel-replaces. Out:
 * {@link VenueReports} to the connected order manager, whenever the venue has them: inside a step or between steps,
 * duplicated or out of order (the order manager applies each once). Only the order manager sends orders to a venue.
 */
public sealed interface VenueCommand extends CborSerializable {

  /** Where execution reports go: the order manager. Sent once, before the first order. */
  record Connect(ActorRef<VenueReports> reports) implements VenueCommand {}

  /** New orders, cancels and modifies decided at event time {@code time}; answered only by reports. */
  record Send(long time, List<OrderRequest> orders, List<CancelRequest> cancels, List<ModifyRequest> modifies) implements VenueCommand {}

  /**
   * The step's bars at event time {@code time}. A venue that matches against market data (the simulated exchange)
   * matches its working orders, sends the reports, then answers {@link Matched}; a real venue answers at once.
   * {@code replyTo} null: no answer wanted (nothing is working, so the step need not wait for reports). A run of
   * quiet steps comes as one match: the bars of its steps one step after another, {@code time} the first step's.
   */
  record Match(long time, List<Bar> bars, ActorRef<Matched> replyTo) implements VenueCommand {}

  /**
   * {@code reported}: the venue sent the order manager execution reports since it last answered a match or a sync
   * (this match's among them). False only when the venue knows it sent none (the simulated exchange); then the
   * coordinator skips the step's apply. A venue that reports when it likes says true.
   */
  record Matched(long time, boolean reported) implements CborSerializable, io.troupe.model.StepMessage {}

  /**
   * Answered once every command sent to the venue before this one has been handled and its reports sent. A simulated
   * venue's answers to a step's orders are then at the order manager; a real venue's come when they come.
   */
  record Sync(long time, ActorRef<Synced> replyTo) implements VenueCommand {}

  record Synced(long time) implements CborSerializable, io.troupe.model.StepMessage {}

  /** Emergency: cancel every working order (an account agent failed and nothing else may be trusted to). */
  record CancelAll(long time, String reason) implements VenueCommand {}

  /** The ids of every order working at the venue, for reconciliation with the order manager's book. */
  record GetWorkingOrders(ActorRef<WorkingOrders> replyTo) implements VenueCommand {}

  record WorkingOrders(List<String> clientOrderIds) implements CborSerializable {}

  /**
   * Answered once the venue is connected and has settled the orders it knows (a real venue: logged on, or its
   * execution stream up, and every known order's state asked for and answered); a simulated venue at once. A live
   * session asks it before it compares the venue with its journal.
   */
  record AwaitConnected(ActorRef<Connected> replyTo) implements VenueCommand {}

  record Connected() implements CborSerializable {}

  /**
   * What the venue itself says of the account, as it last heard from its peer (FIX: at logon): the orders working there
   * that this venue did not send ({@code outsideSeen} false when it cannot see such orders: no mass status, or the
   * peer has none), the net position per symbol ({@code positionsKnown} false when the peer gives none), and the
   * orders it sent as it last knew them ({@code sent}), and the cash it reports by currency ({@code balances}; empty
   * when it gives none). A venue that keeps no such view need not answer.
   */
  record GetVenueView(ActorRef<VenueView> replyTo) implements VenueCommand {}

  record VenueView(boolean outsideSeen, List<OutsideOrder> outside, boolean positionsKnown, java.util.Map<String, Double> positions,
      List<SentOrder> sent, java.util.Map<String, Double> balances) implements CborSerializable {}

  /**
   * An order the venue sent (or adopted), as it last heard of it; {@code venueId} its first ClOrdID: its quantity, what
   * it has reported filled, still working or not; {@code notional} what its fills came to (NaN: not known).
   */
  record SentOrder(String clientOrderId, String venueId, String symbol, io.troupe.model.Side side, double quantity, double filled, boolean open,
      double notional) implements CborSerializable {
    public SentOrder(String clientOrderId, String venueId, String symbol, io.troupe.model.Side side, double quantity, double filled, boolean open) {
      this(clientOrderId, venueId, symbol, side, quantity, filled, open, Double.NaN);
    }
  }

  /** An order at the venue that this venue did not send: {@code venueId} is what the venue knows it by (FIX: its ClOrdID). */
  record OutsideOrder(String venueId, String symbol, io.troupe.model.Side side, double quantity, double filled, double price) implements CborSerializable {}

  /** Cancels an outside order; answered once the venue has said (canceled, or refused with {@code why}). */
  record CancelOutside(String venueId, String reason, ActorRef<OutsideCanceled> replyTo) implements VenueCommand {}

  record OutsideCanceled(String venueId, boolean canceled, String why) implements CborSerializable {}

  /**
   * A live session takes over an order working at the venue that it did not send ({@code troupe.venue.unknown-orders =
   * adopt}): {@code venueOrderId} is the venue's id of it. The venue reads the order and its trades so far, follows it
   * from now on under that same id (its reports go to the order manager, a cancel of it goes out) and answers with the
   * order as the order manager is to keep it ({@link TakenOver}). A venue that cannot adopt answers with a refusal.
   */
  record Adopt(String venueOrderId, String symbol, ActorRef<TakenOver> replyTo) implements VenueCommand {}

  /**
   * After a restart: {@code orderId}, one of the session's own orders that a step sent and never completed, is at the
   * venue; the venue follows it again under its id and reports everything of it (its fills are the session's), and
   * answers with the whole order ({@link TakenOver}, no earlier fills).
   */
  record Recover(String orderId, String symbol, ActorRef<TakenOver> replyTo) implements VenueCommand {}

  /**
   * {@code order}: what is left of it to manage (its id the venue's, its quantity what was still unfilled when it was
   * read), null when refused ({@code refusal} says why); {@code priorFillIds}: the ids of its fills before the
   * adoption, which are not the session's and are never applied.
   */
  record TakenOver(OrderRequest order, List<String> priorFillIds, String refusal) implements CborSerializable {}

  /** Checkpoint: reply with this agent's state (sent only between steps, while the node is idle). */
  record CaptureState(ActorRef<io.troupe.checkpoint.AgentState> replyTo) implements VenueCommand {}
}
