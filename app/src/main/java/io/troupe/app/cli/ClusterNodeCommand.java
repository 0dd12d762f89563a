package io.troupe.app.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.troupe.app.cluster.ClusterMember;
import io.troupe.app.cluster.ClusterRole;
import io.troupe.app.cluster.MemberAddress;
import io.troupe.app.config.UserConfig;
import io.troupe.model.InvalidInputException;
import io.troupe.persistence.JournalConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorSystem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code troupe node}: one cluster member, until it is stopped (SIGINT, SIGTERM) or downed. */
@Command(
    name = "node",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    footer = {"%nExamples:",
        "  troupe node --role desk --bind 127.0.0.1:25520 --seed 127.0.0.1:25520",
        "  troupe node --role desk --bind 127.0.0.1:25521 --seed 127.0.0.1:25520",
        "  troupe backtest --cluster --bind 127.0.0.1:25522 --seed 127.0.0.1:25520 --desk-members 2"},
    description = {
      "Start one member of a Troupe cluster (Pekko Cluster over Artery TCP) and keep it up until stopped.",
      "A desk member hosts the sharded desks of the runs on the cluster. An account member needs the PostgreSQL journal",
      "(H2 serves one process only). How to run a cluster: docs/cluster.md."
    })
public class ClusterNodeCommand implements Callable<Integer> {

  @Option(names = "--role", required = true, arity = "1..*", split = ",", paramLabel = "ROLE", description = "account, desk or feed; one or more.")
  List<String> roles;

  @Option(names = "--bind", required = true, paramLabel = "HOST:PORT", description = "Where this member listens, e.g. 127.0.0.1:25520.")
  String bind;

  @Option(names = "--seed", required = true, arity = "1..*", paramLabel = "HOST:PORT",
      description = "The seed members to join through; the first seed starts the cluster when it is this member itself.")
  List<String> seeds;

  @Option(names = "--join-timeout", paramLabel = "SECONDS", defaultValue = "60", description = "The longest wait to join (default 60).")
  int joinTimeout;

  @Option(names = "--config", paramLabel = "FILE", description = "A HOCON file over the packaged configuration.")
  Path configFile;

  @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Any configuration key, e.g. --set troupe.persistence.backend=postgres.")
  Map<String, String> sets = new LinkedHashMap<>();

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    Set<ClusterRole> parsed = ClusterRole.parse(roles);
    MemberAddress at = MemberAddress.parse(bind, "--bind", false);
    List<MemberAddress> seedAddresses = seeds.stream().map(s -> MemberAddress.parse(s, "--seed", false)).toList();
    if (joinTimeout < 1) throw new InvalidInputException("--join-timeout must be >= 1 second, got " + joinTimeout);
    UserConfig user = UserConfig.packaged();
    Config config = ClusterMember.withClusterDefaults(ConfigFactory.load());
    if (configFile != null) config = user.withFile(config, configFile);
    for (var e : sets.entrySet()) config = user.withSet(config, e.getKey(), e.getValue());
    config = config.resolve();
    if (parsed.contains(ClusterRole.ACCOUNT)) requireSharedJournal(config);

    List<String> ids = parsed.stream().map(ClusterRole::id).toList();
    PrintWriter out = spec.commandLine().getOut();
    java.util.function.Consumer<String> say = line -> {
      synchronized (out) {
        out.println(line);
        out.flush();
      }
    };
    ActorSystem<Void> system = ClusterMember.start(ClusterMember.guardian(BacktestCommand.home(), new AtomicBoolean(), say),
        ClusterMember.member(config, ids, at, seedAddresses), at);
    ClusterMember.awaitUp(system, seedAddresses, Duration.ofSeconds(joinTimeout));
    say.accept("node: up at " + at + " (" + system.address() + "), roles " + String.join(",", ids));
    // Removed from the cluster (downed, or left), the member must go. Its coordinated shutdown is bounded by its phases'
    // timeouts, but an actor system that does not terminate after it (seen once a partition had cut the member off)
    // must not linger as a member that believes it still runs: past the grace the process ends at once.
    org.apache.pekko.cluster.Cluster.get(system.classicSystem()).registerOnMemberRemoved(() -> {
      Thread grace = new Thread(() -> {
        try {
          system.getWhenTerminated().toCompletableFuture().get(REMOVED_GRACE.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
          Optional<CoordinatedShutdown.Reason> why = CoordinatedShutdown.get(system.classicSystem()).getShutdownReason();
          boolean downed = why.isPresent() && why.get().equals(CoordinatedShutdown.clusterDowningReason());
          say.accept((downed ? DOWNED : "node: left the cluster") + "; its actor system did not stop within " + REMOVED_GRACE.toSeconds() + " s: ended at once");
          Runtime.getRuntime().halt(TroupeCli.EXIT_INTERNAL);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
          // terminated either way
        }
      }, "troupe-removed-grace");
      grace.setDaemon(true);
      grace.start();
    });
    try {
      system.getWhenTerminated().toCompletableFuture().join();
    } catch (RuntimeException e) {
      // terminated either way
    }
    // Downed: the split-brain resolver on the majority's side took this member for lost (or this side was the
    // minority of a partition). Not a clean stop: whoever supervises the member should know and start it again.
    Optional<CoordinatedShutdown.Reason> why = CoordinatedShutdown.get(system.classicSystem()).getShutdownReason();
    if (why.isPresent() && why.get().equals(CoordinatedShutdown.clusterDowningReason())) {
      say.accept(DOWNED + "; left the cluster");
      return TroupeCli.EXIT_INTERNAL;
    }
    say.accept("node: left the cluster");
    return TroupeCli.EXIT_OK;
  }

  static final String DOWNED = "node: downed by the cluster (unreachable from the majority, or on the minority side of a partition)";

  /** How long a member removed from the cluster may take to stop. */
  static final Duration REMOVED_GRACE = Duration.ofSeconds(30);

  /**
   * The account group is journaled; a cluster runs it on whichever account member is oldest, so its journal must be
   * one every member reaches: PostgreSQL. H2 is a file one process holds.
   */
  static void requireSharedJournal(Config config) {
    String env = System.getenv(JournalConfig.BACKEND_ENV);
    String backend = config.hasPath(JournalConfig.BACKEND_KEY) ? config.getString(JournalConfig.BACKEND_KEY) : env == null || env.isBlank() ? "h2" : env;
    switch (backend.trim().toLowerCase()) {
      case "postgres", "postgresql" -> {}
      case "h2" -> throw new InvalidInputException("--role account: the journal is H2, which serves one process only; a cluster's account group is"
          + " event-sourced on PostgreSQL: set TROUPE_JOURNAL=postgres (or --set troupe.persistence.backend=postgres) and TROUPE_PG_URL (docs/cluster.md)");
      default -> throw new InvalidInputException("troupe.persistence.backend: '" + backend + "' is not one of h2, postgres");
    }
  }
}
