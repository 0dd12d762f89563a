package io.troupe.market;

import io.troupe.model.InvalidInputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.DateTimeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * CSV with a header naming its columns (case-insensitive): a time column ({@code datetime}, {@code timestamp},
 * {@code date}, {@code time}; {@code date} and {@code time} together are joined), {@code open}, {@code high},
 * {@code low}, {@code close}, optional {@code volume}; other columns are ignored. The separator is whichever of
 * comma, semicolon or tab the header has most of. Blank lines are skipped.
 */
final class CsvBarReader implements BarReader {
  private static final int NONE = -1;

  private final BufferedReader in;
  private final RowValidator rows;
  private final char separator;
  private final String[] names;
  private final int timeCol;
  private final int timeOfDayCol;
  private final int openCol;
  private final int highCol;
  private final int lowCol;
  private final int closeCol;
  private final int volumeCol;
  private final String[] fields;
  private long lineNo = 1;

  CsvBarReader(BufferedReader in, RowValidator rows) {
    this.in = in;
    this.rows = rows;
    String header = readLine();
    if (header == null || header.isBlank()) {
      throw new InvalidInputException(rows.file() + ": line 1: file is empty");
    }
    if (header.charAt(0) == '\uFEFF') {
      header = header.substring(1);
    }
    separator = detectSeparator(header);
    List<String> raw = new ArrayList<>();
    for (String name : header.split(String.valueOf(separator), -1)) {
      raw.add(unquote(name.trim()));
    }
    names = raw.toArray(String[]::new);
    int datetime = find("datetime", "timestamp");
    int date = find("date");
    int time = find("time");
    if (datetime != NONE) {
      timeCol = datetime;
      timeOfDayCol = NONE;
    } else if (date != NONE) {
      timeCol = date;
      timeOfDayCol = time;
    } else {
      timeCol = time;
      timeOfDayCol = NONE;
    }
    openCol = find("open");
    highCol = find("high");
    lowCol = find("low");
    closeCol = find("close");
    volumeCol = find("volume");
    List<String> missing = new ArrayList<>();
    if (timeCol == NONE) missing.add("a time column (date, time, datetime or timestamp)");
    if (openCol == NONE) missing.add("open");
    if (highCol == NONE) missing.add("high");
    if (lowCol == NONE) missing.add("low");
    if (closeCol == NONE) missing.add("close");
    if (missing.size() == 5) {
      // Not one column of a bar header: some other file (a README, a picture), not a data file with a typo.
      throw new InvalidInputException(rows.file() + ": not a data file: line 1 is not a bar header (got '" + abbreviate(header.trim())
          + "'); expected a time column, open, high, low, close and optionally volume");
    }
    if (!missing.isEmpty()) {
      throw new InvalidInputException(
          rows.file()
              + ": line 1: header has no "
              + String.join(", ", missing)
              + " (header: "
              + header.trim()
              + "); expected a time column, open, high, low, close and optionally volume");
    }
    fields = new String[names.length];
  }

  @Override
  public Bar next() {
    while (true) {
      String line = readLine();
      if (line == null) {
        return null;
      }
      lineNo++;
      if (line.isBlank()) {
        continue;
      }
      try {
        return parse(line);
      } catch (RowProblem problem) {
        rows.reject(problem, "line " + lineNo, lineNo);
      }
    }
  }

  private Bar parse(String line) {
    int count = split(line);
    String timeText = field(timeCol, count);
    if (timeOfDayCol != NONE) {
      timeText = timeText + ' ' + field(timeOfDayCol, count);
    }
    long time;
    try {
      time = Timestamps.parse(timeText);
    } catch (DateTimeException | NumberFormatException e) {
      throw new RowProblem(BadRowReason.BAD_TIME, names[timeCol], "'" + timeText + "' is not a time");
    }
    double open = number(openCol, count);
    double high = number(highCol, count);
    double low = number(lowCol, count);
    double close = number(closeCol, count);
    double volume = volumeCol == NONE ? Double.NaN : number(volumeCol, count);
    return rows.accept(names[timeCol], time, open, high, low, close, volume);
  }

  private double number(int col, int count) {
    return RowValidator.parseNumber(names[col], field(col, count));
  }

  private String field(int col, int count) {
    String value = col < count ? fields[col] : null;
    if (value == null || value.isEmpty()) {
      throw new RowProblem(BadRowReason.MISSING_FIELD, names[col], "missing value");
    }
    return value;
  }

  /** Splits into {@link #fields}, trimmed and unquoted; returns how many were filled. */
  private int split(String line) {
    int count = 0;
    int start = 0;
    while (count < fields.length) {
      int end = line.indexOf(separator, start);
      if (end < 0) {
        fields[count++] = unquote(line.substring(start).trim());
        break;
      }
      fields[count++] = unquote(line.substring(start, end).trim());
      start = end + 1;
    }
    return count;
  }

  private int find(String... candidates) {
    for (String candidate : candidates) {
      for (int i = 0; i < names.length; i++) {
        if (names[i].toLowerCase(Locale.ROOT).equals(candidate)) {
          return i;
        }
      }
    }
    return NONE;
  }

  private static char detectSeparator(String header) {
    long commas = header.chars().filter(c -> c == ',').count();
    long semicolons = header.chars().filter(c -> c == ';').count();
    long tabs = header.chars().filter(c -> c == '\t').count();
    if (semicolons > commas && semicolons >= tabs) return ';';
    if (tabs > commas && tabs > semicolons) return '\t';
    return ',';
  }

  private static String unquote(String s) {
    if (s.length() >= 2 && s.charAt(0) == '"' && s.charAt(s.length() - 1) == '"') {
      return s.substring(1, s.length() - 1).trim();
    }
    return s;
  }

  private String readLine() {
    try {
      return in.readLine();
    } catch (IOException e) {
      throw BarFiles.readFailure(rows.file(), "line " + (lineNo + 1), e);
    }
  }

  @Override
  public ReadReport report() {
    return rows.report();
  }

  @Override
  public void close() {
    try {
      in.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String abbreviate(String text) {
    return text.length() <= 60 ? text : text.substring(0, 57) + "...";
  }
}
