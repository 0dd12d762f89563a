package io.troupe.app.learned;

import io.troupe.app.report.AtomicFiles;
import io.troupe.app.report.Csv;
import io.troupe.learned.ModelArchive;
import io.troupe.learned.ModelVersion;
import io.troupe.learned.Reliability;
import io.troupe.learned.WalkForwardModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVPrinter;

/**
 * The learned specialists' models of one run, saved with it: each version as it came into use, then, at the end, into
 * the run's folder: {@code models/NAME-SYMBOL-v0001.json} (XGBoost's own form: {@code xgboost.Booster().load_model}
 * reads it), {@code models.csv} (one row a version: its cut, the bar it decided from, its rows, class prior, held-out
 * log loss, SHA-256, file) and {@code reliability.csv} (per specialist and symbol, the out-of-sample reliability table
 * of its calibrated predictions, then rows of its scores, {@code model} beside {@code baseline}, the naive baseline that
 * predicts each model's class prior). Written only when a model was trained.
 */
public final class RunModels implements ModelArchive {
  public static final String FOLDER = "models";
  public static final String MODELS_CSV = "models.csv";
  public static final String RELIABILITY_CSV = "reliability.csv";
  static final List<String> MODELS_HEADER = List.of("specialist", "symbol", "version", "trained_through", "cut_bar", "active_from_bar",
      "fit_rows", "calibration_rows", "class_prior", "held_out_log_loss", "sha256", "file");
  static final List<String> RELIABILITY_HEADER = List.of("specialist", "symbol", "row", "from", "to", "count", "mean_predicted", "observed", "model", "baseline");

  private record Saved(String symbol, String specialist, ModelVersion version) {}

  private final List<Saved> saved = new ArrayList<>();
  /** The walk-forward state of each specialist and symbol that trained a model, for its out-of-sample record at the end. */
  private final Map<String, WalkForwardModel> models = new LinkedHashMap<>();

  @Override
  public synchronized void activated(String symbol, WalkForwardModel model, ModelVersion version) {
    saved.add(new Saved(symbol, model.name(), version));
    models.put(model.name() + "\u0000" + symbol, model);
  }

  public synchronized boolean isEmpty() {
    return saved.isEmpty();
  }

  public synchronized int versions() {
    return saved.size();
  }

  /** Each specialist and symbol with its out-of-sample record, keyed {@code NAME SYMBOL}. */
  public synchronized Map<String, WalkForwardModel> bySpecialistAndSymbol() {
    Map<String, WalkForwardModel> out = new LinkedHashMap<>();
    models.forEach((k, v) -> out.put(k.replace('\u0000', ' '), v));
    return out;
  }

