package io.troupe.market;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.troupe.model.InvalidInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.DateTimeException;

/**
 * A JSON array of {@code [time, open, high, low, close, volume]} rows (freqtrade's layout), read token by token.
 * Time is epoch seconds or milliseconds (or a time string); volume may be absent; extra columns are ignored.
 * Numbers given as strings are accepted. Errors name the line and the 1-based row index: these files are often a
 * single line.
 */
final class JsonBarReader implements BarReader {
  private static final String[] FIELDS = {"time", "open", "high", "low", "close", "volume"};

  private final JsonParser parser;
  private final RowValidator rows;
  private final double[] values = new double[6];
  private long rowIndex;
  private boolean done;

  JsonBarReader(JsonParser parser, RowValidator rows) {
    this.parser = parser;
    this.rows = rows;
    JsonToken first = nextToken();
    if (first == null) {
      throw new InvalidInputException(rows.file() + ": line 1: file is empty");
    }
    if (first != JsonToken.START_ARRAY) {
      throw new InvalidInputException(
          rows.file() + ": not a data file: line " + line() + ": expected a JSON array of [time, open, high, low, close, volume] rows");
    }
  }

  @Override
  public Bar next() {
    while (!done) {
      JsonToken token = nextToken();
      if (token == JsonToken.END_ARRAY || token == null) {
        done = true;
        return null;
      }
      rowIndex++;
      long line = line();
      String location = "line " + line + ", row " + rowIndex;
      try {
        if (token != JsonToken.START_ARRAY) {
          skipChildren();
          throw new RowProblem(BadRowReason.MALFORMED_ROW, "row", "expected [time, open, high, low, close, volume], found " + token);
        }
        return parseRow();
      } catch (RowProblem problem) {
        rows.reject(problem, location, line);
      }
    }
    return null;
  }

  /** Reads the row's values up to its END_ARRAY, then validates; leaves the parser after the row either way. */
  private Bar parseRow() {
    int count = 0;
    long time = 0;
    RowProblem problem = null;
    JsonToken token;
    while ((token = nextToken()) != JsonToken.END_ARRAY) {
      if (token == null) {
        throw new InvalidInputException(rows.file() + ": line " + line() + ": unexpected end of JSON");
      }
      if (count < FIELDS.length && problem == null) {
        try {
          if (count == 0) {
            time = readTime(token);
          } else {
            values[count] = readNumber(FIELDS[count], token);
          }
        } catch (RowProblem p) {
          problem = p;
        }
      }
      if (token == JsonToken.START_ARRAY || token == JsonToken.START_OBJECT) {
        skipChildren();
      }
      count++;
    }
    if (problem != null) {
      throw problem;
    }
    if (count < 5) {
      throw new RowProblem(BadRowReason.MISSING_FIELD, FIELDS[count], "missing value (row has " + count + " of 6 values)");
    }
    double volume = count >= 6 ? values[5] : Double.NaN;
    return rows.accept("time", time, values[1], values[2], values[3], values[4], volume);
  }

  private long readTime(JsonToken token) {
    try {
      switch (token) {
        case VALUE_NUMBER_INT:
          return Timestamps.fromEpochNumber(parser.getLongValue());
        case VALUE_NUMBER_FLOAT:
          return Timestamps.fromEpochDecimal(parser.getDoubleValue());
        case VALUE_STRING:
          return Timestamps.parse(parser.getText());
        case VALUE_NULL:
          throw new RowProblem(BadRowReason.MISSING_FIELD, "time", "missing value (null)");
        default:
          throw new RowProblem(BadRowReason.BAD_TIME, "time", token + " is not a time");
      }
    } catch (DateTimeException | NumberFormatException | IOException e) {
      throw new RowProblem(BadRowReason.BAD_TIME, "time", "'" + text() + "' is not a time");
    }
  }

  private double readNumber(String field, JsonToken token) {
    try {
      switch (token) {
        case VALUE_NUMBER_INT:
        case VALUE_NUMBER_FLOAT:
          return parser.getDoubleValue();
        case VALUE_STRING:
          return RowValidator.parseNumber(field, parser.getText());
        case VALUE_NULL:
          throw new RowProblem(BadRowReason.MISSING_FIELD, field, "missing value (null)");
        default:
          throw new RowProblem(BadRowReason.NOT_A_NUMBER, field, "'" + text() + "' is not a number");
      }
    } catch (IOException e) {
      throw new RowProblem(BadRowReason.NOT_A_NUMBER, field, "'" + text() + "' is not a number");
    }
  }

  private String text() {
    try {
      return parser.getText();
    } catch (IOException e) {
      return "?";
    }
  }

  private long line() {
    return parser.currentTokenLocation().getLineNr();
  }

  private JsonToken nextToken() {
    try {
      return parser.nextToken();
    } catch (JsonProcessingException e) {
      throw new InvalidInputException(
          rows.file() + ": line " + e.getLocation().getLineNr() + ": not valid JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw BarFiles.readFailure(rows.file(), "line " + parser.currentLocation().getLineNr(), e);
    }
  }

  private void skipChildren() {
    try {
      parser.skipChildren();
    } catch (JsonProcessingException e) {
      throw new InvalidInputException(rows.file() + ": line " + e.getLocation().getLineNr() + ": not valid JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw BarFiles.readFailure(rows.file(), "line " + parser.currentLocation().getLineNr(), e);
    }
  }

  @Override
  public ReadReport report() {
    return rows.report();
  }

  @Override
  public void close() {
    try {
      parser.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
