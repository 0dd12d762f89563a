package io.troupe.position;

import io.troupe.model.AccountSnapshot;
import io.troupe.model.AttributedFill;
import io.troupe.model.EquityPoint;
import io.troupe.model.HistoryWindow;
import io.troupe.model.Position;
import io.troupe.model.RoundTrip;
import io.troupe.exit.BracketPrices;
import io.troupe.model.BracketRequest;
import io.troupe.exit.ExitDecision;
import io.troupe.exit.ExitPolicy;
import io.troupe.exit.ExitState;
import io.troupe.indicator.AverageTrueRange;
import io.troupe.model.Instrument;
import io.troupe.market.Bar;
import io.troupe.model.Side;
import io.troupe.model.OrderIntent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The position monitor's decisions, with no actor around them: fills into positions, marks at each close, the equity
 * curve, and the exits each open position's rules want (a bracket to rest at the venue when it opens; trailing,
 * partial, age and loss exits at bar closes).
 */
public final class PositionKeeper {

  /** What one step produced, for the risk supervisor. */
  public record StepResult(
      AccountSnapshot account, List<RoundTrip> closed, List<OrderIntent> exits, List<BracketRequest> brackets, Map<String, Double> stops) {}

  private static final int ATR_PERIOD = 14;

  private final Portfolio portfolio;
  private final ExitPolicy exits;
  private final Map<String, String> strategyTypes;
  private final Map<String, Long> holdingLimits;
  private final Map<String, ExitState> exitStates = new TreeMap<>();
  // Looked up by symbol at every bar, never iterated.
  private final Map<String, AverageTrueRange> atr = new java.util.HashMap<>();
  /** The latest equity points and closed trades, for the report; a paper session's journal holds the rest. */
  private final java.util.ArrayDeque<EquityPoint> equity = new java.util.ArrayDeque<>();
  private final java.util.ArrayDeque<RoundTrip> trades = new java.util.ArrayDeque<>();
  private final int window;
  private final List<BracketRequest> newBrackets = new ArrayList<>();
  /** Trades closed since the last step, fills outside a step included, so risk and the desks hear of every one. */
  private final List<RoundTrip> unreported = new ArrayList<>();
  private double peak;

  /**
   * @param exits null for no exit rules (positions close only on signals)
   * @param strategyTypes the strategy type of each specialist (for minimum hold), e.g. "mean-reversion"
   */
  public PositionKeeper(double initialCash, Map<String, Instrument> instruments, ExitPolicy exits, Map<String, String> strategyTypes) {
    this(initialCash, instruments, exits, strategyTypes, HistoryWindow.WHOLE_RUN);
  }

  /** @param history how many equity points and closed trades are kept (the latest); nothing decided reads them */
  public PositionKeeper(double initialCash, Map<String, Instrument> instruments, ExitPolicy exits, Map<String, String> strategyTypes,
      HistoryWindow history) {
    this(initialCash, instruments, exits, strategyTypes, Map.of(), history);
  }

  /** @param holdingLimits each specialist's own holding limit in milliseconds, where it has one (it wins over the max age) */
  public PositionKeeper(double initialCash, Map<String, Instrument> instruments, ExitPolicy exits, Map<String, String> strategyTypes,
      Map<String, Long> holdingLimits, HistoryWindow history) {
    this.window = history.size();
    this.portfolio = new Portfolio(initialCash, instruments);
    this.exits = exits;
    this.strategyTypes = Map.copyOf(strategyTypes);
    this.holdingLimits = Map.copyOf(holdingLimits);
    this.peak = initialCash;
    for (String s : instruments.keySet()) atr.put(s, new AverageTrueRange(ATR_PERIOD));
  }

