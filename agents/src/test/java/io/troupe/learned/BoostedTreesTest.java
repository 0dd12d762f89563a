package io.troupe.learned;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class BoostedTreesTest {

  private static final int ROWS = 600;
  private static final int COLS = 3;

  private static float[][] data(long seed) {
    Random r = new Random(seed);
    float[] x = new float[ROWS * COLS];
    float[] y = new float[ROWS];
    for (int i = 0; i < ROWS; i++) {
      for (int c = 0; c < COLS; c++) x[i * COLS + c] = (float) r.nextGaussian();
      y[i] = x[i * COLS] + 0.5 * r.nextGaussian() > 0 ? 1 : 0;
    }
    return new float[][] {x, y};
  }

  @Test
  void theNativeLibraryLoadsAndTwoTrainingsGiveTheSameBytes() {
    float[][] d = data(3);
    byte[] first = BoostedTrees.train(d[0], ROWS, COLS, d[1], LearnedFixtures.settings());
    byte[] second = BoostedTrees.train(d[0], ROWS, COLS, d[1], LearnedFixtures.settings());
    assertArrayEquals(first, second, "one thread and a seed: the model is a function of its rows");
    assertNotEquals(ModelTrainer.sha256(first), ModelTrainer.sha256(BoostedTrees.train(data(4)[0], ROWS, COLS, data(4)[1], LearnedFixtures.settings())));
  }

  @Test
  void itLearnsTheSignalAndOurTreesGiveXgboostsOwnPredictions() {
    float[][] d = data(5);
    byte[] model = BoostedTrees.train(d[0], ROWS, COLS, d[1], LearnedFixtures.settings());
    BoostedTrees trees = BoostedTrees.load(model);
    double[] p = trees.predict(d[0], ROWS, COLS);
    double[] theirs = BoostedTrees.predictWithXgboost(model, d[0], ROWS, COLS);
    int right = 0;
    for (int i = 0; i < ROWS; i++) {
      assertTrue(p[i] > 0 && p[i] < 1);
      assertEquals(theirs[i], p[i], 1e-6, "row " + i);
      if ((p[i] >= 0.5 ? 1 : 0) == (int) d[1][i]) right++;
    }
    assertTrue(right > 0.75 * ROWS, "in-sample accuracy " + right + " of " + ROWS);
  }

  @Test
  void aMissingValueTakesTheTreesDefaultWayAsInXgboost() {
    float[][] d = data(6);
    // Some missing values in training, so the trees learn a default direction for them.
    for (int i = 0; i < ROWS; i += 7) d[0][i * COLS] = Float.NaN;
    byte[] model = BoostedTrees.train(d[0], ROWS, COLS, d[1], LearnedFixtures.settings());
    float[] probe = {Float.NaN, 0.3f, -0.2f, 0.8f, Float.NaN, Float.NaN, Float.NaN, Float.NaN, 1.5f};
    double[] theirs = BoostedTrees.predictWithXgboost(model, probe, 3, COLS);
    double[] ours = BoostedTrees.load(model).predict(probe, 3, COLS);
    for (int i = 0; i < 3; i++) assertEquals(theirs[i], ours[i], 1e-6, "row " + i);
  }
}
