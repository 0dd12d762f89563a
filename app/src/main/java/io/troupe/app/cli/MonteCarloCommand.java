package io.troupe.app.cli;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.Config;
import io.troupe.app.backtest.BacktestResult;
import io.troupe.app.backtest.BacktestRunner;
import io.troupe.app.backtest.BacktestSettings;
import io.troupe.app.backtest.NoMessageSerialization;
import io.troupe.app.montecarlo.Distribution;
import io.troupe.app.montecarlo.FillJitter;
import io.troupe.app.montecarlo.PathStats;
import io.troupe.app.montecarlo.Resampling;
import io.troupe.app.montecarlo.RunFolder;
import io.troupe.app.report.AtomicFiles;
import io.troupe.app.report.Csv;
import io.troupe.app.report.MonteCarloPage;
import io.troupe.gateway.sim.LatencyModel;
import io.troupe.market.Bar;
import io.troupe.market.OnBadRow;
import io.troupe.market.ReadOptions;
import io.troupe.market.ReadReport;
import io.troupe.market.Timeframe;
import io.troupe.model.EquityPoint;
import io.troupe.model.InvalidInputException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.commons.csv.CSVPrinter;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code troupe monte-carlo --run DIR}: how much of a finished run's result is luck of the order and of the fills. Its
 * trades shuffled, its per-bar returns block-bootstrapped ({@link Resampling}), and, when asked, the run done again
 * through the simulated exchange with jittered slippage and latency ({@link FillJitter}); 5/50/95% intervals of the
 * final return, the maximum drawdown and the longest drawdown, and the probability of losing X%. Writes
 * monte-carlo.json, monte-carlo.csv and monte-carlo.html into the run's folder (or --out).
 */
@Command(
    name = "monte-carlo",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    footer = {"%nExamples:", "  troupe monte-carlo --run runs/latest", "  troupe monte-carlo --run runs/latest --iterations 5000 --seed 7 --block-size 60 --block fixed --loss 5,10,20",
        "  troupe monte-carlo --run runs/latest --jitter-slippage-bps 10 --jitter-latency uniform:0ms,2s --jitter-runs 10"},
    description = {
      "Monte Carlo over a finished backtest: shuffle the order of its trades, block-bootstrap its per-bar returns and,",
      "with --jitter-slippage-bps or --jitter-latency, rerun it through the simulated exchange with jittered fills.",
      "Prints and writes the 5/50/95%% intervals of final return, maximum drawdown and longest drawdown, and the",
      "probability of losing X%% (--loss); monte-carlo.json, monte-carlo.csv, monte-carlo.html (histograms and a fan chart)."
    })
final class MonteCarloCommand implements Callable<Integer> {

  @Option(names = "--run", required = true, paramLabel = "DIR", description = "A backtest's folder (summary.json, trades.csv, equity.csv), e.g. runs/latest.")
  Path run;

  @Option(names = "--iterations", paramLabel = "N", defaultValue = "1000", converter = Count.class,
      description = "Resampled paths per method (default ${DEFAULT-VALUE}).")
  int iterations;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Seed: the same seed gives the same paths (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--block-size", paramLabel = "B", converter = Count.class,
      description = "Returns per block in the bootstrap (the mean length for stationary blocks); default: the cube root of the bar count.")
  Integer blockSize;

  @Option(names = "--block", paramLabel = "stationary|fixed", defaultValue = "stationary",
      description = "stationary (default): geometric block lengths with mean B (Politis and Romano 1994); fixed: blocks of exactly B, circular.")
  String block;

  @Option(names = "--loss", paramLabel = "PCT", split = ",", defaultValue = "10,20",
      description = "Report the probability of losing at least this percent (default ${DEFAULT-VALUE}).")
  List<String> losses;

  @Option(names = "--jitter-slippage-bps", paramLabel = "X",
      description = "Rerun the backtest with the run's slippage plus an extra drawn from [0, X] bps per rerun.")
  String jitterSlippage;

