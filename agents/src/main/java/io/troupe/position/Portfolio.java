package io.troupe.position;

import io.troupe.model.AccountSnapshot;
import io.troupe.model.Position;
import io.troupe.model.RoundTrip;
import io.troupe.model.Instrument;
import io.troupe.model.ExecutionReport.Fill;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Cash and net positions of one account, turned from fills. Spot instruments move the full notional through cash;
 * futures-like instruments settle only realised P&L and fees through cash and reserve margin instead.
 *
 * <p>Mutable on purpose: it sits on the hot path of every bar and is owned by exactly one actor, the position monitor,
 * which never shares it; what leaves the actor is an immutable {@link AccountSnapshot}.
 */
public final class Portfolio {

  /** Quantities below this are treated as zero so float dust never keeps a position open. */
  public static final double QTY_EPSILON = 1e-9;

  private final double initialCash;
  private final Map<String, Instrument> instruments;
  // Positions in slots of symbol order: marks and valuation run at every step, so no tree lookups and no copying.
  private final String[] symbols;
  private final Instrument[] instrumentAt;
  private final Position[] positionAt;
  private final Map<String, Integer> slots = new HashMap<>();
  /** The positions as a map, made at most once between two changes (null after a change). */
  private PositionsBySymbol view;
  private double cash;
  private double feesPaid;
  private double realizedPnl;

  public Portfolio(double initialCash, Map<String, Instrument> instruments) {
    this.initialCash = initialCash;
    this.cash = initialCash;
    this.instruments = Map.copyOf(instruments);
    this.symbols = new TreeMap<>(instruments).keySet().toArray(new String[0]);
    this.instrumentAt = new Instrument[symbols.length];
    this.positionAt = new Position[symbols.length];
    for (int i = 0; i < symbols.length; i++) {
      slots.put(symbols[i], i);
      instrumentAt[i] = this.instruments.get(symbols[i]);
      positionAt[i] = Position.flat(symbols[i]);
    }
  }

  public double initialCash() {
    return initialCash;
  }

  public double cash() {
    return cash;
  }

  public double fees() {
    return feesPaid;
  }

  public double realizedPnl() {
    return realizedPnl;
  }

  public Position position(String symbol) {
    Integer slot = slots.get(symbol);
    if (slot == null) throw new IllegalArgumentException("unknown symbol " + symbol);
    return positionAt[slot];
  }

  /** Every position, flat ones included, by symbol in name order; an immutable copy as of now. */
  public Map<String, Position> positions() {
    if (view == null) view = new PositionsBySymbol(symbols, positionAt.clone());
    return view;
  }

  public Instrument instrument(String symbol) {
    Instrument i = instruments.get(symbol);
    if (i == null) throw new IllegalArgumentException("unknown symbol " + symbol);
    return i;
  }

