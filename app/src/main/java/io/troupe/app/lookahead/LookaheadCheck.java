package io.troupe.app.lookahead;

import io.troupe.indicator.Indicator;
import io.troupe.indicator.IndicatorSpec;
import io.troupe.market.Bar;
import io.troupe.strategy.Signal;
import io.troupe.strategy.Strategy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Does a strategy use data it could not have had? Two checks, in the spirit of Freqtrade's lookahead-analysis and
 * recursive-analysis:
 *
 * <ul>
 *   <li><b>Look-ahead</b>: the strategy, and every indicator it uses (those it declares and those it holds inside,
 *       {@link StrategyProbe}), run on the whole series and again on the series cut after bar k, for many k. Whatever
 *       the cut run says about bars up to k (a signal stamped at or before bar k's time, any indicator value on those
 *       bars) must be exactly what the whole run says about them: data after a bar cannot change what was known on it.
 *       The cuts are spread over the series, and half of them fall on the full run's signals (the series ends at the
 *       bar a signal is stamped with), where a peek at later bars would show first.
 *   <li><b>Recursive</b>: the same run started later in the series, at several offsets. Once warm (after
 *       {@code settle} bars from its own start), each indicator value must match the run from the first bar within a
 *       relative tolerance (relative to the larger of the two values and the value's mean magnitude over the run): an indicator whose value depends on where the data starts (a cumulative sum, a seed that
 *       never decays) gives different numbers in a backtest and in a live session that started on another day.
 *       Signals are not compared here: a position the strategy keeps may differ for a while after another start.
 * </ul>
 *
 * <p>The strategy is made by a function given the bars it will be fed, so one that computes over the whole series up
 * front (a vectorised signal column, a file read ahead) is checked as it would run. Plain logic: no actors.
 */
public final class LookaheadCheck {

  /** What to check: a name for the report, a fresh strategy for the bars it is given, extra indicators to check too. */
  public record Subject(String name, Function<List<Bar>, Strategy> strategy, List<IndicatorSpec> indicators) {}

  /**
   * @param cuts how many cut points (half spread evenly, half on signals)
   * @param offsets the starts of the recursive runs, in bars from the first; none that leaves too few bars is run
   * @param settle bars from a run's own start before its values are compared (0: the strategy's warm-up times ten,
   *     at least 200)
   * @param tolerance largest relative difference allowed in the recursive check
   */
  public record Settings(int cuts, List<Integer> offsets, int settle, double tolerance) {
    public static Settings defaults() {
      return new Settings(20, List.of(1, 7, 50, 333, 1000), 0, 1e-6);
    }
  }

  /** One finding: a check, the value (or "signal"), where, and the two sides. */
  public record Finding(String check, String value, String at, long time, String full, String other, String detail) {}

  /** What ran and what it found. */
  public record Result(String subject, int bars, List<Integer> cuts, List<Integer> offsets, int settle, List<String> values,
      int signals, List<Finding> findings) {
    public boolean clean() {
      return findings.isEmpty();
    }
  }

  /** The most findings kept per check and value; the count of affected cuts or offsets is kept in full. */
  static final int PER_VALUE = 1;

  private LookaheadCheck() {}

  public static Result run(Subject subject, List<Bar> bars, Settings settings) {
    if (bars.size() < 3) throw new io.troupe.model.InvalidInputException("lookahead: needs at least 3 bars, got " + bars.size());
    Trace full = Trace.of(subject, bars);
    int warm = Math.max(1, full.warmUp);
    int settle = settings.settle() > 0 ? settings.settle() : Math.max(200, 10 * warm);
    List<Integer> cuts = cutPoints(bars, full, settings.cuts(), warm);
    Map<String, Agg> found = new LinkedHashMap<>();
    for (int k : cuts) {
      Trace cut = Trace.of(subject, bars.subList(0, k));
      compareCut(full, cut, bars, k, found);
    }
    List<Integer> offsets = new ArrayList<>();
    for (int o : new TreeSet<>(settings.offsets())) {
      if (o > 0 && o + settle + 1 < bars.size()) offsets.add(o);
    }
    for (int o : offsets) {
      Trace later = Trace.of(subject, bars.subList(o, bars.size()));
      compareOffset(full, later, bars, o, settle, settings.tolerance(), found);
    }
    List<Finding> findings = new ArrayList<>();
    for (Agg a : found.values()) {
      Finding f = a.first;
      String scope = a.check.equals("lookahead") ? "cuts" : "offsets";
      int of = a.check.equals("lookahead") ? cuts.size() : offsets.size();
      findings.add(new Finding(f.check(), f.value(), f.at(), f.time(), f.full(), f.other(),
          a.count + " of " + of + " " + scope + (f.detail().isEmpty() ? "" : "; " + f.detail())));
    }
    return new Result(subject.name(), bars.size(), cuts, offsets, settle, full.names, full.signals.size(), findings);
  }

