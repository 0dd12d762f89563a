package io.troupe.indicator;

/** Argument checks shared by the indicator constructors (the spec parser reports user errors before these). */
final class Periods {
  private Periods() {}

  static int atLeast(int period, int min, String what) {
    if (period < min) {
      throw new IllegalArgumentException(what + " must be >= " + min + ", got " + period);
    }
    return period;
  }

  /** Formats a parameter for a canonical name: integers without a trailing ".0". */
  static String format(double x) {
    return x == Math.rint(x) && Math.abs(x) < 1e15 ? Long.toString((long) x) : Double.toString(x);
  }
}