  @Option(names = "--jitter-latency", paramLabel = "SPEC",
      description = "Rerun the backtest with this latency model (uniform:0ms,2s, exponential:500ms, 250ms), a seed of its own per rerun.")
  String jitterLatency;

  @Option(names = "--jitter-runs", paramLabel = "N", defaultValue = "20", converter = Count.class,
      description = "How many jittered reruns (each a whole backtest; default ${DEFAULT-VALUE}).")
  int jitterRuns;

  @Option(names = "--timeframe", paramLabel = "TF", converter = DataOptions.TimeframeConverter.class,
      description = "With jitter: the run's --timeframe, if it had one (summary.json does not record it).")
  Timeframe timeframe;

  @Option(names = "--config", paramLabel = "FILE", description = "With jitter: the run's --config, if it had one.")
  Path configFile;

  @Option(names = "--set", paramLabel = "KEY=VALUE", description = "With jitter: the run's --set keys, if it had some.")
  Map<String, String> sets = new LinkedHashMap<>();

  @Option(names = "--out", paramLabel = "DIR", description = "Where the files go (default: the run's folder).")
  Path out;

  @Option(names = "--quiet", description = "Print nothing but errors.")
  boolean quiet;

  @Spec CommandSpec spec;

  static final double[] QUANTILES = {0.05, 0.50, 0.95};

