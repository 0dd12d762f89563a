package io.troupe.app.adviser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.troupe.app.ChildJava;
import io.troupe.app.cli.CliRun;
import io.troupe.app.cli.TroupeCli;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The adviser in a backtest, against the local stub server: it changes nothing while its endpoints approve or have no
 * opinion (malformed answers, failures); a quorum of vetoes drops every entry, and a rerun from the run's cache, with
 * the server gone, gives the same files; scale halves the entries; the key reaches the server and no output.
 */
class AdviserBacktestTest {

  static final Path HOME = Path.of("..").toAbsolutePath().normalize();
  static final String BTC = HOME.resolve("data/btc-perp-20211231-20220201_1m.csv").toString();
  private static final String KEY = "sk-adviser-test-1d2c3b4a59687766";
  private static final ActorTestKit testKit = ActorTestKit.create();
  private static ChatCompletionStub open;
  private static ChatCompletionStub keyed;

  @TempDir Path dir;

  @BeforeAll
  static void start() throws Exception {
    System.setProperty("troupe.home", HOME.toString());
    open = new ChatCompletionStub(testKit.system(), null);
    keyed = new ChatCompletionStub(testKit.system(), KEY);
  }

  @AfterAll
  static void stop() throws Exception {
    open.close();
    keyed.close();
    testKit.shutdownTestKit();
  }

  /** The three days' backtest of the four specialists, with {@code sets} (key=value each) and --out {@code out}. */
  private static List<String> backtest(Path out, String... sets) {
    return backtest("2022-01-04", out, sets);
  }

  private static List<String> backtest(String to, Path out, String... sets) {
    List<String> args = new ArrayList<>(List.of("backtest", "--data", BTC, "--to", to, "--out", out.toString(), "--quiet"));
    for (String s : sets) {
      args.add("--set");
      args.add(s);
    }
    return args;
  }

  private static String endpoints(ChatCompletionStub stub, String keyEnv, String... modes) {
    StringBuilder b = new StringBuilder("troupe.adviser.endpoints=[");
    for (String m : modes) {
      b.append("{name=").append(m).append(",url=\"").append(stub.url(m)).append("\",model=\"qwen2.5-7b\"");
      if (keyEnv != null) b.append(",key-env=").append(keyEnv);
      b.append("},");
    }
    return b.append("]").toString();
  }

  private static CliRun run(List<String> args) {
    CliRun r = CliRun.run(args.toArray(new String[0]));
    assertEquals(0, r.exit(), r.err());
    return r;
  }

  private static List<CSVRecord> verdicts(Path out) throws Exception {
    return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(Files.newBufferedReader(out.resolve(AdviceFiles.VERDICTS_CSV))).getRecords();
  }

  private static JsonNode adviser(Path out) throws Exception {
    return new ObjectMapper().readTree(Files.readString(out.resolve("summary.json"))).get("adviser");
  }

  private static void assertSameFiles(Path a, Path b, String... names) throws Exception {
    for (String n : names) assertEquals(Files.readString(a.resolve(n)), Files.readString(b.resolve(n)), n);
  }

  @Test
  void approvalsAndNoOpinionsLeaveTheRunAsItWasAndEveryVerdictIsInTheFile() throws Exception {
    Path off = dir.resolve("off");
    run(backtest(off));
    assertFalse(Files.exists(off.resolve(AdviceFiles.VERDICTS_CSV)), "off: no file of its own");
    assertEquals(null, adviser(off), "off: no section in summary.json");

    Path on = dir.resolve("on");
    long before = open.requestsTo("approve");
    // The stub answers at once: the timeout only covers the first request's connection on a loaded machine.
    run(backtest(on, "troupe.adviser.enabled=true", "troupe.adviser.in-backtest=true", endpoints(open, null, "approve", "malformed", "fail"),
        "troupe.adviser.quorum=1", "troupe.adviser.timeout=10s"));
    assertSameFiles(off, on, "trades.csv", "orders.csv", "equity.csv");
    List<CSVRecord> rows = verdicts(on);
    long entries = adviser(on).get("entries_reviewed").asLong();
    assertTrue(entries >= 5, "entries reviewed: " + entries);
    assertEquals(entries, open.requestsTo("approve") - before);
    assertEquals(3 * entries, rows.size());
    for (CSVRecord r : rows) {
      assertEquals("pass", r.get("action"));
      switch (r.get("endpoint")) {
        case "approve" -> {
          assertEquals("approve", r.get("verdict"));
          assertEquals("trend and volume agree", r.get("reason"));
        }
        case "malformed" -> assertEquals("malformed: the content is not one JSON object", r.get("reason"));
        case "fail" -> assertEquals("error: endpoint fail answered HTTP 500", r.get("reason"));
        default -> throw new AssertionError(r.toString());
      }
    }
    assertEquals(entries, adviser(on).at("/verdicts_by_outcome/error").asLong());
    assertEquals(entries, adviser(on).at("/verdicts_by_outcome/malformed").asLong());
    assertTrue(Files.exists(on.resolve(AdviserSetup.CACHE_FILE)));
  }

