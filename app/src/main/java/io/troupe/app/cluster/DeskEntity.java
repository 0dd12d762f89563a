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
import java.nio.file.Path;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
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
   * Null takes bars from anyone (a benchmark's asks).
   */
  public record Start(String settings, List<String> symbols, ActorRef<PerformanceCommand> performance, ActorRef<StepMessage> coordinator)
      implements StepMessage, CborSerializable {}

  static Behavior<StepMessage> create(String symbol, Path home) {
    return Behaviors.setup(ctx -> idle(ctx, symbol, home, null, null, 0));
  }

  private static Behavior<StepMessage> idle(ActorContext<StepMessage> ctx, String symbol, Path home, ActorRef<DeskCommand> desk,
      ActorRef<StepMessage> coordinator, int runs) {
    return Behaviors.receive(StepMessage.class)
        .onMessage(Locate.class, l -> {
          l.replyTo().tell(new Located(symbol, ctx.getSystem().address().toString()));
          return Behaviors.same();
        })
        .onMessage(Start.class, s -> {
          if (desk != null) ctx.stop(desk); // a new run's desk starts fresh
          NodeSettings node = settings(s, home);
          ActorRef<DeskCommand> started = ctx.spawn(
              DeskActor.create(symbol, node.specialistsBySymbol().get(symbol), node.metaController(symbol), node.swaps(), s.performance()), "desk-" + (runs + 1));
          return idle(ctx, symbol, home, started, s.coordinator(), runs + 1);
        })
        .onMessage(DeskCommand.class, c -> {
          if (desk == null) {
            ctx.getLog().error("desk {}: {} before the run started it (no Start): dropped", symbol, c.getClass().getSimpleName());
          } else if (coordinator != null && answersTo(c) != null && !coordinator.equals(answersTo(c))) {
            ctx.getLog().warn("desk {}: a bar of an earlier run (its answer goes to {}, this run's coordinator is {}): dropped", symbol, answersTo(c), coordinator);
          } else {
            desk.tell(c);
          }
          return Behaviors.same();
        })
        .build();
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
