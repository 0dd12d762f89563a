package io.troupe.app.research;

import com.fasterxml.jackson.databind.JsonNode;
import io.troupe.app.research.EvaluationCommand.Evaluate;
import io.troupe.app.research.EvaluationCommand.Evaluated;
import io.troupe.model.InvalidInputException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * One search: the method's batches evaluated through the pool of workers, each candidate once (a method that proposes
 * one again gets its score back), every evaluation kept on disk as it comes, and at the end the candidates ranked by
 * the objective under the constraints, with the overfitting statistics of the whole search.
 */
public final class SearchRun {

  /** What "best" means: the objective (higher is better) among the candidates that meet the constraints. */
  public record Objective(String metric, Integer minTrades, Double maxDrawdown) {

    public static final List<String> METRICS = List.of("sharpe", "sortino", "calmar", "profit_factor", "expectancy", "total_return");

    public boolean feasible(Evaluation e) {
      if (!e.ok()) return false;
      if (minTrades != null && e.metric("trade_count") < minTrades) return false;
      return maxDrawdown == null || e.metric("max_drawdown") <= maxDrawdown;
    }

    /** The objective's value; negative infinity when infeasible or undefined, so such a candidate never wins. */
    public double score(Evaluation e) {
      Double v = e.metric(metric);
      if (!feasible(e) || v == null) return Double.NEGATIVE_INFINITY;
      return metric.equals("max_drawdown") ? -v : v;
    }

    /** Best first: feasible before infeasible, then by the objective (undefined last), ties in evaluation order. */
    public Comparator<Evaluation> ranking() {
      return Comparator.comparing((Evaluation e) -> !feasible(e))
          .thenComparing((Evaluation e) -> e.metric(metric) == null)
          .thenComparingDouble((Evaluation e) -> -score(e))
          .thenComparingInt(Evaluation::index);
    }
  }

  /** What a search found: every candidate by index, the same ranked, and the overfitting statistics. */
  public record Outcome(List<Evaluation> all, List<Evaluation> ranked, Overfitting.Deflated deflated, Overfitting.Pbo pbo, int resumed, double seconds,
      int workers) {
    public Evaluation best() {
      return ranked.isEmpty() ? null : ranked.get(0);
    }
  }

  private final CandidateEvaluator evaluator;
  private final SearchMethod method;
  private final Objective objective;
  private final int workers;
  private final int maxCandidates;

  public SearchRun(CandidateEvaluator evaluator, SearchMethod method, Objective objective, int workers, int maxCandidates) {
    this.evaluator = evaluator;
    this.method = method;
    this.objective = objective;
    this.workers = workers;
    this.maxCandidates = maxCandidates;
  }

