package io.troupe.gateway.fix;

import io.troupe.model.CancelRequest;
import io.troupe.model.ExecutionReport;
import io.troupe.model.Liquidity;
import io.troupe.model.ModifyRequest;
import io.troupe.model.OrderRequest;
import io.troupe.model.Side;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The FIX venue's own record of the orders it sent, and the translation of what the peer says about them into Troupe's
 * execution reports. No FIX engine inside: the actor hands it the fields of each message ({@link Exec}).
 *
 * <p>ClOrdIDs come from Troupe's order id: a new order's ClOrdID is the order id itself (so a resend of it is the same
 * order to the peer), and each cancel or replace of it takes {@code ID.n}, {@code n} counting that order's requests.
 *
 * <p>A fill is passed on once. Its ExecID is remembered per order, so a repeated report is dropped; and the venue keeps
 * the cumulative quantity it has reported per order, so a report whose CumQty is no more than that is a repeat too,
 * whatever its ExecID (the peer may number a resent fill afresh), and an order status showing more than that (fills
 * made while Troupe was away and not resent) becomes one fill for the difference.
 */
public final class FixOrderBook {

  private static final double EPS = 1e-9;
  /** Final orders kept for late reports (a fill after a cancel) and repeats. */
  static final int KEEP_FINAL = 1_000;
  private static final int EXEC_IDS_KEPT = 256;

  /** A cancel ({@code replace} false) or cancel-replace of an order, sent and not yet answered. */
  public record Pending(boolean replace, String reason, double quantity, double limitPrice, double stopPrice) {}

  /**
   * One order. {@code request} is the order as it stands (replaces applied); {@code clOrdId} the ClOrdID the peer knows
   * it by now; {@code requests} how many cancels and replaces it has had; {@code cumQty} and {@code notional} what the
   * venue has reported filled; {@code pending} cancels and replaces in flight by their ClOrdID.
   */
  public record Entry(
      String base,
      OrderRequest request,
      String clOrdId,
      int requests,
      double cumQty,
      double notional,
      String venueOrderId,
      boolean open,
      Map<String, Pending> pending,
      List<String> execIds) {

    public Entry {
      pending = new LinkedHashMap<>(pending == null ? Map.of() : pending);
      execIds = new ArrayList<>(execIds == null ? List.of() : execIds);
    }

    /** Troupe's order id: what the order manager knows the order by. */
    public String troupeId() {
      return request.clientOrderId();
    }
  }

  /** The fields of an ExecutionReport that matter here; a quantity or price the message lacks is NaN. */
  public record Exec(
      String execId,
      char execType,
      char ordStatus,
      String clOrdId,
      String origClOrdId,
      String orderId,
      Side side,
      double lastQty,
      double lastPx,
      double leavesQty,
      double cumQty,
      double avgPx,
      double orderQty,
      double price,
      double stopPx,
      int ordRejReason,
      String text,
      double commission,
      Liquidity liquidity,
      long time,
      String execRefId) {

    public Exec(String execId, char execType, char ordStatus, String clOrdId, String origClOrdId, String orderId, Side side, double lastQty, double lastPx,
        double leavesQty, double cumQty, double avgPx, double orderQty, double price, double stopPx, int ordRejReason, String text, double commission,
        Liquidity liquidity, long time) {
      this(execId, execType, ordStatus, clOrdId, origClOrdId, orderId, side, lastQty, lastPx, leavesQty, cumQty, avgPx, orderQty, price, stopPx, ordRejReason,
          text, commission, liquidity, time, null);
    }
  }

  /**
   * What a message did: the reports for the order manager, the Troupe order a status request asked about (null if
   * none), whether the book changed (and must be written), and a warning for the log (null if none).
   */
  public record Outcome(List<ExecutionReport> reports, String statusOf, boolean changed, String warning) {
    static final Outcome NOTHING = new Outcome(List.of(), null, false, null);

    static Outcome warn(String warning) {
      return new Outcome(List.of(), null, false, warning);
    }
  }

