package io.troupe.learned;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * Gradient-boosted trees, trained by XGBoost (its JNI library, shipped in the jar): binary logistic trees on one
 * thread with a fixed seed and no sampling, so that the same rows give the same model bytes on every run. A trained
 * model is its bytes in XGBoost's JSON form (what {@code xgboost.Booster().load_model} reads). Predictions are made
 * here, in Java, from those trees: one row a bar through XGBoost's native call costs hundreds of microseconds, the
 * trees themselves a few ({@code BoostedTreesTest} checks they give XGBoost's own predictions).
 */
public final class BoostedTrees {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final float baseMargin;
  private final int[][] left;
  private final int[][] right;
  private final int[][] feature;
  private final float[][] threshold;
  private final boolean[][] defaultLeft;

  private BoostedTrees(float baseMargin, int[][] left, int[][] right, int[][] feature, float[][] threshold, boolean[][] defaultLeft) {
    this.baseMargin = baseMargin;
    this.left = left;
    this.right = right;
    this.feature = feature;
    this.threshold = threshold;
    this.defaultLeft = defaultLeft;
  }

  /** Trains on {@code rows} rows of {@code cols} features (row-major) with labels 0/1; the model's bytes (JSON). */
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
      return b.toByteArray("json");
    } catch (XGBoostError e) {
      throw new IllegalStateException("xgboost failed to train on " + rows + " rows: " + e.getMessage(), e);
    } finally {
      if (b != null) b.dispose();
      if (m != null) m.dispose();
    }
  }

  /** XGBoost's own predictions of a model, for checking ours against. */
  static double[] predictWithXgboost(byte[] model, float[] x, int rows, int cols) {
    Booster b = null;
    try {
      b = XGBoost.loadModel(model);
      float[][] out = b.inplace_predict(x, rows, cols, Float.NaN);
      double[] p = new double[rows];
      for (int i = 0; i < rows; i++) p[i] = out[i][0];
      return p;
    } catch (XGBoostError | IOException e) {
      throw new IllegalStateException("xgboost cannot read a model of " + model.length + " bytes: " + e.getMessage(), e);
    } finally {
      if (b != null) b.dispose();
    }
  }

  /** The trees of a model in XGBoost's JSON form. */
  public static BoostedTrees load(byte[] model) {
    try {
      JsonNode learner = JSON.readTree(model).path("learner");
      if (!"binary:logistic".equals(learner.path("objective").path("name").asText())) {
        throw new IllegalStateException("not a binary:logistic model: " + learner.path("objective").path("name").asText());
      }
      String base = learner.path("learner_model_param").path("base_score").asText().replace("[", "").replace("]", "");
      float p = Float.parseFloat(base);
      float margin = (float) Math.log(p / (1 - p));
      JsonNode trees = learner.path("gradient_booster").path("model").path("trees");
      int n = trees.size();
      int[][] l = new int[n][], r = new int[n][], f = new int[n][];
      float[][] t = new float[n][];
      boolean[][] d = new boolean[n][];
      for (int k = 0; k < n; k++) {
        JsonNode tree = trees.get(k);
        l[k] = ints(tree.get("left_children"));
        r[k] = ints(tree.get("right_children"));
        f[k] = ints(tree.get("split_indices"));
        JsonNode sc = tree.get("split_conditions");
        t[k] = new float[sc.size()];
        for (int i = 0; i < sc.size(); i++) t[k][i] = (float) sc.get(i).asDouble();
        JsonNode dl = tree.get("default_left");
        d[k] = new boolean[dl.size()];
        for (int i = 0; i < dl.size(); i++) d[k][i] = dl.get(i).isBoolean() ? dl.get(i).asBoolean() : dl.get(i).asInt() != 0;
      }
      return new BoostedTrees(margin, l, r, f, t, d);
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException("cannot read a model of " + model.length + " bytes: " + e.getMessage(), e);
    }
  }

  private static int[] ints(JsonNode a) {
    int[] out = new int[a.size()];
    for (int i = 0; i < out.length; i++) out[i] = a.get(i).asInt();
    return out;
  }

  /** The probability of label 1 for a row of features (NaN: missing, sent the tree's default way). */
  public double predict(double[] row) {
    // As XGBoost does: features as floats, go left when below the split, the margin summed in float.
    float margin = baseMargin;
    for (int k = 0; k < left.length; k++) {
      int[] l = left[k];
      int node = 0;
      while (l[node] != -1) {
        float v = (float) row[feature[k][node]];
        boolean goLeft = Float.isNaN(v) ? defaultLeft[k][node] : v < threshold[k][node];
        node = goLeft ? l[node] : right[k][node];
      }
      margin += threshold[k][node]; // a leaf's value sits in its split condition
    }
    return 1 / (1 + Math.exp(-margin));
  }

  /** The probability of label 1 for each of {@code rows} rows. */
  public double[] predict(float[] x, int rows, int cols) {
    double[] p = new double[rows];
    double[] row = new double[cols];
    for (int i = 0; i < rows; i++) {
      for (int c = 0; c < cols; c++) row[c] = x[i * cols + c];
      p[i] = predict(row);
    }
    return p;
  }
}
