package io.troupe.learned;

/**
 * One trained model of a learned specialist: its number (1, 2, ...), the bar and time its training data ends at, the
 * bar from which it decides, the rows it was fitted and calibrated on, the share of 1s among its fitting labels (the
 * naive baseline's prediction), its calibrated held-out log loss, the model's bytes (XGBoost's JSON form) with their
 * SHA-256, and its calibrator. Kept in the specialist's state, so a checkpoint holds the model a resume decides with.
 */
public record ModelVersion(
    int version,
    long cutBar,
    long cutTime,
    long activeFromBar,
    int fitRows,
    int calibrationRows,
    double prior,
    double heldOutLogLoss,
    byte[] model,
    String sha256,
    Calibrator calibrator) {

  /** The file name the model is saved under in a run's folder: {@code NAME-SYMBOL-v0003.json}. */
  public String fileName(String specialist, String symbol) {
    return String.format(java.util.Locale.ROOT, "%s-%s-v%04d.json", specialist, symbol, version);
  }
}