  /** Half the cuts evenly over the warm part of the series, half at the bars the full run's signals are stamped with. */
  static List<Integer> cutPoints(List<Bar> bars, Trace full, int count, int warm) {
    TreeSet<Integer> cuts = new TreeSet<>();
    int n = bars.size();
    int even = Math.max(1, count - count / 2);
    int first = Math.min(n - 1, warm + 1);
    for (int i = 1; i <= even; i++) cuts.add(Math.min(n - 1, first + (int) ((long) (n - 1 - first) * i / (even + 1))));
    long[] times = new long[n];
    for (int i = 0; i < n; i++) times[i] = bars.get(i).time();
    List<Integer> signalCuts = new ArrayList<>();
    for (Emitted e : full.signals) {
      int at = Arrays.binarySearch(times, e.signal.time());
      int k = at >= 0 ? at + 1 : -at - 1; // the series ends at the signal's bar (or the last bar before its time)
      if (k >= 1 && k < n) signalCuts.add(k);
    }
    int wanted = count / 2;
    for (int i = 0; i < wanted && !signalCuts.isEmpty(); i++) {
      cuts.add(signalCuts.get((int) ((long) i * signalCuts.size() / wanted)));
    }
    return List.copyOf(cuts);
  }

  private static void compareCut(Trace full, Trace cut, List<Bar> bars, int k, Map<String, Agg> found) {
    long last = bars.get(k - 1).time();
    List<Signal> a = full.signalsUpTo(last);
    List<Signal> b = cut.signalsUpTo(last);
    if (!a.equals(b)) {
      int i = 0;
      while (i < Math.min(a.size(), b.size()) && a.get(i).equals(b.get(i))) i++;
      Signal fa = i < a.size() ? a.get(i) : null;
      Signal fb = i < b.size() ? b.get(i) : null;
      long t = fa != null && fb != null ? Math.min(fa.time(), fb.time()) : fa != null ? fa.time() : fb.time();
      note(found, new Finding("lookahead", "signal", cutText(bars, k), t, text(fa), text(fb), ""));
    }
    for (int c = 0; c < full.names.size(); c++) {
      for (int i = 0; i < k; i++) {
        double x = full.values[i][c];
        double y = cut.values[i][c];
        if (Double.compare(x, y) != 0) {
          note(found, new Finding("lookahead", full.names.get(c), cutText(bars, k), bars.get(i).time(), number(x), number(y), ""));
          break;
        }
      }
    }
  }

  private static void compareOffset(Trace full, Trace later, List<Bar> bars, int offset, int settle, double tolerance, Map<String, Agg> found) {
    for (int c = 0; c < full.names.size(); c++) {
      double scale = full.typicalMagnitude(c);
      double worst = 0;
      int worstAt = -1;
      int firstAt = -1;
      for (int j = settle; j < later.values.length; j++) {
        double x = full.values[offset + j][c];
        double y = later.values[j][c];
        double d = relative(x, y, scale);
        if (d > tolerance) {
          if (firstAt < 0) firstAt = j;
          if (d > worst) {
            worst = d;
            worstAt = j;
          }
        }
      }
      if (firstAt >= 0) {
        int i = offset + firstAt;
        note(found, new Finding("recursive", full.names.get(c), "start +" + offset + " bars", bars.get(i).time(),
            number(full.values[i][c]), number(later.values[firstAt][c]),
            "largest difference " + String.format(java.util.Locale.ROOT, "%.3g", worst * 100) + "% at "
                + Instant.ofEpochMilli(bars.get(offset + worstAt).time())));
      }
    }
  }

