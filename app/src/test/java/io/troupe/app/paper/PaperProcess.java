package io.troupe.app.paper;

import static org.junit.jupiter.api.Assertions.fail;

import io.troupe.app.ChildJava;
import io.troupe.app.cli.TroupeCli;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * {@code troupe paper} in a JVM of its own, as the command line runs it: the main classes and dependencies only (not
 * the test classes, so the production logging writes to standard error, as it does for a user), its standard error
 * read line by line.
 */
public final class PaperProcess {

  public final Process process;
  private final BlockingQueue<String> lines;
  /** Every line of standard error read so far. */
  final List<String> stderr = new ArrayList<>();
  private boolean ended;

  private PaperProcess(Process process) {
    this.process = process;
    this.lines = PaperKillRecoveryTest.drain(process);
  }

  /**
   * Starts {@code troupe paper ARGS} with {@code env} added to the environment; {@code fileSizeLimitKb} > 0 runs it
   * under {@code ulimit -f} (the OS refuses to grow any file of the process beyond that, as a full disk does).
   */
  public static PaperProcess start(List<String> args, Map<String, String> env, long fileSizeLimitKb, Path stdout) throws Exception {
    return start("paper", args, env, fileSizeLimitKb, stdout);
  }

  /** As above, for the command {@code troupeCommand} ({@code paper}, {@code live}). */
  public static PaperProcess start(String troupeCommand, List<String> args, Map<String, String> env, long fileSizeLimitKb, Path stdout) throws Exception {
    return start(troupeCommand, args, env, fileSizeLimitKb, stdout, mainClassPath());
  }

  /** As above, on the class path {@code classPath} ({@link #anotherBuild}). */
  public static PaperProcess start(String troupeCommand, List<String> args, Map<String, String> env, long fileSizeLimitKb, Path stdout, String classPath)
      throws Exception {
    List<String> java = new ArrayList<>(List.of(ChildJava.BINARY, ChildJava.QUICK_START, "-cp", classPath,
        "-Dtroupe.home=" + PaperSessionTest.HOME, TroupeCli.class.getName(), troupeCommand));
    java.addAll(args);
    List<String> command = java;
    if (fileSizeLimitKb > 0) {
      command = new ArrayList<>(List.of("bash", "-c", "ulimit -f " + fileSizeLimitKb + " && exec \"$@\"", "paper"));
      command.addAll(java);
    }
    ProcessBuilder b = new ProcessBuilder(command).redirectOutput(stdout.toFile());
    b.environment().putAll(env);
    return new PaperProcess(b.start());
  }

  /** The test JVM's class path without its test classes. */
  static String mainClassPath() {
    return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        // Test classes and test jars (the gateway's fakes) stay out: their logback-test.xml would take the child's
        // logging off standard error, where the tests read its warnings.
        .filter(e -> !e.replace('\\', '/').endsWith("/test-classes") && !e.replace('\\', '/').endsWith("/test-classes/") && !e.endsWith("-tests.jar"))
        .collect(Collectors.joining(File.pathSeparator));
  }

  /**
   * The main class path as another build of the same code: the app's classes copied into {@code dir} with one class
   * file more (bytes no code loads), so the build's fingerprint ({@code CodeFingerprint}, a hash of every class file)
   * is another while the code that runs is the same. What a checkpoint of this build meets after an upgrade.
   */
  static String anotherBuild(Path dir) throws Exception {
    List<String> out = new ArrayList<>();
    String app = Path.of(PaperRunner.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    boolean found = false;
    for (String e : mainClassPath().split(File.pathSeparator)) {
      if (!Path.of(e).toString().equals(app)) {
        out.add(e);
        continue;
      }
      found = true;
      Path copy = dir.resolve("another-build");
      if (java.nio.file.Files.isDirectory(Path.of(e))) {
        try (var files = java.nio.file.Files.walk(Path.of(e))) {
          for (Path f : files.toList()) {
            Path to = copy.resolve(Path.of(e).relativize(f).toString());
            if (java.nio.file.Files.isDirectory(f)) java.nio.file.Files.createDirectories(to);
            else java.nio.file.Files.copy(f, to);
          }
        }
        java.nio.file.Files.writeString(copy.resolve("io/troupe/app/AnotherBuild.class"), "another build of the same code\n");
        out.add(copy.toString());
      } else {
        Path jar = dir.resolve("another-build.jar");
        java.nio.file.Files.copy(Path.of(e), jar);
        try (var zip = java.nio.file.FileSystems.newFileSystem(jar)) {
          java.nio.file.Files.writeString(zip.getPath("io/troupe/app/AnotherBuild.class"), "another build of the same code\n");
        }
        out.add(jar.toString());
      }
    }
    if (!found) throw new IllegalStateException("the app's classes (" + app + ") are not on the class path");
    return String.join(File.pathSeparator, out);
  }

  /** Reads standard error until a line matches, at most {@code seconds}; fails (with what was read) otherwise. */
  public String awaitLine(Predicate<String> match, String what, long seconds) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (!ended) {
      String line = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (line == null) break;
      if (line.equals(PaperKillRecoveryTest.END)) {
        ended = true;
        break;
      }
      stderr.add(line);
      if (match.test(line)) return line;
    }
    process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    fail("no " + what + " within " + seconds + " s (ended: " + ended + "); standard error:\n" + tail());
    return null;
  }

  /** Reads what standard error has now, without waiting: whether a line of it matches. */
  public boolean sawLine(Predicate<String> match) {
    boolean seen = false;
    for (String line = lines.poll(); line != null && !ended; line = lines.poll()) {
      if (line.equals(PaperKillRecoveryTest.END)) {
        ended = true;
        break;
      }
      stderr.add(line);
      seen |= match.test(line);
    }
    return seen;
  }

  /** Waits at most {@code seconds} for the process to exit (its standard error read to the end); returns its exit code. */
  public int awaitExit(long seconds) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (!ended) {
      String line = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (line == null) {
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        fail("still running after " + seconds + " s; standard error:\n" + tail());
      }
      if (line.equals(PaperKillRecoveryTest.END)) ended = true;
      else stderr.add(line);
    }
    if (!process.waitFor(Math.max(1, TimeUnit.NANOSECONDS.toSeconds(deadline - System.nanoTime())), TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      fail("standard error closed but the process did not exit within " + seconds + " s");
    }
    return process.exitValue();
  }

  public String tail() {
    return String.join("\n", stderr.subList(Math.max(0, stderr.size() - 60), stderr.size()));
  }

  void kill() throws InterruptedException {
    process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
  }
}
