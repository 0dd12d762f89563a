package io.troupe.app.cluster;

import static org.junit.jupiter.api.Assertions.fail;

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

  final String name;
  final Process process;
  final Path stderr;
  /** Every line of standard output read so far. */
  final List<String> out = new ArrayList<>();
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private boolean ended;

  private MemberProcess(String name, Process process, Path stderr) {
    this.name = name;
    this.process = process;
    this.stderr = stderr;
    Thread reader = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line = r.readLine(); line != null; line = r.readLine()) lines.add(line);
      } catch (IOException ignored) {
        // the process was stopped: its pipe closed
      }
      lines.add(END);
    }, name + "-stdout");
    reader.setDaemon(true);
    reader.start();
  }

  /** Starts {@code troupe ARGS} with {@code home} as the project folder; standard error goes to {@code dir/NAME.err}. */
  static MemberProcess start(String name, Path home, Path dir, List<String> args) throws IOException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", mainClassPath(),
        "-Dtroupe.home=" + home, TroupeCli.class.getName()));
    command.addAll(args);
    Path err = dir.resolve(name + ".err");
    Process p = new ProcessBuilder(command).directory(home.toFile()).redirectError(err.toFile()).start();
    return new MemberProcess(name, p, err);
  }

  /** The test JVM's class path without its test classes. */
  static String mainClassPath() {
    return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(e -> !e.replace('\\', '/').endsWith("/test-classes") && !e.replace('\\', '/').endsWith("/test-classes/"))
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
      String line = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (line == null) break;
      if (line.equals(END)) {
        ended = true;
        break;
      }
      out.add(line);
      if (match.test(line)) return line;
    }
    fail(name + ": no " + what + " within " + seconds + " s (ended: " + ended + "); standard output:\n" + String.join("\n", out) + "\nstandard error: " + stderr);
    return null;
  }

  /** Waits at most {@code seconds} for the command to end, its output read to the end; its exit code. */
  int awaitExit(long seconds) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (!ended) {
      String line = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (line == null) fail(name + ": did not end within " + seconds + " s; standard output:\n" + String.join("\n", out) + "\nstandard error: " + stderr);
      if (line.equals(END)) ended = true;
      else out.add(line);
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