  /**
   * |x - y| relative to the larger of their magnitudes and the value's typical magnitude over the run ({@code scale}),
   * so rounding noise around zero (a z-score of a flat window: 0 in one run, 3e-13 in the other) is not a 100%
   * difference. NaN against a number is infinitely different, NaN against NaN equal.
   */
  static double relative(double x, double y, double scale) {
    if (Double.isNaN(x) || Double.isNaN(y)) return Double.isNaN(x) && Double.isNaN(y) ? 0 : Double.POSITIVE_INFINITY;
    if (x == y) return 0;
    double m = Math.max(scale, Math.max(Math.abs(x), Math.abs(y)));
    return Math.abs(x - y) / Math.max(m, Double.MIN_NORMAL);
  }

  private static final class Agg {
    final String check;
    final Finding first;
    int count;

    Agg(String check, Finding first) {
      this.check = check;
      this.first = first;
    }
  }

  private static void note(Map<String, Agg> found, Finding f) {
    found.computeIfAbsent(f.check() + "\u0000" + f.value(), key -> new Agg(f.check(), f)).count++;
  }

  private static String cutText(List<Bar> bars, int k) {
    return "cut after " + Instant.ofEpochMilli(bars.get(k - 1).time());
  }

  static String text(Signal s) {
    if (s == null) return "none";
    StringBuilder b = new StringBuilder(s.direction().name()).append(" at ").append(Instant.ofEpochMilli(s.time()));
    if (s.strength() != 1) b.append(" strength ").append(number(s.strength()));
    if (!Double.isNaN(s.stop())) b.append(" stop ").append(number(s.stop()));
    if (!Double.isNaN(s.target())) b.append(" target ").append(number(s.target()));
    return b.toString();
  }

  static String number(double v) {
    return Double.isNaN(v) ? "none" : Double.toString(v);
  }

  private record Emitted(int bar, Signal signal) {}

  /** One run: every signal with the bar that emitted it, and every value column on every bar. */
  static final class Trace {
    final List<String> names = new ArrayList<>();
    final List<Emitted> signals = new ArrayList<>();
    final double[][] values;
    final int warmUp;

    private Trace(Subject subject, List<Bar> bars) {
      Strategy strategy = Objects.requireNonNull(subject.strategy().apply(List.copyOf(bars)), "no strategy");
      warmUp = strategy.warmUpBars();
      // Declared indicators fed every bar as the report draws them, then the extra ones, then those held inside.
      List<Indicator> fed = new ArrayList<>();
      List<String> declared = new ArrayList<>(strategy.indicators());
      List<IndicatorSpec> specs = new ArrayList<>();
      for (String d : declared) specs.add(IndicatorSpec.parse(d));
      specs.addAll(subject.indicators());
      for (IndicatorSpec spec : specs) {
        Indicator ind = spec.create();
        fed.add(ind);
        List<String> cols = spec.columnNames();
        names.addAll(cols);
      }
      List<StrategyProbe.Line> held = StrategyProbe.lines(strategy);
      for (StrategyProbe.Line l : held) names.add("internal " + l.name());
      values = new double[bars.size()][names.size()];
      for (int i = 0; i < bars.size(); i++) {
        Bar bar = bars.get(i);
        Signal s = strategy.onBar(bar);
        if (s != null) signals.add(new Emitted(i, s));
        int c = 0;
        double[] row = values[i];
        for (Indicator ind : fed) {
          ind.update(bar);
          for (int line = 0; line < ind.lines(); line++) row[c++] = ind.value(line);
        }
        for (StrategyProbe.Line l : held) row[c++] = l.value();
      }
    }

    /** The mean magnitude of column {@code c} over the bars where it has a value; 0 when it never has one. */
    double typicalMagnitude(int c) {
      double sum = 0;
      long n = 0;
      for (double[] row : values) {
        double v = row[c];
        if (Double.isFinite(v)) {
          sum += Math.abs(v);
          n++;
        }
      }
      return n == 0 ? 0 : sum / n;
    }

    static Trace of(Subject subject, List<Bar> bars) {
      return new Trace(subject, bars);
    }

    /** The signals stamped at or before {@code time}, in the order they were emitted. */
    List<Signal> signalsUpTo(long time) {
      List<Signal> out = new ArrayList<>();
      for (Emitted e : signals) if (e.signal.time() <= time) out.add(e.signal);
      return out;
    }
  }
}
