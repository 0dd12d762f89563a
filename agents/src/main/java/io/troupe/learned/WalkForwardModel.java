package io.troupe.learned;

import io.troupe.market.Bar;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The walk-forward core of a learned specialist, bar by bar in event time. Each bar gives a feature row; every
 * {@code retrain_every} bars a model is trained on the last {@code train_bars} rows whose labels are known (purged and
 * embargoed, {@link #job}), on a trainer thread, off the step path; the model in use keeps deciding meanwhile, and the
 * new one takes over at the bar {@code activation_delay} after its cut, whatever the wall time: should it not be
 * ready then, that bar waits for it. So a run gives the same models and the same signals every time.
 *
 * <p>Its state is plain fields (a checkpoint writes them): the recent bars and rows, the model in use with its bytes,
 * the pending job (trained again after a resume, to the same bytes), and its out-of-sample record: each prediction
 * judged against its label once the label is known, beside the naive baseline (the model's class prior).
 */
public final class WalkForwardModel {
  private static final ExecutorService TRAINERS = Executors.newFixedThreadPool(Math.max(1, Runtime.getRuntime().availableProcessors()), r -> {
    Thread t = new Thread(r, "troupe-learned-trainer");
    t.setDaemon(true);
    return t;
  });

  /** A job being trained, and the bar its model takes over at. */
  record Pending(TrainingJob job, long activateAt) {}

  private final String name;
  private final LearnedSettings settings;
  private final FeatureSet features;
  private final int capacity;
  private final double[][] rows;
  private final double[] close;
  private final double[] high;
  private final double[] low;
  private final long[] time;
  /** The calibrated prediction made at a bar, and the baseline's, NaN when none: judged once the bar's label is known. */
  private final double[] predicted;
  private final double[] baseline;
  private long bars;
  private int versions;
  private ModelVersion active;
  private Pending pending;
  private final Reliability outOfSample = new Reliability();
  private final Reliability naive = new Reliability();
  private long retrainsSkipped;
  // Not state: rebuilt from the fields above after a checkpoint is read.
  private transient BoostedTrees trees;
  private transient Future<ModelVersion> training;

  public WalkForwardModel(String name, LearnedSettings settings) {
    this.name = name;
    this.settings = settings;
    this.features = new FeatureSet(settings.spec().features());
    this.capacity = settings.trainBars() + settings.horizon() + 1;
    this.rows = new double[capacity][];
    this.close = new double[capacity];
    this.high = new double[capacity];
    this.low = new double[capacity];
    this.time = new long[capacity];
    this.predicted = new double[capacity];
    this.baseline = new double[capacity];
  }

  /** A model's view of one bar: the calibrated probability that the label is 1, the raw one, and the version that gave it. */
  public record Prediction(double probability, double raw, int version) {}

  public String name() {
    return name;
  }

  public LearnedSettings settings() {
    return settings;
  }

  /** The model deciding now, or null before the first one. */
  public ModelVersion active() {
    return active;
  }

  public Reliability outOfSample() {
    return outOfSample;
  }

  public Reliability naiveBaseline() {
    return naive;
  }

  public long barsSeen() {
    return bars;
  }

  /** Retrains that found too few rows (or one class only) and kept the model in use. */
  public long retrainsSkipped() {
    return retrainsSkipped;
  }

  /** Feeds the bar; the prediction for it, or null while there is no model yet or a feature is not warm. */
  public Prediction onBar(Bar bar) {
    long t = bars++;
    int slot = (int) (t % capacity);
    rows[slot] = features.update(bar);
    close[slot] = bar.close();
    high[slot] = bar.high();
    low[slot] = bar.low();
    time[slot] = bar.time();
    predicted[slot] = Double.NaN;
    baseline[slot] = Double.NaN;
    judge(t);
    if (pending != null && t >= pending.activateAt()) activate(bar.symbol(), awaitPending());
    if ((t + 1) % settings.retrainEvery() == 0 && pending == null) {
      TrainingJob job = job(t, ++versions);
      if (job == null) {
        versions--;
        retrainsSkipped++;
      } else {
        pending = new Pending(job, t + settings.activationDelay());
        training = submit(pending);
      }
    }
    if (active == null || !FeatureSet.complete(rows[slot])) return null;
    if (trees == null) trees = BoostedTrees.load(active.model());
    double raw = trees.predict(rows[slot]);
    double p = active.calibrator().apply(raw);
    predicted[slot] = p;
    baseline[slot] = active.prior();
    return new Prediction(p, raw, active.version());
  }

  /** The prediction made {@code horizon} bars ago meets its label, known as of this bar. */
  private void judge(long t) {
    long s = t - settings.horizon();
    if (s < 0) return;
    int slot = (int) (s % capacity);
    if (Double.isNaN(predicted[slot])) return;
    int y = label(s);
    outOfSample.add(predicted[slot], y);
    naive.add(baseline[slot], y);
  }

  private int label(long i) {
    int h = settings.horizon();
    // Labels reads bars i .. i + h: copy them out of the ring in order.
    double[] c = new double[h + 1];
    double[] hi = new double[h + 1];
    double[] lo = new double[h + 1];
    for (int k = 0; k <= h; k++) {
      int slot = (int) ((i + k) % capacity);
      c[k] = close[slot];
      hi[k] = high[slot];
      lo[k] = low[slot];
    }
    return Labels.label(settings, c, hi, lo, 0);
  }

  /**
   * The training rows as of bar {@code t}: rows {@code i <= t - horizon} (their labels known), the last
   * {@code train_bars} of them; the latest {@code calibration_share} held out to calibrate on; purged (a fitting row's
   * label window must end before the first held-out row) and embargoed ({@code embargo} bars more). Null when too few
   * complete rows remain or the fitting labels are of one class.
   */
  TrainingJob job(long t, int version) {
    int h = settings.horizon();
    long last = t - h;
    long first = Math.max(0, last - settings.trainBars() + 1);
    if (last < first) return null;
    // The held-out share of the window as it is: a window still filling up keeps most of its rows to fit on.
    long calFirst = last - LearnedSettings.calibrationRows((int) (last - first + 1), settings.calibrationShare()) + 1;
    long fitLast = calFirst - h - 1 - settings.embargo();
    int cols = features.size();
    float[] fitX = new float[(int) Math.max(0, fitLast - first + 1) * cols];
    float[] fitY = new float[(int) Math.max(0, fitLast - first + 1)];
    float[] calX = new float[(int) Math.max(0, last - calFirst + 1) * cols];
    int[] calY = new int[(int) Math.max(0, last - calFirst + 1)];
    int nf = 0, nc = 0, ones = 0;
    for (long i = first; i <= last; i++) {
      boolean fit = i <= fitLast;
      boolean cal = i >= calFirst;
      if (!fit && !cal) continue; // purged or embargoed
      double[] row = rows[(int) (i % capacity)];
      if (!FeatureSet.complete(row)) continue;
      int y = label(i);
      if (fit) {
        for (int c = 0; c < cols; c++) fitX[nf * cols + c] = (float) row[c];
        fitY[nf++] = y;
        ones += y;
      } else {
        for (int c = 0; c < cols; c++) calX[nc * cols + c] = (float) row[c];
        calY[nc++] = y;
      }
    }
    if (nf < LearnedSettings.MIN_FIT_ROWS || nc < LearnedSettings.MIN_CALIBRATION_ROWS || ones == 0 || ones == nf) return null;
    return new TrainingJob(version, t, time[(int) (t % capacity)], cols,
        java.util.Arrays.copyOf(fitX, nf * cols), java.util.Arrays.copyOf(fitY, nf),
        java.util.Arrays.copyOf(calX, nc * cols), java.util.Arrays.copyOf(calY, nc));
  }

  private Future<ModelVersion> submit(Pending p) {
    return TRAINERS.submit(() -> ModelTrainer.train(p.job(), settings, p.activateAt()));
  }

  /** The pending model, waiting for it when it is not trained yet; trained again when a checkpoint left it pending. */
  private ModelVersion awaitPending() {
    if (training == null) training = submit(pending);
    try {
      return training.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for model v" + pending.job().version() + " of " + name, e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("training model v" + pending.job().version() + " of " + name + " failed: " + e.getCause(), e.getCause());
    } finally {
      training = null;
    }
  }

  private void activate(String symbol, ModelVersion next) {
    trees = null;
    active = next;
    pending = null;
    ModelArchive.current().activated(symbol, this, next);
  }
}
