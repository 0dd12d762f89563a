package io.troupe.app.adviser;

import io.troupe.adviser.AdviceRuling;
import io.troupe.adviser.AdviceVerdict;
import io.troupe.adviser.AdviserCommand;
import io.troupe.app.report.Csv;
import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVPrinter;

/** What a backtest with the adviser writes: one row per endpoint's verdict in {@code adviser-verdicts.csv}, and its counts. */
public final class AdviceFiles {

  public static final String VERDICTS_CSV = "adviser-verdicts.csv";

  static final List<String> HEADER = List.of("time", "symbol", "specialist", "prompt_hash", "endpoint", "verdict", "confidence", "outcome", "reason",
      "action", "target_before", "target_after", "ruling");

  private AdviceFiles() {}

  public static void writeVerdicts(Writer w, List<AdviceRuling> rulings) throws IOException {
    CSVPrinter csv = Csv.printer(w, HEADER);
    for (AdviceRuling r : rulings) {
      for (AdviceVerdict v : r.verdicts()) {
        csv.printRecord(Instant.ofEpochMilli(r.time()), r.symbol(), r.specialist(), r.promptHash(), v.endpoint(), v.opinion().name().toLowerCase(java.util.Locale.ROOT),
            Double.isNaN(v.confidence()) ? "" : v.confidence(), v.outcome().label(), v.reason(), r.action().label(), plain(r.targetBefore()),
            plain(r.targetAfter()), r.reason());
      }
    }
    csv.flush();
  }

  /** summary.json's {@code adviser}: entries reviewed, passed, vetoed and scaled; verdicts by outcome; late answers. */
  public static Map<String, Object> summary(AdviserCommand.Report report, String cacheFile) {
    Map<String, Object> m = new LinkedHashMap<>();
    long vetoed = report.rulings().stream().filter(r -> r.action() == AdviceRuling.Action.VETO).count();
    long scaled = report.rulings().stream().filter(r -> r.action() == AdviceRuling.Action.SCALE).count();
    m.put("entries_reviewed", report.rulings().size());
    m.put("passed", report.rulings().size() - vetoed - scaled);
    m.put("vetoed", vetoed);
    m.put("scaled", scaled);
    m.put("verdicts_by_outcome", new java.util.TreeMap<>(report.outcomes()));
    m.put("late_answers", report.late());
    m.put("cache", cacheFile);
    return m;
  }

  /** The summary's line: "12 entries: 9 passed, 2 vetoed, 1 scaled; verdicts answered 30, timeout 3, ...". */
  public static String line(AdviserCommand.Report report) {
    Map<String, Object> s = summary(report, null);
    return s.get("entries_reviewed") + " entries: " + s.get("passed") + " passed, " + s.get("vetoed") + " vetoed, " + s.get("scaled") + " scaled; verdicts "
        + (report.outcomes().isEmpty() ? "none" : new java.util.TreeMap<>(report.outcomes()).toString()) + (report.late() > 0 ? "; " + report.late() + " late" : "");
  }

  private static String plain(double v) {
    return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
  }
}
