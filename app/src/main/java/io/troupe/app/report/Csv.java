package io.troupe.app.report;

import java.io.IOException;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The one CSV dialect Troupe writes, for every file it emits: RFC 4180 (comma separated, a cell quoted with double
 * quotes when it holds a comma, a quote or a line break, inner quotes doubled), each record ending with {@code \n}.
 * Cells are written as the caller formats them, so numbers keep exactly their text.
 */
public final class Csv {

  public static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setRecordSeparator('\n').get();

  private Csv() {}

  /** A printer over {@code out} that has written the header row; flush it when done ({@code out} stays open). */
  public static CSVPrinter printer(Appendable out, List<String> header) throws IOException {
    CSVPrinter printer = new CSVPrinter(out, FORMAT);
    printer.printRecord(header);
    return printer;
  }

  public static CSVPrinter printer(Appendable out, String... header) throws IOException {
    return printer(out, List.of(header));
  }
}
