package io.troupe.app.cluster;

import io.troupe.market.Bar;
import io.troupe.model.StepMessage;
import io.troupe.node.NodeCommand;
import io.troupe.persistence.CborSerializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.Terminated;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.pubsub.Topic;

/**
 * The market feed of a clustered run, on the member with role {@code feed} (the run's own member: the feed publishes
 * from the bar source the run reads). The run's steps pass through a front ({@link #front}) on their way to the trading
 * node: it numbers each step and has the feed publish its bars, one message per symbol, on the symbol's distributed
 * pub-sub topic ({@link #topicName}), before the node sees the step. A desk entity subscribes to its symbol's topic and
 * holds the bars by sequence until the coordinator's step names them; a topic delivers at most once and drops what it
 * publishes before it has heard of a subscriber, so the feed also keeps each step's bars for a desk that asks for one
 * it did not get ({@link Pull}), until the run is two steps (or batches) past it.
 */
public final class MarketFeed {

  /** The topic of {@code symbol}'s bars. */
  static String topicName(String symbol) {
    return "troupe-bars-" + symbol;
  }

  public sealed interface Command {}

  /** One bar of the run {@code run}'s step number {@code seq} (from 1), on its symbol's topic or in a {@link Pulled}. */
  public record FeedBar(String run, long seq, Bar bar) implements StepMessage, CborSerializable {}

  /** A desk's request for the bars of {@code symbol} at steps {@code seqs} of the run {@code run}: answered by {@link Pulled}. */
  public record Pull(String run, String symbol, List<Long> seqs, ActorRef<Pulled> replyTo) implements Command, CborSerializable {}

  /** The bars asked for that the feed still holds (one it forgot, or never had, is left out). */
  public record Pulled(String run, String symbol, List<FeedBar> bars) implements CborSerializable {}

  /** From the front: publish the step's bars and keep them for pulls. */
  record Publish(String run, long seq, List<Bar> bars) implements Command {}

  /** From the front: the run's steps before {@code below} are behind it, no desk asks for them again. */
  record Forget(String run, long below) implements Command {}

  /** The run's node has gone: its bars are dropped, its figures logged. */
  record EndRun(String run) implements Command {}

  /** What the feed did for {@code run} so far. */
  record GetStats(String run, ActorRef<Stats> replyTo) implements Command {}

  /**
   * @param published bars handed to their topics; {@code leftOff}: bars left off their topic by {@code lose-every};
   *     {@code pulled}: bars sent to desks that asked for them
   */
  record Stats(long steps, long published, long leftOff, long pulled) {}

  /** Waits until each of {@code symbols}' topics lists a subscriber on some member, at most {@code bound}. */
  record AwaitTopics(List<String> symbols, Duration bound, ActorRef<TopicsListed> replyTo) implements Command {}

  /** {@code unlisted}: the symbols whose topic listed no subscriber within the bound. */
  record TopicsListed(List<String> unlisted, long millis) {}

  /** The feed of this member, started once; {@code loseEvery}: leave every Nth bar off its topic (0: none), for tests. */
  static ActorRef<Command> init(ActorSystem<?> system, long loseEvery) {
    return system.systemActorOf(create(loseEvery), "market-feed", Props.empty());
  }

  private static final class RunState {
    final TreeMap<Long, List<Bar>> steps = new TreeMap<>();
    long stepCount;
    long published;
    long leftOff;
    long pulled;
  }

  static Behavior<Command> create(long loseEvery) {
    return Behaviors.setup(ctx -> {
      Map<String, ActorRef<Topic.Command<FeedBar>>> topics = new HashMap<>();
      Map<String, RunState> runs = new HashMap<>();
      long[] seen = {0};
      return Behaviors.receive(Command.class)
          .onMessage(Publish.class, p -> {
            RunState run = runs.computeIfAbsent(p.run(), r -> new RunState());
            run.steps.put(p.seq(), p.bars());
            run.stepCount++;
            for (Bar bar : p.bars()) {
              if (loseEvery > 0 && ++seen[0] % loseEvery == 0) {
                run.leftOff++;
                continue;
              }
              topic(ctx, topics, bar.symbol()).tell(Topic.publish(new FeedBar(p.run(), p.seq(), bar)));
              run.published++;
            }
            return Behaviors.same();
          })
          .onMessage(Pull.class, p -> {
            RunState run = runs.get(p.run());
            List<FeedBar> found = new ArrayList<>(p.seqs().size());
            if (run != null) {
              for (long seq : p.seqs()) {
                List<Bar> step = run.steps.get(seq);
                if (step == null) continue;
                for (Bar b : step) if (b.symbol().equals(p.symbol())) found.add(new FeedBar(p.run(), seq, b));
              }
              run.pulled += found.size();
            }
            if (found.size() < p.seqs().size()) {
              ctx.getLog().warn("feed: a pull for {} steps {} of run {} found {} bar(s) only (the run has gone, or forgot them)", p.symbol(), p.seqs(), p.run(), found.size());
            }
            p.replyTo().tell(new Pulled(p.run(), p.symbol(), found));
            return Behaviors.same();
          })
          .onMessage(Forget.class, f -> {
            RunState run = runs.get(f.run());
            if (run != null) run.steps.headMap(f.below()).clear();
            return Behaviors.same();
          })
          .onMessage(EndRun.class, e -> {
            RunState run = runs.remove(e.run());
            if (run != null) {
              ctx.getLog().info("feed: run {} ended: {} steps, {} bars on topics, {} left off (lose-every), {} pulled by desks", e.run(), run.stepCount,
                  run.published, run.leftOff, run.pulled);
            }
            return Behaviors.same();
          })
          .onMessage(GetStats.class, g -> {
            RunState run = runs.get(g.run());
            g.replyTo().tell(run == null ? new Stats(0, 0, 0, 0) : new Stats(run.stepCount, run.published, run.leftOff, run.pulled));
            return Behaviors.same();
          })
          .onMessage(AwaitTopics.class, a -> {
            Map<String, ActorRef<Topic.Command<FeedBar>>> wanted = new TreeMap<>();
            for (String s : a.symbols()) wanted.put(s, topic(ctx, topics, s));
            ctx.spawnAnonymous(TopicsWait.create(wanted, a.bound(), a.replyTo()));
            return Behaviors.same();
          })
          .build();
    });
  }

