package io.troupe.app.report;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A time-series plot area drawn as inline SVG: maps (epoch ms, value) to pixels and draws the axes with date labels
 * and round value ticks. Coordinates are printed with one decimal to keep the page small.
 */
final class SvgChart {

  static final int WIDTH = 1280;
  private static final int LEFT = 78;
  private static final int RIGHT = 18;
  private static final int TOP = 12;
  private static final int BOTTOM = 28;

  private final int height;
  private final long tMin;
  private final long tMax;
  private final double vMin;
  private final double vMax;
  private final StringBuilder svg = new StringBuilder(64 * 1024);

  SvgChart(int height, long tMin, long tMax, double vMin, double vMax) {
    this.height = height;
    this.tMin = tMin;
    this.tMax = tMax > tMin ? tMax : tMin + 60_000;
    if (!(vMax > vMin)) {
      // A flat series still gets a visible band around its value.
      double pad = vMin == 0 ? 1 : Math.abs(vMin) * 0.01;
      vMin -= pad;
      vMax += pad;
    }
    this.vMin = vMin;
    this.vMax = vMax;
    svg.append("<svg class=\"chart\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height)
        .append("\" role=\"img\">");
  }

  double x(long t) {
    return LEFT + (double) (t - tMin) / (tMax - tMin) * (WIDTH - LEFT - RIGHT);
  }

  double y(double v) {
    return TOP + (vMax - v) / (vMax - vMin) * (height - TOP - BOTTOM);
  }

  double plotTop() {
    return TOP;
  }

  double plotBottom() {
    return height - BOTTOM;
  }

  StringBuilder raw() {
    return svg;
  }

  static String f(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }

  /** Formats a tick value given the number of decimals the tick step needs. */
  interface TickLabel {
    String format(double value, int decimals);
  }

  /** Grid, value labels (through {@code valueLabel}) and time labels. */
  void axes(TickLabel valueLabel) {
    svg.append("<g class=\"grid\">");
    List<Double> valueTicks = niceTicks(vMin, vMax, 5);
    int decimals = valueTicks.size() < 2 ? 2 : decimals(valueTicks.get(1) - valueTicks.get(0));
    for (double v : valueTicks) {
      double yy = y(v);
      svg.append("<line x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - RIGHT).append("\" y1=\"").append(f(yy))
          .append("\" y2=\"").append(f(yy)).append("\"/>");
      svg.append("<text class=\"yl\" x=\"").append(LEFT - 6).append("\" y=\"").append(f(yy + 4)).append("\">")
          .append(HtmlReportWriter.esc(valueLabel.format(v, decimals))).append("</text>");
    }
    TimeTicks ticks = timeTicks(tMin, tMax, 8);
    for (long t : ticks.times) {
      double xx = x(t);
      svg.append("<line x1=\"").append(f(xx)).append("\" x2=\"").append(f(xx)).append("\" y1=\"").append(TOP)
          .append("\" y2=\"").append(f(plotBottom())).append("\"/>");
      svg.append("<text class=\"xl\" x=\"").append(f(xx)).append("\" y=\"").append(f(plotBottom() + 18)).append("\">")
          .append(ticks.format.format(Instant.ofEpochMilli(t).atZone(ZoneOffset.UTC))).append("</text>");
    }
    svg.append("<rect class=\"frame\" x=\"").append(LEFT).append("\" y=\"").append(TOP).append("\" width=\"")
        .append(WIDTH - LEFT - RIGHT).append("\" height=\"").append(f(plotBottom() - TOP)).append("\"/>");
    svg.append("</g>");
  }

  /** A polyline through the points; {@code times} and {@code values} have equal length. */
  void line(long[] times, double[] values, String cssClass) {
    if (times.length == 0) return;
    svg.append("<polyline class=\"").append(cssClass).append("\" points=\"");
    appendPoints(times, values);
    svg.append("\"/>");
  }

  /** The area between the line and {@code base}. */
  void area(long[] times, double[] values, double base, String cssClass) {
    if (times.length == 0) return;
    svg.append("<polygon class=\"").append(cssClass).append("\" points=\"");
    svg.append(f(x(times[0]))).append(',').append(f(y(base))).append(' ');
    appendPoints(times, values);
    svg.append(f(x(times[times.length - 1]))).append(',').append(f(y(base)));
    svg.append("\"/>");
  }

  private void appendPoints(long[] times, double[] values) {
    for (int i = 0; i < times.length; i++) {
      svg.append(f(x(times[i]))).append(',').append(f(y(values[i]))).append(' ');
    }
  }

  String finish() {
    svg.append("</svg>");
    return svg.toString();
  }

  /** Round ticks (1, 2, 2.5, 5 x 10^k) inside [lo, hi]. */
  static List<Double> niceTicks(double lo, double hi, int target) {
    List<Double> ticks = ticksWithStep(lo, hi, niceStep((hi - lo) / target));
    // A range just over a round step leaves two or three lines: halve the target step once.
    return ticks.size() >= 4 ? ticks : ticksWithStep(lo, hi, niceStep((hi - lo) / (target * 2)));
  }

  private static List<Double> ticksWithStep(double lo, double hi, double step) {
    List<Double> out = new ArrayList<>();
    if (!(step > 0) || Double.isInfinite(step)) return out;
    for (double v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) {
      out.add(Math.abs(v) < step * 1e-9 ? 0 : v);
      if (out.size() > 50) break;
    }
    return out;
  }

  /** Decimals needed to tell ticks of this step apart: 0.25 -> 2, 5 -> 0, 0.002 -> 3. */
  static int decimals(double step) {
    for (int d = 0; d < 10; d++) {
      double scaled = step * Math.pow(10, d);
      if (Math.abs(scaled - Math.rint(scaled)) < 1e-6 * scaled) return d;
    }
    return 10;
  }

  static double niceStep(double raw) {
    double mag = Math.pow(10, Math.floor(Math.log10(raw)));
    double norm = raw / mag;
    double nice = norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 2.5 ? 2.5 : norm <= 5 ? 5 : 10;
    return nice * mag;
  }

  record TimeTicks(List<Long> times, DateTimeFormatter format) {}

  private static final long MIN = 60_000L;
  private static final long HOUR = 60 * MIN;
  private static final long DAY = 24 * HOUR;
  private static final long[] FIXED_STEPS = {
    MIN, 5 * MIN, 15 * MIN, 30 * MIN, HOUR, 2 * HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR, DAY, 2 * DAY, 7 * DAY, 14 * DAY
  };
  private static final int[] MONTH_STEPS = {1, 2, 3, 6, 12, 24, 60};

  /** Calendar-aligned UTC ticks: minutes to weeks on fixed steps, then whole months or years. */
  static TimeTicks timeTicks(long tMin, long tMax, int maxTicks) {
    long span = tMax - tMin;
    List<Long> out = new ArrayList<>();
    for (long step : FIXED_STEPS) {
      if (span / step <= maxTicks) {
        long start;
        if (step == 7 * DAY || step == 14 * DAY) {
          // Weeks start on Monday; 1970-01-01 was a Thursday, so shift by 4 days.
          long monday = 4 * DAY;
          start = Math.floorDiv(tMin - monday + step - 1, step) * step + monday;
        } else {
          start = Math.floorDiv(tMin + step - 1, step) * step;
        }
        for (long t = start; t <= tMax; t += step) out.add(t);
        String pattern = step < DAY ? (span <= DAY ? "HH:mm" : "MM-dd HH:mm") : "yyyy-MM-dd";
        return new TimeTicks(out, DateTimeFormatter.ofPattern(pattern, Locale.ROOT));
      }
    }
    for (int months : MONTH_STEPS) {
      if (span / (30.44 * DAY * months) <= maxTicks) {
        ZonedDateTime z = Instant.ofEpochMilli(tMin).atZone(ZoneOffset.UTC).withDayOfMonth(1)
            .truncatedTo(ChronoUnit.DAYS);
        // align on multiples of the step counted from January
        int m0 = z.getMonthValue() - 1;
        z = z.withMonth(1).plusMonths((long) Math.ceil(m0 / (double) months) * months);
        if (z.toInstant().toEpochMilli() < tMin) z = z.plusMonths(months);
        while (z.toInstant().toEpochMilli() <= tMax) {
          out.add(z.toInstant().toEpochMilli());
          z = z.plusMonths(months);
        }
        String pattern = months >= 12 ? "yyyy" : "yyyy-MM";
        return new TimeTicks(out, DateTimeFormatter.ofPattern(pattern, Locale.ROOT));
      }
    }
    return new TimeTicks(out, DateTimeFormatter.ofPattern("yyyy", Locale.ROOT));
  }
}