  @Test
  void aQuorumOfVetoesDropsEveryEntryAndARerunFromTheCacheWithTheServerGoneIsTheSame() throws Exception {
    Path first = dir.resolve("first");
    // The slow endpoint answers after 20 s: each step with an entry waits the timeout (3 s), not for it. (The run's first
    // request opens the connection pool: a second or more on a loaded machine.)
    run(backtest("2022-01-01T12:00:00Z", first, "troupe.adviser.enabled=true", "troupe.adviser.in-backtest=true", endpoints(open, null, "veto", "veto2", "slow"),
        "troupe.adviser.timeout=3s"));
    List<CSVRecord> rows = verdicts(first);
    JsonNode summary = adviser(first);
    assertTrue(summary.get("entries_reviewed").asLong() >= 1, summary.toString());
    assertEquals(summary.get("entries_reviewed").asLong(), summary.get("vetoed").asLong(),
        () -> rows.stream().filter(r -> !r.get("action").equals("veto")).map(CSVRecord::toString).collect(Collectors.joining("\n")));
    assertEquals(1, Files.readAllLines(first.resolve("trades.csv")).size(), "no entry went through: the header alone");
    // Each slow verdict is a timeout, or the recorded timeout of the same prompt asked earlier in the run.
    assertTrue(summary.at("/verdicts_by_outcome/timeout").asLong() >= 1, summary.toString());
    List<CSVRecord> slow = rows.stream().filter(r -> r.get("endpoint").equals("slow")).toList();
    assertEquals(summary.get("entries_reviewed").asLong(), slow.size());
    for (CSVRecord r : slow) {
      assertEquals("no answer within 3000 ms", r.get("reason"));
      assertTrue(List.of("timeout", "cached").contains(r.get("outcome")), r.toString());
    }

    Path again = dir.resolve("again");
    long asked = open.requestsTo("veto") + open.requestsTo("veto2") + open.requestsTo("slow");
    // Another port: nothing listens there, and nothing is asked anyway.
    run(backtest("2022-01-01T12:00:00Z", again, "troupe.adviser.enabled=true", "troupe.adviser.in-backtest=true",
        "troupe.adviser.endpoints=[{name=veto,url=\"http://127.0.0.1:9/veto/v1\",model=\"qwen2.5-7b\"},"
            + "{name=veto2,url=\"http://127.0.0.1:9/veto2/v1\",model=\"qwen2.5-7b\"},{name=slow,url=\"http://127.0.0.1:9/slow/v1\",model=\"qwen2.5-7b\"}]",
        "troupe.adviser.cache=" + first.resolve(AdviserSetup.CACHE_FILE), "troupe.adviser.cache-only=true"));
    assertEquals(asked, open.requestsTo("veto") + open.requestsTo("veto2") + open.requestsTo("slow"), "the rerun asked nothing");
    assertSameFiles(first, again, "trades.csv", "orders.csv", "equity.csv");
    List<CSVRecord> reread = verdicts(again);
    assertEquals(rows.size(), reread.size());
    for (int i = 0; i < rows.size(); i++) {
      assertEquals("cached", reread.get(i).get("outcome"));
      for (String col : List.of("time", "endpoint", "verdict", "reason", "action", "prompt_hash")) assertEquals(rows.get(i).get(col), reread.get(i).get(col), col);
    }
  }

