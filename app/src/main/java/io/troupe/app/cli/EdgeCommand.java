package io.troupe.app.cli;

import io.troupe.model.InvalidInputException;
import io.troupe.app.backtest.RegimeTimelines;
import io.troupe.performance.EdgeTable;
import io.troupe.performance.TradesCsv;
import io.troupe.model.RoundTrip;
import io.troupe.regime.Regime;
import io.troupe.regime.RegimeTimeline;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code troupe edge}: the daily validation table of a run: does each specialist have an edge after fees? */
@Command(name = "edge", mixinStandardHelpOptions = true,
    footer = {"%nExamples:", "  troupe edge --run runs/latest"},
    description = "Per specialist, regime and symbol: trades, win rate, average win/loss, reward:risk, edge per trade, profit factor, and a positive-edge verdict after fees, from a run's output folder.")
final class EdgeCommand implements Callable<Integer> {

  @Option(names = "--run", required = true, paramLabel = "DIR", description = "A backtest or paper run's output folder (trades.csv, regimes.csv).")
  Path run;

  @Option(names = "--min-trades", paramLabel = "N", defaultValue = "30", description = "Fewer trades than this give the verdict INSUFFICIENT (default ${DEFAULT-VALUE}).")
  int minTrades;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    Path trades = run.resolve("trades.csv");
    if (!Files.isRegularFile(trades)) throw new InvalidInputException(run + ": no trades.csv (is this a run's output folder?)");
    List<RoundTrip> trips = TradesCsv.read(trades);
    Path regimes = run.resolve(RegimeTimelines.FILE);
    Map<String, List<RegimeTimeline.Span>> spans = Files.isRegularFile(regimes) ? RegimeTimelines.readCsv(regimes) : Map.of();
    EdgeTable table = EdgeTable.from(trips, t -> regimeAt(spans.getOrDefault(t.symbol(), List.of()), t.entryTime()), minTrades);
    PrintWriter out = spec.commandLine().getOut();
    out.printf("edge of %d trades in %s (net of fees; verdict needs %d trades)%n", trips.size(), run, minTrades);
    out.print(table.format());
    out.flush();
    return TroupeCli.EXIT_OK;
  }

  private static Regime regimeAt(List<RegimeTimeline.Span> spans, long time) {
    for (RegimeTimeline.Span s : spans) if (s.start() <= time && time < s.end()) return s.regime();
    return null;
  }
}
