package io.troupe.order;

import io.troupe.model.ApprovedOrder;
import io.troupe.model.CancelRequest;
import io.troupe.model.ExecutionReport;
import io.troupe.model.ModifyRequest;
import io.troupe.model.OrderRecord;
import io.troupe.model.OrderRequest;
import io.troupe.model.OrderStatus;
import io.troupe.model.OrderType;
import io.troupe.model.VenueRejection;
import io.troupe.model.BracketRequest;
import io.troupe.model.Instrument;
import io.troupe.market.Bar;
import io.troupe.model.AttributedFill;
import io.troupe.model.OrderIntent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The order manager's decisions, with no actor around them: turns approved orders into venue orders (maker entries
 * post-only at an offset, exits at market reduce-only), keeps each bracket's legs one-cancels-other, cancels stale
 * and outrun limit orders, falls back to market when a maker entry times out or would take, and applies every venue
 * report once. Deterministic: ids from a counter, actions in a fixed order.
 */
public final class OrderFlow {

  /**
   * What goes to the venue at the end of a step, and the entries cancelled because the market moved away, to be
   * decided again by risk at the next step at the new price ({@code redecide}).
   */
  public record Submission(List<OrderRequest> orders, List<CancelRequest> cancels, List<ModifyRequest> modifies, List<OrderIntent> redecide) {
    public Submission(List<OrderRequest> orders, List<CancelRequest> cancels) {
      this(orders, cancels, List.of(), List.of());
    }

    public boolean isEmpty() {
      return orders.isEmpty() && cancels.isEmpty() && modifies.isEmpty();
    }
  }

  /** An operator's cancel of a working order: sent with the next step's submission. */
  public void requestCancel(String clientOrderId, String reason) {
    queued.add(new LifecycleAction.Cancel(clientOrderId, reason));
  }

  /** An operator's change to a working order: sent with the next step's submission; the venue confirms or rejects it. */
  public void requestModify(ModifyRequest modify) {
    modifies.add(modify);
  }

  private record Bracket(BracketPlan plan, String stopReason) {}

  private static final Submission EMPTY = new Submission(List.of(), List.of());

  private record SignalExits(double stop, double target) {}

  private static final SignalExits NO_SIGNAL_EXITS = new SignalExits(Double.NaN, Double.NaN);

  private final OrderBook book = new OrderBook("O");
  private final Map<String, Instrument> instruments;
  private final StaleOrderSweep stale;
  private final PriceMoveCancel priceMove;
  private final MakerEntryPlan maker;
  private final boolean makerEntries;
  private final Map<String, Bracket> brackets = new LinkedHashMap<>();
  private final Map<String, SignalExits> signalExits = new LinkedHashMap<>();
  private final Map<String, Double> heldBySymbol = new TreeMap<>();
  private final List<LifecycleAction> queued = new ArrayList<>();
  private final List<ModifyRequest> modifies = new ArrayList<>();
  private List<Bar> lastBars = List.of();
  private final List<VenueRejection> rejections = new ArrayList<>();
  private final List<OrderBook.Correction> corrections = new ArrayList<>();

  /** How many final orders the book keeps (the latest); {@code Integer.MAX_VALUE} for every one. */
  private final int keepFinal;

  /**
   * A live session is reconciling with its venue: nothing goes out, not a bracket leg nor a cancel of the order
   * manager's own (see {@link #hold}). Kept in a checkpoint, so a restart taken while holding holds too.
   */
  private boolean holding;
  /** A cancel-all (a halt's) that came while holding: sent with the first placement after the hold. */
  private String heldCancelAll;

  public OrderFlow(OrderLifecycleSettings settings, Map<String, Instrument> instruments, boolean makerEntries) {
    this(settings, instruments, makerEntries, io.troupe.model.HistoryWindow.WHOLE_RUN);
  }

  public OrderFlow(OrderLifecycleSettings settings, Map<String, Instrument> instruments, boolean makerEntries, io.troupe.model.HistoryWindow history) {
    this.keepFinal = history.size();
    this.instruments = Map.copyOf(instruments);
    this.stale = new StaleOrderSweep(settings.staleLimitMillis());
    this.priceMove = new PriceMoveCancel(settings.priceMovePct());
    this.maker = MakerEntryPlan.of(settings);
    this.makerEntries = makerEntries;
  }