  /**
   * Applies one fill and returns the round trips it closed (none when it only opened or added). A fill larger than
   * the position it reduces closes that position and opens the rest on the other side.
   *
   * @throws NonFiniteAmountException when the fill's quantity, price or fee, its notional, or anything it would
   *     write (cash, fees, realised P&L, the position, a round trip's fees or P&L) is not a finite number; the
   *     portfolio is left as it was
   */
  public List<RoundTrip> apply(Fill fill, String reason, String specialist) {
    Instrument inst = instrument(fill.symbol());
    int slot = slots.get(fill.symbol());
    Position pos = positionAt[slot];
    double mult = inst.valueMultiplier();
    if (!(fill.quantity() > 0) || !Double.isFinite(fill.quantity())) throw nonFinite(fill, "quantity", fill.quantity());
    if (!(fill.price() > 0) || !Double.isFinite(fill.price())) throw nonFinite(fill, "price", fill.price());
    requireFinite(fill, "fee", fill.fee());
    requireFinite(fill, "notional", fill.quantity() * fill.price() * mult);
    double signedQty = fill.side().sign() * fill.quantity();
    double newFees = feesPaid + fill.fee();
    double newCash = cash;
    double newRealized = realizedPnl;

    if (inst.paidInFull()) {
      newCash -= signedQty * fill.price() * mult;
    }
    newCash -= fill.fee();

    List<RoundTrip> closed = List.of();
    double q = pos.quantity();
    if (Math.abs(q) < QTY_EPSILON || Math.signum(q) == Math.signum(signedQty)) {
      pos = add(pos, signedQty, fill.price(), fill.fee(), fill.time(), specialist);
    } else {
      double closeQty = Math.min(Math.abs(signedQty), Math.abs(q));
      double share = closeQty / Math.abs(q);
      double entryFeePart = pos.openFees() * share;
      double exitFeePart = fill.fee() * closeQty / fill.quantity();
      double gross = (fill.price() - pos.avgPrice()) * closeQty * Math.signum(q) * mult;
      newRealized += gross;
      if (inst.margined()) newCash += gross;
      RoundTrip trip =
          new RoundTrip(
              pos.symbol(),
              q > 0 ? "long" : "short",
              pos.entryTime(),
              pos.avgPrice(),
              fill.time(),
              fill.price(),
              closeQty,
              entryFeePart + exitFeePart,
              gross - entryFeePart - exitFeePart,
              reason,
              pos.specialist());
      requireFinite(fill, "round trip fees", trip.fees());
      requireFinite(fill, "round trip P&L", trip.pnl());
      closed = new ArrayList<>(1);
      closed.add(trip);
      double remainingQty = q + signedQty;
      if (Math.abs(remainingQty) < QTY_EPSILON || Math.signum(remainingQty) == Math.signum(q)) {
        double left = Math.abs(remainingQty) < QTY_EPSILON ? 0 : remainingQty;
        pos =
            new Position(
                pos.symbol(),
                left,
                left == 0 ? 0 : pos.avgPrice(),
                left == 0 ? 0 : pos.openFees() - entryFeePart,
                pos.realizedPnl() + gross,
                left == 0 ? 0 : pos.entryTime(),
                left == 0 ? "" : pos.specialist(),
                pos.lastPrice());
      } else {
        // Flipped through zero: the rest opens a new position on the other side at the fill price.
        double openFee = fill.fee() - exitFeePart;
        pos =
            new Position(
                pos.symbol(), remainingQty, fill.price(), openFee, pos.realizedPnl() + gross, fill.time(), specialist, pos.lastPrice());
      }
    }
    requireFinite(fill, "cash", newCash);
    requireFinite(fill, "fees paid", newFees);
    requireFinite(fill, "realised P&L", newRealized);
    requireFinite(fill, "position quantity", pos.quantity());
    requireFinite(fill, "position average price", pos.avgPrice());
    requireFinite(fill, "position fees", pos.openFees());
    requireFinite(fill, "position P&L", pos.realizedPnl());
    cash = newCash;
    feesPaid = newFees;
    realizedPnl = newRealized;
    positionAt[slot] = pos.withLastPrice(Double.isNaN(pos.lastPrice()) ? fill.price() : pos.lastPrice());
    view = null;
    return closed;
  }

  private static void requireFinite(Fill fill, String what, double value) {
    if (!Double.isFinite(value)) throw nonFinite(fill, what, value);
  }

  private static NonFiniteAmountException nonFinite(Fill fill, String what, double value) {
    return new NonFiniteAmountException(fill.symbol(), fill.time(), String.format(java.util.Locale.ROOT,
        "%s would be %s after the %s fill %s of %s at %s (fee %s)", what, value, fill.side(), fill.fillId(), fill.quantity(), fill.price(), fill.fee()));
  }

