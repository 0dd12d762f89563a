package io.troupe.app.cluster;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.troupe.app.backtest.BacktestSettings;
import io.troupe.desk.DeskActor;
import io.troupe.desk.DeskCommand;
import io.troupe.model.StepMessage;
import io.troupe.node.NodeSettings;
import io.troupe.performance.PerformanceCommand;
import io.troupe.persistence.CborSerializable;
import io.troupe.market.Bar;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.pubsub.Topic;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;

/**
 * One symbol's desk as a sharded entity on a {@code desk} member, keyed by symbol. It holds the {@link DeskActor}
 * (with its specialists, local to this member) as its child and hands it every {@link DeskCommand}; the desk answers
 * the coordinator straight back, wherever the coordinator runs. The entity learns what to run from the run itself
 * ({@link Start}: the run's {@code troupe} configuration), so a desk member needs no settings of its own.
 */
public final class DeskEntity {

  /** The desks' entity type. Over {@link StepMessage}: the desk's own commands and the entity's two below. */
  public static final EntityTypeKey<StepMessage> TYPE = EntityTypeKey.create(StepMessage.class, "desk");

  /** Where does this desk live? Creates the entity (allocates its shard) if it does not exist yet. */
  public record Locate(ActorRef<Located> replyTo) implements StepMessage, CborSerializable {}

  /** @param member the address of the member hosting the desk, e.g. pekko://troupe@127.0.0.1:25521 */
  public record Located(String symbol, String member) implements CborSerializable {}

  /**
   * Start (or start again, fresh, for a new run) the desk for a run: {@code settings} is the run's {@code troupe}
   * configuration as HOCON, {@code symbols} every symbol of the run, {@code performance} the tracker that hears of the
   * desk's regime changes, {@code coordinator} the run's step coordinator: a bar whose answer goes elsewhere is an
   * earlier run's, still in flight when this one started (a node rebuilt after a desk member's loss), and is dropped.
   * Null takes bars from anyone (a benchmark's asks). {@code feed} and {@code feedRun}: the market feed whose topic
   * brings this run's bars and the run's id on it ({@link Step}), or both null: the bars come in the steps.
   * {@code checkpoint}: the desk's part of the checkpoint the run's node continues from (the desk's and its
   * specialists' states in the versioned form, which this member decodes whatever build wrote them), or null: fresh.
   */
  public record Start(String settings, List<String> symbols, ActorRef<PerformanceCommand> performance, ActorRef<StepMessage> coordinator,
      ActorRef<MarketFeed.Command> feed, String feedRun, io.troupe.checkpoint.NodeCheckpoint checkpoint)
      implements StepMessage, CborSerializable {

    /** Without a feed: the bars come in the steps. */
    public Start(String settings, List<String> symbols, ActorRef<PerformanceCommand> performance, ActorRef<StepMessage> coordinator) {
      this(settings, symbols, performance, coordinator, null, null, null);
    }

    /** Fresh, with {@code feed} and {@code feedRun} as above. */
    public Start(String settings, List<String> symbols, ActorRef<PerformanceCommand> performance, ActorRef<StepMessage> coordinator,
        ActorRef<MarketFeed.Command> feed, String feedRun) {
      this(settings, symbols, performance, coordinator, feed, feedRun, null);
    }

    /** The same start with the desk's part of {@code checkpoint} (null: fresh). */
    Start from(io.troupe.checkpoint.NodeCheckpoint part) {
      return new Start(settings, symbols, performance, coordinator, feed, feedRun, part);
    }
  }

  /**
   * The coordinator's step when the feed is on: {@code rest} is the desk's {@link DeskCommand.OnSteps} without its bars,
   * which are named here by the feed's step sequence and their time, in order; the desk takes them from its topic, or
   * pulls them from the feed, and then hands the whole step to its desk.
   */
  public record Step(List<Long> seqs, List<Long> times, DeskCommand.OnSteps rest) implements StepMessage, CborSerializable {}

  /** How this desk got the bars of the current run: from its topic, or pulled from the feed. */
  public record GetFeedCounts(ActorRef<FeedCounts> replyTo) implements StepMessage, CborSerializable {}

  /**
   * @param byTopic bars the desk used that came by its topic; {@code pulled}: that it pulled (the topic lost them, or
   *     they had not come yet); {@code late}: topic bars that came after the desk had moved past them
   */
  public record FeedCounts(String symbol, long byTopic, long pulled, long late) implements CborSerializable {}

  private record PullAnswer(MarketFeed.Pulled pulled, int attempt) implements StepMessage {}

  private record PullFailed(int attempt, String why) implements StepMessage {}

  /** A pull is asked again this many times at most; then the step is dropped (the coordinator's step bound fails the run). */
  static final int PULL_ATTEMPTS = 60;