  /** A cancel or replace to send: the order's ClOrdID now, and the request's own. */
  public record Request(Entry order, String origClOrdId, String clOrdId, double quantity, double limitPrice, double stopPrice) {}

  /** The book as a checkpoint keeps it (the order file holds the same entries, one change a line). */
  public record Saved(List<Entry> orders, long massStatusRequests) {}

  /** Adopted orders' Troupe ids to their first ClOrdID (the peer's). */
  private final Map<String, String> adopted = new HashMap<>();
  /** Orders by their first ClOrdID. */
  private final Map<String, Entry> orders = new LinkedHashMap<>();
  /** Every ClOrdID of every order kept (its own, its cancels' and replaces') to the order's first ClOrdID. */
  private final Map<String, String> byClOrdId = new HashMap<>();
  /** Before each order id in this run's ClOrdIDs: the run's tag (order ids restart at every run; ClOrdIDs must not). */
  private final String prefix;
  private long massStatusRequests;
  /** Orders changed since the last {@link #drainChanged()}: what the order file gets appended. */
  private final java.util.Set<String> changed = new java.util.LinkedHashSet<>();

  /** @param runTag the run's tag, the same for a run resumed; empty: ClOrdID is the order id */
  public FixOrderBook(String runTag) {
    this(runTag, new Saved(List.of(), 0));
  }

  public FixOrderBook(String runTag, Saved saved) {
    this.prefix = runTag == null || runTag.isEmpty() ? "" : runTag + "-";
    for (Entry e : saved.orders()) put(e);
    massStatusRequests = saved.massStatusRequests();
    prune();
    changed.clear();
  }

  /** The orders changed since the last call, as they stand now. */
  public List<Entry> drainChanged() {
    List<Entry> out = new ArrayList<>(changed.size());
    for (String base : changed) {
      Entry e = orders.get(base);
      if (e != null) out.add(e);
    }
    changed.clear();
    return out;
  }

  public Saved saved() {
    return new Saved(new ArrayList<>(orders.values()), massStatusRequests);
  }

  private void put(Entry e) {
    changed.add(e.base());
    if (!e.base().equals(prefix + e.troupeId())) adopted.put(e.troupeId(), e.base());
    orders.put(e.base(), e);
    byClOrdId.put(e.base(), e.base());
    byClOrdId.put(e.clOrdId(), e.base());
    for (String id : e.pending().keySet()) byClOrdId.put(id, e.base());
  }

  /** The order Troupe knows as {@code troupeId} in this run. */
  public Entry get(String troupeId) {
    Entry e = orders.get(prefix + troupeId);
    if (e == null) {
      String base = adopted.get(troupeId);
      if (base != null) e = orders.get(base);
    }
    return e;
  }

  /** What Troupe calls an order it adopted: the peer's ClOrdID after this. */
  public static final String ADOPTED_PREFIX = "adopted-";

  /** Whether a ClOrdID carries this run's tag (an order of this run, sent or to be sent again by a rerun step). */
  public boolean isOwnClOrdId(String clOrdId) {
    return !prefix.isEmpty() && clOrdId.startsWith(prefix);
  }

  /**
   * Takes in an order working at the peer that this venue did not send: kept from now on like one it sent, by its
   * ClOrdID (cancels and replaces of it are {@code CLORDID.n}), under the Troupe id {@code adopted-CLORDID}; what it had
   * filled before is its cumulative quantity here, so only later trades are reported. It keeps the type, prices and
   * time in force the peer reported; {@code avgPx} is the average price of what it filled before.
   */
  public Entry adopt(String clOrdId, String symbol, Side side, io.troupe.model.OrderType type, double quantity, double price, double stopPx,
      io.troupe.model.TimeInForce tif, double filled, double avgPx, long time) {
    if (orders.containsKey(clOrdId)) return orders.get(clOrdId);
    OrderRequest r = new OrderRequest(ADOPTED_PREFIX + clOrdId, symbol, side, type, quantity, price, stopPx, tif, false, false, time);
    Entry e = new Entry(clOrdId, r, clOrdId, 0, filled, filled == 0 ? 0 : filled * avgPx, "", true, Map.of(), List.of());
    put(e);
    return e;
  }

