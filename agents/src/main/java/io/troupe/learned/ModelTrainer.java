package io.troupe.learned;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Trains one model of a job: the trees on the fitting rows, the calibrator on the trees' held-out predictions. A pure function. */
public final class ModelTrainer {
  private ModelTrainer() {}

  public static ModelVersion train(TrainingJob job, LearnedSettings s, long activeFromBar) {
    byte[] bytes = BoostedTrees.train(job.fitX(), job.fitRows(), job.cols(), job.fitY(), s);
    double[] raw = BoostedTrees.load(bytes).predict(job.calX(), job.calibrationRows(), job.cols());
    Calibrator calibrator = Calibrator.fit(s.spec().calibration(), raw, job.calY());
    Reliability heldOut = new Reliability();
    for (int i = 0; i < raw.length; i++) heldOut.add(calibrator.apply(raw[i]), job.calY()[i]);
    double positives = 0;
    for (float y : job.fitY()) positives += y;
    return new ModelVersion(job.version(), job.cutBar(), job.cutTime(), activeFromBar, job.fitRows(), job.calibrationRows(),
        positives / job.fitRows(), heldOut.logLoss(), bytes, sha256(bytes), calibrator);
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
