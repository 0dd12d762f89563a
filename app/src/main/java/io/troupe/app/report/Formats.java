package io.troupe.app.report;

import java.util.Locale;

/** Human formatting shared by the terminal table and the page; "n/a" for undefined, "inf" for infinite. */
final class Formats {

  private Formats() {}

  static String percent(Double v) {
    if (v == null || Double.isNaN(v)) return "n/a";
    if (Double.isInfinite(v)) return v > 0 ? "inf" : "-inf";
    return String.format(Locale.ROOT, "%.2f%%", v * 100);
  }

  static String ratio(Double v) {
    if (v == null || Double.isNaN(v)) return "n/a";
    if (Double.isInfinite(v)) return v > 0 ? "inf" : "-inf";
    return String.format(Locale.ROOT, "%.2f", v);
  }

  static String money(Double v) {
    if (v == null || Double.isNaN(v)) return "n/a";
    if (Double.isInfinite(v)) return v > 0 ? "inf" : "-inf";
    return String.format(Locale.ROOT, "%,.2f", v);
  }

  /** Price with enough digits for cheap and dear symbols alike. */
  static String price(double v) {
    if (Double.isNaN(v)) return "";
    double a = Math.abs(v);
    String f = a >= 1000 ? "%,.2f" : a >= 1 ? "%.4f" : "%.6g";
    return String.format(Locale.ROOT, f, v);
  }

  /** A quantity to six significant digits, plain: "0.000427186", "1.5", "1,200". */
  static String quantity(double v) {
    if (Double.isNaN(v)) return "";
    if (Math.abs(v) >= 1000) return String.format(Locale.ROOT, "%,.0f", v);
    return new java.math.BigDecimal(v).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString();
  }

  /** Compact duration such as "3d 4h", "2h 05m", "45s". */
  static String duration(double seconds) {
    long s = Math.round(seconds);
    long d = s / 86400;
    long h = (s % 86400) / 3600;
    long m = (s % 3600) / 60;
    if (d > 0) return d + "d " + h + "h";
    if (h > 0) return String.format(Locale.ROOT, "%dh %02dm", h, m);
    if (m > 0) return String.format(Locale.ROOT, "%dm %02ds", m, s % 60);
    return s + "s";
  }
}
