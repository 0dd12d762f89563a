package io.troupe.app.research;

import io.troupe.app.backtest.BacktestResult;
import io.troupe.app.backtest.BacktestRunner;
import io.troupe.app.backtest.NodeHost;
import io.troupe.app.backtest.BacktestSettings;
import io.troupe.app.backtest.DirectLoops;
import io.troupe.app.backtest.NoMessageSerialization;
import io.troupe.app.backtest.StepGrouping;
import io.troupe.app.report.BacktestMetrics;
import io.troupe.market.Bar;
import io.troupe.market.ReadOptions;
import io.troupe.model.EquityPoint;
import io.troupe.model.InvalidInputException;
import io.troupe.model.RoundTrip;
import io.troupe.node.DirectLoop;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Backtests one candidate over bars held in memory: through the plain loop of the agents' decision classes (the
 * default: {@link DirectLoop}, proven equal to the actors trade for trade by ActorsMatchDirectLoopTest), or through the
 * trading actors as {@code troupe backtest} runs them. Thread-safe: each call builds its own loop or actor system; the
 * bars and steps are shared read-only.
 */
public final class CandidateEvaluator {

  /** How a candidate is backtested. */
  public enum Through { LOOP, ACTORS }

  /** One run's equity, trades and fees, whichever way it ran. */
  public record Run(BacktestSettings settings, List<EquityPoint> equity, List<RoundTrip> trades, double fees) {}

  private final CandidateSettings candidates;
  private final Map<String, List<Bar>> bars;
  private final List<List<Bar>> steps;
  private final Through through;
  private final int blocks;

  /** {@code bars}: each symbol's bars inside the span already, resampled already. */
  public CandidateEvaluator(CandidateSettings candidates, Map<String, List<Bar>> bars, Through through, int blocks) {
    this.candidates = candidates;
    this.bars = bars;
    this.steps = StepGrouping.steps(bars);
    this.through = through;
    this.blocks = blocks;
  }

  public int steps() {
    return steps.size();
  }

  public CandidateSettings candidates() {
    return candidates;
  }

  public Evaluation evaluate(int index, Map<String, String> values) {
    return evaluate(index, values, NodeHost.LOCAL);
  }

  /** As above; through the actors, the node runs in {@code host} (a worker's {@link io.troupe.app.backtest.ReusedSystem}). */
  public Evaluation evaluate(int index, Map<String, String> values, NodeHost host) {
    try {
      Run run = run(values, host);
      Map<String, Object> metrics = BacktestMetrics.compute(run.equity(), run.trades(), run.settings().cash(), run.fees()).toOrderedMap();
      return new Evaluation(index, values, metrics, Evaluation.ReturnStats.of(run.equity(), blocks), null);
    } catch (InvalidInputException e) {
      return new Evaluation(index, values, null, null, e.getMessage());
    }
  }

  public Run run(Map<String, String> values) {
    return run(values, NodeHost.LOCAL);
  }

  public Run run(Map<String, String> values, NodeHost host) {
    BacktestSettings settings = candidates.settings(values);
    List<String> symbols = new ArrayList<>(bars.keySet());
    if (through == Through.ACTORS) {
      var config = NoMessageSerialization.apply(candidates.config(values));
      BacktestResult r = new BacktestRunner(settings, config, ReadOptions.DEFAULT, null, false, host).runBars(bars, n -> {});
      return new Run(settings, r.positions().equity(), r.positions().trades(), r.positions().fees());
    }
    DirectLoop loop = DirectLoops.of(settings.node(symbols), settings);
    for (List<Bar> step : steps) loop.step(step);
    return new Run(settings, loop.equity(), loop.trades(), loop.fees());
  }

  /** The bars of [from, to) of each symbol (the walk-forward windows); a symbol without bars there is left out. */
  public static Map<String, List<Bar>> span(Map<String, List<Bar>> bars, Instant from, Instant to) {
    long lo = from == null ? Long.MIN_VALUE : from.toEpochMilli();
    long hi = to == null ? Long.MAX_VALUE : to.toEpochMilli();
    Map<String, List<Bar>> out = new LinkedHashMap<>();
    for (var e : bars.entrySet()) {
      List<Bar> in = new ArrayList<>();
      for (Bar b : e.getValue()) if (b.time() >= lo && b.time() < hi) in.add(b);
      if (!in.isEmpty()) out.put(e.getKey(), in);
    }
    return out;
  }
}