  /**
   * Holds everything that would go out ({@code true}) or lets it go again ({@code false}): while a live session
   * reconciles with its venue, no order or cancel may reach it. Held, {@link #place} registers new brackets and keeps
   * operators' cancels and a halt's cancel-all queued, but decides nothing and sends nothing; the first placement after
   * the hold decides from the book as it then stands (a bracket's legs for what is held then, a stale or outrun entry
   * if it is still working), so what goes out is what is still wanted.
   */
  public void hold(boolean on) {
    holding = on;
  }

  public boolean holding() {
    return holding;
  }

  /** The reason an adopted order's fills carry: it was no signal's ({@link OrderBook#ADOPTED}). */
  public static final String ADOPTED = OrderBook.ADOPTED;
  /** The reason of one of the session's own orders taken back from the venue after a restart (its decision was lost with the step). */
  public static final String RECOVERED = "recovered";

  /**
   * Takes over an order working at the venue that a live session did not send (the venue follows it under the same
   * id): in the book as working, its fills from now on applied like any (those in {@code priorFillIds}, from before,
   * never), cancelled by an operator's cancel or a halt's cancel-all; the lifecycle (stale and outrun cancels, maker
   * timeouts, brackets) leaves it alone: whoever placed it decided its price and life. Returns why not, or null.
   */
  public String adopt(OrderRequest request, List<String> priorFillIds, long time) {
    return adopt(request, priorFillIds, time, ADOPTED);
  }

  /**
   * The same for one of the session's own orders that a step sent and never completed (killed before its end): found at
   * the venue by its id after the restart, it is taken back whole ({@link #RECOVERED}), every fill of it the session's,
   * managed by the lifecycle like any of its own, and no later order takes its id ({@link OrderBook#nextClientOrderId}
   * skips it).
   */
  public String recover(OrderRequest request, long time) {
    return adopt(request, List.of(), time, RECOVERED);
  }

