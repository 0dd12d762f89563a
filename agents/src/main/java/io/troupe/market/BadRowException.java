package io.troupe.market;

import io.troupe.model.InvalidInputException;

/**
 * A data row failed validation. The message names file, line (1-based, header included), the row index for JSON
 * files, and the field, e.g. {@code data/x.csv: line 17, field 'high': 99.5 is below max(open, close) 100.2}.
 */
public final class BadRowException extends InvalidInputException {
  private final String file;
  private final long line;
  private final String field;
  private final BadRowReason reason;

  public BadRowException(String file, String location, long line, String field, BadRowReason reason, String detail) {
    super(file + ": " + location + ", field '" + field + "': " + detail);
    this.file = file;
    this.line = line;
    this.field = field;
    this.reason = reason;
  }

  public String file() {
    return file;
  }

  public long line() {
    return line;
  }

  public String field() {
    return field;
  }

  public BadRowReason reason() {
    return reason;
  }
}
