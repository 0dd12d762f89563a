package io.troupe.app.learned;

import io.troupe.learned.Reliability;
import io.troupe.learned.WalkForwardModel;
import java.util.Locale;

/** The lines a backtest's summary gets for its learned specialists: models trained, and out-of-sample scores beside the class prior's. */
public final class LearnedSummary {
  private LearnedSummary() {}

  public static String lines(RunModels models) {
    StringBuilder b = new StringBuilder();
    models.bySpecialistAndSymbol().forEach((key, m) -> {
      Reliability r = m.outOfSample();
      Reliability base = m.naiveBaseline();
      b.append(String.format(Locale.ROOT, "%-22s %s: %d models; out of sample %,d predictions, accuracy %.4f (class prior %.4f), log loss %.4f (%.4f), calibration error %.4f%n",
          "learned", key, m.active() == null ? 0 : m.active().version(), r.count(), r.accuracy(), base.accuracy(), r.logLoss(), base.logLoss(),
          r.expectedCalibrationError()));
    });
    b.append(String.format(Locale.ROOT, "%-22s %s/%s, %s%n", "models", RunModels.FOLDER, RunModels.MODELS_CSV, RunModels.FOLDER + "/" + RunModels.RELIABILITY_CSV));
    return b.toString();
  }
}
