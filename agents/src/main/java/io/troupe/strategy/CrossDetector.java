package io.troupe.strategy;

/**
 * Detects a cross of a difference through zero: a cross is a change of sign from the last non-zero value, so a
 * difference that touches zero and turns back is no cross. The first non-zero sign only sets the reference.
 */
final class CrossDetector {
  private int lastSign;

  /** +1 on a cross upwards, -1 on a cross downwards, 0 otherwise. */
  int update(double difference) {
    int s = difference > 0 ? 1 : difference < 0 ? -1 : 0;
    if (s == 0) return 0;
    int crossed = lastSign != 0 && s != lastSign ? s : 0;
    lastSign = s;
    return crossed;
  }
}
