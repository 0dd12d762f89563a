package io.troupe.learned;

import io.troupe.model.InvalidInputException;
import java.util.List;
import java.util.Locale;

/**
 * The named parts of a learned specialist's genome (its {@code learned} object): the features by name
 * ({@link FeatureSet}), the label, and how its probabilities are calibrated. Its numbers (horizon, windows, trees,
 * thresholds) are genome params ({@link LearnedSettings}), so that a search can vary them.
 */
public record LearnedSpec(List<String> features, Label label, Calibration calibration) {

  /** What the model learns to predict for a bar: whether the price is up at the horizon, or which barrier it meets first. */
  public enum Label {
    /** 1 when the close {@code horizon} bars later is above this bar's close, else 0. */
    FORWARD_RETURN,
    /**
     * The triple-barrier outcome: 1 when the bar's high reaches the target ({@code target_pct} above the close) before
     * its low reaches the stop ({@code stop_pct} below), 0 when the stop comes first (or both in one bar); when
     * neither within {@code horizon} bars (the time barrier), the sign of the return at the horizon.
     */
    TRIPLE_BARRIER;

    public String text() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  /** How raw model probabilities become calibrated confidences, fitted on held-out predictions. */
  public enum Calibration {
    PLATT, ISOTONIC;

    public String text() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public LearnedSpec {
    if (features == null || features.isEmpty()) throw new InvalidInputException("field 'learned.features' must name at least one feature");
    features = List.copyOf(features);
    FeatureSet.check(features); // names the bad feature now, not on the first bar
    if (label == null) throw new InvalidInputException("field 'learned.label' is missing");
    if (calibration == null) throw new InvalidInputException("field 'learned.calibration' is missing");
  }

  public static Label label(String text) {
    for (Label l : Label.values()) if (l.text().equals(text)) return l;
    throw new InvalidInputException("field 'learned.label' must be forward-return or triple-barrier, got " + text);
  }

  public static Calibration calibration(String text) {
    for (Calibration c : Calibration.values()) if (c.text().equals(text)) return c;
    throw new InvalidInputException("field 'learned.calibration' must be isotonic or platt, got " + text);
  }
}