  /**
   * Runs to the end. {@code dir}: where candidates.jsonl goes (null: nowhere); {@code resume}: go on from the one
   * there; {@code progress} is called with each finished candidate (the count so far).
   */
  public Outcome run(Path dir, JsonNode signature, boolean resume, Consumer<Integer> progress) {
    long started = System.nanoTime();
    Map<String, Evaluation> byKey = new HashMap<>();
    List<Evaluation> all = new ArrayList<>();
    CandidateStore store = null;
    Map<String, Evaluation> kept = new HashMap<>();
    if (dir != null) {
      if (resume) {
        var r = CandidateStore.resume(dir, signature);
        for (Evaluation e : r.getKey()) kept.put(SearchMethod.key(e.values()), e);
        store = r.getValue();
      } else {
        store = CandidateStore.create(dir, signature);
      }
    }
    int resumed = 0;
    // Initialise SLF4J before Pekko's logger races it, which makes SLF4J print replay warnings to stderr.
    org.slf4j.LoggerFactory.getILoggerFactory();
    ActorSystem<EvaluationCommand> pool = ActorSystem.create(EvaluationPool.create(evaluator, workers), "search",
        EvaluationPool.config(workers).withFallback(com.typesafe.config.ConfigFactory.load()));
    try {
      LinkedBlockingQueue<Evaluated> answers = new LinkedBlockingQueue<>();
      ActorRef<Evaluated> inbox = pool.systemActorOf(Behaviors.<Evaluated>receiveMessage(a -> {
        answers.add(a);
        return Behaviors.same();
      }), "answers", Props.empty());
      SearchMethod.Fitness fitness = c -> {
        Evaluation e = byKey.get(SearchMethod.key(c));
        return e == null ? Double.NEGATIVE_INFINITY : objective.score(e);
      };
      int[] done = {0};
      for (List<Map<String, String>> batch = method.next(fitness); !batch.isEmpty(); batch = method.next(fitness)) {
        // Each new candidate gets the next index in the batch's order, whether it runs now or was kept by an interrupted run.
        List<Evaluate> fresh = new ArrayList<>();
        List<Evaluation> reused = new ArrayList<>();
        java.util.Set<String> inBatch = new java.util.HashSet<>();
        int next = all.size();
        for (Map<String, String> c : batch) {
          String key = SearchMethod.key(c);
          if (byKey.containsKey(key) || !inBatch.add(key)) continue;
          int index = next++;
          if (index >= maxCandidates) throw new InvalidInputException("the search would evaluate more than " + maxCandidates + " candidates; search less");
          Evaluation before = kept.get(key);
          if (before != null && before.index() == index) reused.add(before);
          else fresh.add(new Evaluate(index, c, null));
        }
        for (Evaluation e : reused) progress.accept(++done[0]);
        resumed += reused.size();
        CandidateStore sink = store;
        List<Evaluation> got = new ArrayList<>(EvaluationPool.evaluate(pool, inbox, answers, fresh, e -> {
          if (sink != null) sink.append(e);
          progress.accept(++done[0]);
        }));
        got.addAll(reused);
        got.sort(Comparator.comparingInt(Evaluation::index));
        for (Evaluation e : got) {
          byKey.put(SearchMethod.key(e.values()), e);
          all.add(e);
        }
      }
    } finally {
      if (store != null) store.close();
      pool.terminate();
      try {
        pool.getWhenTerminated().toCompletableFuture().get(10, java.util.concurrent.TimeUnit.SECONDS);
      } catch (Exception ignored) {
        // the evaluations are all in
      }
    }
    List<Evaluation> ranked = new ArrayList<>(all);
    ranked.sort(objective.ranking());
    Overfitting.Deflated dsr = deflated(all, ranked.isEmpty() ? null : ranked.get(0));
    Overfitting.Pbo pbo = pbo(all);
    return new Outcome(all, ranked, dsr, pbo, resumed, (System.nanoTime() - started) / 1e9, workers);
  }

  /** The deflated Sharpe ratio of the best candidate, over every candidate evaluated (the trials). */
  static Overfitting.Deflated deflated(List<Evaluation> all, Evaluation best) {
    if (best == null || !best.ok() || !Double.isFinite(best.returns().sharpe())) return null;
    List<Double> sharpes = all.stream().filter(Evaluation::ok).map(e -> e.returns().sharpe()).toList();
    int trials = (int) all.stream().filter(Evaluation::ok).count();
    Evaluation.ReturnStats r = best.returns();
    return Overfitting.deflatedSharpe(r.sharpe(), trials, Overfitting.variance(sharpes), r.count(), r.skew(), r.kurtosis());
  }

  /** PBO over every candidate that ran, by their block sums. */
  static Overfitting.Pbo pbo(List<Evaluation> all) {
    List<Evaluation> ok = all.stream().filter(Evaluation::ok).toList();
    double[][][] blocks = new double[ok.size()][][];
    for (int i = 0; i < ok.size(); i++) blocks[i] = ok.get(i).returns().blocks();
    return Overfitting.pbo(blocks);
  }
}
