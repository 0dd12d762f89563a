package io.troupe.app.research;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValueFactory;
import io.troupe.app.backtest.BacktestSettings;
import io.troupe.app.config.UserConfig;
import io.troupe.model.InvalidInputException;
import io.troupe.specialist.Genome;
import io.troupe.specialist.GenomeRanges;
import io.troupe.strategy.StrategyCatalog;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A candidate's backtest settings: the run's resolved configuration with the candidate's values over it (a strategy
 * parameter under {@code troupe.backtest.params}, a configuration key at its path, a genome field in the genome of that
 * name). Immutable and safe to share between workers.
 */
public final class CandidateSettings {

  private final Config base;
  private final Path home;
  private final Instant from;
  private final Instant to;
  private final List<Dimension> dims;
  private final String strategy;

  public CandidateSettings(Config base, Path home, Instant from, Instant to, List<Dimension> dims) {
    this.base = base;
    this.home = home;
    this.from = from;
    this.to = to;
    this.dims = List.copyOf(dims);
    this.strategy = base.getString("troupe.backtest.strategy");
  }

  public List<Dimension> dims() {
    return dims;
  }

  public Config base() {
    return base;
  }

  public Path home() {
    return home;
  }

  /** The same candidates over another span (a walk-forward window). */
  public CandidateSettings withSpan(Instant from, Instant to) {
    return new CandidateSettings(base, home, from, to, dims);
  }

  /**
   * Every dimension's key known and every value it can take allowed, before anything runs: strategy parameters by
   * the strategy, configuration keys by the packaged configuration and its schema, genome fields by the genome
   * ranges. The message starts where the user wrote the dimension.
   */
  public void check(Map<String, String> fixedParams) {
    BacktestSettings baseSettings = BacktestSettings.fromConfig(base, home, from, to);
    boolean specialists = BacktestSettings.SPECIALISTS.equals(strategy);
    List<String> seen = new ArrayList<>();
    for (Dimension d : dims) {
      if (seen.contains(d.key())) throw new InvalidInputException(d.where() + ": " + d.key() + ": given twice");
      seen.add(d.key());
      List<String> probe = d.isChoices() ? d.choices() : List.of(d.text(d.min()), d.text(d.max()));
      switch (d.target()) {
        case STRATEGY_PARAM -> {
          if (specialists) {
            throw new InvalidInputException(d.where() + ": " + d.key() + ": a strategy parameter, but the run is the regime specialists; give --strategy NAME, "
                + "or search a genome field (genome.NAME.FIELD) or a configuration key (troupe....)");
          }
          if (fixedParams.containsKey(d.key())) throw new InvalidInputException(d.where() + ": " + d.key() + ": also set by --param " + d.key() + "; give it one way");
          // A value alone, or beside the other parameters' lows or highs: parameters that constrain each other (fast
          // below slow) pass when some candidate can hold them; a candidate the strategy refuses is recorded with its error.
          List<Map<String, String>> contexts = List.of(Map.of(), corner(d, true), corner(d, false));
          for (String v : probe) {
            InvalidInputException first = null;
            for (Map<String, String> context : contexts) {
              Map<String, String> p = new LinkedHashMap<>(context);
              p.put(d.key(), v);
              try {
                StrategyCatalog.resolve(strategy, p);
                first = null;
                break;
              } catch (InvalidInputException e) {
                if (first == null) first = e;
              }
            }
            if (first != null) throw new InvalidInputException(d.where() + ": " + d.key() + " = " + v + ": " + first.getMessage(), first);
          }
        }
        case CONFIG -> {
          for (String v : probe) {
            try {
              Config c = UserConfig.packaged().withSet(base, d.key(), quoted(v));
              BacktestSettings.fromConfig(c.resolve(), home, from, to);
            } catch (InvalidInputException e) {
              throw new InvalidInputException(d.where() + ": " + d.key() + " = " + v + ": " + e.getMessage().replace("--set " + d.key() + "=" + quoted(v) + ": ", ""), e);
            }
          }
        }
        case GENOME -> checkGenome(d, baseSettings, specialists, probe);
      }
    }
  }

  /** The other strategy parameters at their lowest (or highest) values. */
  private Map<String, String> corner(Dimension except, boolean low) {
    Map<String, String> m = new LinkedHashMap<>();
    for (Dimension o : dims) {
      if (o == except || o.target() != Dimension.Target.STRATEGY_PARAM) continue;
      if (o.isChoices()) m.put(o.key(), o.choices().get(low ? 0 : o.choices().size() - 1));
      else m.put(o.key(), o.text(low ? o.min() : o.max()));
    }
    return m;
  }

