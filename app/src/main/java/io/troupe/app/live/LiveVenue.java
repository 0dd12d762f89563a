package io.troupe.app.live;

import io.troupe.checkpoint.NodeCheckpoint;
import io.troupe.venue.VenueCommand;
import java.time.Duration;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;

/**
 * A real venue for {@code troupe live}: the venue actor the trading node sends orders to (fresh, or as the session's
 * last checkpoint left it, so a restart resends nothing and asks the venue what became of the orders it knew), and the
 * venue's own view of the account for the reconciliation at start ({@link VenueReconciliation}).
 */
public interface LiveVenue {

  /** The venue's name as the command line gives it ({@code binance}, {@code fix}). */
  String name();

  /** Where the venue is, one line for the operator (endpoints, comp ids; never a credential). */
  String describe();

  /**
   * Each of {@code symbols}' instrument terms as the venue gives them (its tick, lot, minimum notional and quote
   * currency), read before the session starts, so every order goes out on the venue's grid; empty for a venue that
   * gives none (the session's own then). {@link io.troupe.app.marketdata.BinanceTerms.Unreachable} when the venue does
   * not answer.
   */
  default java.util.Map<String, io.troupe.model.Instrument> venueInstruments(com.typesafe.config.Config config, List<String> symbols) {
    return java.util.Map.of();
  }

  /** Starts what the venue needs in the session's actor system (an HTTP client); called once, first. */
  void open(ActorSystem<?> system);

  /**
   * The venue actor: {@code checkpoint} null for a new session, else the one the session resumes from (the venue's
   * part of it restores the orders the venue knew). {@code tag} is the session's: before every order id sent, the
   * same on every restart of the session.
   */
  Behavior<VenueCommand> create(String tag, NodeCheckpoint checkpoint);

  /**
   * The account as the venue holds it now; {@code venue} is the running venue actor (asked where the venue protocol
   * says what it knows), {@code symbols} the session's.
   */
  VenueState state(ActorSystem<?> system, ActorRef<VenueCommand> venue, String tag, List<String> symbols, Duration timeout);

  /** The venue's record of one order the journal had working and {@link #state} did not list as open (null: unknown). */
  VenueOrder lookUp(ActorSystem<?> system, String tag, String orderId, String symbol, Duration timeout);

  /**
   * The venue finds any order of the session by its id, filled or not ({@link #lookUp}): after a kill mid-step, the
   * orders that step sent are looked for by the ids they got. False for a venue whose own reconnection settles them.
   */
  default boolean findsOrdersById() {
    return false;
  }

  /** Cancels an order the session does not know; false when this venue cannot (it was left working). */
  boolean cancel(ActorSystem<?> system, VenueOrder order, Duration timeout);

  /** A spot symbol's base asset, whose balance is compared (null: none, or not known: a perpetual, a FIX instrument). */
  default String baseAsset(String symbol) {
    return null;
  }

  /**
   * The fees of {@code order}'s fills at the venue, by the asset charged (empty: none, or the venue does not say): the
   * balances' reconciliation takes the fees of fills found while Troupe was down from them.
   */
  default java.util.Map<String, Double> fees(ActorSystem<?> system, VenueOrder order, Duration timeout) {
    return java.util.Map.of();
  }
}
