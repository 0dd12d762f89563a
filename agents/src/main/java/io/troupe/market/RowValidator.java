package io.troupe.market;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/**
 * The checks every row of every format goes through, the bad-row policy, and the running statistics of a read.
 * Readers parse fields (throwing {@link RowProblem} for unreadable ones) and hand the values here.
 */
final class RowValidator {
  private final String file;
  private final String symbol;
  private final OnBadRow onBadRow;
  private final PriceSanity sanity;
  private final Map<BadRowReason, Long> skipped = new EnumMap<>(BadRowReason.class);
  private final StepHistogram steps = new StepHistogram();
  private long rows;
  private long first;
  private long last;
  /** The close of the last accepted row: the reference of the jump rule. */
  private double lastClose;

  RowValidator(String file, String symbol, ReadOptions options) {
    this.file = file;
    this.symbol = symbol;
    this.onBadRow = options.onBadRow();
    this.sanity = options.sanity();
  }

  String file() {
    return file;
  }

  String symbol() {
    return symbol;
  }

  /**
   * Validates one row's values and, when good, records it and returns its bar.
   *
   * @param timeField the name of the time field, for messages
   * @param volume {@code NaN} when the source has no volume
   * @throws RowProblem when the row is bad: unreadable, inconsistent, out of time order, or beyond the price sanity
   *     limits (checked last, so a row that is wrong in itself is named for that)
   */
  Bar accept(String timeField, long time, double open, double high, double low, double close, double volume) {
    checkPrice("open", open);
    checkPrice("high", high);
    checkPrice("low", low);
    checkPrice("close", close);
    if (Double.isInfinite(volume)) {
      throw new RowProblem(BadRowReason.NOT_FINITE, "volume", num(volume) + " is not finite");
    }
    if (volume < 0) {
      throw new RowProblem(BadRowReason.NEGATIVE_VOLUME, "volume", num(volume) + " is negative");
    }
    if (high < low) {
      throw new RowProblem(BadRowReason.HIGH_BELOW_LOW, "high", num(high) + " is below low " + num(low));
    }
    double top = Math.max(open, close);
    if (high < top) {
      throw new RowProblem(BadRowReason.HIGH_BELOW_OPEN_CLOSE, "high", num(high) + " is below max(open, close) " + num(top));
    }
    double bottom = Math.min(open, close);
    if (low > bottom) {
      throw new RowProblem(BadRowReason.LOW_ABOVE_OPEN_CLOSE, "low", num(low) + " is above min(open, close) " + num(bottom));
    }
    if (rows > 0) {
      if (time == last) {
        throw new RowProblem(BadRowReason.DUPLICATE_TIME, timeField, "duplicate time " + Instant.ofEpochMilli(time));
      }
      if (time < last) {
        throw new RowProblem(
            BadRowReason.OUT_OF_ORDER,
            timeField,
            Instant.ofEpochMilli(time) + " is older than the previous row's " + Instant.ofEpochMilli(last));
      }
    }
    checkSanity(open, high, low, close, volume);
    if (rows > 0) {
      steps.add(time - last);
    } else {
      first = time;
    }
    last = time;
    lastClose = close;
    rows++;
    return new Bar(symbol, time, open, high, low, close, volume);
  }

  /** Applies the policy to a bad row: throws {@link BadRowException} under FAIL, counts it under SKIP. */
  void reject(RowProblem problem, String location, long line) {
    if (onBadRow == OnBadRow.FAIL) {
      throw new BadRowException(file, location, line, problem.field, problem.reason, problem.detail);
    }
    skipped.merge(problem.reason, 1L, Long::sum);
  }

  ReadReport report() {
    return new ReadReport(
        file,
        symbol,
        rows,
        skipped,
        rows == 0 ? null : Instant.ofEpochMilli(first),
        rows == 0 ? null : Instant.ofEpochMilli(last),
        steps.usualStep(),
        steps.gaps(),
        steps.largestGap());
  }

  /** Bounds on every price and the volume, then the jump of every price against the previous accepted close. */
  private void checkSanity(double open, double high, double low, double close, double volume) {
    String[] names = {"open", "high", "low", "close"};
    double[] prices = {open, high, low, close};
    for (int i = 0; i < prices.length; i++) {
      if (prices[i] > sanity.maxPrice()) {
        throw new RowProblem(BadRowReason.PRICE_OUT_OF_BOUNDS, names[i],
            num(prices[i]) + " is above the highest accepted price " + num(sanity.maxPrice()) + " (" + PriceSanity.CONFIG_PATH + ".max-price)");
      }
      if (prices[i] < sanity.minPrice()) {
        throw new RowProblem(BadRowReason.PRICE_OUT_OF_BOUNDS, names[i],
            num(prices[i]) + " is below the lowest accepted price " + num(sanity.minPrice()) + " (" + PriceSanity.CONFIG_PATH + ".min-price)");
      }
    }
    if (volume > sanity.maxVolume()) {
      throw new RowProblem(BadRowReason.VOLUME_OUT_OF_BOUNDS, "volume",
          num(volume) + " is above the largest accepted volume " + num(sanity.maxVolume()) + " (" + PriceSanity.CONFIG_PATH + ".max-volume)");
    }
    double factor = sanity.maxJumpFactor();
    if (rows == 0 || factor == 0) return;
    for (int i = 0; i < prices.length; i++) {
      double ratio = prices[i] / lastClose;
      if (ratio > factor) {
        throw new RowProblem(BadRowReason.PRICE_JUMP, names[i], num(prices[i]) + " is " + times(ratio) + " times the previous close "
            + num(lastClose) + " (limit " + num(factor) + ", " + PriceSanity.CONFIG_PATH + ".max-jump-factor)");
      }
      if (ratio < 1 / factor) {
        throw new RowProblem(BadRowReason.PRICE_JUMP, names[i], num(prices[i]) + " is the previous close " + num(lastClose) + " divided by "
            + times(1 / ratio) + " (limit " + num(factor) + ", " + PriceSanity.CONFIG_PATH + ".max-jump-factor)");
      }
    }
  }

  /** A ratio as a person reads it, to 3 significant digits: 100, 12.5, 1.01, 3.10e+09. */
  private static String times(double ratio) {
    if (ratio >= 1e6) return String.format(java.util.Locale.ROOT, "%.3g", ratio);
    return new java.math.BigDecimal(ratio).round(new java.math.MathContext(3)).stripTrailingZeros().toPlainString();
  }

  private static void checkPrice(String field, double value) {
    if (!Double.isFinite(value)) {
      throw new RowProblem(BadRowReason.NOT_FINITE, field, num(value) + " is not finite");
    }
    if (value <= 0) {
      throw new RowProblem(BadRowReason.NOT_POSITIVE, field, num(value) + " is not a positive price");
    }
  }

  /** Doubles as a person would write them: 100 rather than 100.0. */
  static String num(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return Double.toString(v);
  }

  /** Parses a numeric field; empty means missing. */
  static double parseNumber(String field, String text) {
    if (text == null || text.isEmpty()) {
      throw new RowProblem(BadRowReason.MISSING_FIELD, field, "missing value");
    }
    try {
      return Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw new RowProblem(BadRowReason.NOT_A_NUMBER, field, "'" + text + "' is not a number");
    }
  }
}
