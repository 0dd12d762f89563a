package io.troupe.app.report;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * summary.json: title, the metrics, fill_mode_note, config, data, the extra sections, and last the {@code run}
 * object holding the only wall-clock fields, so a determinism check can drop it and compare the rest byte for byte.
 * Keys keep their insertion order; doubles print as Java prints them (round-trip); NaN and infinities become null.
 */
public final class SummaryJsonWriter {

  static final Set<String> RESERVED = Set.of("title", "fill_mode_note", "config", "data", "run");

  private static final ObjectWriter JSON = new ObjectMapper()
      .writer(new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n")));

  private SummaryJsonWriter() {}

  public static void write(Path file, BacktestReport report, BacktestMetrics metrics) throws IOException {
    AtomicFiles.DISK.writeString(file, toJson(report, metrics));
  }

  public static String toJson(BacktestReport report, BacktestMetrics metrics) throws IOException {
    return JSON.writeValueAsString(toMap(report, metrics)) + "\n";
  }

  /** The summary as an ordered tree of maps, lists and scalars. */
  public static Map<String, Object> toMap(BacktestReport report, BacktestMetrics metrics) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("title", report.title());
    root.putAll(metrics.toOrderedMap());
    root.put("fill_mode_note", report.fillModeNote());
    root.put("config", sanitize(report.config()));
    root.put("data", sanitize(report.dataSpans()));
    for (Map.Entry<String, Object> e : report.extraSections().entrySet()) {
      if (RESERVED.contains(e.getKey()) || root.containsKey(e.getKey())) {
        throw new IllegalArgumentException("extra section clashes with a summary key: " + e.getKey());
      }
      root.put(e.getKey(), sanitize(e.getValue()));
    }
    Map<String, Object> run = new LinkedHashMap<>();
    run.put("started_at", report.startedAt() == null ? null : report.startedAt().toString());
    run.put("wall_clock_seconds", BacktestMetrics.finite(report.wallClockSeconds()));
    root.put("run", run);
    return root;
  }

  /** Copies maps and collections preserving order, replacing non-finite numbers by null (JSON has no NaN). */
  static Object sanitize(Object v) {
    if (v instanceof Double d) return BacktestMetrics.finite(d);
    if (v instanceof Float f) return BacktestMetrics.finite(f.doubleValue());
    if (v instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.forEach((k, x) -> out.put(String.valueOf(k), sanitize(x)));
      return out;
    }
    if (v instanceof Collection<?> c) {
      List<Object> out = new ArrayList<>(c.size());
      c.forEach(x -> out.add(sanitize(x)));
      return out;
    }
    if (v instanceof java.time.Instant || v instanceof java.time.Duration || v instanceof Enum<?>
        || v instanceof java.nio.file.Path) {
      return v.toString();
    }
    return v;
  }
}
