package io.troupe.app;

import java.nio.file.Path;

/**
 * The {@code java} command line a test starts a child JVM with ({@code troupe paper}, {@code troupe node}): this JVM's
 * java, compiling with C1 alone. A child lives for seconds to a minute, so the optimizing compiler's work is mostly
 * spent before it pays back: with it, a 1,500-step paper session costs about twice the CPU time (22 s against 10 s
 * here), which on a two-core machine is the suite's time.
 */
public final class ChildJava {

  /** This JVM's java. */
  public static final String BINARY = Path.of(System.getProperty("java.home"), "bin", "java").toString();
  /** C1 alone: quick to start, fast enough for a test's session (what it computes is the same). */
  public static final String QUICK_START = "-XX:TieredStopAtLevel=1";

  private ChildJava() {}
}
