package io.troupe.app.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.troupe.model.InvalidInputException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.Test;

/**
 * The clustered run's wait for its desk members, in one JVM: a desk member and the run's account member. The wait
 * ends once the desk member is Up and its shard region has registered (the statistics list it); asked for two desk
 * members with one up, it refuses after its bound naming --desk-members; a second account member is refused at once
 * when the wait is exclusive (a backtest), and no bar when not (a paper session's standby).
 */
class DeskMembersReadyTest {

  private static final Path HOME = Path.of("..").toAbsolutePath().normalize();

  private static Config member(List<String> roles, MemberAddress at, MemberAddress seed) {
    Config base = ConfigFactory.parseString("pekko.cluster.jmx.multi-mbeans-in-same-jvm = on").withFallback(ConfigFactory.load());
    return ClusterMember.config(base, roles, at, List.of(seed));
  }

  private static Throwable failure(CompletableFuture<Void> ready) throws Exception {
    try {
      ready.get(60, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      return e.getCause();
    }
    throw new AssertionError("the wait ended as ready");
  }

  @Test
  void endsWhenTheDeskMembersRegionsRegisterAndRefusesTooFewOrASecondAccountMember() throws Exception {
    MemberAddress deskAt = new MemberAddress("127.0.0.1", MemberProcess.freePort());
    MemberAddress accountAt = new MemberAddress("127.0.0.1", MemberProcess.freePort());
    ActorTestKit desk = ActorTestKit.create("troupe", member(List.of(ClusterRole.DESK.id()), deskAt, deskAt));
    ActorTestKit account = null;
    ActorTestKit second = null;
    try {
      ClusterMember.initDesks(desk.system(), HOME);
      ClusterMember.awaitUp(desk.system(), List.of(deskAt), Duration.ofSeconds(60));
      account = ActorTestKit.create("troupe", member(List.of(ClusterRole.ACCOUNT.id(), ClusterRole.FEED.id()), accountAt, deskAt));
      ClusterMember.initDesks(account.system(), HOME);
      ClusterMember.awaitUp(account.system(), List.of(deskAt), Duration.ofSeconds(60));

      CompletableFuture<Void> one = new CompletableFuture<>();
      account.spawn(DeskMembersReady.create(1, Duration.ofSeconds(30), true, one));
      one.get(40, TimeUnit.SECONDS);

      CompletableFuture<Void> two = new CompletableFuture<>();
      account.spawn(DeskMembersReady.create(2, Duration.ofSeconds(2), true, two));
      Throwable tooFew = failure(two);
      assertInstanceOf(InvalidInputException.class, tooFew);
      assertEquals("--desk-members 2: 1 desk member(s) up after 2 s; start them with troupe node --role desk", tooFew.getMessage());

      MemberAddress secondAt = new MemberAddress("127.0.0.1", MemberProcess.freePort());
      // Another account and feed member: a paper session's standby.
      second = ActorTestKit.create("troupe", member(List.of(ClusterRole.ACCOUNT.id(), ClusterRole.FEED.id()), secondAt, deskAt));
      ClusterMember.initDesks(second.system(), HOME);
      ClusterMember.awaitUp(second.system(), List.of(deskAt), Duration.ofSeconds(60));
      // A paper session's account members stand by for the singleton: not exclusive, the second is no bar.
      CompletableFuture<Void> besideIt = new CompletableFuture<>();
      account.spawn(DeskMembersReady.create(1, Duration.ofSeconds(30), false, besideIt));
      besideIt.get(40, TimeUnit.SECONDS);
      // The first account member must see the second one up before its exclusive wait can refuse it.
      ActorTestKit first = account;
      first.createTestProbe().awaitAssert(Duration.ofSeconds(30), () -> {
        boolean seen = false;
        for (org.apache.pekko.cluster.Member m : org.apache.pekko.cluster.typed.Cluster.get(first.system()).state().getMembers()) {
          if (m.status() == org.apache.pekko.cluster.MemberStatus.up() && m.address().port().isDefined()
              && (int) m.address().port().get() == secondAt.port()) seen = true;
        }
        assertTrue(seen, "the second account member is up as the first sees it");
        return null;
      });
      CompletableFuture<Void> refused = new CompletableFuture<>();
      account.spawn(DeskMembersReady.create(1, Duration.ofSeconds(30), true, refused));
      Throwable another = failure(refused);
      assertInstanceOf(InvalidInputException.class, another);
      assertTrue(another.getMessage().startsWith("--cluster: " + secondAt.pekko() + " is an account member already"), another.getMessage());
    } finally {
      if (second != null) second.shutdownTestKit();
      if (account != null) account.shutdownTestKit();
      desk.shutdownTestKit();
    }
  }
}
