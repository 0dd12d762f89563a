package io.troupe.market;

import io.troupe.model.InvalidInputException;
import java.util.Locale;

/** What a reader does with a row that fails validation. */
public enum OnBadRow {
  /** Stop at the first bad row with a {@link BadRowException} naming file, line and field. */
  FAIL,
  /** Drop the row and count it by reason in the {@link ReadReport}. */
  SKIP;

  /** Parses {@code fail} or {@code skip}, case-insensitive. */
  public static OnBadRow parse(String text) {
    if (text != null) {
      switch (text.trim().toLowerCase(Locale.ROOT)) {
        case "fail":
          return FAIL;
        case "skip":
          return SKIP;
        default:
          break;
      }
    }
    throw new InvalidInputException("bad value for on-bad-row: '" + text + "' (valid: fail, skip)");
  }
}