  @Test
  void aScaledEntryAsksForHalfTheChange() throws Exception {
    Path out = dir.resolve("scaled");
    run(backtest(out, "troupe.adviser.enabled=true", "troupe.adviser.in-backtest=true", endpoints(open, null, "veto", "veto2"),
        "troupe.adviser.action=scale", "troupe.adviser.scale=0.5", "troupe.adviser.timeout=10s"));
    List<CSVRecord> rows = verdicts(out);
    assertFalse(rows.isEmpty());
    for (CSVRecord r : rows) {
      assertEquals("scale", r.get("action"));
      // From flat: half the position.
      assertEquals(Double.parseDouble(r.get("target_before")) / 2, Double.parseDouble(r.get("target_after")), 1e-12);
    }
    assertTrue(Files.readAllLines(out.resolve("trades.csv")).size() > 1, "scaled entries still trade");
  }

  @Test
  void aBadAdviserKeyIsBadInputBeforeTheRun() {
    CliRun r = CliRun.run(backtest(dir.resolve("bad"), "troupe.adviser.enabled=true", "troupe.adviser.in-backtest=true",
        "troupe.adviser.endpoints=[{name=a,url=\"http://127.0.0.1:9/v1\",model=m,temperature=0}]").toArray(new String[0]));
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("troupe.adviser.endpoints[0].temperature: unknown field; an endpoint takes name, url, model, key-env, max-tokens"), r.err());
    CliRun unset = CliRun.run(backtest(dir.resolve("unset"), "troupe.adviser.enabled=true", "troupe.adviser.in-backtest=true",
        endpoints(open, "TROUPE_TEST_UNSET_KEY_VARIABLE", "approve"), "troupe.adviser.quorum=1").toArray(new String[0]));
    assertEquals(2, unset.exit());
    assertTrue(unset.err().contains("endpoint approve reads its key from TROUPE_TEST_UNSET_KEY_VARIABLE, which is not set"), unset.err());
  }

  /** In a child JVM, for a real environment: the key goes to the server as the bearer token, and nowhere else. */
  @Test
  void theKeyFromTheEnvironmentReachesTheServerAndNoOutput() throws Exception {
    Path out = dir.resolve("keyed");
    List<String> command = new ArrayList<>(List.of(ChildJava.BINARY, ChildJava.QUICK_START, "-cp", mainClassPath(), "-Dtroupe.home=" + HOME,
        TroupeCli.class.getName()));
    List<String> args = new ArrayList<>(backtest(out, "troupe.adviser.enabled=true", "troupe.adviser.in-backtest=true",
        endpoints(keyed, "TROUPE_ADVISER_TEST_KEY", "approve", "veto"), "troupe.adviser.quorum=2"));
    args.remove("--quiet");
    command.addAll(args);
    ProcessBuilder b = new ProcessBuilder(command).redirectOutput(dir.resolve("stdout.txt").toFile()).redirectError(dir.resolve("stderr.txt").toFile());
    b.environment().put("TROUPE_ADVISER_TEST_KEY", KEY);
    b.environment().put("TROUPE_LOG_LEVEL", "DEBUG");
    Process p = b.start();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the backtest did not end");
    String stdout = Files.readString(dir.resolve("stdout.txt"));
    String stderr = Files.readString(dir.resolve("stderr.txt"));
    assertEquals(0, p.exitValue(), stderr);
    assertEquals(0, keyed.refused.get(), "every request carried the key");
    assertTrue(keyed.requestsTo("approve") > 0);
    assertTrue(stdout.contains("adviser "), stdout);
    assertFalse(stdout.contains(KEY) || stderr.contains(KEY), "the key in the process's output");
    try (Stream<Path> files = Files.walk(out)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) assertFalse(Files.readString(f).contains(KEY), "the key in " + f);
    }
  }

  private static String mainClassPath() {
    return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(e -> !e.replace('\\', '/').endsWith("/test-classes") && !e.replace('\\', '/').endsWith("/test-classes/") && !e.endsWith("-tests.jar"))
        .collect(Collectors.joining(File.pathSeparator));
  }
}
