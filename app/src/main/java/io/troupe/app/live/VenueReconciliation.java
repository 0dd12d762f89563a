package io.troupe.app.live;

import io.troupe.model.OrderRecord;
import io.troupe.model.Side;
import io.troupe.position.Portfolio;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiFunction;

/**
 * RECONCILING, decided: the venue's open orders and holdings against a live session's journal, after a start or a
 * restart and before any order goes out. Each difference is one {@link Difference}, which the session journals; an
 * order the journal does not know is cancelled or adopted ({@link UnknownOrders}). Fills the venue made while nothing
 * ran are not applied here: the venue actor, restored with the orders it knew, reports them with their venue ids, and
 * the order manager applies each once (by fill id) at the next step; this records that they were found.
 */
public final class VenueReconciliation {
  private VenueReconciliation() {}

  /** Kinds of difference, as journaled. */
  public static final String FILL_WHILE_DOWN = "fill_while_down";
  public static final String ENDED_WHILE_DOWN = "ended_while_down";
  public static final String NOT_AT_VENUE = "not_at_venue";
  public static final String UNKNOWN_ORDER = "unknown_order";
  public static final String POSITION = "position";
  public static final String IN_FLIGHT = "in_flight";
  public static final String BALANCE = "balance";

  /** What to do about a difference. */
  public enum Action {
    /** Nothing to do: the venue actor reports it to the order manager (fills once by their ids). */
    ADOPT_REPORTS,
    /** Cancel the order at the venue. */
    CANCEL,
    /** Leave the order working, journaled (not managed: an adoption the venue or the book refused, a venue that cannot cancel). */
    LEAVE,
    /** Take the order over: the venue follows it and the order manager keeps it in its book (troupe.venue.unknown-orders = adopt). */
    ADOPT,
    /** One of the session's own orders, sent by the step that did not complete: taken back whole into the book, its fills the session's. */
    RECOVER,
    /** Recorded only. */
    RECORD
  }

  /**
   * One difference: {@code kind} (above), {@code subject} (an order id or a symbol), {@code detail} (for the operator)
   * and {@code action}; {@code order} is the venue's order an action needs (null otherwise).
   */
  public record Difference(String kind, String subject, String detail, Action action, VenueOrder order, double foundFilled) {
    public Difference(String kind, String subject, String detail, Action action, VenueOrder order) {
      this(kind, subject, detail, action, order, 0);
    }

    public String line() {
      return kind + " " + subject + ": " + detail + " (" + describe(action) + ")";
    }

    private static String describe(Action a) {
      return switch (a) {
        case ADOPT_REPORTS -> "adopted: the venue's report is applied once, by its id";
        case CANCEL -> "cancelled";
        case LEAVE -> "left working";
        case ADOPT -> "adopted: in the order book, managed from now on";
        case RECOVER -> "taken back into the order book by its id, its fills the session's; never sent again";
        case RECORD -> "recorded";
      };
    }
  }

  private static final double EPS = Portfolio.QTY_EPSILON;

  /**
   * @param working the orders the journal has working at its last completed step, by order id
   * @param positions the journal's positions (from its fills), by symbol
   * @param baseline the holdings the venue showed when the session first reconciled (null: this is the first time)
   * @param venue the venue's state now
   * @param lookUp the venue's record of an order it did not list as open ((order id, symbol) to the order, or null)
   * @param resentStep a step was started and not completed, and is run again next: orders of this session's own tag
   *     unknown to the journal were sent in it and are taken back by its rerun (the same ids), not cancelled
   */
  public static List<Difference> differences(Map<String, OrderRecord> working, Map<String, Double> positions, Map<String, Double> baseline,
      VenueState venue, BiFunction<String, String, VenueOrder> lookUp, UnknownOrders policy, boolean resentStep) {
    return differences(working, positions, baseline, venue, lookUp, policy, resentStep, List.of(), List.of());
  }

