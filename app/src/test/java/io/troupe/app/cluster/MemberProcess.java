package io.troupe.app.cluster;

import static org.junit.jupiter.api.Assertions.fail;

import io.troupe.app.ChildJava;
import io.troupe.app.cli.TroupeCli;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * One {@code troupe} command in a JVM of its own (the main classes and dependencies, as the jar has them), its standard
 * output read line by line and its standard error kept in a file, so a test waits on what the command prints.
 */
final class MemberProcess implements AutoCloseable {

  private static final String END = "\u0000end";

  /** A line of output and when (System.nanoTime) it was read off the pipe. */
  private record Line(String text, long nanos) {}

  final String name;
  final Process process;
  final Path stderr;
  /** Every line of standard output read so far. */
  final List<String> out = new ArrayList<>();
  /** When each line of {@link #out} was read off the pipe. */
  private final List<Long> outNanos = new ArrayList<>();
  private final BlockingQueue<Line> lines = new LinkedBlockingQueue<>();
  private boolean ended;

  private MemberProcess(String name, Process process, Path stderr, boolean merged) {
    this.name = name;
    this.process = process;
    this.stderr = stderr;
    Thread reader = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
          java.io.Writer copy = merged ? java.nio.file.Files.newBufferedWriter(stderr, StandardCharsets.UTF_8) : java.io.Writer.nullWriter()) {
        for (String line = r.readLine(); line != null; line = r.readLine()) {
          lines.add(new Line(line, System.nanoTime()));
          copy.write(line + "\n");
          copy.flush();
        }
      } catch (IOException ignored) {
        // the process was stopped: its pipe closed
      }
      lines.add(new Line(END, System.nanoTime()));
    }, name + "-stdout");
    reader.setDaemon(true);
    reader.start();
  }

  /** Starts {@code troupe ARGS} with {@code home} as the project folder; standard error goes to {@code dir/NAME.err}. */
  static MemberProcess start(String name, Path home, Path dir, List<String> args) throws IOException {
    return start(name, home, dir, args, false);
  }

  /**
   * As above; {@code merged}: standard error is read with standard output, line by line (a paper session's progress
   * and resume lines), and kept in {@code dir/NAME.err} too.
   */
  static MemberProcess start(String name, Path home, Path dir, List<String> args, boolean merged) throws IOException {
    return start(name, home, dir, List.of(), args, merged);
  }

  /** As above, the JVM started through {@code prefix} (e.g. {@code ip netns exec NAME}, which execs it in place). */
  static MemberProcess start(String name, Path home, Path dir, List<String> prefix, List<String> args, boolean merged) throws IOException {
    List<String> command = new ArrayList<>(prefix);
    command.addAll(List.of(ChildJava.BINARY, ChildJava.QUICK_START, "-cp", mainClassPath(),
        "-Dtroupe.home=" + home));
    // -Dtroupe.test.member-log-level=INFO: each member logs Pekko's cluster events (the failure detector, the resolver's
    // decisions, the singleton's hand-over) with their times, to see where a failover's seconds go.
    String logLevel = System.getProperty("troupe.test.member-log-level");
    if (logLevel != null) command.addAll(List.of("-DTROUPE_LOG_LEVEL=" + logLevel, "-Dpekko.loglevel=" + logLevel));
    command.add(TroupeCli.class.getName());
    command.addAll(args);
    // -Dtroupe.test.member-log-dir=DIR keeps each member's standard error there, past the test's temporary folder.
    String keep = System.getProperty("troupe.test.member-log-dir");
    Path err = keep == null ? dir.resolve(name + ".err") : java.nio.file.Files.createDirectories(Path.of(keep)).resolve(name + "-" + System.nanoTime() + ".err");
    ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile());
    if (merged) builder.redirectErrorStream(true);
    else builder.redirectError(err.toFile());
    return new MemberProcess(name, builder.start(), err, merged);
  }

  /** The test JVM's class path without its test classes. */
  static String mainClassPath() {
    return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        // Test classes and test jars (the gateway's fakes) stay out: their logback-test.xml would take the child's
        // logging off standard error, where the tests read its warnings.
        .filter(e -> !e.replace('\\', '/').endsWith("/test-classes") && !e.replace('\\', '/').endsWith("/test-classes/") && !e.endsWith("-tests.jar"))
        .collect(Collectors.joining(File.pathSeparator));
  }

  /** A localhost port free now (for a member to bind next). */
  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return s.getLocalPort();
    }
  }

  /**
   * The first line of standard output that matches, among those read so far or those to come within {@code seconds};
   * fails with what was read otherwise.
   */
  String awaitLine(Predicate<String> match, String what, long seconds) throws Exception {
    for (String seen : out) if (match.test(seen)) return seen;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (!ended) {
      Line line = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (line == null) break;
      if (line.text().equals(END)) {
        ended = true;
        break;
      }
      out.add(line.text());
      outNanos.add(line.nanos());
      if (match.test(line.text())) return line.text();
    }
    fail(name + ": no " + what + " within " + seconds + " s (ended: " + ended + "); standard output:\n" + String.join("\n", out) + "\nstandard error: " + stderr);
    return null;
  }

  /** When (System.nanoTime) the first line of {@link #out} equal to {@code line} was read off the pipe. */
  long arrivalOf(String line) {
    int i = out.indexOf(line);
    if (i < 0) throw new IllegalArgumentException(name + ": no line '" + line + "' read");
    return outNanos.get(i);
  }

  /** SIGKILL: the member ends at once, leaving nothing and telling no one. */
  void kill() throws InterruptedException {
    process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
  }

  /** Waits at most {@code seconds} for the command to end, its output read to the end; its exit code. */
  int awaitExit(long seconds) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (!ended) {
      Line line = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (line == null) fail(name + ": did not end within " + seconds + " s; standard output:\n" + String.join("\n", out) + "\nstandard error: " + stderr);
      if (line.text().equals(END)) {
        ended = true;
      } else {
        out.add(line.text());
        outNanos.add(line.nanos());
      }
    }
    if (!process.waitFor(Math.max(1, TimeUnit.NANOSECONDS.toSeconds(deadline - System.nanoTime())), TimeUnit.SECONDS)) fail(name + ": its output closed but it did not exit");
    return process.exitValue();
  }

  /** Stops the member (SIGTERM: it leaves the cluster), and kills it if it has not ended within a bound. */
  @Override
  public void close() throws InterruptedException {
    if (!process.isAlive()) return;
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
  }
}
