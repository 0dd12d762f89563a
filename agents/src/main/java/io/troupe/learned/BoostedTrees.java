package io.troupe.learned;

import java.util.HashMap;
import java.util.Map;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * Gradient-boosted trees by XGBoost (its JNI library, shipped in the jar): binary logistic trees trained on one thread
 * with a fixed seed and no sampling, so that the same rows give the same model bytes, on any run. A trained model is
 * its bytes (XGBoost's own UBJSON form); {@link #load} makes a predictor of them, which holds native memory until
 * {@link #close}.
 */
public final class BoostedTrees implements AutoCloseable {
  private final Booster booster;

  private BoostedTrees(Booster booster) {
    this.booster = booster;
  }

  /** Trains on {@code rows} rows of {@code cols} features (row-major) with labels 0/1; the model's bytes. */
  public static byte[] train(float[] x, int rows, int cols, float[] y, LearnedSettings s) {
    DMatrix m = null;
    Booster b = null;
    try {
      m = new DMatrix(x, rows, cols, Float.NaN);
      m.setLabel(y);
      Map<String, Object> p = new HashMap<>();
      p.put("objective", "binary:logistic");
      p.put("eval_metric", "logloss");
      p.put("max_depth", s.maxDepth());
      p.put("eta", s.eta());
      p.put("min_child_weight", s.minChildWeight());
      p.put("tree_method", "hist");
      // One thread and a seed: the model is a function of its rows alone (checked by a test on two runs).
      p.put("nthread", 1);
      p.put("seed", s.seed());
      p.put("verbosity", 0);
      b = XGBoost.train(m, p, s.trees(), new HashMap<>(), null, null);
      return b.toByteArray("ubj");
    } catch (XGBoostError e) {
      throw new IllegalStateException("xgboost failed to train on " + rows + " rows: " + e.getMessage(), e);
    } finally {
      if (b != null) b.dispose();
      if (m != null) m.dispose();
    }
  }

  public static BoostedTrees load(byte[] model) {
    try {
      return new BoostedTrees(XGBoost.loadModel(model));
    } catch (XGBoostError | java.io.IOException e) {
      throw new IllegalStateException("xgboost cannot read a model of " + model.length + " bytes: " + e.getMessage(), e);
    }
  }

  /** The probability of label 1 for each of {@code rows} rows. */
  public double[] predict(float[] x, int rows, int cols) {
    try {
      // In place: no DMatrix to build and free for one bar's row.
      float[][] out = booster.inplace_predict(x, rows, cols, Float.NaN);
      double[] p = new double[rows];
      for (int i = 0; i < rows; i++) p[i] = out[i][0];
      return p;
    } catch (XGBoostError e) {
      throw new IllegalStateException("xgboost failed to predict: " + e.getMessage(), e);
    }
  }

  public double predict(double[] row) {
    float[] x = new float[row.length];
    for (int i = 0; i < row.length; i++) x[i] = (float) row[i];
    return predict(x, 1, row.length)[0];
  }

  @Override
  public void close() {
    booster.dispose();
  }
}