  /** Orders still working as far as the venue knows, oldest first. */
  public List<Entry> open() {
    List<Entry> out = new ArrayList<>();
    for (Entry e : orders.values()) if (e.open()) out.add(e);
    return out;
  }

  public String nextMassStatusId() {
    // Unique across restarts without being written down: the file keeps orders only.
    return "MS-" + System.currentTimeMillis() + "-" + (++massStatusRequests);
  }

  // ---- outbound

  /**
   * Registers a new order; null when the venue already has it (a retried submit: nothing goes out twice).
   *
   * @throws IllegalArgumentException when a different order already has this id in this run
   */
  public Entry newOrder(OrderRequest request) {
    String base = prefix + request.clientOrderId();
    Entry known = orders.get(base);
    if (known != null) {
      if (sameOrder(known.request(), request)) return null;
      throw new IllegalArgumentException("ClOrdID " + base + " was already sent for another order");
    }
    Entry e = new Entry(base, request, base, 0, 0, 0, "", true, Map.of(), List.of());
    put(e);
    prune();
    return e;
  }

  /** The same order as first sent (a later replace changes the entry's quantity and prices, not what was sent). */
  private static boolean sameOrder(OrderRequest a, OrderRequest b) {
    return a.symbol().equals(b.symbol()) && a.side() == b.side() && a.type() == b.type() && a.decidedAt() == b.decidedAt();
  }

  /** A cancel to send, or null when the order is unknown or already final. */
  public Request cancel(CancelRequest c) {
    Entry e = get(c.clientOrderId());
    if (e == null || !e.open()) return null;
    String id = e.base() + "." + (e.requests() + 1);
    Map<String, Pending> pending = new LinkedHashMap<>(e.pending());
    pending.put(id, new Pending(false, c.reason(), Double.NaN, Double.NaN, Double.NaN));
    Entry next = new Entry(e.base(), e.request(), e.clOrdId(), e.requests() + 1, e.cumQty(), e.notional(), e.venueOrderId(), true, pending, e.execIds());
    put(next);
    return new Request(next, e.clOrdId(), id, Double.NaN, Double.NaN, Double.NaN);
  }

  /** A cancel-replace to send (NaN keeps a value as it is), or null when the order is unknown or already final. */
  public Request replace(ModifyRequest m) {
    Entry e = get(m.clientOrderId());
    if (e == null || !e.open()) return null;
    OrderRequest r = e.request();
    double qty = Double.isNaN(m.quantity()) ? r.quantity() : m.quantity();
    double limit = Double.isNaN(m.limitPrice()) ? r.limitPrice() : m.limitPrice();
    double stop = Double.isNaN(m.stopPrice()) ? r.stopPrice() : m.stopPrice();
    String id = e.base() + "." + (e.requests() + 1);
    Map<String, Pending> pending = new LinkedHashMap<>(e.pending());
    pending.put(id, new Pending(true, "modify", qty, limit, stop));
    Entry next = new Entry(e.base(), r, e.clOrdId(), e.requests() + 1, e.cumQty(), e.notional(), e.venueOrderId(), true, pending, e.execIds());
    put(next);
    return new Request(next, e.clOrdId(), id, qty, limit, stop);
  }

  // ---- inbound