  private static Position add(Position pos, double signedQty, double price, double fee, long time, String specialist) {
    double q = pos.quantity();
    double newQty = q + signedQty;
    boolean fromFlat = Math.abs(q) < QTY_EPSILON;
    double avg = fromFlat ? price : (pos.avgPrice() * Math.abs(q) + price * Math.abs(signedQty)) / Math.abs(newQty);
    return new Position(
        pos.symbol(),
        newQty,
        avg,
        (fromFlat ? 0 : pos.openFees()) + fee,
        pos.realizedPnl(),
        fromFlat ? time : pos.entryTime(),
        fromFlat ? specialist : pos.specialist(),
        pos.lastPrice());
  }

  /** Marks a symbol at a new price (the bar's close). */
  public void mark(String symbol, double price) {
    mark(symbol, price, Long.MIN_VALUE);
  }

  /**
   * Marks a symbol at a new price (the bar's close) at event time {@code time}.
   *
   * @throws NonFiniteAmountException when the price is not a finite positive number, or would value the position at
   *     a notional that is not finite
   */
  public void mark(String symbol, double price, long time) {
    Integer slot = slots.get(symbol);
    if (slot == null) return;
    Position p = positionAt[slot];
    if (Double.doubleToRawLongBits(p.lastPrice()) == Double.doubleToRawLongBits(price)) return; // unchanged
    if (!(price > 0) || !Double.isFinite(price)) throw new NonFiniteAmountException(symbol, time, "mark price is " + price);
    double notional = p.quantity() * price * instrumentAt[slot].valueMultiplier();
    if (!Double.isFinite(notional)) {
      throw new NonFiniteAmountException(symbol, time, "notional would be " + notional + ": " + p.quantity() + " marked at " + price);
    }
    positionAt[slot] = p.withLastPrice(price);
    view = null;
  }

  /** Cash plus open positions marked at their last price (spot: the value held; futures: the open P&L). */
  public double equity() {
    double eq = cash;
    for (int i = 0; i < positionAt.length; i++) {
      Position p = positionAt[i];
      if (p.isFlat() || Double.isNaN(p.lastPrice())) continue;
      Instrument inst = instrumentAt[i];
      if (inst.paidInFull()) eq += p.quantity() * p.lastPrice() * inst.valueMultiplier();
      else eq += (p.lastPrice() - p.avgPrice()) * p.quantity() * inst.valueMultiplier();
    }
    return eq;
  }

  /** Margin held by open futures positions. */
  public double marginUsed() {
    double m = 0;
    for (int i = 0; i < positionAt.length; i++) {
      Instrument inst = instrumentAt[i];
      if (inst.margined()) m += Math.abs(positionAt[i].quantity()) * inst.marginPerContract();
    }
    return m;
  }

  /** Gross open notional over equity: 0 when flat, 1 when fully invested. */
  public double exposure() {
    return exposure(equity());
  }

  private double exposure(double eq) {
    double gross = 0;
    for (int i = 0; i < positionAt.length; i++) {
      Position p = positionAt[i];
      if (p.isFlat() || Double.isNaN(p.lastPrice())) continue;
      gross += Math.abs(p.quantity()) * p.lastPrice() * instrumentAt[i].valueMultiplier();
    }
    return eq > 0 ? gross / eq : 0;
  }

  /**
   * The account at {@code time}.
   *
   * @throws NonFiniteAmountException when its equity, margin or exposure is not a finite number
   */
  public AccountSnapshot snapshot(long time) {
    double equity = equity();
    double margin = marginUsed();
    double exposure = exposure(equity);
    if (!Double.isFinite(equity) || !Double.isFinite(margin) || !Double.isFinite(exposure)) {
      StringBuilder open = new StringBuilder();
      for (Position p : positionAt) {
        if (!p.isFlat()) open.append(open.length() == 0 ? "" : ", ").append(p.symbol()).append(' ').append(p.quantity()).append(" at ").append(p.lastPrice());
      }
      throw new NonFiniteAmountException(open.length() == 0 ? "account" : open.toString(), time,
          "equity " + equity + ", cash " + cash + ", margin " + margin + ", exposure " + exposure);
    }
    return new AccountSnapshot(time, cash, equity, margin, exposure, positions());
  }
}
