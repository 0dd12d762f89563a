package io.troupe.performance;

import io.troupe.model.InvalidInputException;
import io.troupe.model.RoundTrip;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a run's {@code trades.csv} back into round trips: the header
 * {@code symbol,side,entry_time,entry_price,exit_time,exit_price,quantity,fees,pnl,exit_reason,specialist}, times in
 * ISO-8601 UTC, RFC 4180 quoting (read with Commons CSV), an empty number cell read as NaN. A wrong header, a short row, or a bad time or number
 * is an {@link InvalidInputException} naming the file, the line and the field.
 */
public final class TradesCsv {
  public static final String HEADER = "symbol,side,entry_time,entry_price,exit_time,exit_price,quantity,fees,pnl,exit_reason,specialist";
  private static final String[] FIELDS = HEADER.split(",");
  private static final CSVFormat FORMAT = CSVFormat.RFC4180;

  private TradesCsv() {}

  public static List<RoundTrip> read(Path file) {
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        CSVParser rows = CSVParser.builder().setReader(r).setFormat(FORMAT).get()) {
      List<RoundTrip> out = new ArrayList<>();
      boolean header = false;
      for (CSVRecord row : rows) {
        // The record number is the line number: the writer puts no line break inside a cell of these fields.
        long lineNo = row.getRecordNumber();
        if (!header) {
          List<String> cells = new ArrayList<>(row.toList());
          if (!cells.isEmpty() && cells.get(0).startsWith("\uFEFF")) cells.set(0, cells.get(0).substring(1));
          if (!cells.equals(List.of(FIELDS))) {
            throw new InvalidInputException(file + ": line 1: expected the header " + HEADER + ", got " + String.join(",", row.toList()));
          }
          header = true;
          continue;
        }
        if (row.size() == 1 && row.get(0).isBlank()) continue;
        if (row.size() != FIELDS.length) {
          throw new InvalidInputException(file + ": line " + lineNo + ": expected " + FIELDS.length + " fields, got " + row.size());
        }
        String where = file + ": line " + lineNo + ": field ";
        out.add(new RoundTrip(row.get(0), row.get(1), time(row.get(2), where + FIELDS[2]), number(row.get(3), where + FIELDS[3]),
            time(row.get(4), where + FIELDS[4]), number(row.get(5), where + FIELDS[5]), number(row.get(6), where + FIELDS[6]),
            number(row.get(7), where + FIELDS[7]), number(row.get(8), where + FIELDS[8]), row.get(9), row.get(10)));
      }
      if (!header) throw new InvalidInputException(file + ": line 1: expected the header " + HEADER + ", got nothing");
      return out;
    } catch (IOException | UncheckedIOException e) {
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
}