  public Outcome onExecution(Exec x) {
    String base = baseOf(x.clOrdId(), x.origClOrdId());
    if (base == null) {
      return Outcome.warn("execution report " + x.execId() + " (ExecType " + x.execType() + ") for an order this venue did not send: ClOrdID "
          + x.clOrdId() + ", OrderID " + x.orderId());
    }
    Entry e = orders.get(base);
    String id = e.troupeId();
    if (x.execId() != null && e.execIds().contains(x.execId())) return Outcome.NOTHING; // a repeat
    List<String> execIds = new ArrayList<>(e.execIds());
    if (x.execId() != null) {
      execIds.add(x.execId());
      if (execIds.size() > EXEC_IDS_KEPT) execIds.remove(0);
    }
    String orderId = x.orderId() != null && !x.orderId().isEmpty() && !"NONE".equals(x.orderId()) ? x.orderId() : e.venueOrderId();
    e = new Entry(e.base(), e.request(), e.clOrdId(), e.requests(), e.cumQty(), e.notional(), orderId, e.open(), e.pending(), execIds);
    String symbol = e.request().symbol();
    List<ExecutionReport> out = new ArrayList<>(1);
    String statusOf = null;
    String warning = null;
    switch (x.execType()) {
      case '0' -> out.add(new ExecutionReport.Ack(id, symbol, x.time()));
      // The fill id names the order too: a peer's ExecIDs need be unique only per order or per day, Troupe's per run.
      case 'F', '1', '2' -> e = fill(e, x, e.base() + "/" + x.execId(), out);
      case '4' -> {
        if (e.open()) out.add(new ExecutionReport.Canceled(id, symbol, x.time(), cancelReason(e, x)));
        e = closed(e);
      }
      case '5' -> e = replaced(e, x, out);
      case '8' -> {
        if (x.ordRejReason() == 6) {
          // Duplicate order: the peer has this ClOrdID already (a resend of an order it took); the order stands.
          warning = "order " + id + ": the peer refused a repeat of it as a duplicate; the order it has stands";
        } else {
          if (e.open()) out.add(new ExecutionReport.Rejected(id, symbol, x.time(), rejectReason(x)));
          e = closed(e);
        }
      }
      case 'C' -> {
        if (e.open()) out.add(new ExecutionReport.Expired(id, symbol, x.time(), "expired"));
        e = closed(e);
      }
      case '3' -> {
        if (e.open()) out.add(new ExecutionReport.Expired(id, symbol, x.time(), "done_for_day"));
        e = closed(e);
      }
      case 'D' -> e = restated(e, x, out);
      case 'I' -> {
        statusOf = base;
        e = status(e, x, out);
      }
      case 'G', 'H' -> {
        e = tradeCorrection(e, x, out);
        warning = "order " + id + ": trade " + (x.execType() == 'G' ? "correction" : "cancel") + " " + x.execId() + " of ExecID " + x.execRefId()
            + " passed to the order manager (compensating fills, new entries halted)";
      }
      default -> {
        // 6 pending cancel, 7 stopped, 9 suspended, A pending new, B calculated, E pending replace: the order's state is
        // unchanged for Troupe; what follows them (a cancel, a replace, a fill) is reported when it comes.
      }
    }
    put(e);
    prune();
    return new Outcome(out, statusOf, true, warning);
  }

  /** Applies a trade: the quantity past what was reported, so a repeat under a new ExecID adds nothing. */
  private Entry fill(Entry e, Exec x, String fillId, List<ExecutionReport> out) {
    double cum = Double.isNaN(x.cumQty()) ? e.cumQty() + x.lastQty() : x.cumQty();
    double qty = cum - e.cumQty();
    if (qty <= EPS) return closedIf(e, x);
    // LastPx when this report is the whole difference; else (fills missed, or an order status) what AvgPx implies.
    boolean whole = Math.abs(qty - x.lastQty()) <= EPS && !Double.isNaN(x.lastPx());
    double price = whole || Double.isNaN(x.avgPx()) ? x.lastPx() : (x.avgPx() * cum - e.notional()) / qty;
    double fee = Double.isNaN(x.commission()) ? 0 : x.commission();
    double remaining = Double.isNaN(x.leavesQty()) ? Math.max(0, e.request().quantity() - cum) : x.leavesQty();
    Side side = x.side() != null ? x.side() : e.request().side();
    out.add(new ExecutionReport.Fill(e.troupeId(), fillId, e.request().symbol(), x.time(), side, qty, price, fee, x.liquidity(), remaining));
    Entry next = new Entry(e.base(), e.request(), e.clOrdId(), e.requests(), cum, e.notional() + qty * price, e.venueOrderId(), e.open(), e.pending(), e.execIds());
    return closedIf(next, x);
  }

