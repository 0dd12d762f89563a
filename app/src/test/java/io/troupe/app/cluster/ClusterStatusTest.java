package io.troupe.app.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.junit.jupiter.api.Test;

/**
 * What {@code troupe cluster status} gathers, in one JVM: a member with roles account and desk hosting a desk and the
 * account singleton, and a status client that joins through it and reports both, then leaves; and the same view as
 * the member itself gathers it for {@code GET /api/v1/cluster}, this member included.
 */
class ClusterStatusTest {

  /** Two members in one JVM: each registers its own JMX bean. */
  private static com.typesafe.config.Config twoInOneJvm() {
    return ConfigFactory.parseString("pekko.cluster.jmx.multi-mbeans-in-same-jvm = on").withFallback(ConfigFactory.load());
  }

  @Test
  void theClientReportsTheMembersRolesItsDesksAndTheAccountSingleton() throws Exception {
    MemberAddress at = new MemberAddress("127.0.0.1", MemberProcess.freePort());
    ActorTestKit member = ActorTestKit.create("troupe",
        ClusterMember.config(twoInOneJvm(), List.of(ClusterRole.ACCOUNT.id(), ClusterRole.DESK.id()), at, List.of(at)));
    ActorTestKit client = null;
    try {
      AtomicBoolean accountHosted = new AtomicBoolean();
      ClusterMember.initDesks(member.system(), Path.of("..").toAbsolutePath().normalize());
      member.spawn(MemberInfo.create(accountHosted), "member-info");
      ClusterMember.awaitUp(member.system(), List.of(at), Duration.ofSeconds(60));
      DeskEntity.Located located = ClusterSharding.get(member.system()).entityRefFor(DeskEntity.TYPE, "ETH_BTC")
          .ask(DeskEntity.Locate::new, Duration.ofSeconds(30)).toCompletableFuture().get(40, TimeUnit.SECONDS);
      assertEquals(new DeskEntity.Located("ETH_BTC", at.pekko()), located);
      accountHosted.set(true);

      MemberAddress clientAt = new MemberAddress("127.0.0.1", MemberProcess.freePort());
      client = ActorTestKit.create("troupe", ClusterMember.config(twoInOneJvm(), List.of(ClusterStatus.CLIENT_ROLE), clientAt, List.of(at)));
      ClusterMember.awaitUp(client.system(), List.of(at), Duration.ofSeconds(60));
      List<ClusterStatus.Row> rows = ClusterStatus.gather(client.system(), Duration.ofSeconds(60));

      assertEquals(1, rows.size(), "the client does not list itself: " + rows);
      ClusterStatus.Row row = rows.get(0);
      assertEquals(at.pekko(), row.member());
      assertEquals("Up", row.status());
      assertEquals(List.of("account", "desk"), row.roles());
      assertEquals(new MemberInfo.Report(at.pekko(), List.of("account", "desk"), List.of("ETH_BTC"), true), row.report());
      String printed = ClusterStatus.format(rows);
      assertTrue(printed.contains("account singleton: " + at.pekko()), printed);
      assertTrue(printed.lines().anyMatch(l -> l.startsWith(at.pekko()) && l.endsWith(" ETH_BTC")), printed);

      // The API's view, from the member itself (as a clustered session's API asks it): this member included.
      ClusterView own = ClusterView.of(member.system(), List.of("not asked on a cluster"), Duration.ofSeconds(30)).toCompletableFuture().get(60, TimeUnit.SECONDS);
      assertEquals(new ClusterView(true, List.of(new ClusterView.Member(at.pekko(), "Up", List.of("account", "desk"), List.of("ETH_BTC"), true, true)), at.pekko()),
          own);
      assertEquals(List.of("clustered", "members", "account_singleton", "feed"), List.copyOf(own.json().keySet()));
      assertTrue(own.table().contains("market feed: not publishing"), own.table());
    } finally {
      if (client != null) client.shutdownTestKit();
      member.shutdownTestKit();
    }
  }
}
