package io.troupe.app.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.troupe.indicator.IndicatorSpec;
import io.troupe.model.InvalidInputException;
import io.troupe.specialist.Genome;
import io.troupe.specialist.GenomeLoader;
import io.troupe.specialist.GenomeRanges;
import io.troupe.strategy.StrategyCatalog;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code troupe list}: what a command line can name, with parameters and defaults. */
@Command(name = "list", mixinStandardHelpOptions = true,
    description = "List what the options can name: strategies (with parameters and defaults), indicators, the regime specialists' genomes, timeframes.",
    footer = {"%nExamples:", "  troupe list strategies", "  troupe list specialists"})
final class ListCommand implements Callable<Integer> {

  enum What { strategies, indicators, specialists, timeframes }

  @Parameters(paramLabel = "WHAT", description = "One of: ${COMPLETION-CANDIDATES}.")
  What what;

  @picocli.CommandLine.Option(names = "--plugins", paramLabel = "DIR", description = "A folder of strategy plugin jars to list too.")
  Path plugins;

  @picocli.CommandLine.Option(names = "--genomes", paramLabel = "DIR",
      description = "With specialists: the genomes in this folder instead of troupe.specialists.dir's.")
  Path genomesDir;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    if (plugins != null) StrategyPlugins.load(plugins);
    switch (what) {
      case strategies -> {
        out.println("specialists   the four regime specialists under each symbol's meta-controller (the default; see: troupe list specialists)");
        for (String s : StrategyCatalog.available()) out.println(s);
        out.println();
        out.println("run one: troupe backtest --strategy sma-cross --param period=50");
      }
      case indicators -> {
        for (String s : IndicatorSpec.available()) out.println(s);
        out.println();
        out.println("compute some: troupe indicators --data FILE --indicators \"sma(30),rsi(14),bbands(20,2)\"");
      }
      case specialists -> {
        Config config = ConfigFactory.load();
        Path dir = genomesDir != null ? genomesDir : Path.of(config.getString("troupe.specialists.dir"));
        // --genomes is a path as typed (from here); the configured folder is relative to troupe's home.
        Path genomes = genomesDir != null ? genomesDir.toAbsolutePath().normalize()
            : dir.isAbsolute() ? dir : BacktestCommand.home().resolve(dir).normalize();
        List<Genome> all;
        try {
          all = GenomeLoader.loadAll(genomes);
        } catch (RuntimeException e) {
          if (e instanceof InvalidInputException) throw e;
          throw new InvalidInputException((genomesDir != null ? "--genomes" : "troupe.specialists.dir") + ": " + genomes + ": " + e.getMessage(), e);
        }
        out.println("genomes in " + genomes + (genomesDir != null ? " (--genomes):" : " (troupe.specialists.dir):"));
        for (Genome g : all) {
          out.println();
          if (g.strategy() != null) {
            out.println(g.name() + "   specialist of the " + g.kind().name().toLowerCase() + " regime: strategy " + g.strategy());
            for (GenomeRanges.ParamRange r : GenomeRanges.STRATEGY_GENOME) {
              out.printf("  %-24s %-10s (%s) %s%n", r.key(), number(g.params().get(r.key())), number(r.min()) + " .. " + number(r.max()), r.meaning());
            }
            g.strategyParams().forEach((k, v) -> out.printf("  %-24s %-10s %s%n", k, number(v), "the strategy's parameter"));
            continue;
          }
          out.println(g.name() + "   specialist of the " + g.kind().name().toLowerCase() + " regime"
              + (g.learned() != null ? ": learned (" + g.learned().label().text() + " label, " + g.learned().calibration().text() + " calibration) on "
                  + String.join(", ", g.learned().features()) : ""));
          for (GenomeRanges.ParamRange r : GenomeRanges.of(g)) {
            Double v = g.params().get(r.key());
            String range = r.flag() ? "0 or 1" : number(r.min()) + " .. " + number(r.max());
            out.printf("  %-24s %-10s (%s) %s%n", r.key(), v == null ? "-" : number(v), range, r.meaning());
          }
        }
      }
      case timeframes -> {
        out.println("a count and a unit: m (minutes), h (hours), d (days), w (weeks, from Monday 00:00 UTC)");
        out.println("e.g. 1m 5m 15m 30m 1h 4h 1d 1w");
        out.println();
        out.println("--timeframe resamples to a coarser timeframe than the data's own (a finer one is refused); troupe data shows a file's.");
      }
    }
    out.flush();
    return TroupeCli.EXIT_OK;
  }

  private static String number(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.valueOf(v);
  }
}