  /** Applies fills; a position that opens (from flat, or by flipping) gets its exit state and a bracket request. */
  public List<RoundTrip> apply(List<AttributedFill> fills) {
    if (fills.isEmpty()) return List.of();
    List<RoundTrip> closed = new ArrayList<>();
    for (AttributedFill af : fills) {
      String symbol = af.fill().symbol();
      double before = portfolio.position(symbol).quantity();
      closed.addAll(portfolio.apply(af.fill(), af.reason(), af.specialist()));
      Position after = portfolio.position(symbol);
      boolean opened = !after.isFlat() && (Math.abs(before) < Portfolio.QTY_EPSILON || Math.signum(before) != Math.signum(after.quantity()));
      if (after.isFlat()) {
        exitStates.remove(symbol);
      } else if (opened && exits != null) {
        String type = strategyTypes.getOrDefault(af.specialist(), "default");
        long limit = holdingLimits.getOrDefault(af.specialist(), 0L);
        ExitState st = exits.open(after, type, limit, af.signalStop(), af.signalTarget(), atr.get(symbol).value(), true);
        exitStates.put(symbol, st);
        BracketPrices b = exits.bracket(st);
        Side entrySide = after.quantity() > 0 ? Side.BUY : Side.SELL;
        newBrackets.add(new BracketRequest(af.fill().clientOrderId(), symbol, entrySide, b.stopPrice(), b.stopReason(), b.targetPrice(), b.targetActiveFrom()));
      }
    }
    for (RoundTrip t : closed) keep(trades, t);
    unreported.addAll(closed);
    return closed;
  }

  /** One step: the fills of these bars, then marks at their closes, the equity point, and the exits due. */
  public StepResult step(long time, List<Bar> bars, List<AttributedFill> fills) {
    apply(fills);
    List<RoundTrip> closed = unreported.isEmpty() ? List.of() : List.copyOf(unreported);
    unreported.clear();
    for (Bar bar : bars) {
      portfolio.mark(bar.symbol(), bar.close(), bar.time());
      AverageTrueRange a = atr.get(bar.symbol());
      if (a != null) a.update(bar);
    }
    AccountSnapshot account = portfolio.snapshot(time);
    peak = Math.max(peak, account.equity());
    keep(equity, new EquityPoint(time, account.equity(), account.cash(), peak > 0 ? 1 - account.equity() / peak : 0, account.exposure()));

    List<OrderIntent> exitIntents = List.of();
    Map<String, Double> stops = Map.of();
    if (exits != null && !exitStates.isEmpty()) {
      exitIntents = new ArrayList<>();
      stops = new TreeMap<>();
      for (Bar bar : bars) {
        ExitState st = exitStates.get(bar.symbol());
        if (st == null) continue;
        Position pos = portfolio.position(bar.symbol());
        ExitPolicy.ExitStep step = exits.onBar(st, pos, bar);
        exitStates.put(bar.symbol(), step.state());
        for (ExitDecision d : step.decisions()) exitIntents.add(d.toIntent(pos));
      }
      for (var e : exitStates.entrySet()) stops.put(e.getKey(), e.getValue().stopPrice());
    }
    List<BracketRequest> brackets = newBrackets.isEmpty() ? List.of() : List.copyOf(newBrackets);
    newBrackets.clear();
    return new StepResult(account, closed, exitIntents, brackets, stops);
  }

  public AccountSnapshot snapshot(long time) {
    return portfolio.snapshot(time);
  }

  private <T> void keep(java.util.ArrayDeque<T> kept, T item) {
    kept.addLast(item);
    if (kept.size() > window) kept.removeFirst();
  }

  /** The equity curve, oldest first: the whole run's, or its latest points under a history window. */
  public List<EquityPoint> equity() {
    return List.copyOf(equity);
  }

  /** The event time of the latest equity point; {@code fallback} before the first. */
  public long lastMarkTime(long fallback) {
    return equity.isEmpty() ? fallback : equity.peekLast().time();
  }

  /** The closed trades, oldest first: the whole run's, or the latest under a history window. */
  public List<RoundTrip> trades() {
    return List.copyOf(trades);
  }

  public double fees() {
    return portfolio.fees();
  }

  public double cash() {
    return portfolio.cash();
  }
}
