package io.troupe.order;

import io.troupe.model.ExecutionReport;
import io.troupe.model.OrderRecord;
import io.troupe.model.OrderRequest;
import io.troupe.model.OrderStatus;
import io.troupe.model.OrderType;
import io.troupe.model.ExecutionReport.Fill;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Every order from intent to final state, keyed by client order id. Client ids come from a counter, so a run's ids are
 * the same on every rerun. A fill is applied once: a repeated fill report (same fill id) changes nothing. Under a
 * history window the oldest final orders are forgotten ({@link #forgetFinal}); a paper session's journal holds them.
 *
 * <p>Owned by one actor, the order manager; mutable for speed on the per-bar path.
 */
public final class OrderBook {

  private final Map<String, ManagedOrder> orders = new LinkedHashMap<>();
  /** Orders not yet final, so per-step questions never scan the whole history. */
  private final Map<String, ManagedOrder> working = new LinkedHashMap<>();
  private final Set<String> seenFills = new HashSet<>();
  /** The fill ids of each order in the book that has fills: what leaves {@link #seenFills} with it. */
  private final Map<String, List<String>> fillIdsByOrder = new java.util.HashMap<>();
  /**
   * Each fill as it stands now, by the fill id the venue reported it under (a correction's compensating fills change
   * it, never the fill first applied): what a later correction of it reverses. A correction's own id maps to the fill
   * it corrected in {@link #correctedFill}, so a correction of a correction finds the fill too.
   */
  private final Map<String, Fill> fillTerms = new java.util.HashMap<>();
  private final Map<String, String> correctedFill = new java.util.HashMap<>();
  /** Orders added or changed since the last {@link #drainChanged()}: what a journal records of a step. */
  private final Set<String> changed = new java.util.LinkedHashSet<>();
  private final String idPrefix;
  /** The reason of an order the venue adopted ({@link ExecutionReport.Adopted}): not Troupe's decision. */
  public static final String ADOPTED = "adopted";
  private long nextId = 1;

  public OrderBook(String idPrefix) {
    this.idPrefix = idPrefix;
  }

  public String nextClientOrderId() {
    String id;
    do {
      String digits = Long.toString(nextId++); // as "%07d" would print it, without a Formatter per order
      id = digits.length() >= 7 ? idPrefix + digits : idPrefix + "0000000".substring(digits.length()) + digits;
    } while (orders.containsKey(id)); // taken back from the venue after a restart (OrderFlow.adopt): never a second order under its id
    return id;
  }

  /** The id {@link #nextClientOrderId} would give {@code ahead} orders from now (0: the next), the book's own ids skipped. */
  public String peekClientOrderId(int ahead) {
    long n = nextId;
    String id = null;
    for (int left = ahead; left >= 0; n++) {
      String digits = Long.toString(n);
      id = digits.length() >= 7 ? idPrefix + digits : idPrefix + "0000000".substring(digits.length()) + digits;
      if (!orders.containsKey(id)) left--;
    }
    return id;
  }

  public void add(OrderRequest request, long time, String reason, String specialist) {
    if (orders.containsKey(request.clientOrderId())) return; // a retried submit keeps the first
    put(new ManagedOrder(request, OrderStatus.NEW, 0, 0, time, time, reason, specialist, ""));
  }

  /**
   * An order taken over at the venue (sent by someone else), working as of {@code time}; {@code priorFillIds} are its
   * fills from before, never applied. False when the book has an order of that id.
   */
  public boolean adopt(OrderRequest request, java.util.Collection<String> priorFillIds, long time, String reason) {
    if (orders.containsKey(request.clientOrderId())) return false;
    put(new ManagedOrder(request, OrderStatus.WORKING, 0, 0, time, time, reason, "", ""));
    for (String id : priorFillIds) {
      if (seenFills.add(id)) fillIdsByOrder.computeIfAbsent(request.clientOrderId(), k -> new ArrayList<>(1)).add(id);
    }
    return true;
  }

  private void put(ManagedOrder o) {
    String id = o.request().clientOrderId();
    orders.put(id, o);
    changed.add(id);
    if (o.status().isFinal()) working.remove(id);
    else working.put(id, o);
  }

  /** Every order by id, final ones included (read-only). */
  public Map<String, ManagedOrder> byId() {
    return java.util.Collections.unmodifiableMap(orders);
  }

  public boolean contains(String clientOrderId) {
    return orders.containsKey(clientOrderId);
  }

  public ManagedOrder get(String clientOrderId) {
    return orders.get(clientOrderId);
  }

  /**
   * Applies a venue report. Returns the fill when it is new and applied, {@code null} otherwise (not a fill, an
   * unknown order, or a fill already seen).
   */
  public Fill apply(ExecutionReport report) {
    if (report instanceof ExecutionReport.Adopted a) {
      if (!orders.containsKey(a.clientOrderId())) {
        put(new ManagedOrder(a.request(), a.filled() > 0 ? OrderStatus.PARTIALLY_FILLED : OrderStatus.WORKING, a.filled(), a.filled() > 0 ? a.avgPrice() : 0,
            a.time(), a.time(), ADOPTED, "", ""));
      }
      return null;
    }
    ManagedOrder o = orders.get(report.clientOrderId());
    if (o == null) return null;
    if (report instanceof ExecutionReport.Fill f) {
      if (!seenFills.add(f.fillId())) return null;
      fillIdsByOrder.computeIfAbsent(f.clientOrderId(), k -> new ArrayList<>(1)).add(f.fillId());
      fillTerms.put(f.fillId(), f);
      put(o.withFill(f.quantity(), f.price(), f.time()));
      return f;
    } else if (report instanceof ExecutionReport.Ack a) {
      if (o.status() == OrderStatus.NEW) put(o.with(OrderStatus.WORKING, a.time(), ""));
    } else if (report instanceof ExecutionReport.Rejected r) {
      if (!o.status().isFinal()) put(o.with(OrderStatus.REJECTED, r.time(), r.reason()));
    } else if (report instanceof ExecutionReport.Canceled c) {
      if (!o.status().isFinal()) put(o.with(OrderStatus.CANCELED, c.time(), c.reason()));
    } else if (report instanceof ExecutionReport.Expired e) {
      if (!o.status().isFinal()) put(o.with(OrderStatus.EXPIRED, e.time(), e.reason()));
    } else if (report instanceof ExecutionReport.Modified m) {
      OrderRequest q = o.request();
      OrderRequest changed =
          new OrderRequest(q.clientOrderId(), q.symbol(), q.side(), q.type(), m.quantity(), m.limitPrice(), m.stopPrice(),
              q.timeInForce(), q.postOnly(), q.reduceOnly(), q.decidedAt());
      put(
          new ManagedOrder(changed, o.status(), o.filledQuantity(), o.avgFillPrice(), o.createdAt(), m.time(), o.reason(), o.specialist(), o.venueReason()));
    }
    return null;
  }

  /** What a trade correction did: the compensating fills booked (empty when none), or why nothing was. */
  public record Correction(ExecutionReport.TradeCorrection report, List<Fill> compensations, String problem) implements io.troupe.persistence.CborSerializable {
    public boolean applied() {
      return problem == null;
    }

    /** One line for the operator and the halt's reason. */
    public String describe() {
      String what = (report.bust() ? "trade bust" : "trade correction") + " " + report.correctionId() + " of fill " + report.fillId() + " (order "
          + report.clientOrderId() + " " + report.symbol() + (report.bust() ? "" : ", now " + report.quantity() + " at " + report.price()) + ")";
      return applied() ? what : what + " not applied: " + problem;
    }
  }

  /**
   * Applies a venue's correction or bust of a fill it reported, once by its correction id: the fill as it stood is
   * reversed (the opposite side, same quantity and price, its fee refunded) and the corrected terms, unless busted, are
   * booked as a new fill. Both are fills like any other (ids {@code CORRECTIONID/reversal} and {@code
   * CORRECTIONID/rebooked}), so the position, cash and journal that follow fills end as the venue's record without
   * rewriting one. null for a repeat; a correction of a fill this book never applied is returned unapplied, with why.
   */
  public Correction correct(ExecutionReport.TradeCorrection c) {
    ManagedOrder o = orders.get(c.clientOrderId());
    if (o == null) return new Correction(c, List.of(), "order " + c.clientOrderId() + " is not in the book");
    if (!seenFills.add(c.correctionId())) return null; // a repeat, applied or not the first time
    List<String> ids = fillIdsByOrder.computeIfAbsent(c.clientOrderId(), k -> new ArrayList<>(1));
    ids.add(c.correctionId());
    if (!c.bust() && (Double.isNaN(c.quantity()) || Double.isNaN(c.price()))) return new Correction(c, List.of(), "the venue gave no corrected quantity or price");
    String original = c.fillId();
    while (correctedFill.containsKey(original)) original = correctedFill.get(original);
    Fill was = fillTerms.get(original);
    if (was == null) return new Correction(c, List.of(), "fill " + c.fillId() + " of order " + c.clientOrderId() + " was never applied here");
    correctedFill.put(c.correctionId(), original);
    List<Fill> out = new ArrayList<>(2);
    double remaining = o.remaining() + was.quantity() - Math.max(0, c.quantity());
    if (was.quantity() > 0) {
      out.add(new Fill(c.clientOrderId(), c.correctionId() + "/reversal", c.symbol(), c.time(), was.side().opposite(), was.quantity(), was.price(), -was.fee(),
          was.liquidity(), remaining));
    }
    Fill now = new Fill(c.clientOrderId(), original, c.symbol(), c.time(), was.side(), Math.max(0, c.quantity()), c.price(), c.bust() ? 0 : c.fee(),
        was.liquidity(), remaining);
    if (!c.bust()) {
      out.add(new Fill(c.clientOrderId(), c.correctionId() + "/rebooked", c.symbol(), c.time(), was.side(), c.quantity(), c.price(), c.fee(), was.liquidity(),
          remaining));
    }
    for (Fill f : out) ids.add(f.fillId());
    fillTerms.put(original, now);
    put(o.withCorrection(was.quantity(), was.price(), now.quantity(), now.price(), c.time()));
    return new Correction(c, out, null);
  }

  /**
   * Signed quantity still working per symbol (buys positive), for orders not yet final. Resting reduce-only orders
   * (a bracket's stop and target) are left out: they are contingent protection that may never fill, and counting
   * them would make a closing intent look already done or even reversed.
   */
  public Map<String, Double> pendingBySymbol() {
    if (working.isEmpty()) return Map.of();
    Map<String, Double> pending = new TreeMap<>();
    for (ManagedOrder o : working.values()) {
      OrderRequest r = o.request();
      if (r.reduceOnly() && r.type() != OrderType.MARKET) continue;
      pending.merge(r.symbol(), r.side().sign() * o.remaining(), Double::sum);
    }
    return pending;
  }

  public boolean hasWorking() {
    return !working.isEmpty();
  }

  public List<ManagedOrder> working() {
    return new ArrayList<>(working.values());
  }

  public List<OrderRecord> drainChanged() {
    if (changed.isEmpty()) return List.of();
    List<OrderRecord> out = new ArrayList<>(changed.size());
    for (String id : changed) out.add(orders.get(id).toRecord());
    changed.clear();
    return out;
  }

  /**
   * Forgets the oldest final orders beyond the latest {@code keepFinal} of them, except those in {@code inUse}; returns
   * the ids forgotten. Called between steps, after {@link #drainChanged()}, so every order forgotten has been reported
   * as it ended.
   *
   * <p>Why duplicate fills stay refused with only a window of fill ids: a fill id is checked against every fill id its
   * order has had while the order is in the book, as before. An order leaves the book only once final (filled,
   * cancelled, rejected or expired: the venue sends it no new fill) and older than the latest {@code keepFinal} final
   * orders; a report for an order not in the book is refused, as a report for any unknown order always was, so a
   * repeat of one of its fills is refused too. Its fill ids leave {@link #seenFills} with it, and nothing else does.
   */
  public List<String> forgetFinal(int keepFinal, Set<String> inUse) {
    int finals = orders.size() - working.size();
    if (finals <= keepFinal) return List.of();
    List<String> forgotten = new ArrayList<>();
    var it = orders.entrySet().iterator();
    while (finals > keepFinal && it.hasNext()) {
      var e = it.next();
      String id = e.getKey();
      if (!e.getValue().status().isFinal() || inUse.contains(id) || changed.contains(id)) continue;
      it.remove();
      List<String> fills = fillIdsByOrder.remove(id);
      if (fills != null) {
        fills.forEach(seenFills::remove);
        fills.forEach(fillTerms::remove);
        fills.forEach(correctedFill::remove);
      }
      forgotten.add(id);
      finals--;
    }
    return forgotten;
  }

  /** Fill ids remembered for duplicate detection (those of the orders in the book). */
  public int fillIdsKept() {
    return seenFills.size();
  }

  public List<OrderRecord> records() {
    List<OrderRecord> out = new ArrayList<>(orders.size());
    for (ManagedOrder o : orders.values()) out.add(o.toRecord());
    return out;
  }
}