  static Behavior<StepMessage> create(String symbol, Path home) {
    return Behaviors.setup(ctx -> new Desk(ctx, symbol, home).behavior());
  }

  /** A bar held for a step: from the topic or pulled, and whether it has been counted (a bar may be named twice). */
  private static final class Held {
    final Bar bar;
    final boolean pulled;
    boolean counted;

    Held(Bar bar, boolean pulled) {
      this.bar = bar;
      this.pulled = pulled;
    }
  }

  /** The entity's state: its desk, the run, and the feed's bars held until a step names them. */
  private static final class Desk {
    private final ActorContext<StepMessage> ctx;
    private final String symbol;
    private final Path home;
    private ActorRef<DeskCommand> desk;
    private ActorRef<StepMessage> coordinator;
    private int runs;
    private ActorRef<MarketFeed.Command> feed;
    private String feedRun;
    private Duration pullTimeout = Duration.ofSeconds(2);
    private boolean subscribed;
    private final TreeMap<Long, Held> held = new TreeMap<>();
    /** Steps before this are behind the desk: a bar of one that comes now is late. */
    private long behind;
    /** What came while a step waits for a pull: handed on in order, after it. */
    private final ArrayDeque<StepMessage> queue = new ArrayDeque<>();
    private boolean pulling;
    private long byTopic;
    private long pulled;
    private long late;

    Desk(ActorContext<StepMessage> ctx, String symbol, Path home) {
      this.ctx = ctx;
      this.symbol = symbol;
      this.home = home;
    }

    Behavior<StepMessage> behavior() {
      return Behaviors.receive(StepMessage.class)
          .onMessage(Locate.class, l -> {
            l.replyTo().tell(new Located(symbol, ctx.getSystem().address().toString()));
            return Behaviors.same();
          })
          .onMessage(Start.class, this::onStart)
          .onMessage(MarketFeed.FeedBar.class, this::onFeedBar)
          .onMessage(PullAnswer.class, this::onPulled)
          .onMessage(PullFailed.class, f -> {
            if (!pulling) return Behaviors.same();
            if (f.attempt() >= PULL_ATTEMPTS) {
              dropStep("the feed did not answer a pull " + f.attempt() + " times (" + f.why() + ")");
            } else {
              ctx.getLog().warn("desk {}: the feed did not answer a pull ({}), asking again", symbol, f.why());
              pull((Step) queue.peek(), f.attempt() + 1);
            }
            return Behaviors.same();
          })
          .onMessage(GetFeedCounts.class, g -> {
            g.replyTo().tell(new FeedCounts(symbol, byTopic, pulled, late));
            return Behaviors.same();
          })
          .onMessage(Step.class, s -> {
            queue.add(s);
            drain();
            return Behaviors.same();
          })
          .onMessage(DeskCommand.class, c -> {
            queue.add(c);
            drain();
            return Behaviors.same();
          })
          .build();
    }

    private Behavior<StepMessage> onStart(Start s) {
      if (desk != null) ctx.stop(desk); // a new run's desk starts fresh
      if (!queue.isEmpty()) ctx.getLog().warn("desk {}: {} message(s) of the earlier run still waiting: dropped", symbol, queue.size());
      if (feedRun != null) ctx.getLog().info("desk {}: run {} took {} bar(s) by topic, pulled {}, {} late", symbol, feedRun, byTopic, pulled, late);
      queue.clear();
      held.clear();
      pulling = false;
      behind = 0;
      byTopic = pulled = late = 0;
      NodeSettings node = settings(s, home);
      desk = ctx.spawn(io.troupe.node.TradingNode.desk(node, symbol, s.checkpoint(), s.performance()), "desk-" + (++runs));
      if (s.checkpoint() != null) ctx.getLog().info("desk {}: restored from the checkpoint of {}", symbol, java.time.Instant.ofEpochMilli(s.checkpoint().time()));
      coordinator = s.coordinator();
      feed = s.feed();
      feedRun = s.feedRun();
      if (feed != null) {
        Config run = ConfigFactory.parseString(s.settings());
        if (run.hasPath("cluster.feed.pull-timeout")) pullTimeout = run.getDuration("cluster.feed.pull-timeout");
        if (!subscribed) {
          // One topic actor per symbol on this member: the entity's, subscribed for as long as the entity lives.
          ActorRef<Topic.Command<MarketFeed.FeedBar>> topic = ctx.spawn(Topic.create(MarketFeed.FeedBar.class, MarketFeed.topicName(symbol)), "bars-topic");
          topic.tell(Topic.subscribe(ctx.getSelf().narrow()));
          subscribed = true;
        }
      }
      return Behaviors.same();
    }

