package io.troupe.risk;

import io.troupe.model.OrderIntent;
import io.troupe.model.TradingState;
import io.troupe.model.BracketRequest;
import io.troupe.model.Instrument;
import io.troupe.market.Bar;
import io.troupe.regime.CorrelationMonitor;
import io.troupe.model.ApprovedOrder;
import io.troupe.model.AccountSnapshot;
import io.troupe.model.Position;
import io.troupe.model.RoundTrip;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The risk supervisor's decisions, with no actor around them. Each step it follows the marked equity through the
 * circuit breakers, counts stop exits for the storm breaker, then decides: a flatten when a halt asks for one, the
 * position rules' exits, the brackets of new positions (protection always passes), then the desks' entries in the
 * order given. A move into HALTED cancels every working order in the same step, except the resting stop and target
 * of a position the halt leaves open (see {@code OrderFlow#place}).
 */
public final class RiskDesk {

  /** What the order manager gets at the end of a step. */
  public record Outcome(List<ApprovedOrder> orders, List<BracketRequest> brackets, boolean cancelAll, String cancelReason, TradingState state) {}

  private final PreTradeCheck check;
  private final CircuitBreakers breakers;
  private final Map<String, Instrument> instruments;
  private final boolean flattenOnHalt;
  private final Map<String, Integer> vetoCounts = new TreeMap<>();
  private final List<VetoRecord> vetoes = new ArrayList<>();
  private RiskState state;
  private final RestrictionLog restrictionLog = new RestrictionLog();
  private static final int CORRELATION_WINDOW = 50;
  private final CorrelationMonitor correlations;
  private final List<OrderIntent> redecisions = new ArrayList<>();
  private long lastTime;
  private boolean cancelPending;
  private boolean flattenPending;
  /** An operator's flatten without a halt: these symbols (all when {@link #FLATTEN_ALL} is among them) close next step. */
  private final java.util.TreeSet<String> flattenSymbols = new java.util.TreeSet<>();
  /** An operator's cancel-all without a halt, for the next step. */
  private boolean operatorCancelPending;
  private static final String FLATTEN_ALL = "*";
  /** The exit reason of an operator's flatten (a halt's flatten is {@code halt_flatten}). */
  public static final String OPERATOR_FLATTEN = "operator_flatten";

  public RiskDesk(RiskLimits limits, BreakerSettings breakerSettings, Map<String, Instrument> instruments, boolean flattenOnHalt) {
    this.check = new PreTradeCheck(limits);
    this.breakers = new CircuitBreakers(breakerSettings);
    this.instruments = Map.copyOf(instruments);
    this.flattenOnHalt = flattenOnHalt;
    this.state = RiskState.of(TradingState.ACTIVE);
    // Returns of every symbol, for the correlation rule (a new position too correlated with open ones is refused).
    this.correlations = instruments.size() > 1
        ? new CorrelationMonitor(List.copyOf(new TreeMap<>(instruments).keySet()), CORRELATION_WINDOW, Double.POSITIVE_INFINITY)
        : null;
  }

  public Outcome decide(
      long time,
      List<Bar> bars,
      AccountSnapshot account,
      Map<String, Double> pending,
      Map<String, Double> stops,
      List<OrderIntent> exits,
      List<BracketRequest> brackets,
      List<RoundTrip> closed,
      List<OrderIntent> entries) {
    Outcome outcome = decideStep(time, bars, account, pending, stops, exits, brackets, closed, entries);
    restrictionLog.observe(time, state.restrictions());
    return outcome;
  }

  private Outcome decideStep(
      long time,
      List<Bar> bars,
      AccountSnapshot account,
      Map<String, Double> pending,
      Map<String, Double> stops,
      List<OrderIntent> exits,
      List<BracketRequest> brackets,
      List<RoundTrip> closed,
      List<OrderIntent> entries) {
    lastTime = time;
    if (correlations != null) correlations.update(bars);
    TradingState before = state.tradingState();
    state = breakers.onEquity(state, time, account.equity());
    for (RoundTrip t : closed) state = breakers.onExit(state, time, t.exitReason());
    TradingState now = state.tradingState();
    if (now == TradingState.HALTED && before != TradingState.HALTED) {
      cancelPending = true;
      flattenPending = flattenPending || flattenOnHalt;
    }

    boolean operatorCancel = operatorCancelPending && !cancelPending;
    boolean cancelAll = cancelPending || operatorCancelPending;
    cancelPending = false;
    operatorCancelPending = false;
    String cancelReason = !cancelAll ? "" : operatorCancel ? "operator_cancel_all" : "halt: " + String.join(",", state.restrictionCodes());
    if (!flattenPending && flattenSymbols.isEmpty() && exits.isEmpty() && entries.isEmpty() && redecisions.isEmpty()) {
      // Most steps ask for nothing: no context to build. Nothing is being flattened, so new protection passes.
      return new Outcome(List.of(), brackets, cancelAll, cancelReason, state.tradingState());
    }
    Map<String, Double> working = new TreeMap<>(cancelAll ? Map.of() : pending);
    RiskContext ctx = new RiskContext(account, working, instruments, stops, correlations == null ? CorrelationLookup.NONE : correlations::correlation);
    List<ApprovedOrder> approved = new ArrayList<>();
    boolean flattening = flattenPending;
    if (flattenPending) {
      flattenPending = false;
      // In symbol order: the snapshot's map has none, and the flatten orders' ids must not change between reruns.
      for (Position p : new TreeMap<>(account.positions()).values()) {
        if (!p.isFlat()) decide(OrderIntent.exit(p.symbol(), time, p.lastPrice(), p.specialist(), "halt_flatten"), ctx, working, approved);
      }
    }
    java.util.Set<String> flattened = new java.util.TreeSet<>();
    if (!flattening && !flattenSymbols.isEmpty()) {
      for (Position p : new TreeMap<>(account.positions()).values()) {
        boolean asked = flattenSymbols.contains(FLATTEN_ALL) || flattenSymbols.contains(p.symbol());
        if (asked && !p.isFlat()) {
          flattened.add(p.symbol());
          decide(OrderIntent.exit(p.symbol(), time, p.lastPrice(), p.specialist(), OPERATOR_FLATTEN), ctx, working, approved);
        }
      }
    }
    flattenSymbols.clear();
    for (OrderIntent exit : exits) decide(exit, ctx, working, approved);
    for (OrderIntent again : redecisions) decide(again, ctx, working, approved);
    redecisions.clear();
    for (OrderIntent entry : entries) decide(entry, ctx, working, approved);
    // Protection for new positions always passes, a halt without flatten included (the position stays open and
    // needs its stop); only a flatten, which closes every position at market now, leaves it nothing to protect.
    List<BracketRequest> passed = flattening ? List.of()
        : flattened.isEmpty() ? brackets : brackets.stream().filter(b -> !flattened.contains(b.symbol())).toList();
    return new Outcome(approved, passed, cancelAll, cancelReason, state.tradingState());
  }

  private void decide(OrderIntent intent, RiskContext base, Map<String, Double> working, List<ApprovedOrder> approved) {
    Instrument inst = instruments.get(intent.symbol());
    if (inst == null) {
      veto(intent, "unknown_symbol", "no instrument " + intent.symbol());
      return;
    }
    RiskContext ctx = new RiskContext(base.account(), working, instruments, base.stops(), base.correlations());
    PreTradeCheck.Checked c = check.decide(state, intent, ctx);
    state = c.state();
    if (c.decision() instanceof RiskDecision.Approved a) {
      approved.add(new ApprovedOrder(intent.symbol(), a.side(), a.quantity(), a.reduceOnly(), intent.referencePrice(),
          intent.stopLoss(), intent.takeProfit(), intent.reason(), intent.specialist()));
      working.merge(intent.symbol(), a.side().sign() * a.quantity(), Double::sum);
    } else if (c.decision() instanceof RiskDecision.Vetoed v) {
      veto(intent, v.reason(), v.detail());
    }
  }

  private void veto(OrderIntent intent, String reason, String detail) {
    vetoCounts.merge(reason, 1, Integer::sum);
    vetoes.add(new VetoRecord(intent.time(), intent.symbol(), intent.specialist(), reason, detail));
  }

  /** Entries the order manager cancelled because the market moved away: decided again at the next step. */
  public void redecide(List<OrderIntent> intents) {
    redecisions.addAll(intents);
  }

  /** Operator halt or kill switch: takes effect now; working orders are cancelled (and positions flattened) next step. */
  public void halt(String reason, boolean flatten, boolean killSwitch) {
    state = killSwitch ? breakers.killSwitch(state, lastTime, reason) : breakers.operatorHalt(state, lastTime, reason);
    restrictionLog.observe(lastTime, state.restrictions());
    cancelPending = true;
    flattenPending = flattenPending || flatten;
  }

  /** The venue corrected or busted a trade: halted as by an operator, until one resumes; working entries cancelled next step. */
  public void haltOnCorrection(String detail) {
    state = breakers.tradeCorrection(state, lastTime, detail);
    restrictionLog.observe(lastTime, state.restrictions());
    cancelPending = true;
  }

  /** Operator: close {@code symbol}'s position (null: every position) at market next step; the trading state stays. */
  public void flatten(String symbol) {
    flattenSymbols.add(symbol == null ? FLATTEN_ALL : symbol);
  }

  /** Operator: cancel every working order next step (resting protection of open positions excepted, as in a halt). */
  public void cancelAll() {
    operatorCancelPending = true;
  }

  public void reducing(String reason) {
    state = breakers.operatorReducing(state, lastTime, reason);
    restrictionLog.observe(lastTime, state.restrictions());
  }

  /** The code of the RECONCILING restriction a live session holds while it compares the venue with its journal. */
  public static final String RECONCILING = "reconciling";

  /** A live session starts comparing the venue with its journal: nothing goes out until {@link #reconciled()}. */
  public void reconciling(String reason) {
    state = state.restrict(new Restriction(TradingState.RECONCILING, RECONCILING, reason, lastTime, Restriction.OPERATOR_ONLY));
    restrictionLog.observe(lastTime, state.restrictions());
  }

  /** The comparison is over: the state before it is back (the other restrictions were kept). */
  public void reconciled() {
    state = state.lift(RECONCILING);
    restrictionLog.observe(lastTime, state.restrictions());
  }

  /** Only an operator lifts an operator, weekly-loss or drawdown halt. */
  public void resume(String operator) {
    state = breakers.resume(state, lastTime, operator);
    restrictionLog.observe(lastTime, state.restrictions());
  }

  public TradingState tradingState() {
    return state.tradingState();
  }

  public String stateReason() {
    return String.join(",", state.restrictionCodes());
  }

  public RiskState state() {
    return state;
  }

  /** Every restriction during the run with its span and reason ({@link RestrictionLog}). */
  public List<RestrictionLog.Span> restrictionHistory() {
    return restrictionLog.spans();
  }

  public Map<String, Integer> vetoesByReason() {
    return new TreeMap<>(vetoCounts);
  }

  public List<VetoRecord> vetoes() {
    return List.copyOf(vetoes);
  }
}
