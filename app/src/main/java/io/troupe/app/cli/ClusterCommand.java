package io.troupe.app.cli;

import com.typesafe.config.ConfigFactory;
import io.troupe.app.cluster.ClusterMember;
import io.troupe.app.cluster.ClusterStatus;
import io.troupe.app.cluster.ClusterView;
import io.troupe.app.cluster.MemberAddress;
import io.troupe.model.InvalidInputException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.pekko.actor.typed.ActorSystem;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code troupe cluster status}: the members of a running cluster, their roles, their desks, the account singleton. */
@Command(name = "cluster", mixinStandardHelpOptions = true, description = "Look at a running cluster (docs/cluster.md).",
    footer = {"%nExamples:", "  troupe cluster status --seed 127.0.0.1:25520"},
    subcommands = {ClusterCommand.Status.class})
public class ClusterCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
    throw new InvalidInputException("give a cluster command: status");
  }

  @Command(name = "status", mixinStandardHelpOptions = true, sortOptions = false,
      footer = {"%nExamples:", "  troupe cluster status --seed 127.0.0.1:25520", "  troupe cluster status --seed 127.0.0.1:25520 127.0.0.1:25521 --timeout 10"},
      description = {
        "Join the cluster as a short-lived client member (role status-client, hosting nothing), print every other member with",
        "its status, roles and the desks it hosts, and where the account singleton runs; then leave."
      })
  static class Status implements Callable<Integer> {

    @Option(names = "--seed", required = true, arity = "1..*", paramLabel = "HOST:PORT", description = "Members to join through.")
    List<String> seeds;

    @Option(names = "--bind", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:0",
        description = "Where the client listens while it looks (default 127.0.0.1:0: any free port).")
    String bind;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "30", description = "The longest wait to join and for the members' answers (default 30).")
    int timeout;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      MemberAddress at = MemberAddress.parse(bind, "--bind", true);
      List<MemberAddress> seedAddresses = seeds.stream().map(s -> MemberAddress.parse(s, "--seed", false)).toList();
      if (timeout < 1) throw new InvalidInputException("--timeout must be >= 1 second, got " + timeout);
      for (MemberAddress s : seedAddresses) {
        if (s.equals(at)) throw new InvalidInputException("--seed " + s + ": that is the client's own --bind; give the address of a running member");
      }
      ActorSystem<Void> system = ClusterMember.start(org.apache.pekko.actor.typed.javadsl.Behaviors.empty(),
          ClusterMember.config(ConfigFactory.load(), List.of(ClusterStatus.CLIENT_ROLE), at, seedAddresses), at);
      try {
        ClusterMember.awaitUp(system, seedAddresses, Duration.ofSeconds(timeout));
        PrintWriter out = spec.commandLine().getOut();
        out.print(ClusterView.of(ClusterStatus.gather(system, Duration.ofSeconds(timeout))).table());
        out.flush();
        return TroupeCli.EXIT_OK;
      } finally {
        ClusterMember.shutdown(system);
      }
    }
  }
}