    private Behavior<StepMessage> onFeedBar(MarketFeed.FeedBar f) {
      if (feedRun == null || !feedRun.equals(f.run()) || !symbol.equals(f.bar().symbol())) return Behaviors.same(); // another run's
      if (f.seq() < behind) {
        late++;
      } else {
        held.putIfAbsent(f.seq(), new Held(f.bar(), false));
        drain();
      }
      return Behaviors.same();
    }

    private Behavior<StepMessage> onPulled(PullAnswer a) {
      if (!pulling || !feedRun.equals(a.pulled().run())) return Behaviors.same();
      Step step = (Step) queue.peek();
      for (MarketFeed.FeedBar f : a.pulled().bars()) {
        int i = step.seqs().indexOf(f.seq());
        if (i < 0 || f.bar().time() != step.times().get(i) || !symbol.equals(f.bar().symbol())) {
          ctx.getLog().error("desk {}: the feed answered a pull with a bar not asked for (step {} at {}): ignored", symbol, f.seq(), f.bar().time());
          continue;
        }
        Held h = held.get(f.seq());
        if (h == null || h.bar.time() != f.bar().time()) held.put(f.seq(), new Held(f.bar(), true));
      }
      pulling = false;
      if (missing(step).isEmpty()) {
        drain();
      } else if (a.attempt() >= PULL_ATTEMPTS) {
        dropStep("the feed does not have the bars of steps " + missing(step));
      } else {
        pull(step, a.attempt() + 1);
      }
      return Behaviors.same();
    }

    /** The step at the head of the queue cannot have its bars: dropped (the coordinator's step bound then fails the run). */
    private void dropStep(String why) {
      ctx.getLog().error("desk {}: {}: the step is dropped", symbol, why);
      pulling = false;
      queue.poll();
      drain();
    }

    /** Hands on what waits, in order, up to a step whose bars are not all here: those are pulled. */
    private void drain() {
      while (!pulling && !queue.isEmpty()) {
        StepMessage head = queue.peek();
        if (head instanceof Step s) {
          List<Long> missing = missing(s);
          if (!missing.isEmpty()) {
            pull(s, 1);
            return;
          }
          queue.poll();
          deliver(s);
        } else {
          queue.poll();
          hand((DeskCommand) head);
        }
      }
    }

    /** The step's sequences whose bar is not held (or is not the bar of the time named: never used). */
    private List<Long> missing(Step s) {
      List<Long> out = new ArrayList<>(0);
      for (int i = 0; i < s.seqs().size(); i++) {
        Held h = held.get(s.seqs().get(i));
        if (h == null || h.bar.time() != s.times().get(i)) out.add(s.seqs().get(i));
      }
      return out;
    }

    private void pull(Step s, int attempt) {
      pulling = true;
      List<Long> missing = missing(s);
      ctx.ask(MarketFeed.Pulled.class, feed, pullTimeout, r -> new MarketFeed.Pull(feedRun, symbol, missing, r),
          (answer, failure) -> answer != null ? new PullAnswer(answer, attempt) : new PullFailed(attempt, String.valueOf(failure)));
    }

    /** The step with its bars, to the desk; the steps before its first are behind it now. */
    private void deliver(Step s) {
      List<Bar> bars = new ArrayList<>(s.seqs().size());
      for (long seq : s.seqs()) {
        Held h = held.get(seq);
        if (!h.counted) {
          h.counted = true;
          if (h.pulled) pulled++;
          else byTopic++;
        }
        bars.add(h.bar);
      }
      // A step names its own bar first, then later ones: no later step names a bar before this step's.
      long first = s.seqs().get(0);
      held.headMap(first).clear();
      behind = Math.max(behind, first);
      hand(s.rest().withBars(bars));
    }

    private void hand(DeskCommand c) {
      if (desk == null) {
        ctx.getLog().error("desk {}: {} before the run started it (no Start): dropped", symbol, c.getClass().getSimpleName());
      } else if (coordinator != null && answersTo(c) != null && !coordinator.equals(answersTo(c))) {
        ctx.getLog().warn("desk {}: a bar of an earlier run (its answer goes to {}, this run's coordinator is {}): dropped", symbol, answersTo(c), coordinator);
      } else {
        desk.tell(c);
      }
    }
  }

  /** Where a step's command sends its answer (the coordinator of the run that sent it); null for a query or a swap. */
  private static ActorRef<?> answersTo(DeskCommand c) {
    if (c instanceof DeskCommand.OnSteps s) return s.replyTo();
    if (c instanceof DeskCommand.OnBar b) return b.replyTo();
    return null;
  }

  /** The node settings of the run, from its configuration, as the account member read them. */
  static NodeSettings settings(Start s, Path home) {
    Config run = ConfigFactory.parseString(s.settings()).atKey("troupe").withFallback(ConfigFactory.load()).resolve();
    return BacktestSettings.fromConfig(run, home, null, null).node(s.symbols());
  }

  private DeskEntity() {}
}
