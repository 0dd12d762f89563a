package io.troupe.learned;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.checkpoint.StateCodec;
import io.troupe.market.Bar;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WalkForwardModelTest {
  private final List<Bar> bars = LearnedFixtures.bars(1_600, 11);
  private final LearnedSettings settings = LearnedFixtures.settings();

  @AfterEach
  void noArchive() {
    ModelArchive.install(null);
  }

  private static List<WalkForwardModel.Prediction> run(WalkForwardModel m, List<Bar> bars) {
    List<WalkForwardModel.Prediction> out = new ArrayList<>();
    for (Bar b : bars) out.add(m.onBar(b));
    return out;
  }

  @Test
  void aModelTrainedAtItsCutTakesOverAFixedNumberOfBarsLater() {
    List<long[]> activations = new ArrayList<>();
    ModelArchive.install((symbol, model, v) -> activations.add(new long[] {v.version(), v.cutBar(), v.activeFromBar(), model.barsSeen() - 1}));
    WalkForwardModel m = new WalkForwardModel("wf", settings);
    List<WalkForwardModel.Prediction> p = run(m, bars);
    // Retrains every 200 bars (at bars 199, 399, ...); the first with 400 bars of labels known is at 599... but 399 already
    // has 395 rows; each model decides from its cut + 7.
    assertTrue(activations.size() >= 5, "models: " + activations.size());
    for (long[] a : activations) {
      assertEquals(199, a[1] % 200, "cut on a retrain boundary");
      assertEquals(a[1] + 7, a[2], "active from cut + activation_delay");
      assertEquals(a[2], a[3], "swapped in at that very bar");
    }
    long firstActive = activations.get(0)[2];
    for (int i = 0; i < firstActive; i++) assertNull(p.get(i), "no prediction before the first model, bar " + i);
    assertNotNull(p.get((int) firstActive));
    assertEquals(1, p.get((int) firstActive).version());
    assertEquals(activations.size(), m.active().version());
  }

  @Test
  void trainingRowsArePurgedAndEmbargoedAndNoLabelReachesPastTheCut() {
    WalkForwardModel m = new WalkForwardModel("wf", settings);
    run(m, bars.subList(0, 1_000));
    long t = 999;
    TrainingJob job = m.job(t, 1);
    assertNotNull(job);
    // Window: rows 595 .. 994 (labels known by bar 999); 100 held out: 895 .. 994; fitting rows end at
    // 895 - horizon 5 - 1 - embargo 2 = 887, so the last fitting label (bars 888 .. 892) ends before the held-out rows.
    int cols = settings.spec().features().size();
    assertEquals(100, job.calibrationRows());
    assertEquals(887 - 595 + 1, job.fitRows());
    assertEquals(job.fitRows() * cols, job.fitX().length);
    // The rows are the features of those bars: rebuild them from a fresh feature set.
    FeatureSet fs = new FeatureSet(settings.spec().features());
    List<double[]> rows = new ArrayList<>();
    for (Bar b : bars.subList(0, 1_000)) rows.add(fs.update(b));
    for (int c = 0; c < cols; c++) {
      assertEquals((float) rows.get(595)[c], job.fitX()[c], "first fitting row is bar 595");
      assertEquals((float) rows.get(887)[c], job.fitX()[(job.fitRows() - 1) * cols + c], "last fitting row is bar 887");
      assertEquals((float) rows.get(895)[c], job.calX()[c], "first held-out row is bar 895");
      assertEquals((float) rows.get(994)[c], job.calX()[(job.calibrationRows() - 1) * cols + c], "last held-out row is bar 994");
    }
  }

  @Test
  void twoRunsGiveTheSameModelsAndPredictions() {
    WalkForwardModel a = new WalkForwardModel("wf", settings);
    WalkForwardModel b = new WalkForwardModel("wf", settings);
    List<WalkForwardModel.Prediction> pa = run(a, bars);
    List<WalkForwardModel.Prediction> pb = run(b, bars);
    assertEquals(pa, pb);
    assertEquals(a.active().sha256(), b.active().sha256());
    assertArrayEquals(a.active().model(), b.active().model());
  }

  @Test
  void aCheckpointWithATrainingPendingResumesToTheSameModelsAndPredictions() {
    WalkForwardModel straight = new WalkForwardModel("wf", settings);
    List<WalkForwardModel.Prediction> expected = run(straight, bars);
    WalkForwardModel first = new WalkForwardModel("wf", settings);
    // Bar 802 is 3 bars after the cut at 799: the model of that cut is still pending (it decides from 806).
    run(first, bars.subList(0, 803));
    byte[] checkpoint = StateCodec.encode(first);
    WalkForwardModel resumed = StateCodec.decode(checkpoint, WalkForwardModel.class);
    assertEquals(first.active().sha256(), resumed.active().sha256(), "the checkpoint holds the model in use");
    List<WalkForwardModel.Prediction> after = run(resumed, bars.subList(803, bars.size()));
    assertEquals(expected.subList(803, bars.size()), after);
    assertEquals(straight.active().sha256(), resumed.active().sha256());
    assertEquals(straight.outOfSample().logLoss(), resumed.outOfSample().logLoss());
  }

  /** No look-ahead: the predictions up to a bar are the same whether or not later bars follow. */
  @Test
  void predictionsDoNotChangeWhenLaterBarsAreAdded() {
    List<WalkForwardModel.Prediction> full = run(new WalkForwardModel("wf", settings), bars);
    for (int cut : new int[] {610, 1_013, 1_407}) {
      List<WalkForwardModel.Prediction> part = run(new WalkForwardModel("wf", settings), bars.subList(0, cut));
      assertEquals(full.subList(0, cut), part, "cut at " + cut);
    }
  }

  @Test
  void itLearnsTheMomentumOutOfSampleAndJudgesEachPredictionOnce() {
    WalkForwardModel m = new WalkForwardModel("wf", settings);
    List<WalkForwardModel.Prediction> p = run(m, bars);
    long made = p.stream().filter(x -> x != null).count();
    assertEquals(made - settings.horizon(), m.outOfSample().count(), "each prediction judged once its label is known");
    assertEquals(m.outOfSample().count(), m.naiveBaseline().count());
    assertTrue(m.outOfSample().logLoss() < m.naiveBaseline().logLoss(),
        "beats the class prior on data with momentum: " + m.outOfSample().logLoss() + " vs " + m.naiveBaseline().logLoss());
  }
}
