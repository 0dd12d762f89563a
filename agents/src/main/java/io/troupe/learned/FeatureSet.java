package io.troupe.learned;

import io.troupe.indicator.AverageTrueRange;
import io.troupe.indicator.Indicator;
import io.troupe.indicator.IndicatorSpec;
import io.troupe.indicator.SimpleMovingAverage;
import io.troupe.indicator.ZScore;
import io.troupe.market.Bar;
import io.troupe.model.InvalidInputException;
import io.troupe.regime.RegimeDetector;
import io.troupe.regime.RegimeReading;
import io.troupe.regime.RegimeSettings;
import java.util.ArrayList;
import java.util.List;

/**
 * A learned specialist's features, built from their names and fed one bar at a time: each bar gives one row, a value
 * per feature, {@code NaN} while a feature is not warm yet. Every value is known at the bar's close; none looks ahead.
 *
 * <ul>
 *   <li>any indicator {@code troupe indicators} takes, e.g. {@code rsi(14)}, {@code adx(14)}; a multi-line one with its
 *       line, {@code macd(12,26,9).hist}, {@code bbands(20,2).upper} (its first line without one); an indicator on the
 *       price scale (sma, ema, bbands, vwap, ...) as its distance from the close, {@code value / close - 1}, so that the
 *       model sees no price level;</li>
 *   <li>{@code return(N)}: the log return over the last N bars;</li>
 *   <li>{@code atr_pct(N)}: ATR(N) in percent of the close; {@code range_pct}: the bar's high to low in percent of its close;</li>
 *   <li>{@code volume_z(N)}: the bar's volume as a z-score over the last N; {@code volume_ratio(N)}: volume over its SMA(N);</li>
 *   <li>the regime readings of {@link RegimeDetector} (the seed settings): {@code regime.adx}, {@code regime.atr_ratio},
 *       {@code regime.volatility}, {@code regime.gap}, and {@code regime.state} (the raw regime's ordinal).</li>
 * </ul>
 */
public final class FeatureSet {

  /** One feature: fed each bar, its value after it (NaN until warm). */
  interface Feature {
    double update(Bar bar, RegimeReading reading);
  }

  private final List<String> names;
  private final Feature[] features;
  /** Only when a regime reading is asked for. */
  private final RegimeDetector detector;

  public FeatureSet(List<String> names) {
    this.names = List.copyOf(names);
    this.features = new Feature[names.size()];
    boolean regime = false;
    for (int i = 0; i < names.size(); i++) {
      features[i] = parse(names.get(i));
      regime |= features[i] instanceof RegimeFeature;
    }
    this.detector = regime ? new RegimeDetector(RegimeSettings.defaults()) : null;
  }

  /** Checks every name; the first bad one is an {@link InvalidInputException} naming it. */
  public static void check(List<String> names) {
    for (String n : names) parse(n);
    if (names.stream().distinct().count() != names.size()) throw new InvalidInputException("field 'learned.features' names a feature twice: " + names);
  }

  public List<String> names() {
    return names;
  }

  public int size() {
    return features.length;
  }

  /** Feeds the bar; the row of its features (a fresh array). */
  public double[] update(Bar bar) {
    RegimeReading reading = detector == null ? null : detector.update(bar);
    double[] row = new double[features.length];
    for (int i = 0; i < features.length; i++) row[i] = features[i].update(bar, reading);
    return row;
  }

  /** Whether every value of the row is a number. */
  public static boolean complete(double[] row) {
    for (double v : row) if (!Double.isFinite(v)) return false;
    return true;
  }

  private static final String KNOWN = "features are indicators (troupe list indicators, e.g. rsi(14), macd(12,26,9).hist), "
      + "return(N), atr_pct(N), range_pct, volume_z(N), volume_ratio(N), regime.adx, regime.atr_ratio, regime.volatility, regime.gap, regime.state";

  private static Feature parse(String name) {
    String text = name == null ? "" : name.replaceAll("\\s+", "");
    try {
      if (text.startsWith("regime.")) return new RegimeFeature(text.substring("regime.".length()));
      if (text.equals("range_pct")) return new RangePercent();
      if (text.startsWith("return(")) return new LogReturn(period(text, "return"));
      if (text.startsWith("atr_pct(")) return new AtrPercent(period(text, "atr_pct"));
      if (text.startsWith("volume_z(")) return new VolumeZ(period(text, "volume_z"));
      if (text.startsWith("volume_ratio(")) return new VolumeRatio(period(text, "volume_ratio"));
      return indicator(text);
    } catch (InvalidInputException e) {
      throw new InvalidInputException("field 'learned.features': '" + name + "': " + e.getMessage() + "; " + KNOWN, e);
    }
  }

