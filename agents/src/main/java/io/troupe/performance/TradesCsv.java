package io.troupe.performance;

import io.troupe.model.InvalidInputException;
import io.troupe.model.RoundTrip;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a run's {@code trades.csv} back into round trips: the header
 * {@code symbol,side,entry_time,entry_price,exit_time,exit_price,quantity,fees,pnl,exit_reason,specialist}, times in
 * ISO-8601 UTC, RFC 4180 quoting, an empty number cell read as NaN. A wrong header, a short row, or a bad time or number
 * is an {@link InvalidInputException} naming the file, the line and the field.
 */
public final class TradesCsv {
  public static final String HEADER = "symbol,side,entry_time,entry_price,exit_time,exit_price,quantity,fees,pnl,exit_reason,specialist";
  private static final String[] FIELDS = HEADER.split(",");

  private TradesCsv() {}

  public static List<RoundTrip> read(Path file) {
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String header = r.readLine();
      if (header != null && header.startsWith("\uFEFF")) header = header.substring(1);
      if (!HEADER.equals(header == null ? null : header.strip())) {
        throw new InvalidInputException(file + ": line 1: expected the header " + HEADER + ", got " + header);
      }
      List<RoundTrip> out = new ArrayList<>();
      String line;
      int lineNo = 1;
      while ((line = r.readLine()) != null) {
        lineNo++;
        if (line.isBlank()) continue;
        List<String> cells = split(line, file, lineNo);
        if (cells.size() != FIELDS.length) {
          throw new InvalidInputException(file + ": line " + lineNo + ": expected " + FIELDS.length + " fields, got " + cells.size());
        }
        String where = file + ": line " + lineNo + ": field ";
        out.add(new RoundTrip(cells.get(0), cells.get(1), time(cells.get(2), where + FIELDS[2]), number(cells.get(3), where + FIELDS[3]),
            time(cells.get(4), where + FIELDS[4]), number(cells.get(5), where + FIELDS[5]), number(cells.get(6), where + FIELDS[6]),
            number(cells.get(7), where + FIELDS[7]), number(cells.get(8), where + FIELDS[8]), cells.get(9), cells.get(10)));
      }
      return out;
    } catch (IOException e) {
      throw new InvalidInputException(file + ": cannot read trades: " + e.getMessage(), e);
    }
  }

  private static long time(String s, String where) {
    try {
      return Instant.parse(s).toEpochMilli();
    } catch (DateTimeParseException e) {
      throw new InvalidInputException(where + " is not an ISO-8601 UTC time: '" + s + "'");
    }
  }

  private static double number(String s, String where) {
    if (s.isEmpty()) return Double.NaN;
    try {
      return Double.parseDouble(s);
    } catch (NumberFormatException e) {
      throw new InvalidInputException(where + " is not a number: '" + s + "'");
    }
  }

  /** RFC 4180 cells of one line (no line breaks inside quotes: the writer never produces them in these fields). */
  static List<String> split(String line, Path file, int lineNo) {
    List<String> cells = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"') {
          if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
            cell.append('"');
            i++;
          } else {
            quoted = false;
          }
        } else {
          cell.append(c);
        }
      } else if (c == '"' && cell.length() == 0) {
        quoted = true;
      } else if (c == ',') {
        cells.add(cell.toString());
        cell.setLength(0);
      } else {
        cell.append(c);
      }
    }
    if (quoted) throw new InvalidInputException(file + ": line " + lineNo + ": unterminated quote");
    cells.add(cell.toString());
    return cells;
  }
}
