package io.troupe.app.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How the page's tables show a field: a header in words ({@code time_share} is "Time share") and a value rounded for
 * reading, by what the field holds: a share or a rate as a percent, money to cents, a count with its thousands grouped,
 * any other number to two decimals (two significant digits below 0.1). summary.json keeps the full values.
 */
final class TableCells {

  private static final Pattern FIELD = Pattern.compile("[a-z][a-z0-9_]*");
  private static final Set<String> FRACTIONS = Set.of("time_share", "win_rate", "exposure", "share", "hit_rate", "max_drawdown", "drawdown");
  private static final Set<String> MONEY = Set.of(
      "pnl", "fees", "fee", "avg_win", "avg_loss", "edge_per_trade", "expectancy", "cash", "equity", "final_value", "stake");

  private TableCells() {}

  /** A field name in words; a name that is not snake_case (a symbol, a specialist, a regime's own label) stays as is. */
  static String header(String key) {
    if (key == null || !FIELD.matcher(key).matches()) return key == null ? "" : key;
    StringBuilder b = new StringBuilder();
    for (String word : key.split("_")) {
      if (word.isEmpty()) continue;
      if (b.length() > 0) b.append(' ');
      b.append(switch (word) {
        case "avg" -> "average";
        case "pnl" -> "P&L";
        case "pct" -> "%";
        case "bps" -> "bps";
        default -> word;
      });
    }
    return b.isEmpty() ? key : Character.toUpperCase(b.charAt(0)) + b.substring(1);
  }

  /** {@code v}, the value of field {@code key} (null when unknown), as the page shows it. */
  static String value(String key, Object v) {
    if (v == null) return "";
    if (v instanceof Double || v instanceof Float) return number(key, ((Number) v).doubleValue());
    if (v instanceof Integer || v instanceof Long || v instanceof Short) {
      long n = ((Number) v).longValue();
      if (isFraction(key)) return Formats.percent((double) n);
      if (key != null && key.endsWith("_pct")) return String.format(Locale.ROOT, "%,d%%", n);
      return String.format(Locale.ROOT, "%,d", n);
    }
    if (v instanceof java.time.Instant i) return i.toString();
    return String.valueOf(v);
  }

  static String number(String key, double d) {
    if (Double.isNaN(d) || Double.isInfinite(d)) return "n/a";
    if (isFraction(key)) return Formats.percent(d);
    if (isMoney(key)) return Formats.money(d);
    String plain = plain(d);
    return key != null && key.endsWith("_pct") ? plain + "%" : plain;
  }

  /** Two decimals from 0.1 up (thousands grouped), two significant digits below; whole numbers without decimals. */
  static String plain(double d) {
    if (d == Math.rint(d) && Math.abs(d) < 1e15) return String.format(Locale.ROOT, "%,d", (long) d);
    if (Math.abs(d) >= 0.1) return String.format(Locale.ROOT, "%,.2f", d);
    return new BigDecimal(d).round(new MathContext(2)).stripTrailingZeros().toPlainString();
  }

  private static boolean isFraction(String key) {
    if (key == null) return false;
    return FRACTIONS.contains(key) || key.endsWith("_share") || key.endsWith("_rate") || key.endsWith("_return");
  }

  private static boolean isMoney(String key) {
    if (key == null) return false;
    return MONEY.contains(key) || key.endsWith("_pnl") || key.endsWith("_fees") || key.endsWith("_value");
  }
}
