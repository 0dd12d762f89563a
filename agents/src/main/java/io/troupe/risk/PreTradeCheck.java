package io.troupe.risk;

import io.troupe.model.OrderIntent;
import io.troupe.model.TradingState;
import io.troupe.model.Instrument;
import io.troupe.model.Side;
import io.troupe.model.AccountSnapshot;
import io.troupe.position.Portfolio;
import io.troupe.model.Position;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns an intent (a wanted net position) into an order, or vetoes it with a stable reason code. Pure: the same
 * state, context and intent give the same decision. Working orders count as held, so an intent is never ordered twice
 * while its first order is still on its way.
 *
 * <p>Trading states: HALTED refuses every order except an exit intent that only shrinks its position (a halt never
 * traps a position that a stop wants out of); REDUCING admits only orders that shrink a position and never flip it.
 * An order that only shrinks is approved reduce-only and passes no other rule: limits exist to stop risk from
 * growing, never to hold an exit back. An order that opens, adds or flips passes, in this order: price known, the
 * hard cap, minimum notional, price band, trade frequency, order rate, max position, concentration, max open positions, correlation,
 * stop sanity, risk per trade, portfolio risk, leverage, liquidation distance, available cash.
 *
 * <p>Whatever the limits say, an absurd order is refused ({@link #ABSURD_ORDER}): any order whose wanted, held or
 * ordered quantity is not finite, and an order that opens or adds whose price or notional is not finite or whose
 * notional is above {@link RiskLimits#hardCapEquityMultiple()} times equity (or when equity itself is not finite).
 */
public final class PreTradeCheck {

  public static final String HALTED = "halted";
  public static final String RECONCILING = "reconciling";
  public static final String REDUCING_ONLY = "reducing_only";
  public static final String REDUCE_ONLY_VIOLATION = "reduce_only_violation";
  public static final String NO_PRICE = "no_price";
  public static final String PRICE_BAND = "price_band";
  public static final String TRADE_FREQUENCY = "trade_frequency";
  public static final String ORDER_RATE = "order_rate";
  public static final String MAX_POSITION = "max_position";
  public static final String CONCENTRATION = "concentration";
  public static final String MAX_POSITIONS = "max_positions";
  public static final String CORRELATION = "correlation";
  public static final String INVALID_STOP = "invalid_stop";
  public static final String RISK_PER_TRADE = "risk_per_trade";
  public static final String PORTFOLIO_RISK = "portfolio_risk";
  public static final String LEVERAGE = "leverage";
  public static final String LIQUIDATION_DISTANCE = "liquidation_distance";
  public static final String INSUFFICIENT_CASH = "insufficient_cash";
  public static final String UNKNOWN_SYMBOL = "unknown_symbol";
  public static final String ABSURD_ORDER = "absurd_order";
  /** The order's notional is below the instrument's minimum (the venue's MIN_NOTIONAL / NOTIONAL filter). */
  public static final String MIN_NOTIONAL = "min_notional";

  private static final double TOLERANCE = 1 + 1e-9;

  private final RiskLimits limits;

  public PreTradeCheck(RiskLimits limits) {
    this.limits = limits;
  }

  public RiskLimits limits() {
    return limits;
  }

  /** A decision and the risk state after it (the approved order recorded for the frequency and rate limits). */
  public record Checked(RiskDecision decision, RiskState state) {}

  /**
   * The first version's call: a bare trading state, one symbol's pending quantity, no stops, no correlations and no
   * order history. Every configured rule that needs nothing more still applies.
   */
  public RiskDecision check(TradingState state, OrderIntent intent, AccountSnapshot account, double pending, Instrument inst) {
    return check(RiskState.of(state), intent, new RiskContext(account, Map.of(intent.symbol(), pending), Map.of(inst.symbol(), inst), Map.of(), CorrelationLookup.NONE));
  }

  /** Decides and records: the caller keeps the returned state for the next intent. */
  public Checked decide(RiskState state, OrderIntent intent, RiskContext ctx) {
    RiskDecision d = check(state, intent, ctx);
    if (d instanceof RiskDecision.Approved a) {
      return new Checked(d, state.recordOrder(intent.specialist(), intent.time(), !a.reduceOnly()));
    }
    return new Checked(d, state);
  }

  public RiskDecision check(RiskState riskState, OrderIntent intent, RiskContext ctx) {
    Instrument inst = ctx.instruments().get(intent.symbol());
    if (inst == null) return veto(intent, UNKNOWN_SYMBOL, "no instrument " + intent.symbol());
    AccountSnapshot account = ctx.account();
    TradingState state = riskState.tradingState();
    double current = ctx.exposureQuantity(intent.symbol());
    if (!Double.isFinite(intent.targetQuantity())) {
      return veto(intent, ABSURD_ORDER, "wanted quantity " + intent.targetQuantity() + " of " + intent.symbol() + " is not finite");
    }
    if (!Double.isFinite(current)) {
      return veto(intent, ABSURD_ORDER, "held and working quantity " + current + " of " + intent.symbol() + " is not finite");
    }
    double target = inst.roundQuantity(Math.abs(intent.targetQuantity())) * Math.signum(intent.targetQuantity());
    double delta = target - current;
    if (Math.abs(delta) < Portfolio.QTY_EPSILON || inst.roundQuantity(Math.abs(delta)) == 0) {
      return new RiskDecision.NoChange(intent);
    }
    Side side = delta > 0 ? Side.BUY : Side.SELL;
    double qty = inst.roundQuantity(Math.abs(delta));
    if (!Double.isFinite(qty) || !Double.isFinite(target)) {
      return veto(intent, ABSURD_ORDER, "order quantity " + qty + " of " + intent.symbol() + " is not finite");
    }
    boolean shrinksOnly = Math.abs(target) <= Math.abs(current) && (target == 0 || Math.signum(target) == Math.signum(current));

    if (state == TradingState.RECONCILING) {
      return veto(intent, RECONCILING, "the session is reconciling with the venue");
    }
    if (state == TradingState.HALTED && !(intent.exit() && shrinksOnly)) {
      return veto(intent, HALTED, "trading is halted");
    }
    if (state == TradingState.REDUCING && !shrinksOnly) {
      return veto(intent, REDUCING_ONLY, "only orders that shrink a position pass while reducing");
    }
    if (intent.exit() && !shrinksOnly) {
      return veto(intent, REDUCE_ONLY_VIOLATION, String.format("an exit may only shrink a position: holds %.6g, asks %.6g", current, target));
    }
    if (shrinksOnly) return new RiskDecision.Approved(intent, side, qty, true);

    double price = intent.referencePrice();
    if (!(price > 0)) return veto(intent, NO_PRICE, "no reference price for " + intent.symbol());
    double equity = account.equity();
    double mult = inst.valueMultiplier();
    String absurd = absurd(qty, price, mult, equity);
    if (absurd != null) return veto(intent, ABSURD_ORDER, absurd);
    // The venue would reject it; an exit (shrinking only, approved above) is never held back by it.
    if (inst.minNotional() > 0 && inst.quoteNotional(qty, price) < inst.minNotional()) {
      return veto(intent, MIN_NOTIONAL, String.format("order notional %s%s (%s at %s) is below the minimum notional %s of %s",
          plain(inst.quoteNotional(qty, price)), inst.quoteCurrency().isEmpty() ? "" : " " + inst.quoteCurrency(), plain(qty), plain(price), plain(inst.minNotional()), intent.symbol()));
    }

    double last = account.lastPrice(intent.symbol());
    if (limits.priceBandPct() > 0 && last > 0 && Math.abs(price - last) / last > limits.priceBandPct() * TOLERANCE) {
      return veto(intent, PRICE_BAND, String.format("reference price %.6g is %.2f%% from the last price %.6g", price, 100 * Math.abs(price - last) / last, last));
    }

    String frequency = tradeFrequency(riskState, intent);
    if (frequency != null) return veto(intent, TRADE_FREQUENCY, frequency);
    if (limits.ordersPerSecond() > 0 && riskState.ordersWithin(intent.time(), RiskState.SECOND) >= limits.ordersPerSecond()) {
      return veto(intent, ORDER_RATE, "more than " + limits.ordersPerSecond() + " orders in one second");
    }

    double targetNotional = Math.abs(target) * price * mult;
    double cap = limits.maxPositionPct() * equity;
    if (targetNotional > cap * TOLERANCE) {
      return veto(intent, MAX_POSITION, String.format("position notional %.2f exceeds %.1f%% of equity (%.2f)", targetNotional, limits.maxPositionPct() * 100, cap));
    }

    Book book = Book.after(ctx, intent.symbol(), target, price);
    if (limits.concentrationPct() > 0) {
      double base = Math.max(book.gross, equity);
      if (targetNotional > limits.concentrationPct() * base * TOLERANCE) {
        return veto(intent, CONCENTRATION, String.format("%s would be %.1f%% of max(equity, gross exposure) %.2f; limit %.1f%%",
            intent.symbol(), 100 * targetNotional / base, base, 100 * limits.concentrationPct()));
      }
    }
    if (limits.maxOpenPositions() > 0 && Math.abs(current) < Portfolio.QTY_EPSILON && book.openOthers.size() >= limits.maxOpenPositions()) {
      return veto(intent, MAX_POSITIONS, book.openOthers.size() + " positions open; limit " + limits.maxOpenPositions());
    }
    if (limits.maxCorrelation() > 0) {
      for (Map.Entry<String, Double> other : book.openOthers.entrySet()) {
        double c = ctx.correlations().correlation(intent.symbol(), other.getKey());
        double directed = c * Math.signum(target) * Math.signum(other.getValue());
        if (!Double.isNaN(c) && directed > limits.maxCorrelation()) {
          return veto(intent, CORRELATION, String.format("correlation %.2f with the open %s position exceeds %.2f", c, other.getKey(), limits.maxCorrelation()));
        }
      }
    }

    double stopDistance;
    if (Double.isNaN(intent.stopLoss())) {
      stopDistance = limits.defaultStopPct() * price;
    } else {
      stopDistance = Math.signum(target) * (price - intent.stopLoss());
      if (!(stopDistance > 0)) {
        return veto(intent, INVALID_STOP, String.format("stop %.6g is on the wrong side of %.6g for a %s", intent.stopLoss(), price, target > 0 ? "long" : "short"));
      }
    }
    double tradeRisk = Math.abs(target) * stopDistance * mult;
    if (limits.riskPerTradePct() > 0 && tradeRisk > limits.riskPerTradePct() * equity * TOLERANCE) {
      return veto(intent, RISK_PER_TRADE, String.format("risk %.2f (size x distance to stop) exceeds %.2f%% of equity (%.2f)",
          tradeRisk, 100 * limits.riskPerTradePct(), limits.riskPerTradePct() * equity));
    }
    if (limits.portfolioRiskPct() > 0) {
      double open = openRisk(ctx, book);
      if (open + tradeRisk > limits.portfolioRiskPct() * equity * TOLERANCE) {
        return veto(intent, PORTFOLIO_RISK, String.format("open risk %.2f plus this trade's %.2f exceeds %.2f%% of equity (%.2f)",
            open, tradeRisk, 100 * limits.portfolioRiskPct(), limits.portfolioRiskPct() * equity));
      }
    }
    if (inst.margined()) {
      if (limits.maxLeverage() > 0 && (equity <= 0 || book.gross > limits.maxLeverage() * equity * TOLERANCE)) {
        return veto(intent, LEVERAGE, String.format("gross notional %.2f over equity %.2f exceeds %.1fx", book.gross, equity, limits.maxLeverage()));
      }
      if (limits.minLiquidationDistancePct() > 0 && book.gross > 0) {
        double distance = (equity - book.margin) / book.gross;
        if (distance < limits.minLiquidationDistancePct()) {
          return veto(intent, LIQUIDATION_DISTANCE, String.format("a %.2f%% adverse move would consume the free equity; minimum %.2f%%",
              100 * distance, 100 * limits.minLiquidationDistancePct()));
        }
      }
    }

    // Only the part that opens or adds needs capital; the part that closes the old side frees it.
    double opening = Math.abs(target) - (Math.signum(target) == Math.signum(current) ? Math.abs(current) : 0);
    double needed = inst.requiredCapital(opening, price) * (inst.paidInFull() ? 1 + limits.cashBufferPct() : 1);
    double available = inst.paidInFull() ? account.cash() : account.equity() - account.marginUsed();
    if (needed > available) {
      return veto(intent, INSUFFICIENT_CASH, String.format("needs %.2f, %.2f available", needed, available));
    }
    return new RiskDecision.Approved(intent, side, qty, false);
  }

  /** Why an order that opens or adds is absurd whatever the limits say, or null when it is not. */
  private String absurd(double qty, double price, double mult, double equity) {
    if (!Double.isFinite(price)) return "reference price " + price + " is not finite";
    if (!Double.isFinite(equity)) return "equity " + equity + " is not finite";
    double notional = qty * price * mult;
    if (!Double.isFinite(notional)) return String.format("notional of %.6g at %.6g is not finite", qty, price);
    double cap = limits.hardCapEquityMultiple();
    if (equity > 0 && notional > cap * equity * TOLERANCE) {
      return String.format("order notional %.6g (%.6g at %.6g) is %.3gx equity %.2f; the hard cap is %sx (troupe.risk.hard-cap-x-equity)",
          notional, qty, price, notional / equity, equity, cap == Math.rint(cap) ? Long.toString((long) cap) : Double.toString(cap));
    }
    return null;
  }

  private String tradeFrequency(RiskState s, OrderIntent intent) {
    String who = intent.specialist();
    long t = intent.time();
    if (limits.tradesPerMinute() > 0 && s.entriesWithin(who, t, RiskState.MINUTE) >= limits.tradesPerMinute()) {
      return who + " already traded " + limits.tradesPerMinute() + " time(s) in the last minute";
    }
    if (limits.tradesPerHour() > 0 && s.entriesWithin(who, t, RiskState.HOUR) >= limits.tradesPerHour()) {
      return who + " already traded " + limits.tradesPerHour() + " times in the last hour";
    }
    if (limits.tradesPerDay() > 0 && s.entriesWithin(who, t, RiskState.DAY) >= limits.tradesPerDay()) {
      return who + " already traded " + limits.tradesPerDay() + " times in the last day";
    }
    return null;
  }

  /** Sum over the other open positions of size x distance to their stop (0 once a stop locks in profit). */
  private double openRisk(RiskContext ctx, Book book) {
    double sum = 0;
    for (Map.Entry<String, Double> e : book.openOthers.entrySet()) {
      String sym = e.getKey();
      double q = e.getValue();
      double last = ctx.account().lastPrice(sym);
      if (!(last > 0)) continue;
      Double stop = ctx.stops().get(sym);
      double dist = stop == null || stop.isNaN() ? limits.defaultStopPct() * last : Math.max(0, Math.signum(q) * (last - stop));
      sum += Math.abs(q) * dist * multiplier(ctx, sym);
    }
    return sum;
  }

  private static double multiplier(RiskContext ctx, String symbol) {
    Instrument i = ctx.instruments().get(symbol);
    return i == null ? 1 : i.valueMultiplier();
  }

  private static String plain(double v) {
    return java.math.BigDecimal.valueOf(v).round(new java.math.MathContext(8)).stripTrailingZeros().toPlainString();
  }

  private static RiskDecision veto(OrderIntent intent, String reason, String detail) {
    return new RiskDecision.Vetoed(intent, reason, detail);
  }

  /** The book as it would be after the order: gross notional, margin, and the other symbols holding a position. */
  private static final class Book {
    double gross;
    double margin;
    final TreeMap<String, Double> openOthers = new TreeMap<>();

    static Book after(RiskContext ctx, String symbol, double target, double price) {
      Book b = new Book();
      TreeMap<String, Double> quantities = new TreeMap<>();
      for (Position p : ctx.account().positions().values()) quantities.put(p.symbol(), p.quantity());
      ctx.pending().forEach((s, q) -> quantities.merge(s, q, Double::sum));
      quantities.put(symbol, target);
      for (Map.Entry<String, Double> e : quantities.entrySet()) {
        String sym = e.getKey();
        double q = e.getValue();
        if (Math.abs(q) < Portfolio.QTY_EPSILON) continue;
        Instrument inst = ctx.instruments().get(sym);
        double mult = inst == null ? 1 : inst.valueMultiplier();
        double px = sym.equals(symbol) ? price : ctx.account().lastPrice(sym);
        if (px > 0) b.gross += Math.abs(q) * px * mult;
        if (inst != null && inst.margined()) b.margin += Math.abs(q) * inst.marginPerContract();
        if (!sym.equals(symbol)) b.openOthers.put(sym, q);
      }
      return b;
    }
  }
}
