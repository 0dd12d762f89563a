package io.troupe.regime;

/**
 * The market state a desk trades in. {@link #severity()} orders the states by how much risk they call for:
 * RANGING and TRENDING are calm (0), VOLATILE is stressed (1), CRISIS is the most stressed (2). Stress signals (a
 * volatility spike, a gap, a correlation spike) push a reading up this scale, never down.
 */
public enum Regime {
  VOLATILE(1),
  TRENDING(0),
  RANGING(0),
  CRISIS(2);

  private final int severity;

  Regime(int severity) {
    this.severity = severity;
  }

  public int severity() {
    return severity;
  }

  /** This regime, or {@code floor} when {@code floor} is more severe. */
  public Regime atLeast(Regime floor) {
    return floor.severity > severity ? floor : this;
  }
}