  private static ActorRef<Topic.Command<FeedBar>> topic(ActorContext<?> ctx, Map<String, ActorRef<Topic.Command<FeedBar>>> topics, String symbol) {
    return topics.computeIfAbsent(symbol, s -> ctx.spawn(Topic.create(FeedBar.class, topicName(s)), "topic-" + actorName(s)));
  }

  static String actorName(String symbol) {
    return symbol.replaceAll("[^A-Za-z0-9_-]", "_");
  }

  /**
   * Asks each topic's statistics every 100 ms (a timer message) until each knows a topic instance with a subscriber
   * (the desk's, on its member: the listing spreads by the receptionist's gossip), or the bound has passed.
   */
  private static final class TopicsWait {
    private sealed interface Msg {}

    private record Seen(String symbol, Topic.TopicStats stats) implements Msg {}

    private enum Tick implements Msg { INSTANCE }

    static Behavior<Msg> create(Map<String, ActorRef<Topic.Command<FeedBar>>> topics, Duration bound, ActorRef<TopicsListed> replyTo) {
      return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
        long started = System.nanoTime();
        TreeSet<String> unlisted = new TreeSet<>(topics.keySet());
        Runnable ask = () -> {
          for (String s : unlisted) topics.get(s).tell(Topic.getTopicStats(ctx.messageAdapter(Topic.TopicStats.class, st -> new Seen(s, st))));
        };
        ask.run();
        timers.startTimerWithFixedDelay(Tick.INSTANCE, Duration.ofMillis(100));
        return Behaviors.receive(Msg.class)
            .onMessage(Seen.class, s -> {
              if (s.stats().topicInstanceCount() > 0) unlisted.remove(s.symbol());
              if (!unlisted.isEmpty()) return Behaviors.same();
              replyTo.tell(new TopicsListed(List.of(), (System.nanoTime() - started) / 1_000_000));
              return Behaviors.stopped();
            })
            .onMessage(Tick.class, t -> {
              long millis = (System.nanoTime() - started) / 1_000_000;
              if (millis >= bound.toMillis()) {
                replyTo.tell(new TopicsListed(List.copyOf(unlisted), millis));
                return Behaviors.stopped();
              }
              ask.run();
              return Behaviors.same();
            })
            .build();
      }));
    }
  }

  /**
   * Between the run and its trading node: numbers each step the run hands over (from 1), records the step's sequence
   * by its time in {@code run} (the coordinator names bars by it), has the feed publish the step's bars, and only then
   * hands the step on, unchanged; every other command goes on as it came. The steps of the message before last are
   * forgotten (the run hands over one step, or one batch, at a time, and waits for its answer). Stops with the node.
   */
  static Behavior<NodeCommand> front(FeedRun run, ActorRef<NodeCommand> node) {
    return Behaviors.<NodeCommand>setup(ctx -> {
      ctx.watch(node);
      long[] seq = {0};
      java.util.ArrayDeque<Handed> handed = new java.util.ArrayDeque<>();
      return Behaviors.receive(NodeCommand.class)
          .onMessage(NodeCommand.RunStep.class, s -> {
            handOver(run, seq, handed, List.of(s.bars()));
            node.tell(s);
            return Behaviors.same();
          })
          .onMessage(NodeCommand.RunSteps.class, s -> {
            handOver(run, seq, handed, s.steps());
            node.tell(s);
            return Behaviors.same();
          })
          .onAnyMessage(c -> {
            node.tell(c);
            return Behaviors.same();
          })
          .onSignal(Terminated.class, t -> {
            run.feed().tell(new EndRun(run.id()));
            return Behaviors.stopped();
          })
          .build();
    }).narrow();
  }

  /** One message's steps: the first one's sequence, and each one's time. */
  private record Handed(long first, List<Long> times) {}

  /**
   * Numbers and publishes {@code steps}; then forgets the steps of the message before the last one: the run hands over
   * one message at a time and waits for its answer, so no desk asks for those again.
   */
  private static void handOver(FeedRun run, long[] seq, java.util.ArrayDeque<Handed> handed, List<List<Bar>> steps) {
    long first = seq[0] + 1;
    List<Long> times = new ArrayList<>(steps.size());
    for (List<Bar> step : steps) {
      if (step.isEmpty()) continue;
      long time = step.get(0).time();
      long n = ++seq[0];
      run.numbered(time, n);
      run.feed().tell(new Publish(run.id(), n, step));
      times.add(time);
    }
    handed.addLast(new Handed(first, times));
    while (handed.size() > 2) run.forget(handed.removeFirst().times());
    run.feed().tell(new Forget(run.id(), handed.peekFirst().first()));
  }

  private MarketFeed() {}
}
