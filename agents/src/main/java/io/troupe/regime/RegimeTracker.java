package io.troupe.regime;

import io.troupe.market.Bar;

/**
 * One symbol's regime pipeline in one object, for the desk: the detector's raw reading, the confirmation rule, and the
 * timeline of confirmed regimes. Feed every bar of the symbol in time order.
 */
public final class RegimeTracker implements RegimeSource {
  private final RegimeDetector detector;
  private final RegimeConfirmation confirmation;
  private final RegimeTimeline timeline = new RegimeTimeline();
  private RegimeReading lastReading;

  public RegimeTracker(RegimeSettings settings) {
    this.detector = new RegimeDetector(settings);
    this.confirmation = RegimeConfirmation.of(settings);
  }

  /** Takes the bar with no cross-symbol information; returns the confirmed change it causes, or null. */
  @Override
  public RegimeChange update(Bar bar) {
    return update(bar, false);
  }

  /** Takes the bar and the step's correlation-spike flag; returns the confirmed change it causes, or null. */
  @Override
  public RegimeChange update(Bar bar, boolean correlationSpike) {
    RegimeReading r = detector.update(bar, correlationSpike);
    if (r != null) lastReading = r;
    RegimeChange change = confirmation.offer(r);
    timeline.add(bar.time(), confirmation.current());
    return change;
  }

  /** The confirmed regime, null before the first confirmation. */
  @Override
  public Regime confirmed() {
    return confirmation.current();
  }

  /** The detector itself: its settings and the volatility thresholds it judged the last reading by. */
  public RegimeDetector detector() {
    return detector;
  }

  /** The latest raw reading, null while the detector warms up. */
  public RegimeReading lastReading() {
    return lastReading;
  }

  public RegimeTimeline timeline() {
    return timeline;
  }
}
