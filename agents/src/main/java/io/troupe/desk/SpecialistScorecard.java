package io.troupe.desk;

import io.troupe.market.Bar;
import io.troupe.model.RoundTrip;
import io.troupe.strategy.Direction;
import io.troupe.strategy.Signal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Per specialist, the rolling record the selector and the ensemble vote read:
 * <ul>
 *   <li>trades: the returns of its last {@code tradeWindow} closed trades, in percent of the entry notional, net of
 *       fees (real trades from the position monitor, or shadow trades from {@link ShadowTrades} while it is not the
 *       active specialist);
 *   <li>calls: each LONG or SHORT signal is a call, judged after {@code callHorizonBars} bars of its symbol: right when
 *       the close has moved in the called direction since the call (an unchanged close is wrong). Kept: the lifetime
 *       count and hits, and the outcomes of the last {@code callWindow} judged calls.
 * </ul>
 * Deterministic: specialists are kept in name order and pending calls in arrival order.
 */
public final class SpecialistScorecard {
  private long tradesRecorded;

  /** A read-only view of one specialist's record. {@code recentAccuracy} is NaN before its first judged call. */
  public record Snapshot(int trades, double recentReturnSumPct, long calls, long hits, double hitRate, int recentCalls, double recentAccuracy) {}

  private static final class Card {
    final Deque<Double> returns = new ArrayDeque<>();
    final Deque<Boolean> outcomes = new ArrayDeque<>();
    int trades;
    long calls;
    long hits;
  }

  private record PendingCall(String specialist, String symbol, int sign, double price, int[] barsLeft) {}

  private final int tradeWindow;
  private final int callWindow;
  private final int callHorizonBars;
  private final Map<String, Card> cards = new TreeMap<>();
  private final List<PendingCall> pending = new ArrayList<>();

  public SpecialistScorecard(int tradeWindow, int callWindow, int callHorizonBars) {
    if (tradeWindow < 1 || callWindow < 1 || callHorizonBars < 1) throw new IllegalArgumentException("scorecard windows must be >= 1");
    this.tradeWindow = tradeWindow;
    this.callWindow = callWindow;
    this.callHorizonBars = callHorizonBars;
  }

  /** 20 trades, 20 calls, calls judged 5 bars later. */
  public static SpecialistScorecard defaults() {
    return new SpecialistScorecard(20, 20, 5);
  }

  private Card card(String specialist) {
    return cards.computeIfAbsent(specialist, k -> new Card());
  }

  /** Net return of a round trip in percent of its entry notional. */
  public static double returnPct(RoundTrip t) {
    double notional = Math.abs(t.entryPrice() * t.quantity());
    return notional > 0 ? 100.0 * t.pnl() / notional : 0;
  }

  public void recordTrade(RoundTrip trip) {
    recordTrade(trip.specialist(), returnPct(trip));
  }

  public void recordTrade(String specialist, double returnPct) {
    tradesRecorded++;
    Card c = card(specialist);
    c.returns.addLast(returnPct);
    if (c.returns.size() > tradeWindow) c.returns.removeFirst();
    c.trades++;
  }

  /** Registers a call (LONG or SHORT; FLAT is no call) made at {@code price}, to be judged by {@link #onBar}. */
  public void recordCall(String specialist, Signal signal, double price) {
    card(specialist);
    if (signal == null || signal.direction() == Direction.FLAT) return;
    int sign = signal.direction() == Direction.LONG ? 1 : -1;
    pending.add(new PendingCall(specialist, signal.symbol(), sign, price, new int[] {callHorizonBars}));
  }

  /** Advances the pending calls of the bar's symbol by one bar and judges those that reached their horizon. */
  public void onBar(Bar bar) {
    if (pending.isEmpty()) return;
    for (Iterator<PendingCall> it = pending.iterator(); it.hasNext(); ) {
      PendingCall p = it.next();
      if (!p.symbol().equals(bar.symbol())) continue;
      if (--p.barsLeft()[0] > 0) continue;
      it.remove();
      recordOutcome(p.specialist(), p.sign() * (bar.close() - p.price()) > 0);
    }
  }

  public void recordOutcome(String specialist, boolean right) {
    Card c = card(specialist);
    c.calls++;
    if (right) c.hits++;
    c.outcomes.addLast(right);
    if (c.outcomes.size() > callWindow) c.outcomes.removeFirst();
  }

  /** Changes whenever a trade is recorded: what the selector's choice depends on. */
  public long tradesRecorded() {
    return tradesRecorded;
  }

  /** Sum of the returns of the last {@code tradeWindow} trades, percent; 0 with no trades. */
  public double recentReturnSumPct(String specialist) {
    Card c = cards.get(specialist);
    if (c == null) return 0;
    double s = 0;
    for (double r : c.returns) s += r;
    return s;
  }

  /** Lifetime hit rate with one imagined hit and one imagined miss, (hits + 1) / (calls + 2): 0.5 with no record. */
  public double hitRate(String specialist) {
    Card c = cards.get(specialist);
    return c == null ? 0.5 : (c.hits + 1.0) / (c.calls + 2.0);
  }

  /** Share of right calls among the last {@code callWindow} judged calls; NaN before the first. */
  public double recentAccuracy(String specialist) {
    Card c = cards.get(specialist);
    if (c == null || c.outcomes.isEmpty()) return Double.NaN;
    int right = 0;
    for (boolean b : c.outcomes) if (b) right++;
    return (double) right / c.outcomes.size();
  }

  public int recentCallCount(String specialist) {
    Card c = cards.get(specialist);
    return c == null ? 0 : c.outcomes.size();
  }

  public int tradeWindow() {
    return tradeWindow;
  }

  public Snapshot snapshot(String specialist) {
    Card c = cards.get(specialist);
    if (c == null) return new Snapshot(0, 0, 0, 0, 0.5, 0, Double.NaN);
    return new Snapshot(c.trades, recentReturnSumPct(specialist), c.calls, c.hits, hitRate(specialist), c.outcomes.size(),
        recentAccuracy(specialist));
  }

  /** Every specialist with a record, by name. */
  public Map<String, Snapshot> snapshots() {
    Map<String, Snapshot> out = new TreeMap<>();
    for (String s : cards.keySet()) out.put(s, snapshot(s));
    return out;
  }
}
