package io.troupe.app.report;

import io.troupe.model.EquityPoint;
import io.troupe.model.RoundTrip;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The headline numbers of one backtest. Boxed {@code Double} fields are {@code null} when the metric is undefined
 * (no trades, no losses, flat or single-point equity); {@code profitFactor} is {@code +Infinity} when there are wins
 * and no losses. Fractions are plain fractions (0.25 = 25%); durations are seconds. {@code buyAndHoldReturn} is the
 * benchmark's ({@link BuyAndHold}), null until {@link #withBuyAndHold} sets it. {@code steps} counts the equity points,
 * one per step: a run of several symbols has fewer steps than bars (summary.json's {@code data} counts those per file).
 */
public record BacktestMetrics(
    double finalValue,
    double finalCash,
    double totalReturn,
    Double annualReturn,
    Double sharpe,
    Double sortino,
    Double calmar,
    double maxDrawdown,
    double maxDrawdownDurationSeconds,
    Double winRate,
    Double profitFactor,
    Double expectancy,
    Double avgWin,
    Double avgLoss,
    Double payoffRatio,
    int tradeCount,
    Double avgHoldingTimeSeconds,
    double exposure,
    double fees,
    int steps,
    Double buyAndHoldReturn) {

  static final double MILLIS_PER_YEAR = 365.0 * 24 * 3600 * 1000; // crypto trades every day

  /**
   * @param equity one point per bar in time order
   * @param trades closed round trips
   * @param initialCash starting capital: the base of total return and CAGR, and the first equity peak
   * @param totalFees all fees paid in the run (reported as is)
   */
  public static BacktestMetrics compute(
      List<EquityPoint> equity, List<RoundTrip> trades, double initialCash, double totalFees) {
    int n = equity.size();
    double finalValue = n == 0 ? initialCash : equity.get(n - 1).equity();
    double finalCash = n == 0 ? initialCash : equity.get(n - 1).cash();
    double totalReturn = finalValue / initialCash - 1;

    Double annualReturn = null;
    if (n >= 2) {
      long span = equity.get(n - 1).time() - equity.get(0).time();
      if (span > 0) {
        double growth = finalValue / initialCash;
        annualReturn = growth <= 0 ? -1.0 : Math.pow(growth, MILLIS_PER_YEAR / span) - 1;
      }
    }

    double[] returns = periodReturns(equity);
    Double periodsPerYear = periodsPerYear(equity);
    Double sharpe = null;
    Double sortino = null;
    if (periodsPerYear != null && returns.length >= 2) {
      double mean = Arrays.stream(returns).average().orElse(0);
      // Sample standard deviation (n - 1); risk-free rate 0.
      double sumSq = 0;
      for (double r : returns) sumSq += (r - mean) * (r - mean);
      double std = Math.sqrt(sumSq / (returns.length - 1));
      if (std > 0) sharpe = mean / std * Math.sqrt(periodsPerYear);
      // Downside deviation over ALL periods with min(r, 0), target 0: sqrt(sum(min(r,0)^2) / n).
      double downSq = 0;
      for (double r : returns) downSq += Math.min(r, 0) * Math.min(r, 0);
      double downside = Math.sqrt(downSq / returns.length);
      if (downside > 0) sortino = mean / downside * Math.sqrt(periodsPerYear);
    }

    double maxDrawdown = 0;
    long longestUnderwaterMillis = 0;
    if (n > 0) {
      // The start is a peak at the starting capital: losing fees on the first bar is already a drawdown.
      double peak = Math.max(initialCash, equity.get(0).equity());
      long peakTime = equity.get(0).time();
      boolean underwater = false;
      for (EquityPoint p : equity) {
        if (p.equity() >= peak) {
          if (underwater) longestUnderwaterMillis = Math.max(longestUnderwaterMillis, p.time() - peakTime);
          peak = p.equity();
          peakTime = p.time();
          underwater = false;
        } else {
          underwater = true;
          maxDrawdown = Math.max(maxDrawdown, 1 - p.equity() / peak);
        }
      }
      if (underwater) longestUnderwaterMillis = Math.max(longestUnderwaterMillis, equity.get(n - 1).time() - peakTime);
    }
    Double calmar = annualReturn != null && maxDrawdown > 0 ? annualReturn / maxDrawdown : null;

    int tradeCount = trades.size();
    double grossWin = 0;
    double grossLoss = 0;
    int wins = 0;
    int losses = 0;
    double sumPnl = 0;
    long sumHolding = 0;
    for (RoundTrip t : trades) {
      sumPnl += t.pnl();
      sumHolding += t.holdingMillis();
      if (t.pnl() > 0) {
        wins++;
        grossWin += t.pnl();
      } else if (t.pnl() < 0) {
        losses++;
        grossLoss += t.pnl();
      }
    }
    Double winRate = tradeCount == 0 ? null : (double) wins / tradeCount;
    Double profitFactor = null;
    if (losses > 0) profitFactor = grossWin / -grossLoss;
    else if (wins > 0) profitFactor = Double.POSITIVE_INFINITY;
    Double expectancy = tradeCount == 0 ? null : sumPnl / tradeCount;
    Double avgWin = wins == 0 ? null : grossWin / wins;
    Double avgLoss = losses == 0 ? null : grossLoss / losses;
    Double payoff = avgWin != null && avgLoss != null ? avgWin / -avgLoss : null;
    Double avgHolding = tradeCount == 0 ? null : sumHolding / 1000.0 / tradeCount;

    int exposed = 0;
    for (EquityPoint p : equity) if (p.exposure() != 0 && !Double.isNaN(p.exposure())) exposed++;
    double exposure = n == 0 ? 0 : (double) exposed / n;

    return new BacktestMetrics(
        finalValue, finalCash, totalReturn, annualReturn, sharpe, sortino, calmar, maxDrawdown,
        longestUnderwaterMillis / 1000.0, winRate, profitFactor, expectancy, avgWin, avgLoss, payoff,
        tradeCount, avgHolding, exposure, totalFees, n, null);
  }

  /** These metrics with the buy-and-hold benchmark's return over the same data. */
  public BacktestMetrics withBuyAndHold(Double benchmarkReturn) {
    return new BacktestMetrics(finalValue, finalCash, totalReturn, annualReturn, sharpe, sortino, calmar, maxDrawdown,
        maxDrawdownDurationSeconds, winRate, profitFactor, expectancy, avgWin, avgLoss, payoffRatio, tradeCount,
        avgHoldingTimeSeconds, exposure, fees, steps, benchmarkReturn);
  }

  static double[] periodReturns(List<EquityPoint> equity) {
    if (equity.size() < 2) return new double[0];
    double[] r = new double[equity.size() - 1];
    for (int i = 1; i < equity.size(); i++) r[i - 1] = equity.get(i).equity() / equity.get(i - 1).equity() - 1;
    return r;
  }

  /** A year over the median spacing of the points: robust to the odd gap in the data. Null when undefined. */
  static Double periodsPerYear(List<EquityPoint> equity) {
    if (equity.size() < 2) return null;
    long[] gaps = new long[equity.size() - 1];
    for (int i = 1; i < equity.size(); i++) gaps[i - 1] = equity.get(i).time() - equity.get(i - 1).time();
    Arrays.sort(gaps);
    int m = gaps.length;
    double median = m % 2 == 1 ? gaps[m / 2] : (gaps[m / 2 - 1] + gaps[m / 2]) / 2.0;
    return median > 0 ? MILLIS_PER_YEAR / median : null;
  }

  public String maxDrawdownDurationIso() {
    return isoDuration(maxDrawdownDurationSeconds);
  }

  public String avgHoldingTimeIso() {
    return avgHoldingTimeSeconds == null ? null : isoDuration(avgHoldingTimeSeconds);
  }

  /** ISO-8601 duration, e.g. {@code PT3H} or {@code PT49H30M}, to the millisecond. */
  static String isoDuration(double seconds) {
    return Duration.ofMillis(Math.round(seconds * 1000)).toString();
  }

  /**
   * The metrics as snake_case keys in a fixed order, as written to {@code summary.json}. Undefined or infinite values
   * are {@code null} so the JSON never holds NaN.
   */
  public Map<String, Object> toOrderedMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("final_value", finite(finalValue));
    m.put("final_cash", finite(finalCash));
    m.put("total_return", finite(totalReturn));
    m.put("annual_return", finite(annualReturn));
    m.put("buy_and_hold_return", finite(buyAndHoldReturn));
    m.put("sharpe", finite(sharpe));
    m.put("sortino", finite(sortino));
    m.put("calmar", finite(calmar));
    m.put("max_drawdown", finite(maxDrawdown));
    m.put("max_drawdown_duration_seconds", finite(maxDrawdownDurationSeconds));
    m.put("max_drawdown_duration", maxDrawdownDurationIso());
    m.put("win_rate", finite(winRate));
    m.put("profit_factor", finite(profitFactor));
    m.put("expectancy", finite(expectancy));
    m.put("avg_win", finite(avgWin));
    m.put("avg_loss", finite(avgLoss));
    m.put("payoff_ratio", finite(payoffRatio));
    m.put("trade_count", tradeCount);
    m.put("avg_holding_time_seconds", finite(avgHoldingTimeSeconds));
    m.put("avg_holding_time", avgHoldingTimeIso());
    m.put("exposure", finite(exposure));
    m.put("fees", finite(fees));
    m.put("steps", steps); // equity points: one per step, which holds one bar of each symbol that has one then
    return m;
  }

  /** The keys of {@link #toOrderedMap()}, in order. */
  public static List<String> keys() {
    return new ArrayList<>(compute(List.of(), List.of(), 1, 0).toOrderedMap().keySet());
  }

  static Double finite(Double v) {
    return v == null || Double.isNaN(v) || Double.isInfinite(v) ? null : v;
  }
}