  private static void checkGenome(Dimension d, BacktestSettings settings, boolean specialists, List<String> probe) {
    String[] parts = d.key().split("\\.", 3);
    if (parts.length != 3) throw new InvalidInputException(d.where() + ": " + d.key() + ": a genome field is genome.NAME.FIELD, e.g. genome.trending-default.min_adx");
    if (!specialists) {
      throw new InvalidInputException(d.where() + ": " + d.key() + ": a genome field, but the run is one strategy (--strategy); search genomes on the regime specialists");
    }
    Genome g = genome(settings.genomes(), parts[1]);
    if (g == null) {
      throw new InvalidInputException(d.where() + ": " + d.key() + ": no genome named '" + parts[1] + "' in troupe.specialists.dir; genomes: "
          + settings.genomes().stream().map(Genome::name).toList());
    }
    GenomeRanges.ParamRange range = GenomeRanges.range(g, parts[2]);
    if (g.strategy() == null && range == null) {
      throw new InvalidInputException(d.where() + ": " + d.key() + ": a " + (g.learned() != null ? "learned" : g.kind().toString()) + " genome has no field '" + parts[2] + "'; it has "
          + GenomeRanges.of(g).stream().map(GenomeRanges.ParamRange::key).toList());
    }
    if (range != null && !d.isChoices() && (d.min() < range.min() || d.max() > range.max())) {
      throw new InvalidInputException(d.where() + ": " + d.key() + ": [" + SearchSpace.fmt(d.min()) + ", " + SearchSpace.fmt(d.max())
          + "] goes beyond the genome range [" + SearchSpace.fmt(range.min()) + ", " + SearchSpace.fmt(range.max()) + "] (" + range.meaning() + ")");
    }
    if (range != null && range.integer() && !d.isChoices() && !d.integer()) {
      throw new InvalidInputException(d.where() + ": " + d.key() + ": the field takes whole numbers; give whole min and max and a whole step, or a list");
    }
    for (String v : probe) {
      try {
        g.with(parts[2], genomeValue(v));
      } catch (InvalidInputException | NumberFormatException e) {
        throw new InvalidInputException(d.where() + ": " + d.key() + " = " + v + ": " + (e instanceof NumberFormatException ? "not a number" : e.getMessage()), e);
      }
    }
  }

  /** The settings of one candidate; its values by key, as a search writes them. */
  public BacktestSettings settings(Map<String, String> values) {
    return settings(values, from, to);
  }

  public BacktestSettings settings(Map<String, String> values, Instant from, Instant to) {
    Config c = config(values);
    BacktestSettings s = BacktestSettings.fromConfig(c, home, from, to);
    List<Genome> genomes = new ArrayList<>(s.genomes());
    boolean changed = false;
    for (Dimension d : dims) {
      if (d.target() != Dimension.Target.GENOME) continue;
      String[] parts = d.key().split("\\.", 3);
      for (int i = 0; i < genomes.size(); i++) {
        if (genomes.get(i).name().equals(parts[1])) {
          genomes.set(i, genomes.get(i).with(parts[2], genomeValue(values.get(d.key()))));
          changed = true;
        }
      }
    }
    return changed ? s.withGenomes(genomes) : s;
  }

  /** The configuration of one candidate (genome fields apart: they are not configuration keys). */
  public Config config(Map<String, String> values) {
    Config c = base;
    for (Dimension d : dims) {
      String v = values.get(d.key());
      switch (d.target()) {
        case STRATEGY_PARAM -> c = c.withValue("troupe.backtest.params." + d.key(), ConfigValueFactory.fromAnyRef(v, "search candidate"));
        case CONFIG -> c = c.withValue(d.key(), ConfigValueFactory.fromAnyRef(typed(v), "search candidate " + d.key() + "=" + v));
        case GENOME -> { }
      }
    }
    return c;
  }

  /** The genomes of one candidate, for best.json's folder. */
  public List<Genome> genomes(Map<String, String> values) {
    return settings(values).genomes();
  }

  /** The searched values as a configuration tree: strategy, its parameters and the configuration keys (best.json). */
  public Map<String, Object> configTree(Map<String, String> values, Map<String, String> fixedParams) {
    Map<String, Object> params = new LinkedHashMap<>();
    for (var e : base.getConfig("troupe.backtest.params").root().unwrapped().entrySet()) params.put(e.getKey(), e.getValue());
    for (var e : fixedParams.entrySet()) params.put(e.getKey(), typed(e.getValue()));
    Config out = com.typesafe.config.ConfigFactory.empty().withValue("troupe.backtest.strategy", ConfigValueFactory.fromAnyRef(strategy));
    for (Dimension d : dims) {
      String v = values.get(d.key());
      if (d.target() == Dimension.Target.STRATEGY_PARAM) params.put(d.key(), typed(v));
      if (d.target() == Dimension.Target.CONFIG) out = out.withValue(d.key(), ConfigValueFactory.fromAnyRef(typed(v)));
    }
    if (!BacktestSettings.SPECIALISTS.equals(strategy)) out = out.withValue("troupe.backtest.params", ConfigValueFactory.fromMap(params));
    return out.root().unwrapped();
  }

  static Genome genome(List<Genome> genomes, String name) {
    for (Genome g : genomes) if (g.name().equals(name)) return g;
    return null;
  }

  static double genomeValue(String v) {
    if (v.equals("true")) return 1;
    if (v.equals("false")) return 0;
    return Double.parseDouble(v);
  }

  /** A value as HOCON: numbers and booleans as they are, words quoted. */
  static String quoted(String v) {
    Object t = typed(v);
    return t instanceof String s ? com.typesafe.config.ConfigUtil.quoteString(s) : v;
  }

  /** Numbers as numbers (whole ones as longs), true/false as booleans, the rest as text. */
  static Object typed(String v) {
    if (v.equals("true") || v.equals("false")) return Boolean.valueOf(v);
    try {
      java.math.BigDecimal d = new java.math.BigDecimal(v);
      if (d.signum() == 0 || d.stripTrailingZeros().scale() <= 0) {
        try {
          return d.longValueExact();
        } catch (ArithmeticException e) {
          return d.doubleValue();
        }
      }
      return d.doubleValue();
    } catch (NumberFormatException e) {
      return v;
    }
  }
}
