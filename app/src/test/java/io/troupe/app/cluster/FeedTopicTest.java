package io.troupe.app.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.troupe.app.cli.CliRun;
import io.troupe.app.cli.TroupeCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pekko.actor.typed.ActorSystem;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The market feed on topics, in one JVM: a desk member and the account and feed member (a clustered backtest run
 * through the command line) joined on localhost. The desks take their bars from their symbols' topics; the feed leaves
 * every 5th bar off its topic ({@code lose-every}, a lost message), which the desks pull; the trades, orders and
 * equity equal the one-process run's byte for byte; the cluster's view, taken while the run is under way, names the
 * feed's member. With the feed off ({@code mode = direct}) the bars travel in the steps, as before.
 */
class FeedTopicTest {

  static final Path HOME = Path.of("..").toAbsolutePath().normalize();
  static final List<String> PAIRS = List.of("ADA", "ETH", "LTC");

  @TempDir Path dir;

  @BeforeAll
  static void home() {
    System.setProperty("troupe.home", HOME.toString());
  }

  private static Config twoInOneJvm() {
    return ConfigFactory.parseString("pekko.cluster.jmx.multi-mbeans-in-same-jvm = on").withFallback(ConfigFactory.load());
  }

  private static List<String> backtest(List<String> pairs, Path out) {
    List<String> args = new ArrayList<>(List.of("backtest", "--strategy", "ema-cross", "--quiet", "--out", out.toString(), "--data"));
    for (String p : pairs) args.add(HOME.resolve("data/" + p + "_BTC-5m.json").toString());
    return args;
  }

  /** What a clustered run printed, and the cluster's view taken when it said it was ready (before its first bar). */
  private record Clustered(String printed, ClusterView view) {}

  /** The backtest of {@code pairs} on a desk member and an account and feed member in this JVM, with {@code sets}. */
  private Clustered clustered(List<String> pairs, Path out, String... sets) throws Exception {
    MemberAddress deskAt = new MemberAddress("127.0.0.1", MemberProcess.freePort());
    MemberAddress accountAt = new MemberAddress("127.0.0.1", MemberProcess.freePort());
    ActorSystem<Void> deskMember = ClusterMember.start(ClusterMember.guardian(HOME, new AtomicBoolean()),
        ClusterMember.config(twoInOneJvm(), List.of(ClusterRole.DESK.id()), deskAt, List.of(deskAt)), deskAt);
    try {
      ClusterMember.awaitUp(deskMember, List.of(deskAt), Duration.ofSeconds(60));
      List<String> args = new ArrayList<>(backtest(pairs, out));
      args.addAll(List.of("--cluster", "--bind", accountAt.toString(), "--seed", deskAt.toString(), "--desk-members", "1",
          "--set", "pekko.cluster.jmx.multi-mbeans-in-same-jvm=on"));
      for (String set : sets) args.addAll(List.of("--set", set));
      // Taken when the run says it is ready, before its first bar: the run waits for the view (its report line blocks).
      AtomicReference<ClusterView> during = new AtomicReference<>();
      AtomicReference<Throwable> viewFailed = new AtomicReference<>();
      StringWriter printed = new StringWriter();
      StringWriter err = new StringWriter();
      var cli = TroupeCli.newCommandLine();
      cli.setOut(new PrintWriter(new Lines(printed, line -> {
        if (!line.startsWith("cluster: ready")) return;
        try {
          during.set(ClusterView.of(deskMember, List.of(), Duration.ofSeconds(30)).toCompletableFuture().get(60, TimeUnit.SECONDS));
        } catch (Exception e) {
          viewFailed.set(e);
        }
      })));
      cli.setErr(new PrintWriter(err));
      int exit = cli.execute(args.toArray(String[]::new));
      assertEquals(0, exit, printed + "\n" + err);
      if (viewFailed.get() != null) throw new AssertionError("the cluster's view", viewFailed.get());
      assertNotNull(during.get(), printed.toString());
      assertEquals(accountAt.pekko(), during.get().accountSingleton(), during.get().toString());
      return new Clustered(printed.toString(), during.get());
    } finally {
      ClusterMember.shutdown(deskMember);
    }
  }