  /**
   * As above; {@code nextIds} are the ids the session's next new orders get (what the step that did not complete may
   * have sent, in order), looked up on each of {@code symbols} while found: such an order, whether still working or
   * already filled, is taken back ({@link Action#RECOVER}) rather than sent again under its id by the rerun or a later step.
   */
  public static List<Difference> differences(Map<String, OrderRecord> working, Map<String, Double> positions, Map<String, Double> baseline,
      VenueState venue, BiFunction<String, String, VenueOrder> lookUp, UnknownOrders policy, boolean resentStep, List<String> nextIds, List<String> symbols) {
    List<Difference> out = new ArrayList<>();
    Map<String, VenueOrder> openById = new TreeMap<>();
    for (VenueOrder v : venue.open()) {
      if (v.orderId() != null) openById.put(v.orderId(), v);
      else if (working.containsKey(v.venueId())) openById.put(v.venueId(), v); // adopted earlier: the book has it by the venue's id
    }
    Map<String, Double> adopted = new TreeMap<>();
    for (OrderRecord j : new TreeMap<>(working).values()) {
      VenueOrder v = openById.get(j.orderId());
      if (v == null) v = lookUp.apply(j.orderId(), j.symbol());
      if (v == null) {
        out.add(new Difference(NOT_AT_VENUE, j.orderId(), "works in the journal (" + j.symbol() + " " + j.side() + " " + j.quantity()
            + "), the venue does not know it", Action.RECORD, null));
        continue;
      }
      // An adopted order's book quantity is what was left of it when adopted: the fills before are not the session's.
      double before = v.orderId() == null ? v.quantity() - j.quantity() : 0;
      double more = v.executed() - before - j.filledQuantity();
      if (more > EPS * Math.max(1, v.quantity())) {
        adopted.merge(j.symbol(), (j.side() == Side.BUY ? 1 : -1) * more, Double::sum);
        out.add(new Difference(FILL_WHILE_DOWN, j.orderId(), j.symbol() + " " + j.side() + ": " + v.executed() + " of " + v.quantity()
            + " filled at the venue, " + j.filledQuantity() + " in the journal", Action.ADOPT_REPORTS, v, more));
      }
      if (!v.open()) {
        String filled = Double.isNaN(v.executed()) ? "as the venue's order status reported it" : v.executed() + " of " + v.quantity() + " filled";
        out.add(new Difference(ENDED_WHILE_DOWN, j.orderId(), j.symbol() + " " + j.side() + ": no longer working at the venue (" + filled + ")",
            Action.ADOPT_REPORTS, v));
      }
    }
    for (VenueOrder v : venue.open()) {
      if (v.orderId() != null && working.containsKey(v.orderId())) continue;
      if (v.orderId() == null && working.containsKey(v.venueId())) continue; // adopted earlier
      String what = v.symbol() + " " + v.side() + " " + v.quantity() + " (" + v.executed() + " filled)";
      if (v.orderId() != null && v.orderId().startsWith(io.troupe.gateway.fix.FixOrderBook.ADOPTED_PREFIX)) {
        // FIX with troupe.venue.unknown-orders = adopt: the venue took it in at logon; the order manager keeps it.
        out.add(new Difference(UNKNOWN_ORDER, v.venueId(), what + ", not this session's: adopted as " + v.orderId()
            + ", managed in the order book from the next step (its fills count, it can be cancelled)", Action.LEAVE, v));
        continue;
      }
      if (v.orderId() != null && resentStep) {
        out.add(new Difference(IN_FLIGHT, v.orderId(), what + ", sent by the step that did not complete", Action.RECOVER, v, v.executed()));
        if (v.side().equals("BUY") || v.side().equals("SELL")) adopted.merge(v.symbol(), (v.side().equals("BUY") ? 1 : -1) * v.executed(), Double::sum);
      } else {
        String whose = v.orderId() != null ? "this session's, not in its journal" : "not this session's";
        out.add(new Difference(UNKNOWN_ORDER, v.venueId(), what + ", " + whose, policy == UnknownOrders.CANCEL ? Action.CANCEL : Action.ADOPT, v));
      }
    }
    if (resentStep) {
      // Sent by that step and no longer working (filled on arrival): not in the open orders, found by its id.
      java.util.Set<String> listed = new java.util.HashSet<>();
      for (VenueOrder v : venue.open()) if (v.orderId() != null) listed.add(v.orderId());
      for (String id : nextIds) {
        if (working.containsKey(id)) break;
        if (listed.contains(id)) continue;
        VenueOrder found = null;
        for (String s : symbols) {
          found = lookUp.apply(id, s);
          if (found != null) break;
        }
        if (found == null) break; // the step sent no more
        out.add(new Difference(IN_FLIGHT, id, found.symbol() + " " + found.side() + " " + found.quantity() + " (" + found.executed()
            + " filled), sent by the step that did not complete; no longer working at the venue", Action.RECOVER, found, found.executed()));
        adopted.merge(found.symbol(), (found.side().equals("BUY") ? 1 : -1) * found.executed(), Double::sum);
      }
    }
    if (baseline != null) {
      Set<String> heldSymbols = new TreeSet<>(venue.holdings().keySet());
      for (String s : heldSymbols) {
        double expected = baseline.getOrDefault(s, 0.0) + positions.getOrDefault(s, 0.0) + adopted.getOrDefault(s, 0.0);
        double held = venue.holdings().get(s);
        if (Math.abs(held - expected) > EPS * Math.max(1, Math.abs(expected))) {
          out.add(new Difference(POSITION, s, held + " held at the venue, " + expected + " expected (" + baseline.getOrDefault(s, 0.0)
              + " at the session's start, " + positions.getOrDefault(s, 0.0) + " from the journaled fills, " + adopted.getOrDefault(s, 0.0)
              + " filled while down)", Action.RECORD, null));
        }
      }
    }
    return out;
  }

