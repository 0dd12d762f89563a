package io.troupe.regime;

/**
 * The persistence rule between raw readings and the regime a desk acts on: the confirmed regime changes to a new
 * regime only when at least {@code required} of the last {@code window} raw readings are that regime (3 of 5 by
 * default) and the latest {@code consecutive} readings are too (2 by default). Until a first regime passes the rule
 * there is no confirmed regime.
 *
 * <p>Why the second condition: by the count alone, readings alternating A, B, A, B, A, B put 3 B in the window
 * B, A, B, A, B and would switch on every other bar, which is the noise the rule exists to ignore. Asking the last two
 * readings to agree as well stops that, while 3 agreeing readings in a row (or 3 of 5 ending with two in a row) still
 * switch. {@code consecutive = 1} gives the bare count rule. Because {@code required} is more than half the window, at
 * most one regime can qualify.
 */
public final class RegimeConfirmation {
  private final int window;
  private final int required;
  private final int consecutive;
  private static final Regime[] REGIMES = Regime.values();
  // The last `window` readings as ordinals in a ring: read at every bar, so no deque of references and no iterator.
  private final byte[] recent;
  private int newest = -1;
  private int size;
  private final int[] counts = new int[Regime.values().length];
  private Regime confirmed;

  public RegimeConfirmation(int window, int required, int consecutive) {
    if (window < 1 || required < 1 || required > window || 2 * required <= window) {
      throw new IllegalArgumentException("confirmation needs window/2 < required <= window, got " + required + " of " + window);
    }
    if (consecutive < 1 || consecutive > required) {
      throw new IllegalArgumentException("confirmation needs 1 <= consecutive <= required, got " + consecutive);
    }
    this.window = window;
    this.required = required;
    this.consecutive = consecutive;
    this.recent = new byte[window];
  }

  public static RegimeConfirmation of(RegimeSettings settings) {
    return new RegimeConfirmation(settings.confirmWindow(), settings.confirmRequired(), settings.confirmConsecutive());
  }

  /**
   * Takes the next raw reading (null readings, from a detector still warming up, are ignored); returns the change it
   * confirms, or null.
   */
  public RegimeChange offer(RegimeReading reading) {
    if (reading == null) return null;
    Regime candidate = reading.regime();
    newest = (newest + 1) % window;
    if (size == window) counts[recent[newest]]--; // the oldest reading leaves the window
    else size++;
    recent[newest] = (byte) candidate.ordinal();
    counts[candidate.ordinal()]++;
    // Only the regime just read can newly pass the rule.
    if (candidate != confirmed && counts[candidate.ordinal()] >= required && latestAre(candidate)) {
      RegimeChange change = new RegimeChange(reading.time(), confirmed, candidate, reading);
      confirmed = candidate;
      return change;
    }
    return null;
  }

  private boolean latestAre(Regime regime) {
    if (size < consecutive) return false;
    for (int i = 0, at = newest; i < consecutive; i++, at = (at - 1 + window) % window) {
      if (REGIMES[recent[at]] != regime) return false;
    }
    return true;
  }

  /** The confirmed regime, null before the first confirmation. */
  public Regime current() {
    return confirmed;
  }
}