  /** Writes the models and the two tables into {@code run}; nothing when no model was trained. */
  public synchronized void writeInto(Path run) throws IOException {
    if (saved.isEmpty()) return;
    Path dir = run.resolve(FOLDER);
    Files.createDirectories(dir);
    // In the order they came into use, which is the same on every run (per symbol; symbols sorted).
    List<Saved> ordered = new ArrayList<>(saved);
    ordered.sort(java.util.Comparator.comparing(Saved::specialist).thenComparing(Saved::symbol).thenComparingInt(s -> s.version().version()));
    for (Saved s : ordered) {
      Path file = dir.resolve(s.version().fileName(s.specialist(), s.symbol()));
      Path tmp = dir.resolve(file.getFileName() + ".tmp");
      Files.write(tmp, s.version().model());
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
    AtomicFiles.DISK.write(dir.resolve(MODELS_CSV), w -> {
      CSVPrinter p = Csv.printer(w, MODELS_HEADER);
      for (Saved s : ordered) {
        ModelVersion v = s.version();
        p.printRecord(s.specialist(), s.symbol(), v.version(), Instant.ofEpochMilli(v.cutTime()).toString(), v.cutBar(), v.activeFromBar(),
            v.fitRows(), v.calibrationRows(), num(v.prior()), num(v.heldOutLogLoss()), v.sha256(), v.fileName(s.specialist(), s.symbol()));
      }
      p.flush();
    });
    AtomicFiles.DISK.write(dir.resolve(RELIABILITY_CSV), w -> {
      CSVPrinter p = Csv.printer(w, RELIABILITY_HEADER);
      for (var e : byKey()) {
        String[] key = e.getKey().split("\u0000");
        writeReliability(p, key[0], key[1], e.getValue().outOfSample(), e.getValue().naiveBaseline());
      }
      p.flush();
    });
  }

  /**
   * The report's two sections (report.html's tables and summary.json's keys), empty when no model was trained:
   * {@code learned_scores}, per specialist and symbol the out-of-sample accuracy, log loss, Brier score and calibration
   * error beside the naive baseline's; {@code learned_reliability}, each one's reliability table (the bins of its
   * calibrated predictions: how many, their mean, the observed rate of 1s).
   */
  public synchronized Map<String, Object> reportSections() {
    if (saved.isEmpty()) return Map.of();
    List<Map<String, Object>> scores = new ArrayList<>();
    List<Map<String, Object>> bins = new ArrayList<>();
    for (var e : byKey()) {
      String[] key = e.getKey().split("\u0000");
      Reliability model = e.getValue().outOfSample();
      Reliability baseline = e.getValue().naiveBaseline();
      scores.add(score(key, "accuracy", model.count(), model.accuracy(), baseline.accuracy()));
      scores.add(score(key, "log_loss", model.count(), model.logLoss(), baseline.logLoss()));
      scores.add(score(key, "brier", model.count(), model.brier(), baseline.brier()));
      scores.add(score(key, "calibration_error", model.count(), model.expectedCalibrationError(), baseline.expectedCalibrationError()));
      for (Reliability.Bin b : model.bins()) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("specialist", key[0]);
        row.put("symbol", key[1]);
        row.put("from", finite(b.from()));
        row.put("to", finite(b.to()));
        row.put("count", b.count());
        row.put("mean_predicted", finite(b.meanPredicted()));
        row.put("observed", finite(b.observed()));
        bins.add(row);
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("learned_scores", scores);
    out.put("learned_reliability", bins);
    return out;
  }

  private static Map<String, Object> score(String[] key, String score, long predictions, double model, double baseline) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("specialist", key[0]);
    row.put("symbol", key[1]);
    row.put("score", score);
    row.put("predictions", predictions);
    row.put("model", finite(model));
    row.put("baseline", finite(baseline));
    return row;
  }

  /** NaN (nothing to score) as null: JSON has no NaN. */
  private static Double finite(double v) {
    return Double.isFinite(v) ? v : null;
  }

  /** Each specialist's and symbol's walk-forward state, in key order (the same on every run). */
  private List<Map.Entry<String, WalkForwardModel>> byKey() {
    List<Map.Entry<String, WalkForwardModel>> entries = new ArrayList<>(models.entrySet());
    entries.sort(Map.Entry.comparingByKey());
    return entries;
  }

  /** The table's bins, then summary rows: the model's and the baseline's accuracy, log loss, Brier score, calibration error. */
  static void writeReliability(CSVPrinter p, String specialist, String symbol, Reliability model, Reliability baseline) throws IOException {
    for (Reliability.Bin b : model.bins()) {
      p.printRecord(specialist, symbol, "bin", num(b.from()), num(b.to()), b.count(), num(b.meanPredicted()), num(b.observed()), "", "");
    }
    p.printRecord(specialist, symbol, "accuracy", "", "", model.count(), "", "", num(model.accuracy()), num(baseline.accuracy()));
    p.printRecord(specialist, symbol, "log_loss", "", "", model.count(), "", "", num(model.logLoss()), num(baseline.logLoss()));
    p.printRecord(specialist, symbol, "brier", "", "", model.count(), "", "", num(model.brier()), num(baseline.brier()));
    p.printRecord(specialist, symbol, "calibration_error", "", "", model.count(), "", "", num(model.expectedCalibrationError()), num(baseline.expectedCalibrationError()));
  }

  static String num(double v) {
    return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.6f", v);
  }
}
