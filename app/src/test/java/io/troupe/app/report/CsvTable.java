package io.troupe.app.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A CSV file the product wrote, read back with Jackson's CSV parser (a standard RFC 4180 reader, not the one that wrote
 * it), after checking that every row has exactly as many cells as the header names: the columns line up.
 */
public record CsvTable(List<String> header, List<Map<String, String>> rows) {

  private static final CsvMapper CSV = CsvMapper.builder().enable(CsvParser.Feature.WRAP_AS_ARRAY).build();

  public static CsvTable read(Path file) throws IOException {
    try (MappingIterator<String[]> it = CSV.readerFor(String[].class).with(CsvSchema.emptySchema()).readValues(file.toFile())) {
      return of(file.toString(), it.readAll());
    }
  }

  public static CsvTable parse(String text) throws IOException {
    try (MappingIterator<String[]> it = CSV.readerFor(String[].class).with(CsvSchema.emptySchema()).readValues(text)) {
      return of("text", it.readAll());
    }
  }

  private static CsvTable of(String name, List<String[]> records) {
    assertFalse(records.isEmpty(), name + ": no header");
    List<String> header = List.of(records.get(0));
    List<Map<String, String>> rows = new ArrayList<>();
    for (int i = 1; i < records.size(); i++) {
      String[] cells = records.get(i);
      assertEquals(header.size(), cells.length, name + ": record " + (i + 1) + " has " + cells.length + " cells under " + header.size()
          + " names: " + String.join("|", cells));
      Map<String, String> row = new LinkedHashMap<>();
      for (int c = 0; c < cells.length; c++) row.put(header.get(c), cells[c]);
      rows.add(row);
    }
    return new CsvTable(header, rows);
  }

  /** The column's cells, top to bottom. */
  public List<String> column(String name) {
    if (!header.contains(name)) throw new AssertionError("no column " + name + " in " + header);
    return rows.stream().map(r -> r.get(name)).toList();
  }
}