  /**
   * A Trade Correct (G) or Trade Cancel (H): the trade ExecRefID names is now LastQty at LastPx (G) or never happened
   * (H). Passed on as a {@link ExecutionReport.TradeCorrection} of fill {@code CLORDID/EXECREFID} (the id the trade was
   * reported under), once by its own ExecID; the order's cumulative quantity becomes the peer's CumQty, so later trades
   * and status answers are measured from what the peer now holds. The order's working state is the peer's OrdStatus.
   */
  private Entry tradeCorrection(Entry e, Exec x, List<ExecutionReport> out) {
    boolean bust = x.execType() == 'H';
    double qty = bust ? 0 : x.lastQty();
    double price = bust ? 0 : x.lastPx();
    double fee = bust || Double.isNaN(x.commission()) ? 0 : x.commission();
    String ref = x.execRefId() == null ? "" : x.execRefId();
    out.add(new ExecutionReport.TradeCorrection(e.troupeId(), e.base() + "/" + x.execId(), e.base() + "/" + ref, e.request().symbol(), x.time(), qty, price,
        fee));
    double cum = Double.isNaN(x.cumQty()) ? e.cumQty() : x.cumQty();
    double notional = Double.isNaN(x.cumQty()) || Double.isNaN(x.avgPx()) ? e.notional() : x.avgPx() * x.cumQty();
    Entry next = new Entry(e.base(), e.request(), e.clOrdId(), e.requests(), cum, notional, e.venueOrderId(), e.open(), e.pending(), e.execIds());
    return closedIf(next, x);
  }

  /** A fill that leaves nothing working ends the order at the venue. */
  private static Entry closedIf(Entry e, Exec x) {
    boolean done = x.ordStatus() == '2' || (!Double.isNaN(x.leavesQty()) && x.leavesQty() <= EPS && isFinalStatus(x.ordStatus()));
    return done ? closed(e) : e;
  }

  private static boolean isFinalStatus(char ordStatus) {
    return ordStatus == '2' || ordStatus == '4' || ordStatus == '8' || ordStatus == 'C' || ordStatus == '3';
  }

  private static Entry closed(Entry e) {
    return new Entry(e.base(), e.request(), e.clOrdId(), e.requests(), e.cumQty(), e.notional(), e.venueOrderId(), false, Map.of(), e.execIds());
  }

  private Entry replaced(Entry e, Exec x, List<ExecutionReport> out) {
    Pending p = e.pending().get(x.clOrdId());
    OrderRequest r = e.request();
    double qty = !Double.isNaN(x.orderQty()) ? x.orderQty() : p != null ? p.quantity() : r.quantity();
    double limit = !Double.isNaN(x.price()) ? x.price() : p != null ? p.limitPrice() : r.limitPrice();
    double stop = !Double.isNaN(x.stopPx()) ? x.stopPx() : p != null ? p.stopPrice() : r.stopPrice();
    OrderRequest changed = new OrderRequest(r.clientOrderId(), r.symbol(), r.side(), r.type(), qty, limit, stop, r.timeInForce(), r.postOnly(),
        r.reduceOnly(), r.decidedAt());
    Map<String, Pending> pending = new LinkedHashMap<>(e.pending());
    pending.remove(x.clOrdId());
    String current = x.clOrdId() != null ? x.clOrdId() : e.clOrdId();
    out.add(new ExecutionReport.Modified(e.troupeId(), r.symbol(), x.time(), qty, limit, stop));
    Entry next = new Entry(e.base(), changed, current, e.requests(), e.cumQty(), e.notional(), e.venueOrderId(), e.open(), pending, e.execIds());
    return closedIf(next, x);
  }