  /** What the balances' comparison gave: one {@code balance} difference per asset off by more than the tolerance, and what was not compared, with why. */
  public record BalanceCheck(List<Difference> differences, List<String> notCompared) {}

  /**
   * The venue's balances against what the journal implies, per asset: the balance at the session's start, moved by the
   * journaled fills (spot: the quote paid and received and the base asset bought and sold; a perpetual: its realized
   * P&L) and by the fills found at the venue and not yet journaled ({@code found}: the {@code foundFilled} of each
   * difference, valued at its order's average price, its fees pro rata), less the fees charged in each asset.
   *
   * @param baseline the balances at the session's first reconciliation, by asset (null: none recorded, not compared)
   * @param instruments the session's, by symbol (quote currency, kind)
   * @param baseAsset a spot symbol's base asset (null when not known: not compared)
   * @param flows the journal's {@link SymbolFlow}s, by symbol
   * @param charged the journal's fees charged in an asset other than the quote, by asset
   * @param found the differences found with the venue ({@link #differences}): their fills not yet journaled count
   * @param feesOf the fees of an order's fills at the venue, by asset (empty: none, or not known)
   * @param tolerance a share of the expected balance (of 1 unit below 1) a balance may be off by without a difference
   */
  public static BalanceCheck balances(Map<String, Double> baseline, Map<String, io.troupe.model.Instrument> instruments,
      java.util.function.Function<String, String> baseAsset, Map<String, SymbolFlow> flows, Map<String, Double> charged, List<Difference> found,
      java.util.function.Function<VenueOrder, Map<String, Double>> feesOf, VenueState venue, double tolerance) {
    List<String> notCompared = new ArrayList<>();
    if (baseline == null) return new BalanceCheck(List.of(), List.of("the session's start recorded no balances of the venue"));
    if (!venue.balancesKnown()) return new BalanceCheck(List.of(), List.of("the venue gave no balances"));
    Map<String, Double> journal = new TreeMap<>(); // the journaled fills' change, by asset
    Map<String, Double> down = new TreeMap<>(); // the found fills' change, by asset
    Set<String> unpriced = new TreeSet<>();
    Map<String, SymbolFlow> after = new TreeMap<>(flows); // the journal's flows with the found fills
    for (var e : instruments.entrySet()) {
      String symbol = e.getKey();
      String quote = e.getValue().quoteCurrency();
      if (quote.isEmpty()) {
        notCompared.add(symbol + ": no quote currency known for it");
        continue;
      }
      boolean spot = e.getValue().kind() == io.troupe.model.Instrument.Kind.SPOT;
      SymbolFlow f = flows.getOrDefault(symbol, SymbolFlow.NONE);
      journal.merge(quote, (spot ? f.notional() : f.realized()) - f.quoteFees(), Double::sum);
      String base = spot ? baseAsset.apply(symbol) : null;
      if (base != null) journal.merge(base, f.quantity(), Double::sum);
    }
    for (var e : charged.entrySet()) journal.merge(e.getKey(), -e.getValue(), Double::sum);
    for (Difference d : found) {
      VenueOrder v = d.order();
      if (d.foundFilled() <= EPS || v == null) continue;
      io.troupe.model.Instrument instrument = instruments.get(v.symbol());
      if (instrument == null || instrument.quoteCurrency().isEmpty()) continue;
      String quote = instrument.quoteCurrency();
      boolean spot = instrument.kind() == io.troupe.model.Instrument.Kind.SPOT;
      Side side = v.side().equals("BUY") ? Side.BUY : Side.SELL;
      String base = spot ? baseAsset.apply(v.symbol()) : null;
      if (base != null) down.merge(base, side.sign() * d.foundFilled(), Double::sum); // its quantity is known, priced or not
      if (Double.isNaN(v.executedQuote()) || !(v.executed() > EPS)) {
        unpriced.add(quote);
        continue;
      }
      double price = v.executedQuote() / v.executed();
      double share = d.foundFilled() / v.executed();
      double quoteFee = 0;
      for (var fee : feesOf.apply(v).entrySet()) {
        if (fee.getKey().equals(quote)) quoteFee += fee.getValue() * share;
        else down.merge(fee.getKey(), -fee.getValue() * share, Double::sum);
      }
      SymbolFlow was = after.getOrDefault(v.symbol(), SymbolFlow.NONE);
      SymbolFlow now = was.plus(side, d.foundFilled(), price, quoteFee);
      after.put(v.symbol(), now);
      down.merge(quote, (spot ? now.notional() - was.notional() : now.realized() - was.realized()) - quoteFee, Double::sum);
    }
    Set<String> assets = new TreeSet<>(journal.keySet());
    assets.addAll(down.keySet());
    List<Difference> out = new ArrayList<>();
    for (String asset : assets) {
      if (unpriced.contains(asset)) {
        notCompared.add(asset + ": a fill found at the venue while down has no price from it");
        continue;
      }
      double start = baseline.getOrDefault(asset, 0.0);
      double fills = journal.getOrDefault(asset, 0.0);
      double whileDown = down.getOrDefault(asset, 0.0);
      double expected = start + fills + whileDown;
      double held = venue.balances().getOrDefault(asset, 0.0);
      if (Math.abs(held - expected) > Math.max(tolerance * Math.max(1, Math.abs(expected)), EPS * Math.max(1, Math.abs(expected)))) {
        out.add(new Difference(BALANCE, asset, fmt(held) + " at the venue, " + fmt(expected) + " expected (" + fmt(start) + " at the session's start, "
            + fmt(fills) + " from the journaled fills and fees, " + fmt(whileDown) + " from the fills found while down), off by " + fmt(held - expected),
            Action.RECORD, null));
      }
    }
    return new BalanceCheck(out, notCompared);
  }

  private static String fmt(double v) {
    return java.math.BigDecimal.valueOf(v).round(new java.math.MathContext(12)).stripTrailingZeros().toPlainString();
  }
}
