package io.troupe.app.research;

import io.troupe.app.research.EvaluationCommand.Evaluate;
import io.troupe.app.research.EvaluationCommand.Evaluated;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.PostStop;
import io.troupe.app.backtest.ReusedSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * A pool of evaluation workers behind one actor. Requests queue at the pool; each worker takes one at a time and asks
 * for the next when it answers (work pulling), so a slow candidate holds up one worker only. The workers run on a
 * dispatcher of their own with one thread each: an evaluation is a whole backtest, run to the end on that thread.
 */
public final class EvaluationPool {

  static final String DISPATCHER = "troupe-evaluation-dispatcher";

  /** A worker's request and where to answer: between the pool and its workers only. */
  record Work(Evaluate request, ActorRef<EvaluationCommand> pool) implements io.troupe.persistence.CborSerializable {}

  /** A worker's answer to the pool: internal to the pool (the protocol permits it only for this). */
  record WorkerDone(ActorRef<Work> worker, Evaluate request, Evaluated answer) implements EvaluationCommand {}

  private EvaluationPool() {}

  /** The pool's behaviour: {@code workers} workers over {@code evaluator}. */
  public static Behavior<EvaluationCommand> create(CandidateEvaluator evaluator, int workers) {
    return Behaviors.setup(ctx -> {
      ArrayDeque<ActorRef<Work>> idle = new ArrayDeque<>();
      for (int i = 0; i < workers; i++) idle.add(ctx.spawn(worker(evaluator), "worker-" + (i + 1), DispatcherSelector.fromConfig(DISPATCHER)));
      ArrayDeque<Evaluate> queue = new ArrayDeque<>();
      return Behaviors.receive(EvaluationCommand.class)
          .onMessage(Evaluate.class, e -> {
            queue.add(e);
            if (!idle.isEmpty()) idle.poll().tell(new Work(queue.poll(), ctx.getSelf()));
            return Behaviors.same();
          })
          .onMessage(WorkerDone.class, d -> {
            d.request().replyTo().tell(d.answer());
            if (queue.isEmpty()) idle.add(d.worker());
            else d.worker().tell(new Work(queue.poll(), ctx.getSelf()));
            return Behaviors.same();
          })
          .build();
    });
  }

  private static Behavior<Work> worker(CandidateEvaluator evaluator) {
    // Through the actors, a worker's candidates run one after another in one actor system of its own.
    return Behaviors.setup(ctx -> {
      ReusedSystem system = new ReusedSystem();
      return Behaviors.receive(Work.class).onMessage(Work.class, w -> work(ctx, evaluator, system, w)).onSignal(PostStop.class, s -> {
        system.close();
        return Behaviors.same();
      }).build();
    });
  }

  private static Behavior<Work> work(org.apache.pekko.actor.typed.javadsl.ActorContext<Work> ctx, CandidateEvaluator evaluator, ReusedSystem system, Work w) {
    Evaluate e = w.request();
    Evaluated answer;
    try {
      answer = new Evaluated(e.index(), evaluator.evaluate(e.index(), e.values(), system), null);
    } catch (RuntimeException | StackOverflowError ex) {
      StringWriter trace = new StringWriter();
      ex.printStackTrace(new PrintWriter(trace));
      answer = new Evaluated(e.index(), null, trace.toString());
    }
    w.pool().tell(new WorkerDone(ctx.getSelf(), e, answer));
    return Behaviors.same();
  }

  /** The actor system configuration the pool needs: its dispatcher, one thread per worker. */
  public static com.typesafe.config.Config config(int workers) {
    return com.typesafe.config.ConfigFactory.parseString(DISPATCHER + " { type = Dispatcher, executor = thread-pool-executor, "
        + "thread-pool-executor.fixed-pool-size = " + workers + ", throughput = 1 }");
  }

  /**
   * Evaluates a batch through the pool and waits for every answer, calling {@code each} on this thread as they come
   * (in the order they finish); returns them by index order. A failure of a worker ends the batch with it.
   */
  public static List<Evaluation> evaluate(ActorSystem<EvaluationCommand> pool, ActorRef<Evaluated> inbox, BlockingQueue<Evaluated> answers,
      List<Evaluate> batch, java.util.function.Consumer<Evaluation> each) {
    for (Evaluate e : batch) pool.tell(new Evaluate(e.index(), e.values(), inbox));
    List<Evaluation> out = new ArrayList<>();
    while (out.size() < batch.size()) {
      Evaluated a;
      try {
        a = answers.poll(10, TimeUnit.MINUTES);
      } catch (InterruptedException ex) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for the evaluations", ex);
      }
      if (a == null) throw new IllegalStateException("no evaluation answered within 10 minutes");
      if (a.failure() != null) throw new IllegalStateException("a candidate's evaluation failed: " + a.failure());
      out.add(a.evaluation());
      each.accept(a.evaluation());
    }
    out.sort(java.util.Comparator.comparingInt(Evaluation::index));
    return out;
  }
}