  private Entry restated(Entry e, Exec x, List<ExecutionReport> out) {
    OrderRequest r = e.request();
    boolean qtyChanged = !Double.isNaN(x.orderQty()) && Math.abs(x.orderQty() - r.quantity()) > EPS;
    boolean priceChanged = !Double.isNaN(x.price()) && !(Math.abs(x.price() - r.limitPrice()) <= EPS);
    if (e.open() && (qtyChanged || priceChanged) && !isFinalStatus(x.ordStatus())) {
      double qty = Double.isNaN(x.orderQty()) ? r.quantity() : x.orderQty();
      double limit = Double.isNaN(x.price()) ? r.limitPrice() : x.price();
      double stop = Double.isNaN(x.stopPx()) ? r.stopPrice() : x.stopPx();
      out.add(new ExecutionReport.Modified(e.troupeId(), r.symbol(), x.time(), qty, limit, stop));
      OrderRequest changed = new OrderRequest(r.clientOrderId(), r.symbol(), r.side(), r.type(), qty, limit, stop, r.timeInForce(), r.postOnly(),
          r.reduceOnly(), r.decidedAt());
      return new Entry(e.base(), changed, e.clOrdId(), e.requests(), e.cumQty(), e.notional(), e.venueOrderId(), true, e.pending(), e.execIds());
    }
    return finalFromStatus(e, x, out);
  }

  /** An answer to a status request: fills the venue has not reported yet, then the order's state. */
  private Entry status(Entry e, Exec x, List<ExecutionReport> out) {
    if (x.ordStatus() == '8' && x.ordRejReason() == 5) {
      // The peer does not know the order. With the session's resend it has every order sent before this request.
      if (e.open()) out.add(new ExecutionReport.Rejected(e.troupeId(), e.request().symbol(), x.time(), "unknown_at_venue"));
      return closed(e);
    }
    if (!Double.isNaN(x.cumQty()) && x.cumQty() > e.cumQty() + EPS) {
      Exec asTrade = new Exec(x.execId(), 'F', x.ordStatus(), x.clOrdId(), x.origClOrdId(), x.orderId(), x.side(), x.cumQty() - e.cumQty(), Double.NaN,
          x.leavesQty(), x.cumQty(), x.avgPx(), x.orderQty(), x.price(), x.stopPx(), 0, x.text(), Double.NaN, Liquidity.TAKER, x.time());
      e = fill(e, asTrade, "status-" + e.base() + "-" + x.cumQty(), out);
    }
    if (x.ordStatus() == '0' && e.open()) out.add(new ExecutionReport.Ack(e.troupeId(), e.request().symbol(), x.time()));
    return finalFromStatus(e, x, out);
  }

  private Entry finalFromStatus(Entry e, Exec x, List<ExecutionReport> out) {
    if (!e.open()) return e;
    String symbol = e.request().symbol();
    switch (x.ordStatus()) {
      case '2' -> {
        return closed(e);
      }
      case '4' -> out.add(new ExecutionReport.Canceled(e.troupeId(), symbol, x.time(), cancelReason(e, x)));
      case 'C', '3' -> out.add(new ExecutionReport.Expired(e.troupeId(), symbol, x.time(), x.ordStatus() == '3' ? "done_for_day" : "expired"));
      case '8' -> out.add(new ExecutionReport.Rejected(e.troupeId(), symbol, x.time(), rejectReason(x)));
      default -> {
        return e;
      }
    }
    return closed(e);
  }

  /** Our own cancel's reason when one was in flight, else the peer's. */
  private static String cancelReason(Entry e, Exec x) {
    for (Pending p : e.pending().values()) if (!p.replace()) return p.reason();
    return "venue_canceled";
  }

  static String rejectReason(Exec x) {
    String code = switch (x.ordRejReason()) {
      case 0 -> "broker_option";
      case 1 -> "unknown_symbol";
      case 2 -> "exchange_closed";
      case 3 -> "exceeds_limit";
      case 4 -> "too_late";
      case 5 -> "unknown_order";
      case 6 -> "duplicate_order";
      case 11 -> "unsupported_order";
      case 13 -> "incorrect_quantity";
      case 15 -> "unknown_account";
      case 16 -> "price_exceeds_band";
      default -> "venue_reject";
    };
    return x.text() == null || x.text().isBlank() ? code : code + ": " + x.text();
  }

