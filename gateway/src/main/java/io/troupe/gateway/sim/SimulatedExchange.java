package io.troupe.gateway.sim;

import io.troupe.model.Instrument;
import io.troupe.market.Bar;
import io.troupe.model.ExecutionReport;
import io.troupe.model.ExecutionReport.Ack;
import io.troupe.model.ExecutionReport.Canceled;
import io.troupe.model.ExecutionReport.Expired;
import io.troupe.model.ExecutionReport.Fill;
import io.troupe.model.ExecutionReport.Modified;
import io.troupe.model.ExecutionReport.Rejected;
import io.troupe.model.Liquidity;
import io.troupe.model.OrderRequest;
import io.troupe.model.OrderType;
import io.troupe.model.Side;
import io.troupe.model.TimeInForce;
import io.troupe.gateway.sim.OrderState.Outcome;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A deterministic, single-threaded matching engine against bars, for backtests and paper trading. Not thread-safe:
 * the integrator owns one instance per actor.
 *
 * <p>Rules, in short (see the method docs for detail):
 *
 * <ul>
 *   <li>No look-ahead: an order acts only on bars whose time is after both its {@code decidedAt} and the last bar of its
 *       symbol seen when it was submitted. In {@link FillMode#CLOSE} a market order additionally fills at once at the
 *       last seen close.
 *   <li>Each bar is walked along {@link IntrabarPath} (open, nearer extreme, other extreme, close; high first on a tie).
 *       The orders of the bar's symbol are evaluated independently, then their outcomes are applied in path order
 *       (ties in submission order), so reduce-only orders and the net position see fills in the order they would have
 *       happened.
 *   <li>Market: open, taker, with slippage. Limit: marketable at the open fills at the open as taker (slippage capped
 *       at the limit); otherwise at the limit price as maker when the path reaches it. Stop: at the stop (or the open
 *       when the bar gaps through it) as taker with slippage. Stop-limit: triggers like a stop, then is a limit from
 *       that point of the path on (taker if marketable at the trigger point, else maker when reached later).
 *   <li>Post-only: canceled {@code post_only_would_take} when marketable at its first evaluation (the open of its
 *       first bar, or the trigger point for a stop-limit); once resting it fills at its limit as maker, even on a gap.
 *   <li>IOC/FOK end on the order's first live bar: the first eligible bar for market and limit, the trigger bar for
 *       stop and stop-limit.
 *   <li>An order fills at most once per bar.
 *   <li>Reports from {@link #onBar} carry the bar's time; from submit/cancel/modify, {@code now}.
 *   <li>Latency ({@link LatencyModel}, none by default): an order, cancel or modify sent at {@code t} reaches the
 *       engine at {@code t + latency} (never before the message sent before it) and is handled then, as it would be
 *       without latency at that time; its reports carry the arrival time. Until then it is in flight: bars starting
 *       before its arrival neither fill a new order nor see a cancel or modify. The in-flight queue is part of the
 *       engine's state.
 *   <li>How bars fill orders is the {@link FillModel}'s ({@link IntrabarFillModel}); what a fill costs, the
 *       {@link FeeModel}'s.
 * </ul>
 */
public final class SimulatedExchange implements io.troupe.venue.MatchingEngine {

  private static final double EPSILON = 1e-9;

  /** Per-symbol state: the orders in submission order, the last bar seen, the net filled position. */
  private static final class SymbolBook {
    final Instrument instrument;
    final ArrayList<OrderState> orders = new ArrayList<>();
    Bar lastBar;
    double position;

    SymbolBook(Instrument instrument) {
      this.instrument = instrument;
    }
  }

  private static final Comparator<OrderState> BY_PATH_POSITION = Comparator.comparingDouble(o -> o.outcomePosition);

  private final SimulatedExchangeSettings settings;
  private final Map<String, SymbolBook> books = new LinkedHashMap<>();
  // Looked up, never iterated, so hash order cannot leak into results.
  private final Map<String, OrderState> workingById = new HashMap<>();
  private final Map<String, String> symbolByAcceptedId = new HashMap<>();
  private final FillModel fillModel;
  private final ArrayList<OrderState> matched = new ArrayList<>();
  // Messages sent and not yet arrived, in arrival order (which is also the order they were sent in).
  private final ArrayDeque<Message> inFlight = new ArrayDeque<>();
  private long messagesSent;
  private long lastArrival = Long.MIN_VALUE;

  private enum MessageKind {
    SUBMIT,
    CANCEL,
    MODIFY
  }

  /** An order, cancel or modify on its way to the matching engine. */
  private static final class Message {
    final MessageKind kind;
    final long sentAt;
    final long arrival;
    final OrderRequest order;
    final String clientOrderId;
    final String reason;
    final double quantity;
    final double limitPrice;
    final double stopPrice;

    Message(MessageKind kind, long sentAt, long arrival, OrderRequest order, String clientOrderId, String reason,
        double quantity, double limitPrice, double stopPrice) {
      this.kind = kind;
      this.sentAt = sentAt;
      this.arrival = arrival;
      this.order = order;
      this.clientOrderId = clientOrderId;
      this.reason = reason;
      this.quantity = quantity;
      this.limitPrice = limitPrice;
      this.stopPrice = stopPrice;
    }
  }

  public SimulatedExchange(SimulatedExchangeSettings settings, Map<String, Instrument> instruments) {
    if (settings == null) throw new IllegalArgumentException("settings is required");
    this.settings = settings;
    this.fillModel = new IntrabarFillModel(settings);
    for (Map.Entry<String, Instrument> entry : instruments.entrySet()) {
      books.put(entry.getKey(), new SymbolBook(entry.getValue()));
    }
  }

  public SimulatedExchangeSettings settings() {
    return settings;
  }

  /**
   * Validates and accepts an order: {@code [Ack]}, {@code [Ack, Fill...]} for a market order in CLOSE mode, or
   * {@code [Rejected]} with a reason: {@code bad_order_id}, {@code duplicate_order_id}, {@code unknown_symbol},
   * {@code bad_order} (missing side, type or time in force), {@code bad_quantity} (not positive after rounding down to
   * the lot), {@code missing_price}, {@code bad_price} (not positive after rounding to the tick),
   * {@code post_only_needs_limit}. A rejected order is not remembered, so resubmitting it is rejected the same way;
   * an accepted id stays taken for good, even after the order ends.
   *
   * <p>With a {@link LatencyModel} the order is sent at {@code now} and handled as above when it arrives: the reports
   * then carry its arrival time and come from the first call (of any method here) at or after it, and a market order
   * that spent time in flight never takes the CLOSE-mode fill (the close it was decided on is older than its arrival).
   * Returns the reports of whatever arrived by {@code now}, this order included when its latency is 0.
   */
  public List<ExecutionReport> submit(OrderRequest order, long now) {
    if (settings.latency().isZero()) return accept(order, now, true);
    send(new Message(MessageKind.SUBMIT, now, arrival(now), order, order.clientOrderId(), null, Double.NaN, Double.NaN, Double.NaN));
    return deliver(now);
  }

  /** Handles an order that has reached the engine at {@code now}; {@code closeFill}: it may fill at the last close. */
  private List<ExecutionReport> accept(OrderRequest order, long now, boolean closeFill) {
    String id = order.clientOrderId();
    if (id == null || id.isBlank()) return List.of(new Rejected(id, order.symbol(), now, "bad_order_id"));
    if (symbolByAcceptedId.containsKey(id)) return List.of(new Rejected(id, order.symbol(), now, "duplicate_order_id"));
    SymbolBook book = order.symbol() == null ? null : books.get(order.symbol());
    if (book == null) return List.of(new Rejected(id, order.symbol(), now, "unknown_symbol"));
    if (order.side() == null || order.type() == null || order.timeInForce() == null) {
      return List.of(new Rejected(id, order.symbol(), now, "bad_order"));
    }
    Instrument instrument = book.instrument;
    double quantity = Double.isFinite(order.quantity()) ? instrument.roundQuantity(order.quantity()) : Double.NaN;
    if (!(quantity > EPSILON)) return List.of(new Rejected(id, order.symbol(), now, "bad_quantity"));
    boolean needsLimit = order.type() == OrderType.LIMIT || order.type() == OrderType.STOP_LIMIT;
    boolean needsStop = order.type() == OrderType.STOP || order.type() == OrderType.STOP_LIMIT;
    if ((needsLimit && Double.isNaN(order.limitPrice())) || (needsStop && Double.isNaN(order.stopPrice()))) {
      return List.of(new Rejected(id, order.symbol(), now, "missing_price"));
    }
    double limit = needsLimit ? instrument.roundPrice(order.limitPrice()) : Double.NaN;
    double stop = needsStop ? instrument.roundPrice(order.stopPrice()) : Double.NaN;
    if ((needsLimit && !validPrice(limit)) || (needsStop && !validPrice(stop))) {
      return List.of(new Rejected(id, order.symbol(), now, "bad_price"));
    }
    if (order.postOnly() && !needsLimit) return List.of(new Rejected(id, order.symbol(), now, "post_only_needs_limit"));

    long lastSeen = book.lastBar == null ? Long.MIN_VALUE : book.lastBar.time();
    OrderState state = new OrderState(order, quantity, limit, stop, Math.max(order.decidedAt(), lastSeen));
    symbolByAcceptedId.put(id, order.symbol());
    workingById.put(id, state);
    book.orders.add(state);

    if (!closeFill || settings.fillMode() != FillMode.CLOSE || order.type() != OrderType.MARKET || book.lastBar == null) {
      return List.of(new Ack(id, order.symbol(), now));
    }
    List<ExecutionReport> reports = new ArrayList<>(3);
    reports.add(new Ack(id, order.symbol(), now));
    Bar last = book.lastBar;
    fill(state, book, fillModel.takerPrice(state.side, last.close(), book.instrument), Liquidity.TAKER, last.volume(), now, reports);
    if (state.finished) book.orders.remove(state);
    return reports;
  }

  /**
   * Cancels a working order: {@code [Canceled]} with {@code reason} (default {@code canceled}), or {@code [Rejected]}
   * with {@code unknown_order} (never accepted) or {@code order_not_working} (already filled, canceled or expired).
   * With a {@link LatencyModel} the cancel acts when it arrives (see {@link #submit}): a fill before then stands, and
   * the cancel then finds the order {@code order_not_working}, or cancels only what is left of it.
   */
  public List<ExecutionReport> cancel(String clientOrderId, long now, String reason) {
    if (settings.latency().isZero()) return cancelNow(clientOrderId, now, reason);
    send(new Message(MessageKind.CANCEL, now, arrival(now), null, clientOrderId, reason, Double.NaN, Double.NaN, Double.NaN));
    return deliver(now);
  }

  private List<ExecutionReport> cancelNow(String clientOrderId, long now, String reason) {
    OrderState state = workingById.get(clientOrderId);
    if (state == null) return List.of(notWorking(clientOrderId, now));
    finish(state);
    books.get(state.symbol).orders.remove(state);
    return List.of(new Canceled(clientOrderId, state.symbol, now, reason == null || reason.isBlank() ? "canceled" : reason));
  }

  /**
   * Changes a working order's quantity and prices, keeping what has already filled; takes effect from the next bar.
   * NaN keeps a value; prices that do not apply to the order's type are ignored. New prices are rounded to the tick
   * and the new quantity down to the lot, and must exceed the filled quantity. Changing a post-only order's limit makes
   * its next evaluation a first one again (a venue re-checks an amended post-only price). Returns {@code [Modified]}
   * or {@code [Rejected]} with {@code unknown_order}, {@code order_not_working}, {@code bad_quantity} or
   * {@code bad_price}. With a {@link LatencyModel} the change acts when it arrives (see {@link #submit}).
   */
  public List<ExecutionReport> modify(
      String clientOrderId, double newQuantity, double newLimitPrice, double newStopPrice, long now) {
    if (settings.latency().isZero()) return modifyNow(clientOrderId, newQuantity, newLimitPrice, newStopPrice, now);
    send(new Message(MessageKind.MODIFY, now, arrival(now), null, clientOrderId, null, newQuantity, newLimitPrice, newStopPrice));
    return deliver(now);
  }

  private List<ExecutionReport> modifyNow(
      String clientOrderId, double newQuantity, double newLimitPrice, double newStopPrice, long now) {
    OrderState state = workingById.get(clientOrderId);
    if (state == null) return List.of(notWorking(clientOrderId, now));
    Instrument instrument = books.get(state.symbol).instrument;
    double quantity = Double.isNaN(newQuantity) ? state.quantity : instrument.roundQuantity(newQuantity);
    if (!Double.isFinite(quantity) || quantity <= state.filled + EPSILON) {
      return List.of(new Rejected(clientOrderId, state.symbol, now, "bad_quantity"));
    }
    boolean hasLimit = state.type == OrderType.LIMIT || state.type == OrderType.STOP_LIMIT;
    boolean hasStop = state.type == OrderType.STOP || state.type == OrderType.STOP_LIMIT;
    double limit = hasLimit && !Double.isNaN(newLimitPrice) ? instrument.roundPrice(newLimitPrice) : state.limitPrice;
    double stop = hasStop && !Double.isNaN(newStopPrice) ? instrument.roundPrice(newStopPrice) : state.stopPrice;
    if ((hasLimit && !validPrice(limit)) || (hasStop && !validPrice(stop))) {
      return List.of(new Rejected(clientOrderId, state.symbol, now, "bad_price"));
    }
    if (state.postOnly && limit != state.limitPrice) state.restedOnce = false;
    state.quantity = quantity;
    state.limitPrice = limit;
    state.stopPrice = stop;
    return List.of(new Modified(clientOrderId, state.symbol, now, quantity, limit, stop));
  }

  /**
   * Matches the working orders of {@code bar.symbol()} against the bar and remembers it as the symbol's last bar.
   * Returns fills, Expired for IOC/FOK remainders, Canceled for post-only orders that would take and reduce-only
   * orders with nothing to reduce. A symbol without working orders costs one map lookup and no allocation; bars of
   * unknown symbols are ignored.
   *
   * <p>With a {@link LatencyModel}, messages that arrive by the bar's start are handled first (their reports come
   * first, with their arrival times), so an order that arrives at or before a bar's start can fill on it, and one that
   * arrives later cannot, not even on the part of the bar after its arrival.
   */
  public List<ExecutionReport> onBar(Bar bar) {
    List<ExecutionReport> arrived = inFlight.isEmpty() ? List.of() : deliver(bar.time());
    List<ExecutionReport> matchedReports = match(bar);
    if (arrived.isEmpty()) return matchedReports;
    if (matchedReports.isEmpty()) return arrived;
    List<ExecutionReport> all = new ArrayList<>(arrived.size() + matchedReports.size());
    all.addAll(arrived);
    all.addAll(matchedReports);
    return all;
  }

  private List<ExecutionReport> match(Bar bar) {
    SymbolBook book = books.get(bar.symbol());
    if (book == null) return List.of();
    if (book.lastBar == null || bar.time() >= book.lastBar.time()) book.lastBar = bar;
    if (book.orders.isEmpty()) return List.of();

    fillModel.startBar(bar);
    matched.clear();
    for (OrderState state : book.orders) {
      if (bar.time() <= state.eligibleAfter) continue;
      fillModel.evaluate(state, book.instrument);
      if (state.outcome != Outcome.NONE) matched.add(state);
    }
    if (matched.isEmpty()) return List.of();
    matched.sort(BY_PATH_POSITION); // stable: ties stay in submission order

    List<ExecutionReport> reports = new ArrayList<>(matched.size() + 1);
    long time = bar.time();
    for (OrderState state : matched) {
      switch (state.outcome) {
        case FILL -> fill(state, book, state.outcomePrice, state.outcomeLiquidity, bar.volume(), time, reports);
        case POST_ONLY_CANCEL -> {
          finish(state);
          reports.add(new Canceled(state.id, state.symbol, time, "post_only_would_take"));
        }
        case EXPIRE -> {
          finish(state);
          reports.add(new Expired(state.id, state.symbol, time, expiryReason(state)));
        }
        case NONE -> {}
      }
      state.outcome = Outcome.NONE;
    }
    book.orders.removeIf(state -> state.finished);
    matched.clear();
    return reports;
  }

  /**
   * Snapshots of the working orders of one symbol, in submission order, then the orders still in flight to the engine
   * (as sent: the venue owes them an answer, so whoever reconciles against this list counts them as working).
   */
  public List<WorkingOrder> workingOrders(String symbol) {
    SymbolBook book = books.get(symbol);
    if (book == null || (book.orders.isEmpty() && inFlight.isEmpty())) return List.of();
    List<WorkingOrder> result = new ArrayList<>(book.orders.size());
    for (OrderState state : book.orders) result.add(state.snapshot());
    addInFlight(symbol, result);
    return List.copyOf(result);
  }

  /**
   * Snapshots of every working order: symbols in the order the instruments were given, then submission order, each
   * symbol's orders in flight last (see {@link #workingOrders(String)}).
   */
  public List<WorkingOrder> workingOrders() {
    List<WorkingOrder> result = new ArrayList<>();
    for (Map.Entry<String, SymbolBook> e : books.entrySet()) {
      for (OrderState state : e.getValue().orders) result.add(state.snapshot());
      addInFlight(e.getKey(), result);
    }
    return List.copyOf(result);
  }

  private void addInFlight(String symbol, List<WorkingOrder> result) {
    for (Message m : inFlight) {
      if (m.kind == MessageKind.SUBMIT && symbol.equals(m.order.symbol())) result.add(new WorkingOrder(m.order, 0, Double.NaN, false));
    }
  }

  /** Whether an order with this id has reached the engine and is still working (one in flight is not, yet). */
  public boolean isWorking(String clientOrderId) {
    return workingById.containsKey(clientOrderId);
  }

  /** The signed net quantity this exchange has filled for a symbol (buys positive); 0 for unknown symbols. */
  public double netPosition(String symbol) {
    SymbolBook book = books.get(symbol);
    return book == null ? 0 : book.position;
  }

  /** The last bar seen for a symbol, or null before the first. */
  public Bar lastBar(String symbol) {
    SymbolBook book = books.get(symbol);
    return book == null ? null : book.lastBar;
  }

  /** How many orders, cancels and modifies have been sent and not yet arrived. */
  public int messagesInFlight() {
    return inFlight.size();
  }

  // ---- latency ----

  /**
   * When a message sent at {@code now} arrives: after its latency, and never before the message sent before it (one
   * ordered connection: a cancel cannot overtake the order it cancels).
   */
  private long arrival(long now) {
    long at = Math.max(now + settings.latency().latencyMillis(messagesSent++), lastArrival);
    lastArrival = at;
    return at;
  }

  private void send(Message message) {
    inFlight.addLast(message);
  }

  /** Handles, in order, every message that has arrived by {@code now}; their reports carry their arrival times. */
  private List<ExecutionReport> deliver(long now) {
    if (inFlight.isEmpty() || inFlight.peekFirst().arrival > now) return List.of();
    List<ExecutionReport> reports = new ArrayList<>();
    while (!inFlight.isEmpty() && inFlight.peekFirst().arrival <= now) {
      Message m = inFlight.pollFirst();
      switch (m.kind) {
        case SUBMIT -> reports.addAll(accept(m.order, m.arrival, m.arrival == m.sentAt));
        case CANCEL -> reports.addAll(cancelNow(m.clientOrderId, m.arrival, m.reason));
        case MODIFY -> reports.addAll(modifyNow(m.clientOrderId, m.quantity, m.limitPrice, m.stopPrice, m.arrival));
      }
    }
    return reports;
  }

  // ---- matching ----

  /**
   * Fills what the order may take now: capped by the position a reduce-only order would reduce and by the volume cap;
   * FOK all or nothing; an IOC/FOK remainder expires.
   */
  private void fill(
      OrderState state, SymbolBook book, double price, Liquidity liquidity, double barVolume, long time,
      List<ExecutionReport> reports) {
    Instrument instrument = book.instrument;
    double remaining = state.remaining();
    if (state.reduceOnly) {
      double reducible = instrument.roundQuantity(Math.max(0, state.buy() ? -book.position : book.position));
      if (reducible <= EPSILON) {
        finish(state);
        reports.add(new Canceled(state.id, state.symbol, time, "reduce_only_would_increase"));
        return;
      }
      if (reducible < remaining - EPSILON) {
        state.quantity = state.filled + reducible;
        remaining = reducible;
      }
    }
    double quantity = remaining;
    quantity = fillModel.fillable(quantity, barVolume, instrument);
    boolean endsNow = state.timeInForce != TimeInForce.GTC;
    if (quantity <= EPSILON || (state.timeInForce == TimeInForce.FOK && quantity < remaining - EPSILON)) {
      if (endsNow) {
        finish(state);
        reports.add(new Expired(state.id, state.symbol, time, expiryReason(state)));
      }
      return;
    }
    state.filled += quantity;
    state.filledNotional += quantity * price;
    state.fillCount++;
    book.position += state.side.sign() * quantity;
    double left = state.quantity - state.filled;
    if (left <= EPSILON * Math.max(1, state.quantity)) left = 0;
    double fee = settings.fees().fee(instrument, price, quantity, liquidity);
    reports.add(new Fill(state.id, state.id + "-" + state.fillCount, state.symbol, time, state.side, quantity, price, fee, liquidity, left));
    if (left == 0) {
      finish(state);
    } else if (endsNow) {
      finish(state);
      reports.add(new Expired(state.id, state.symbol, time, expiryReason(state)));
    }
  }

  private void finish(OrderState state) {
    state.finished = true;
    workingById.remove(state.id);
  }

  private Rejected notWorking(String clientOrderId, long now) {
    String symbol = symbolByAcceptedId.get(clientOrderId);
    return symbol == null
        ? new Rejected(clientOrderId, "", now, "unknown_order")
        : new Rejected(clientOrderId, symbol, now, "order_not_working");
  }

  private static String expiryReason(OrderState state) {
    return state.timeInForce == TimeInForce.FOK ? "fok_not_filled" : "ioc_remainder";
  }

  private static boolean validPrice(double price) {
    return Double.isFinite(price) && price > 0;
  }
}