  @Override
  public Integer call() throws Exception {
    Resampling.Blocks kind = switch (block) {
      case "stationary" -> Resampling.Blocks.STATIONARY;
      case "fixed" -> Resampling.Blocks.FIXED;
      default -> throw new InvalidInputException("--block: '" + block + "' is not one of stationary, fixed");
    };
    List<Double> lossPcts = new ArrayList<>();
    for (String l : losses) {
      double v = parse("--loss", l);
      if (!(v > 0 && v <= 100)) throw new InvalidInputException("--loss: " + l + " is not a percent in (0, 100]");
      lossPcts.add(v);
    }
    Double extraBps = jitterSlippage == null ? null : parse("--jitter-slippage-bps", jitterSlippage);
    if (extraBps != null && !(extraBps >= 0)) throw new InvalidInputException("--jitter-slippage-bps must be >= 0, got " + jitterSlippage);
    if (jitterLatency != null) {
      try {
        LatencyModel.parse(jitterLatency, 0);
      } catch (IllegalArgumentException e) {
        throw new InvalidInputException("--jitter-latency: " + e.getMessage());
      }
    }
    boolean jitter = extraBps != null || jitterLatency != null;
    if (!jitter && (timeframe != null || configFile != null || !sets.isEmpty())) {
      throw new InvalidInputException((timeframe != null ? "--timeframe" : configFile != null ? "--config" : "--set")
          + ": only for the jittered reruns; give --jitter-slippage-bps or --jitter-latency too");
    }
    OutputPaths.checkFolder(out, "--out");
    RunFolder folder = RunFolder.read(run);
    if (folder.pnl().length == 0) throw new InvalidInputException("--run " + run + ": trades.csv has no trades; there is no order to shuffle");
    double[] returns = folder.returns();
    int b = blockSize != null ? blockSize : Resampling.defaultBlock(returns.length);
    if (b > returns.length) throw new InvalidInputException("--block-size: " + b + " is more than the run's " + returns.length + " bars");

    Map<String, Resampling.Samples> methods = new LinkedHashMap<>();
    methods.put("trade_shuffle", Resampling.shuffleTrades(folder.cash(), folder.pnl(), folder.exitTimes(), folder.equityTimes()[0], iterations, seed));
    methods.put("return_bootstrap", Resampling.bootstrapReturns(folder.cash(), returns, folder.equityTimes(), iterations, seed + 1, b, kind));
    List<FillJitter.Draw> draws = List.of();
    if (jitter) {
      JitterReruns reruns = new JitterReruns(folder);
      draws = reruns.draws(extraBps == null ? 0 : extraBps);
      methods.put("fill_jitter", reruns.run(draws));
    }

    Map<String, Object> json = new LinkedHashMap<>();
    json.put("run", folder.dir().toAbsolutePath().normalize().toString());
    json.put("title", folder.summary().path("title").asText(""));
    json.put("cash", folder.cash());
    json.put("iterations", iterations);
    json.put("seed", seed);
    json.put("trades", folder.pnl().length);
    json.put("steps", returns.length); // the per-step returns bootstrapped: one per equity point
    json.put("block", kind.name().toLowerCase(Locale.ROOT));
    json.put("block_size", b);
    if (jitter) {
      Map<String, Object> j = new LinkedHashMap<>();
      j.put("runs", jitterRuns);
      j.put("extra_slippage_bps", extraBps == null ? 0 : extraBps);
      j.put("latency", jitterLatency);
      json.put("jitter", j);
    }
    json.put("quantiles", List.of(5, 50, 95));
    Map<String, Object> observed = new LinkedHashMap<>();
    observed.put("equity", stats(folder.observedEquity()));
    observed.put("trades", stats(folder.observedTrades()));
    json.put("observed", observed);
    Map<String, Object> byMethod = new LinkedHashMap<>();
    for (var e : methods.entrySet()) byMethod.put(e.getKey(), describe(e.getValue(), lossPcts));
    json.put("methods", byMethod);

    Path dir = out != null ? out : run;
    OutputPaths.createFolder(dir, "--out");
    ObjectMapper mapper = new ObjectMapper();
    String text = mapper.writer(new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n"))).writeValueAsString(finite(json)) + "\n";
    AtomicFiles.DISK.writeString(dir.resolve("monte-carlo.json"), text);
    List<FillJitter.Draw> drawn = draws;
    AtomicFiles.DISK.write(dir.resolve("monte-carlo.csv"), w -> {
      CSVPrinter p = Csv.printer(w, "method", "iteration", "final_return", "max_drawdown", "longest_drawdown_seconds", "slippage_bps", "latency");
      for (var e : methods.entrySet()) {
        List<PathStats> s = e.getValue().stats();
        for (int i = 0; i < s.size(); i++) {
          boolean j = e.getKey().equals("fill_jitter");
          p.printRecord(e.getKey(), i + 1, io.troupe.app.research.SearchOutput.plain(s.get(i).finalReturn()), io.troupe.app.research.SearchOutput.plain(s.get(i).maxDrawdown()),
              io.troupe.app.research.SearchOutput.plain(s.get(i).longestDrawdownSeconds()), j ? io.troupe.app.research.SearchOutput.plain(drawn.get(i).slippageBps()) : "",
              j ? drawn.get(i).latency() : "");
        }
      }
      p.flush();
    });
    Path html = dir.resolve("monte-carlo.html");
    MonteCarloPage.write(html, mapper.readTree(text), fans(methods));
    if (!quiet) print(spec.commandLine().getOut(), methods, lossPcts, folder, b, kind, dir);
    return TroupeCli.EXIT_OK;
  }

  /** The reruns through the simulated exchange: the run's settings rebuilt from its summary.json, checked to reproduce it. */
  private final class JitterReruns {
    private final RunFolder folder;
    private final BacktestCommand rebuilt = new BacktestCommand();
    private final JsonNode config;

    JitterReruns(RunFolder folder) {
      this.folder = folder;
      this.config = folder.summary().path("config");
      rebuild();
    }

    /** The run's options as its summary.json records them, onto a backtest command's options. */
    private void rebuild() {
      BacktestCommand c = rebuilt;
      c.data = new ArrayList<>();
      for (JsonNode d : folder.summary().path("data")) c.data.add(Path.of(d.path("file").asText()));
      if (c.data.isEmpty()) throw new InvalidInputException(folder.dir().resolve("summary.json") + ": data: no files recorded; cannot rerun the run");
      c.strategy = text("strategy");
      if (!BacktestSettings.SPECIALISTS.equals(c.strategy)) {
        for (Iterator<Map.Entry<String, JsonNode>> it = config.path("params").fields(); it.hasNext(); ) {
          var p = it.next();
          c.params.put(p.getKey(), p.getValue().asText());
        }
      }
      if (config.path("bare").asBoolean(false)) c.bare = true;
      if (config.has("swaps")) {
        c.swaps = new ArrayList<>();
        for (JsonNode s : config.path("swaps")) c.swaps.add(s.asText());
      }
      c.cash = config.path("cash").asDouble();
      double stake = config.path("stake").asDouble();
      if (stake > 0) c.stake = stake;
      else c.sizePct = config.path("size_pct").asDouble();
      c.allowShort = config.path("allow_short").asBoolean();
      c.fill = text("fill");
      if (config.has("maker_fee_pct")) {
        c.makerFee = config.path("maker_fee_pct").asDouble();
        c.takerFee = config.path("taker_fee_pct").asDouble();
      } else {
        c.commission = config.path("commission_pct").asDouble();
      }
      double perUnit = config.path("commission_per_unit").asDouble();
      if (perUnit > 0) c.commissionPerUnit = perUnit;
      c.slippageBps = config.path("slippage_bps").asDouble();
      if (config.has("latency")) c.latency = text("latency");
      if (config.has("latency_seed")) c.latencySeed = config.path("latency_seed").asLong();
      c.multiplier = config.path("multiplier").asDouble();
      c.margin = config.path("margin").asDouble();
      c.from = config.path("from").isTextual() ? text("from") : null;
      c.to = config.path("to").isTextual() ? text("to") : null;
      c.configFile = configFile;
      c.sets.putAll(sets);
      c.sets.putIfAbsent("troupe.backtest.max-volume-share", config.path("max_volume_share").asText("0"));
      c.onBadRow = OnBadRow.FAIL;
    }

    private String text(String key) {
      JsonNode v = config.path(key);
      if (!v.isTextual()) throw new InvalidInputException(folder.dir().resolve("summary.json") + ": config." + key + ": missing; cannot rerun the run");
      return v.asText();
    }

    List<FillJitter.Draw> draws(double extraBps) {
      String baseLatency = config.has("latency") ? config.path("latency").asText() : "0";
      long baseSeed = config.has("latency_seed") ? config.path("latency_seed").asLong() : 1;
      return FillJitter.draws(jitterRuns, config.path("slippage_bps").asDouble(), extraBps, jitterLatency, baseLatency, baseSeed, seed + 2);
    }

    Resampling.Samples run(List<FillJitter.Draw> draws) throws Exception {
      PrintWriter err = spec.commandLine().getErr();
      Config base = rebuilt.resolveConfig();
      BacktestSettings settings = BacktestSettings.fromConfig(base, BacktestCommand.home(), BacktestCommand.time(rebuilt.from, "from"),
          BacktestCommand.time(rebuilt.to, "to"));
      // The rebuilt settings must be the run's, and a rerun without jitter must end where the run ended.
      JsonNode again = new ObjectMapper().valueToTree(finite(settings.describe()));
      if (!again.equals(config)) {
        throw new InvalidInputException("--run " + run + ": its summary.json's config differs from the settings rebuilt from it ("
            + firstDifference(config, again) + "); give the run's --config or --set");
      }
      ReadOptions readOptions = ReadOptions.of(OnBadRow.FAIL, base);
      if (!quiet) err.println("monte-carlo: rerunning the run as it was, to check it reproduces");
      BacktestResult same = rerun(settings, base, readOptions);
      double want = folder.summary().path("final_value").asDouble();
      double got = finalValue(same, settings.cash());
      int trades = same.positions().trades().size();
      if (Math.abs(got - want) > 0.005 || trades != folder.summary().path("trade_count").asInt()) {
        throw new InvalidInputException(String.format(Locale.ROOT,
            "--run %s: rerun from its summary.json ends at %.2f with %d trades, the run at %.2f with %d; give the run's --timeframe, --config or --set",
            run, got, trades, want, folder.summary().path("trade_count").asInt()));
      }
      List<PathStats> stats = new ArrayList<>();
      List<double[]> paths = new ArrayList<>();
      long[] times = null;
      for (FillJitter.Draw d : draws) {
        if (!quiet) err.printf(Locale.ROOT, "monte-carlo: jittered rerun %d of %d (slippage %.2f bps, latency %s)%n", d.run(), draws.size(), d.slippageBps(), d.latency());
        rebuilt.slippageBps = d.slippageBps();
        rebuilt.latency = d.latency();
        rebuilt.latencySeed = d.latencySeed();
        Config c = rebuilt.resolveConfig();
        BacktestSettings s = BacktestSettings.fromConfig(c, BacktestCommand.home(), settings.from(), settings.to());
        BacktestResult r = rerun(s, c, readOptions);
        List<EquityPoint> eq = r.positions().equity();
        double[] e = eq.stream().mapToDouble(EquityPoint::equity).toArray();
        long[] t = eq.stream().mapToLong(EquityPoint::time).toArray();
        if (times == null) times = t;
        stats.add(PathStats.of(s.cash(), e, t, t[0]));
        paths.add(e);
      }
      err.flush();
      // The fan: every rerun's equity at the same kept points (reruns share the run's bars, so the same times).
      int n = times.length;
      int k = Math.min(n, 120);
      long[] fanTimes = new long[k];
      double[][] fan = new double[k][paths.size()];
      for (int i = 0; i < k; i++) {
        int at = k == 1 ? n - 1 : (int) ((long) i * (n - 1) / (k - 1));
        fanTimes[i] = times[at];
        for (int j = 0; j < paths.size(); j++) fan[i][j] = paths.get(j)[Math.min(at, paths.get(j).length - 1)];
      }
      return new Resampling.Samples(stats, fanTimes, fan);
    }

    /** The run's files, read once on the first rerun: every rerun has the same data. */
    private Map<String, List<Bar>> bars;
    private List<ReadReport> reads;

    private BacktestResult rerun(BacktestSettings s, Config c, ReadOptions readOptions) {
      BacktestRunner runner = new BacktestRunner(s, NoMessageSerialization.apply(c), readOptions, timeframe, false);
      if (bars == null) {
        bars = new LinkedHashMap<>();
        reads = BacktestCommand.read(runner.symbols(), readOptions, bars);
      }
      return runner.runRead(bars, reads, x -> {});
    }
  }

  private static double finalValue(BacktestResult r, double cash) {
    List<EquityPoint> eq = r.positions().equity();
    return eq.isEmpty() ? cash : eq.get(eq.size() - 1).equity();
  }

  private static String firstDifference(JsonNode want, JsonNode got) {
    for (Iterator<String> it = want.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!want.get(k).equals(got.get(k))) return "config." + k + ": the run has " + want.get(k) + ", rebuilt " + got.get(k);
    }
    for (Iterator<String> it = got.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!want.has(k)) return "config." + k + ": the run has none, rebuilt " + got.get(k);
    }
    return "?";
  }

  private static Map<String, Object> stats(PathStats s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("final_return", s.finalReturn());
    m.put("max_drawdown", s.maxDrawdown());
    m.put("longest_drawdown_seconds", s.longestDrawdownSeconds());
    return m;
  }

  private static Map<String, Object> describe(Resampling.Samples s, List<Double> lossPcts) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("paths", s.stats().size());
    Distribution fr = s.finalReturn();
    m.put("final_return", with(fr));
    m.put("max_drawdown", with(s.maxDrawdown()));
    m.put("longest_drawdown_seconds", with(s.longestDrawdown()));
    Map<String, Object> loss = new LinkedHashMap<>();
    for (double pct : lossPcts) loss.put(io.troupe.app.research.SearchOutput.plain(pct), fr.shareAtOrBelow(-pct / 100));
    m.put("probability_of_losing_pct", loss);
    return m;
  }

  private static Map<String, Object> with(Distribution d) {
    Map<String, Object> m = d.summary();
    m.put("histogram", d.histogram(30));
    return m;
  }

  private static Map<String, MonteCarloPage.Fan> fans(Map<String, Resampling.Samples> methods) {
    Map<String, MonteCarloPage.Fan> out = new LinkedHashMap<>();
    for (var e : methods.entrySet()) {
      double[][] fan = e.getValue().fan();
      int k = fan.length;
      double[][] bands = new double[3][k];
      for (int i = 0; i < k; i++) {
        Distribution d = new Distribution(fan[i]);
        for (int q = 0; q < 3; q++) bands[q][i] = d.quantile(QUANTILES[q]);
      }
      out.put(e.getKey(), new MonteCarloPage.Fan(e.getValue().fanTimes(), bands));
    }
    return out;
  }

  private void print(PrintWriter o, Map<String, Resampling.Samples> methods, List<Double> lossPcts, RunFolder folder, int b,
      Resampling.Blocks kind, Path dir) {
    o.printf("monte-carlo: %s, %d trades, %,d bars; %d paths per method, seed %d%n", folder.dir(), folder.pnl().length, folder.returns().length,
        iterations, seed);
    PathStats obs = folder.observedEquity();
    o.printf("the run                       final return %s   max drawdown %s   longest drawdown %s%n", pct(obs.finalReturn()), pct(obs.maxDrawdown()),
        days(obs.longestDrawdownSeconds()));
    StringBuilder head = new StringBuilder(String.format("%-29s %-26s %-26s %-26s", "method", "final return 5/50/95%", "max drawdown 5/50/95%",
        "longest drawdown 5/50/95%"));
    for (double l : lossPcts) head.append(String.format("  P(lose %s%%)", io.troupe.app.research.SearchOutput.plain(l)));
    o.println(head);
    for (var e : methods.entrySet()) {
      Resampling.Samples s = e.getValue();
      Distribution fr = s.finalReturn();
      Distribution dd = s.maxDrawdown();
      Distribution ld = s.longestDrawdown();
      String name = e.getKey().equals("return_bootstrap") ? "return bootstrap" + (kind == Resampling.Blocks.FIXED ? " (B=" : " (mean B=") + b + ")"
          : e.getKey().replace('_', ' ') + (e.getKey().equals("fill_jitter") ? " (" + s.stats().size() + " runs)" : "");
      StringBuilder row = new StringBuilder(String.format("%-29s %-26s %-26s %-26s", name,
          three(fr, true), three(dd, true), three(ld, false)));
      for (double l : lossPcts) row.append(String.format("  %-" + (9 + io.troupe.app.research.SearchOutput.plain(l).length()) + "s", pct(fr.shareAtOrBelow(-l / 100))));
      o.println(row.toString().stripTrailing());
    }
    o.println("files: " + dir.resolve("monte-carlo.html").toAbsolutePath().normalize() + " (and monte-carlo.json, monte-carlo.csv)");
    o.flush();
  }

  private static String three(Distribution d, boolean percent) {
    return percent ? pct(d.quantile(0.05)) + " / " + pct(d.quantile(0.5)) + " / " + pct(d.quantile(0.95))
        : days(d.quantile(0.05)) + " / " + days(d.quantile(0.5)) + " / " + days(d.quantile(0.95));
  }

  static String pct(double v) {
    return String.format(Locale.ROOT, "%.2f%%", v * 100);
  }

  static String days(double seconds) {
    return String.format(Locale.ROOT, "%.1fd", seconds / 86400);
  }

  private static double parse(String option, String text) {
    try {
      double v = Double.parseDouble(text.trim());
      if (Double.isFinite(v)) return v;
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw new InvalidInputException(option + ": '" + text + "' is not a number");
  }

  /** A copy with NaN and infinities as null, so the JSON holds only numbers. */
  @SuppressWarnings("unchecked")
  static Object finite(Object v) {
    if (v instanceof Double d) return Double.isFinite(d) ? d : null;
    if (v instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.forEach((k, x) -> out.put(String.valueOf(k), finite(x)));
      return out;
    }
    if (v instanceof List<?> l) return l.stream().map(MonteCarloCommand::finite).toList();
    return v;
  }

  /** A whole number >= 1, named in the error by its option. */
  static final class Count implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      try {
        int n = Integer.parseInt(value.trim());
        if (n >= 1) return n;
      } catch (NumberFormatException ignored) {
        // reported below
      }
      throw new TypeConversionException("'" + value + "' is not a whole number >= 1");
    }
  }
}
