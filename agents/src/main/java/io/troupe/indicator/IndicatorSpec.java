package io.troupe.indicator;

import io.troupe.model.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * One parsed indicator request such as {@code bbands(20,2)}: knows its CSV column names and creates fresh
 * {@link Indicator} instances. Column names are the text as the user wrote it (spaces removed), e.g. {@code sma(30)}
 * for single-line indicators and {@code bbands(20,2).upper} for each line of the others.
 */
public final class IndicatorSpec {

  private record Definition(String name, String signature, int minArgs, int maxArgs, List<String> lines,
      Function<double[], Indicator> factory) {}

  // Order is the order shown in error messages and help.
  private static final List<Definition> DEFINITIONS = List.of(
      single("sma", "sma(n)", 1, 1, p -> new SimpleMovingAverage(period(p[0], 1))),
      single("ema", "ema(n)", 1, 1, p -> new ExponentialMovingAverage(period(p[0], 1))),
      single("wma", "wma(n)", 1, 1, p -> new WeightedMovingAverage(period(p[0], 1))),
      single("rsi", "rsi(n)", 1, 1, p -> new RelativeStrengthIndex(period(p[0], 2))),
      single("atr", "atr(n)", 1, 1, p -> new AverageTrueRange(period(p[0], 1))),
      single("trange", "trange", 0, 0, p -> new TrueRange()),
      new Definition("adx", "adx(n)", 1, 1, List.of("adx", "plus_di", "minus_di"),
          p -> new AverageDirectionalIndex(period(p[0], 2))),
      new Definition("bbands", "bbands(n,k)", 2, 2, List.of("upper", "middle", "lower"),
          p -> new BollingerBands(period(p[0], 1), positive(p[1], "k"))),
      new Definition("macd", "macd(fast,slow,signal)", 3, 3, List.of("macd", "signal", "hist"),
          p -> macd(p)),
      new Definition("stoch", "stoch(fastk,slowk,slowd)", 3, 3, List.of("k", "d"),
          p -> new Stochastic(period(p[0], 1), period(p[1], 1), period(p[2], 1))),
      single("obv", "obv", 0, 0, p -> new OnBalanceVolume()),
      single("stddev", "stddev(n)", 1, 1, p -> new StandardDeviation(period(p[0], 1))),
      single("zscore", "zscore(n)", 1, 1, p -> new ZScore(period(p[0], 1))),
      single("rvol", "rvol(n[,barsPerYear])", 1, 2,
          p -> new RealizedVolatility(period(p[0], 2), p.length > 1 ? positive(p[1], "barsPerYear") : Double.NaN)),
      single("highest", "highest(n)", 1, 1, p -> new HighestHigh(period(p[0], 1))),
      single("lowest", "lowest(n)", 1, 1, p -> new LowestLow(period(p[0], 1))),
      single("roc", "roc(n)", 1, 1, p -> new RateOfChange(period(p[0], 1))),
      single("vwap", "vwap[(n)]", 0, 1, p -> p.length == 0 ? new Vwap() : new Vwap(period(p[0], 1))));

  private final String text;
  private final Definition definition;
  private final double[] params;

  private IndicatorSpec(String text, Definition definition, double[] params) {
    this.text = text;
    this.definition = definition;
    this.params = params;
  }

  private static Definition single(String name, String signature, int min, int max,
      Function<double[], Indicator> factory) {
    return new Definition(name, signature, min, max, List.of(), factory);
  }

  /** The indicators whose lines are prices, so they can be drawn over a price chart. */
  private static final java.util.Set<String> ON_PRICE_SCALE = java.util.Set.of("sma", "ema", "wma", "bbands", "highest", "lowest", "vwap");

  /** True when this indicator's lines are prices (moving averages, bands, channels, VWAP), not oscillators or counts. */
  public boolean onPriceScale() {
    return ON_PRICE_SCALE.contains(definition.name());
  }

  /** A parameter as spec text: {@code 2} for 2.0, {@code 2.5} for 2.5. */
  public static String number(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }

  /** Parses a comma-separated list such as {@code sma(30),bbands(20,2),obv}. */
  public static List<IndicatorSpec> parseList(String list) {
    if (list == null || list.isBlank()) {
      throw new InvalidInputException("No indicators given. " + availableText());
    }
    List<IndicatorSpec> specs = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i < list.length(); i++) {
      char c = list.charAt(i);
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (c == ',' && depth == 0) {
        specs.add(parse(list.substring(start, i)));
        start = i + 1;
      }
    }
    specs.add(parse(list.substring(start)));
    return List.copyOf(specs);
  }

  /** Parses one indicator such as {@code macd(12,26,9)}. */
  public static IndicatorSpec parse(String spec) {
    String text = spec == null ? "" : spec.replaceAll("\\s+", "");
    if (text.isEmpty()) {
      throw new InvalidInputException("Empty indicator in the list. " + availableText());
    }
    int open = text.indexOf('(');
    String name = open < 0 ? text : text.substring(0, open);
    String[] args = new String[0];
    if (open >= 0) {
      if (!text.endsWith(")") || text.indexOf(')') != text.length() - 1 || text.indexOf('(', open + 1) >= 0) {
        throw new InvalidInputException("Malformed indicator '" + spec.strip() + "'. " + availableText());
      }
      String inside = text.substring(open + 1, text.length() - 1);
      args = inside.isEmpty() ? new String[0] : inside.split(",", -1);
    }
    Definition definition = DEFINITIONS.stream().filter(d -> d.name().equals(name)).findFirst()
        .orElseThrow(() -> new InvalidInputException("Unknown indicator '" + name + "'. " + availableText()));
    if (args.length < definition.minArgs() || args.length > definition.maxArgs()) {
      throw bad(text, definition, "expects " + countText(definition) + ", got " + args.length);
    }
    double[] params = new double[args.length];
    for (int i = 0; i < args.length; i++) {
      try {
        params[i] = Double.parseDouble(args[i]);
      } catch (NumberFormatException e) {
        throw bad(text, definition, "parameter '" + args[i] + "' is not a number");
      }
      if (!Double.isFinite(params[i])) {
        throw bad(text, definition, "parameter '" + args[i] + "' is not a finite number");
      }
    }
    IndicatorSpec result = new IndicatorSpec(text, definition, params);
    try {
      result.create(); // validates the values (periods, fast < slow, ...) once, up front
    } catch (IllegalArgumentException e) {
      throw bad(text, definition, e.getMessage());
    }
    return result;
  }

  private static String countText(Definition d) {
    if (d.minArgs() == d.maxArgs()) {
      return d.minArgs() == 0 ? "no parameters" : d.minArgs() + " parameter" + (d.minArgs() == 1 ? "" : "s");
    }
    return d.minArgs() + " to " + d.maxArgs() + " parameters";
  }

  private static InvalidInputException bad(String text, Definition d, String why) {
    return new InvalidInputException(
        "Bad indicator '" + text + "': " + d.signature() + " " + why + ". " + availableText());
  }

  /** The available indicators with their parameter signatures, e.g. {@code sma(n), ema(n), ...}. */
  public static List<String> available() {
    return DEFINITIONS.stream().map(Definition::signature).toList();
  }

  private static String availableText() {
    return "Available indicators: " + String.join(", ", available());
  }

  private static int period(double p, int min) {
    if (p != Math.rint(p)) {
      throw new IllegalArgumentException("period " + Periods.format(p) + " is not a whole number");
    }
    if (p < min || p > 1_000_000) {
      throw new IllegalArgumentException("period must be between " + min + " and 1000000, got " + Periods.format(p));
    }
    return (int) p;
  }

  private static double positive(double x, String what) {
    if (!(x > 0)) {
      throw new IllegalArgumentException(what + " must be > 0, got " + Periods.format(x));
    }
    return x;
  }

  private static Indicator macd(double[] p) {
    int fast = period(p[0], 1);
    int slow = period(p[1], 2);
    if (fast >= slow) {
      throw new IllegalArgumentException("fast (" + fast + ") must be < slow (" + slow + ")");
    }
    return new Macd(fast, slow, period(p[2], 1));
  }

  /** A fresh indicator for this spec. */
  public Indicator create() {
    return definition.factory().apply(params);
  }

  /** The indicator name without parameters, e.g. {@code bbands}. */
  public String name() {
    return definition.name();
  }

  /** The spec as written (spaces removed), e.g. {@code bbands(20,2)}. */
  public String text() {
    return text;
  }

  /** The parsed numeric parameters. */
  public double[] params() {
    return params.clone();
  }

  /** One CSV column per output line: {@code text} alone, or {@code text.line} for multi-line indicators. */
  public List<String> columnNames() {
    if (definition.lines().isEmpty()) {
      return List.of(text);
    }
    return definition.lines().stream().map(line -> text + "." + line).toList();
  }

  @Override
  public String toString() {
    return text;
  }
}