  private static int period(String text, String fn) {
    if (!text.endsWith(")")) throw new InvalidInputException("malformed");
    String inside = text.substring(fn.length() + 1, text.length() - 1);
    try {
      int n = Integer.parseInt(inside);
      if (n < 1 || n > 100_000) throw new InvalidInputException(fn + " takes a whole number of bars 1..100000, got " + inside);
      return n;
    } catch (NumberFormatException e) {
      throw new InvalidInputException(fn + " takes a whole number of bars, got '" + inside + "'");
    }
  }

  private static Feature indicator(String text) {
    String spec = text;
    String line = null;
    int close = text.lastIndexOf(')');
    int dot = text.lastIndexOf('.');
    if (dot > close && close >= 0) {
      spec = text.substring(0, dot);
      line = text.substring(dot + 1);
    } else if (close < 0 && dot > 0) {
      spec = text.substring(0, dot);
      line = text.substring(dot + 1);
    }
    IndicatorSpec s = IndicatorSpec.parse(spec);
    Indicator probe = s.create();
    int index = 0;
    if (line != null) {
      index = -1;
      for (int i = 0; i < probe.lines(); i++) if (probe.lineName(i).equals(line)) index = i;
      if (index < 0) throw new InvalidInputException(s.text() + " has no line '" + line + "'; its lines are " + s.columnNames());
    }
    return new IndicatorFeature(probe, index, s.onPriceScale());
  }

  /** An indicator's line; on the price scale, as its distance from the close. */
  private static final class IndicatorFeature implements Feature {
    private final Indicator indicator;
    private final int line;
    private final boolean relative;

    IndicatorFeature(Indicator indicator, int line, boolean relative) {
      this.indicator = indicator;
      this.line = line;
      this.relative = relative;
    }

    @Override
    public double update(Bar bar, RegimeReading reading) {
      indicator.update(bar);
      double v = indicator.value(line);
      return relative ? (bar.close() > 0 ? v / bar.close() - 1 : Double.NaN) : v;
    }
  }

  /** A class, not a lambda: a checkpoint writes the feature set field by field. */
  private static final class RangePercent implements Feature {
    @Override
    public double update(Bar bar, RegimeReading reading) {
      return bar.close() > 0 ? (bar.high() - bar.low()) / bar.close() * 100 : Double.NaN;
    }
  }

  private static final class LogReturn implements Feature {
    private final double[] closes;
    private long seen;

    LogReturn(int period) {
      this.closes = new double[period + 1];
    }

    @Override
    public double update(Bar bar, RegimeReading reading) {
      int n = closes.length;
      closes[(int) (seen % n)] = bar.close();
      seen++;
      if (seen < n) return Double.NaN;
      double before = closes[(int) (seen % n)]; // the oldest: period bars before this one
      return before > 0 && bar.close() > 0 ? Math.log(bar.close() / before) : Double.NaN;
    }
  }

  private static final class AtrPercent implements Feature {
    private final AverageTrueRange atr;

    AtrPercent(int period) {
      this.atr = new AverageTrueRange(period);
    }

    @Override
    public double update(Bar bar, RegimeReading reading) {
      atr.update(bar);
      return atr.isWarm() && bar.close() > 0 ? atr.value() / bar.close() * 100 : Double.NaN;
    }
  }

  private static final class VolumeZ implements Feature {
    private final ZScore z;

    VolumeZ(int period) {
      if (period < 2) throw new InvalidInputException("volume_z needs at least 2 bars");
      this.z = new ZScore(period);
    }

    @Override
    public double update(Bar bar, RegimeReading reading) {
      z.update(bar.volume());
      return z.isWarm() ? z.value() : Double.NaN;
    }
  }

  private static final class VolumeRatio implements Feature {
    private final SimpleMovingAverage average;

    VolumeRatio(int period) {
      this.average = new SimpleMovingAverage(period);
    }

    @Override
    public double update(Bar bar, RegimeReading reading) {
      average.update(bar.volume());
      return average.isWarm() && average.value() > 0 ? bar.volume() / average.value() : Double.NaN;
    }
  }

  private record RegimeFeature(String field) implements Feature {
    private static final List<String> FIELDS = List.of("adx", "atr_ratio", "volatility", "gap", "state");

    RegimeFeature {
      if (!FIELDS.contains(field)) throw new InvalidInputException("regime readings are " + FIELDS.stream().map(f -> "regime." + f).toList());
    }

    @Override
    public double update(Bar bar, RegimeReading r) {
      if (r == null) return Double.NaN;
      return switch (field) {
        case "adx" -> r.adx();
        case "atr_ratio" -> r.atrRatio();
        case "volatility" -> r.volatilityIndex();
        case "gap" -> r.gapPct();
        default -> r.regime().ordinal();
      };
    }
  }

  /** The names as given, for messages. */
  @Override
  public String toString() {
    return new ArrayList<>(names).toString();
  }
}