  /** An OrderCancelReject: the cancel or replace {@code clOrdId} was refused; the order is as it was. */
  public Outcome onCancelReject(String clOrdId, String origClOrdId, int reason, String text, long time) {
    String base = baseOf(clOrdId, origClOrdId);
    if (base == null) return Outcome.warn("cancel reject for a request this venue did not send: ClOrdID " + clOrdId);
    Entry e = orders.get(base);
    String id = e.troupeId();
    Map<String, Pending> pending = new LinkedHashMap<>(e.pending());
    Pending p = pending.remove(clOrdId);
    put(new Entry(e.base(), e.request(), e.clOrdId(), e.requests(), e.cumQty(), e.notional(), e.venueOrderId(), e.open(), pending, e.execIds()));
    String code = switch (reason) {
      case 0 -> "too_late_to_cancel";
      case 1 -> "unknown_order";
      case 3 -> "already_pending";
      default -> p != null && p.replace() ? "replace_rejected" : "cancel_rejected";
    };
    String why = text == null || text.isBlank() ? code : code + ": " + text;
    return new Outcome(List.of(new ExecutionReport.CancelRejected(id, e.request().symbol(), time, why)), null, true, null);
  }

  /**
   * A BusinessMessageReject of an order, cancel, replace or status request ({@code refMsgType} D, F, G, H);
   * {@code refId} is the ClOrdID it names.
   */
  public Outcome onBusinessReject(String refMsgType, String refId, int reason, String text, long time) {
    return onRefused("business_reject_", refMsgType, refId, reason, text, time);
  }

  /**
   * A refusal of an order, cancel, replace or status request: a BusinessMessageReject ({@code code}
   * {@code business_reject_}) or a session-level Reject ({@code session_reject_}), the reason's number after it.
   */
  public Outcome onRefused(String code, String refMsgType, String refId, int reason, String text, long time) {
    String base = refId == null ? null : baseOf(refId, null);
    String kind = code.replace('_', ' ').strip();
    if (base == null) return Outcome.warn(kind + " of a " + refMsgType + " message (reason " + reason + "): " + text);
    Entry e = orders.get(base);
    String id = e.troupeId();
    String why = code + reason + (text == null || text.isBlank() ? "" : ": " + text);
    String symbol = e.request().symbol();
    switch (refMsgType) {
      case "D" -> {
        if (!e.open()) return Outcome.NOTHING;
        put(closed(e));
        return new Outcome(List.of(new ExecutionReport.Rejected(id, symbol, time, why)), null, true, null);
      }
      case "F", "G" -> {
        Map<String, Pending> pending = new LinkedHashMap<>(e.pending());
        pending.remove(refId);
        put(new Entry(e.base(), e.request(), e.clOrdId(), e.requests(), e.cumQty(), e.notional(), e.venueOrderId(), e.open(), pending, e.execIds()));
        return new Outcome(List.of(new ExecutionReport.CancelRejected(id, symbol, time, why)), null, true, null);
      }
      case "H" -> {
        return new Outcome(List.of(), base, false, "order " + id + ": the peer refused its status request (" + why + "); it stays as the venue last knew it");
      }
      default -> {
        return Outcome.warn(kind + " of a " + refMsgType + " message for order " + id + ": " + why);
      }
    }
  }

  /** Whether a message naming these ClOrdIDs is about an order this venue sent. */
  public boolean knows(String clOrdId, String origClOrdId) {
    return baseOf(clOrdId, origClOrdId) != null;
  }

  private String baseOf(String clOrdId, String origClOrdId) {
    String id = clOrdId == null ? null : byClOrdId.get(clOrdId);
    if (id == null && origClOrdId != null) id = byClOrdId.get(origClOrdId);
    return id;
  }

  /** Forgets the oldest final orders beyond {@link #KEEP_FINAL}. */
  private void prune() {
    int finals = 0;
    for (Entry e : orders.values()) if (!e.open()) finals++;
    if (finals <= KEEP_FINAL) return;
    var it = orders.values().iterator();
    while (finals > KEEP_FINAL && it.hasNext()) {
      Entry e = it.next();
      if (e.open()) continue;
      it.remove();
      byClOrdId.values().removeIf(e.base()::equals);
      adopted.remove(e.troupeId());
      finals--;
    }
  }
}
