package io.troupe.app.report;

import io.troupe.model.Instrument;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;

/**
 * How trades.csv, orders.csv and equity.csv (and the read side's CSV) write numbers: a price to its instrument's tick,
 * a quantity to its lot, money to cents. An instrument without a tick or a lot (size 0, the default) gets
 * {@value #DEFAULT_DECIMALS} decimals for it, which keeps a satoshi of BTC and a millionth of a cent of price. A value
 * is rounded half-even to the nearest step, then written as the shortest plain decimal (no exponent, no trailing
 * zeros); NaN and infinities are empty cells. summary.json keeps every double's full precision.
 */
public final class CsvNumbers {

  /** Decimals for a price or a quantity whose instrument has no tick or lot. */
  public static final int DEFAULT_DECIMALS = 8;
  /** Decimals for money: cents. */
  public static final int MONEY_DECIMALS = 2;
  /** Decimals for a fraction such as the drawdown (0.00000001 is a millionth of a percent). */
  public static final int FRACTION_DECIMALS = 8;

  /** No instrument known: every price and quantity to {@value #DEFAULT_DECIMALS} decimals. */
  public static final CsvNumbers DEFAULT = new CsvNumbers(Map.of());

  private final Map<String, Instrument> instruments;

  public CsvNumbers(Map<String, Instrument> instruments) {
    this.instruments = Map.copyOf(instruments);
  }

  public String price(String symbol, double v) {
    Instrument i = instruments.get(symbol);
    return step(v, i == null ? 0 : i.tickSize());
  }

  public String quantity(String symbol, double v) {
    Instrument i = instruments.get(symbol);
    return step(v, i == null ? 0 : i.lotSize());
  }

  public String money(double v) {
    return decimals(v, MONEY_DECIMALS);
  }

  public String fraction(double v) {
    return decimals(v, FRACTION_DECIMALS);
  }

  /** {@code v} to the nearest multiple of {@code step} (half-even), or to the default decimals when step is 0. */
  static String step(double v, double step) {
    if (!Double.isFinite(v)) return "";
    if (step <= 0 || !Double.isFinite(step)) return decimals(v, DEFAULT_DECIMALS);
    BigDecimal s = new BigDecimal(Double.toString(step));
    BigDecimal steps = new BigDecimal(Double.toString(v)).divide(s, 0, RoundingMode.HALF_EVEN);
    return plain(steps.multiply(s));
  }

  static String decimals(double v, int decimals) {
    if (!Double.isFinite(v)) return "";
    return plain(new BigDecimal(Double.toString(v)).setScale(decimals, RoundingMode.HALF_EVEN));
  }

  private static String plain(BigDecimal d) {
    if (d.signum() == 0) return "0";
    return d.stripTrailingZeros().toPlainString();
  }
}