  /** The one-process run of {@code pairs} gives {@code clustered}'s trades, orders and equity byte for byte. */
  private void sameAsOneProcess(List<String> pairs, Path clustered) throws Exception {
    Path single = dir.resolve("single");
    CliRun one = CliRun.run(backtest(pairs, single).toArray(String[]::new));
    assertEquals(0, one.exit(), one.out() + one.err());
    for (String file : List.of("trades.csv", "orders.csv", "equity.csv")) {
      assertArrayEquals(Files.readAllBytes(single.resolve(file)), Files.readAllBytes(clustered.resolve(file)), file + " differs");
    }
    assertTrue(Files.readAllLines(single.resolve("trades.csv")).size() > 1, "the run trades");
  }

  @Test
  void desksTakeTheirBarsByTopicPullTheLostOnesAndTradeAsOneProcess() throws Exception {
    Path out = dir.resolve("cluster");
    Clustered run = clustered(PAIRS, out, "troupe.cluster.feed.lose-every=5");
    String printed = run.printed();

    // The topics list the desk's member before the first bar.
    assertTrue(printed.contains("cluster: feed: every symbol's topic lists its desk"), printed);
    // Every bar reached its desk: by topic, or pulled (each one the feed left off its topic, and any the topic lost).
    Matcher m = Pattern.compile("cluster: feed: ([\\d,]+) steps, ([\\d,]+) bars on topics \\(([\\d,]+) left off, lose-every\\); "
        + "the desks took ([\\d,]+) bars by topic and pulled ([\\d,]+)").matcher(printed);
    assertTrue(m.find(), printed);
    long published = number(m.group(2));
    long leftOff = number(m.group(3));
    long byTopic = number(m.group(4));
    long pulled = number(m.group(5));
    long bars = published + leftOff;
    assertTrue(bars > 3 * 5000, printed);
    assertEquals(bars / 5, leftOff, printed);
    assertEquals(bars, byTopic + pulled, "each bar used once: " + printed);
    assertTrue(pulled >= leftOff, "every bar left off its topic was pulled: " + printed);
    assertTrue(byTopic > 0, printed);

    // While the run was under way the view named the feed's member, the account singleton's.
    ClusterView view = run.view();
    assertEquals(view.accountSingleton(), view.feed(), view.toString());
    assertTrue(view.table().contains("market feed: " + view.feed()), view.table());
    assertEquals(List.of("account", "feed"), view.members().stream().filter(ClusterView.Member::feed).findFirst().orElseThrow().roles(), view.toString());
    assertEquals(view.feed(), view.json().get("feed"), view.json().toString());

    sameAsOneProcess(PAIRS, out);
  }

  @Test
  void withTheFeedDirectTheBarsTravelInTheStepsAsBefore() throws Exception {
    List<String> pair = List.of("ETH");
    Path out = dir.resolve("cluster");
    Clustered run = clustered(pair, out, "troupe.cluster.feed.mode=direct");
    assertFalse(run.printed().contains("cluster: feed:"), run.printed());
    assertNull(run.view().feed(), run.view().toString());
    assertTrue(run.view().table().contains("market feed: not publishing"), run.view().table());
    sameAsOneProcess(pair, out);
  }

  private static long number(String s) {
    return Long.parseLong(s.replace(",", ""));
  }

  /** Writes through to {@code sink}, and hands each complete line to {@code onLine} on the writing thread. */
  private static final class Lines extends Writer {
    private final StringWriter sink;
    private final Consumer<String> onLine;
    private final StringBuilder line = new StringBuilder();

    Lines(StringWriter sink, Consumer<String> onLine) {
      this.sink = sink;
      this.onLine = onLine;
    }

    @Override
    public synchronized void write(char[] buf, int off, int len) {
      sink.write(buf, off, len);
      for (int i = off; i < off + len; i++) {
        if (buf[i] == '\n') {
          onLine.accept(line.toString());
          line.setLength(0);
        } else if (buf[i] != '\r') {
          line.append(buf[i]);
        }
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }
}