  /** The ids the next {@code n} new orders would get, in order (what a step that did not complete may have sent). */
  public List<String> nextOrderIds(int n) {
    List<String> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) out.add(book.peekClientOrderId(i));
    return out;
  }

  private String adopt(OrderRequest request, List<String> priorFillIds, long time, String reason) {
    if (!instruments.containsKey(request.symbol())) return request.symbol() + " is not one of the session's instruments";
    if (!(request.quantity() > 0)) return "nothing of it is left unfilled";
    if (!book.adopt(request, priorFillIds, time, reason)) return "the book has an order " + request.clientOrderId() + " already";
    return null;
  }

  /** Applies venue reports; returns the new fills with what their orders were for. */
  public List<AttributedFill> onReports(List<ExecutionReport> reports) {
    if (reports.isEmpty()) return List.of();
    List<AttributedFill> fills = new ArrayList<>();
    for (ExecutionReport report : reports) {
      if (report instanceof ExecutionReport.TradeCorrection c) {
        onCorrection(c, fills);
        continue;
      }
      ExecutionReport.Fill f = book.apply(report);
      ManagedOrder o = book.get(report.clientOrderId());
      if (f != null) {
        heldBySymbol.merge(f.symbol(), f.side().sign() * f.quantity(), Double::sum);
        SignalExits se = signalExits.getOrDefault(f.clientOrderId(), NO_SIGNAL_EXITS);
        fills.add(new AttributedFill(f, o.reason(), o.specialist(), se.stop(), se.target()));
      } else if (o != null && (report instanceof ExecutionReport.Rejected || report instanceof ExecutionReport.Canceled)) {
        if (!ADOPTED.equals(o.reason())) queued.addAll(maker.onRejected(o, report.time()));
        if (report instanceof ExecutionReport.Rejected r) {
          rejections.add(new VenueRejection(r.time(), r.clientOrderId(), o.request().symbol(), o.specialist(), r.reason()));
        }
      }
    }
    return fills;
  }

  /**
   * A venue's correction or bust of a fill: booked as compensating fills, attributed as {@code trade_correction} (so a
   * trade they close says why); the protective legs of the order's bracket are cut to what the position still holds
   * (cancelled when nothing is left to protect); and the correction is kept for the step coordinator, which halts new
   * entries until an operator resumes. A correction of a fill never applied here books nothing and halts the same.
   */
  private void onCorrection(ExecutionReport.TradeCorrection c, List<AttributedFill> fills) {
    OrderBook.Correction done = book.correct(c);
    if (done == null) return; // a repeat
    corrections.add(done);
    ManagedOrder o = book.get(c.clientOrderId());
    for (ExecutionReport.Fill f : done.compensations()) {
      heldBySymbol.merge(f.symbol(), f.side().sign() * f.quantity(), Double::sum);
      fills.add(new AttributedFill(f, CORRECTION_REASON, o.specialist()));
    }
    if (done.applied()) resizeProtection(c.clientOrderId());
  }

  /** What a trade a correction's fill closes reports as its exit reason. */
  public static final String CORRECTION_REASON = "trade_correction";

  /** The legs of {@code entryId}'s bracket, still working, cut to the quantity left to protect. */
  private void resizeProtection(String entryId) {
    Bracket b = brackets.get(entryId);
    ManagedOrder entry = book.get(entryId);
    if (b == null || entry == null) return;
    double held = heldBySymbol.getOrDefault(b.plan().symbol(), 0.0);
    boolean holds = Math.signum(held) == b.plan().entrySide().sign() && Math.abs(held) > 1e-9;
    for (String legId : List.of(b.plan().stopId(), b.plan().targetId())) {
      ManagedOrder leg = book.get(legId);
      if (leg == null || leg.status().isFinal()) continue;
      double protect = holds ? Math.min(Math.abs(held), entry.filledQuantity() - leg.filledQuantity()) : 0;
      if (protect <= 1e-9) queued.add(new LifecycleAction.Cancel(legId, CORRECTION_REASON));
      else if (leg.remaining() > protect + 1e-9) modifies.add(new ModifyRequest(legId, leg.filledQuantity() + protect, Double.NaN, Double.NaN));
    }
  }

  /** The trade corrections applied (or found unappliable) since the last call. */
  public List<OrderBook.Correction> drainCorrections() {
    if (corrections.isEmpty()) return List.of();
    List<OrderBook.Correction> out = List.copyOf(corrections);
    corrections.clear();
    return out;
  }

  /** The bars of the step being decided (price-move cancels compare working orders with them). */
  public void onBars(List<Bar> bars) {
    lastBars = bars;
  }

  /** Orders are working or lifecycle actions are due: the next step must run placement even with nothing new. */
  public boolean busy() {
    return !queued.isEmpty() || !modifies.isEmpty() || !brackets.isEmpty() || heldCancelAll != null || book.hasWorking();
  }

  /** Orders are working at the venue: its reports may come. */
  public boolean hasWorking() {
    return book.hasWorking();
  }

  /** Signed quantity still working per symbol. */
  public Map<String, Double> pending() {
    return book.pendingBySymbol();
  }

  /**
   * Everything the venue must hear at the end of a step: cancels (on a halt, {@code cancelAll}: every working order
   * that could open or add, and the resting protection of positions that a market exit in {@code approved} closes
   * whole), the lifecycle's replacements and bracket legs, then the newly approved orders. A halt never cancels the
   * stop of a position it leaves open: a halt without flatten must not leave a position unprotected.
   */
  public Submission place(long time, List<ApprovedOrder> approved, List<BracketRequest> newBrackets, boolean cancelAll, String cancelReason) {
    if (holding) {
      // Risk vetoes every order while the session reconciles; one approved anyway would be lost here, so it is an error.
      if (!approved.isEmpty()) throw new IllegalStateException("orders approved while the order manager holds everything (reconciling): " + approved);
      for (BracketRequest b : newBrackets) register(b);
      if (cancelAll && heldCancelAll == null) heldCancelAll = cancelReason;
      return EMPTY;
    }
    if (heldCancelAll != null) {
      if (!cancelAll) {
        cancelAll = true;
        cancelReason = heldCancelAll;
      }
      heldCancelAll = null;
    }
    if (approved.isEmpty() && newBrackets.isEmpty() && queued.isEmpty() && modifies.isEmpty() && brackets.isEmpty() && !book.hasWorking()) {
      return EMPTY; // most steps: nothing working, nothing new
    }
    Map<String, String> cancels = new LinkedHashMap<>();
    List<OrderRequest> orders = new ArrayList<>();
    List<OrderIntent> redecide = new ArrayList<>(0);
    List<ManagedOrder> working = book.working();
    // An adopted order is not Troupe's decision: no stale, price-move or maker rule cancels or replaces it (a halt,
    // an operator's cancel, or a one-cancels-other of nothing still can).
    List<ManagedOrder> own = working;
    for (ManagedOrder o : working) {
      if (OrderBook.ADOPTED.equals(o.reason())) {
        own = new ArrayList<>(working);
        own.removeIf(x -> OrderBook.ADOPTED.equals(x.reason()));
        break;
      }
    }
    java.util.Set<String> closedWhole = cancelAll ? closedWholeBy(approved) : java.util.Set.of();
    List<LifecycleAction> actions = new ArrayList<>();
    if (cancelAll) {
      for (ManagedOrder o : working) {
        OrderRequest r = o.request();
        if (isRestingProtection(r) && !closedWhole.contains(r.symbol())) continue;
        cancels.put(r.clientOrderId(), cancelReason);
      }
    } else {
      actions.addAll(queued);
      actions.addAll(stale.sweep(own, time));
      for (Bar bar : lastBars) actions.addAll(priceMove.check(own, bar));
      actions.addAll(maker.onTime(own, time));
    }
    queued.clear();
    for (BracketRequest b : newBrackets) register(b);
    var it = brackets.values().iterator();
    while (it.hasNext()) {
      Bracket b = it.next();
      if (closedWhole.contains(b.plan().symbol())) continue; // its legs are cancelled above; a market exit closes it
      List<LifecycleAction> due = b.plan().onOrders(book.byId(), heldBySymbol.getOrDefault(b.plan().symbol(), 0.0), time);
      actions.addAll(due);
      if (due.isEmpty() && finished(b.plan())) it.remove();
    }
    for (LifecycleAction a : actions) {
      if (a instanceof LifecycleAction.Cancel c) {
        ManagedOrder o = book.get(c.clientOrderId());
        if (o != null && !o.status().isFinal() && cancels.putIfAbsent(c.clientOrderId(), c.reason()) == null
            && PriceMoveCancel.REASON.equals(c.reason())) {
          redecide.add(redecision(o, time));
        }
      } else if (a instanceof LifecycleAction.Submit s) {
        if (book.contains(s.request().clientOrderId())) continue;
        ManagedOrder origin = originOf(s.request().clientOrderId());
        OrderRequest r = onGrid(s.request());
        book.add(r, time, reasonFor(s), origin == null ? "" : origin.specialist());
        orders.add(r);
      }
    }
    for (ApprovedOrder a : approved) {
      String id = book.nextClientOrderId();
      Instrument inst = instruments.get(a.symbol());
      OrderRequest r = a.reduceOnly() || !makerEntries || inst == null
          ? OrderRequest.market(id, a.symbol(), a.side(), a.quantity(), time).withReduceOnly(a.reduceOnly())
          : maker.entry(id, inst, a.side(), a.quantity(), a.referencePrice(), time);
      r = onGrid(r);
      book.add(r, time, a.reason(), a.specialist());
      if (!a.reduceOnly()) signalExits.put(id, new SignalExits(a.stopLoss(), a.takeProfit()));
      orders.add(r);
    }
    List<CancelRequest> cancelList = new ArrayList<>(cancels.size());
    cancels.forEach((id, why) -> cancelList.add(new CancelRequest(id, why)));
    List<ModifyRequest> modified = new ArrayList<>();
    for (ModifyRequest m : modifies) {
      ManagedOrder o = book.get(m.clientOrderId());
      if (o != null && !o.status().isFinal() && !cancels.containsKey(m.clientOrderId())) modified.add(m);
    }
    modifies.clear();
    return new Submission(orders, cancelList, modified, redecide);
  }

  private void register(BracketRequest b) {
    brackets.putIfAbsent(b.entryOrderId(),
        new Bracket(new BracketPlan(b.entryOrderId(), b.symbol(), b.entrySide(), b.stopPrice(), b.targetPrice(), b.targetActiveFrom()), b.stopReason()));
  }

  /**
   * The intent behind an entry the market outran: the position it was to reach (what is held plus its unfilled rest),
   * at the latest close, for risk to decide again.
   */
  private OrderIntent redecision(ManagedOrder o, long time) {
    OrderRequest r = o.request();
    double price = Double.NaN;
    for (Bar b : lastBars) if (b.symbol().equals(r.symbol())) price = b.close();
    double target = heldBySymbol.getOrDefault(r.symbol(), 0.0) + r.side().sign() * o.remaining();
    SignalExits se = signalExits.getOrDefault(r.clientOrderId(), NO_SIGNAL_EXITS);
    return new OrderIntent(r.symbol(), time, target, price, se.stop(), se.target(), o.specialist(), o.reason(), false);
  }

  /** The order as the venue takes it: prices on the instrument's tick, the quantity down to its lot. */
  private OrderRequest onGrid(OrderRequest r) {
    Instrument inst = instruments.get(r.symbol());
    return inst == null ? r : inst.onGrid(r);
  }

  /** A bracket leg resting at the venue: reduce-only and not at market, so it only ever shrinks its position. */
  private static boolean isRestingProtection(OrderRequest r) {
    return r.reduceOnly() && r.type() != OrderType.MARKET;
  }

  /** The symbols whose whole held position the reduce-only orders among {@code approved} close. */
  private java.util.Set<String> closedWholeBy(List<ApprovedOrder> approved) {
    Map<String, Double> change = new TreeMap<>();
    for (ApprovedOrder a : approved) {
      if (a.reduceOnly()) change.merge(a.symbol(), a.side().sign() * a.quantity(), Double::sum);
    }
    java.util.Set<String> out = new java.util.TreeSet<>();
    change.forEach((symbol, delta) -> {
      double held = heldBySymbol.getOrDefault(symbol, 0.0);
      double left = held + delta;
      if (Math.abs(held) > 1e-9 && (Math.abs(left) <= 1e-9 * Math.max(1, Math.abs(held)) || Math.signum(left) != Math.signum(held))) out.add(symbol);
    });
    return out;
  }

  /** The exit reason a bracket leg's fill reports: the stop's own reason, or take_profit. */
  private String reasonFor(LifecycleAction.Submit s) {
    String id = s.request().clientOrderId();
    if (id.endsWith("-sl")) {
      Bracket b = brackets.get(id.substring(0, id.length() - 3));
      return b == null ? "stop_loss" : b.stopReason();
    }
    if (id.endsWith("-tp")) return "take_profit";
    return s.reason();
  }

  /** The order a derived order (bracket leg, market fallback) belongs to. */
  private ManagedOrder originOf(String id) {
    int dash = id.indexOf('-');
    return dash < 0 ? null : book.get(id.substring(0, dash));
  }

  private boolean finished(BracketPlan p) {
    ManagedOrder entry = book.get(p.entryId());
    if (entry == null || !entry.status().isFinal()) return false;
    if (entry.filledQuantity() <= 0) return true;
    ManagedOrder stop = book.get(p.stopId());
    ManagedOrder target = book.get(p.targetId());
    boolean legsDone = (stop == null || stop.status().isFinal()) && (target == null || target.status().isFinal());
    double held = heldBySymbol.getOrDefault(p.symbol(), 0.0);
    boolean holds = Math.signum(held) == p.entrySide().sign() && Math.abs(held) > 1e-9;
    return legsDone && (!holds || (stop != null && stop.status() == OrderStatus.FILLED) || (target != null && target.status() == OrderStatus.FILLED));
  }

  /** The venue rejections since the last call. */
  public List<VenueRejection> drainRejections() {
    if (rejections.isEmpty()) return List.of();
    List<VenueRejection> out = List.copyOf(rejections);
    rejections.clear();
    return out;
  }

  /**
   * The orders that changed since the last call, as they are now, in the order they first changed. At a step's close:
   * under a history window the oldest final orders are forgotten then, but never one a bracket still follows (its
   * plan reads its entry and both legs).
   */
  public List<OrderRecord> drainChangedOrders() {
    List<OrderRecord> changed = book.drainChanged();
    if (keepFinal < Integer.MAX_VALUE) {
      java.util.Set<String> inUse = new java.util.HashSet<>();
      for (Bracket b : brackets.values()) {
        inUse.add(b.plan().entryId());
        inUse.add(b.plan().stopId());
        inUse.add(b.plan().targetId());
      }
      for (String id : book.forgetFinal(keepFinal, inUse)) {
        signalExits.remove(id);
      }
    }
    return changed;
  }

  /** How many orders the book holds (working and final). */
  public int ordersKept() {
    return book.byId().size();
  }

  public List<OrderRecord> records() {
    return book.records();
  }

  public int stillWorking() {
    return book.working().size();
  }
}
