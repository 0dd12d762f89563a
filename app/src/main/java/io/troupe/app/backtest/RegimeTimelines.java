package io.troupe.app.backtest;

import io.troupe.model.InvalidInputException;
import io.troupe.app.report.Band;
import io.troupe.market.Bar;
import io.troupe.performance.PerformanceCommand.RegimePoint;
import io.troupe.regime.Regime;
import io.troupe.regime.RegimeTimeline;
import io.troupe.app.report.Csv;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * A run's confirmed regimes per symbol, as the desks reported them: timelines over the run's bars, shares of time for
 * summary.json, bands for the report, and {@code regimes.csv} (which {@code troupe edge} reads back).
 */
public final class RegimeTimelines {
  public static final String FILE = "regimes.csv";
  private static final List<String> HEADER = List.of("symbol", "start", "end", "regime", "bars");

  private RegimeTimelines() {}

  public static Map<String, RegimeTimeline> of(Map<String, List<RegimePoint>> points, Map<String, List<Bar>> bars) {
    Map<String, RegimeTimeline> out = new TreeMap<>();
    for (var e : bars.entrySet()) {
      List<RegimePoint> ps = points.getOrDefault(e.getKey(), List.of());
      RegimeTimeline t = new RegimeTimeline();
      int next = 0;
      Regime current = null;
      for (Bar b : e.getValue()) {
        while (next < ps.size() && ps.get(next).time() <= b.time()) current = ps.get(next++).regime();
        t.add(b.time(), current);
      }
      out.put(e.getKey(), t);
    }
    return out;
  }

  /** Per symbol: share of time, span count and average span length per regime. */
  public static Map<String, Object> shares(Map<String, RegimeTimeline> timelines) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (var e : timelines.entrySet()) {
      Map<String, Object> bySymbol = new LinkedHashMap<>();
      for (var s : e.getValue().shares().entrySet()) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("time_share", s.getValue().timeShare());
        row.put("spans", s.getValue().spans());
        row.put("bars", s.getValue().bars());
        row.put("average_span_bars", s.getValue().averageSpanBars());
        bySymbol.put(s.getKey().name().toLowerCase(), row);
      }
      out.put(e.getKey(), bySymbol);
    }
    return out;
  }

  public static Map<String, List<Band>> bands(Map<String, RegimeTimeline> timelines) {
    Map<String, List<Band>> out = new TreeMap<>();
    for (var e : timelines.entrySet()) {
      List<Band> bands = new ArrayList<>();
      for (RegimeTimeline.Span s : e.getValue().spans()) bands.add(new Band(s.start(), s.end(), s.regime().name().toLowerCase()));
      out.put(e.getKey(), bands);
    }
    return out;
  }

  public static void writeCsv(Writer w, Map<String, RegimeTimeline> timelines) throws IOException {
    CSVPrinter csv = Csv.printer(w, HEADER);
    for (var e : timelines.entrySet()) {
      for (RegimeTimeline.Span s : e.getValue().spans()) {
        csv.printRecord(e.getKey(), Instant.ofEpochMilli(s.start()), Instant.ofEpochMilli(s.end()), s.regime().name(), s.bars());
      }
    }
    csv.flush();
  }

  /** A run's regime spans per symbol, read back from {@code regimes.csv}: (start, end, regime) sorted by start. */
  public static Map<String, List<RegimeTimeline.Span>> readCsv(Path file) {
    Map<String, List<RegimeTimeline.Span>> out = new TreeMap<>();
    boolean header = false;
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        CSVParser rows = CSVParser.builder().setReader(r).setFormat(Csv.FORMAT).get()) {
      for (CSVRecord row : rows) {
        long line = row.getRecordNumber(); // one line per record: no cell of this file holds a line break
        if (!header) {
          if (!row.toList().equals(HEADER)) break;
          header = true;
        } else if (row.size() == 1 && row.get(0).isBlank()) {
          continue;
        } else if (row.size() != HEADER.size()) {
          throw new InvalidInputException(file + ": line " + line + ": expected " + HEADER.size() + " fields, got " + row.size());
        } else {
          try {
            out.computeIfAbsent(row.get(0), k -> new ArrayList<>()).add(new RegimeTimeline.Span(Regime.valueOf(row.get(3)),
                Instant.parse(row.get(1)).toEpochMilli(), Instant.parse(row.get(2)).toEpochMilli(), Integer.parseInt(row.get(4))));
          } catch (RuntimeException ex) {
            throw new InvalidInputException(file + ": line " + line + ": " + ex.getMessage(), ex);
          }
        }
      }
    } catch (IOException | UncheckedIOException e) {
      throw new InvalidInputException(file + ": cannot read: " + e.getMessage(), e);
    }
    if (!header) throw new InvalidInputException(file + ": line 1: expected header '" + String.join(",", HEADER) + "'");
    return out;
  }

}
