package io.troupe.market;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;

/**
 * Reads the time of a bar as epoch milliseconds (UTC). Accepted:
 *
 * <ul>
 *   <li>ISO date {@code 2006-01-02} (midnight UTC) and compact {@code 20060102};
 *   <li>ISO date-time with {@code T} or a space, optional seconds and fraction, optional zone ({@code Z},
 *       {@code +00:00}, {@code +0000}, {@code [Europe/Paris]}); no zone means UTC;
 *   <li>epoch numbers, told apart by magnitude: below 1e11 seconds (may have a fraction), below 1e14 milliseconds,
 *       below 1e17 microseconds, else nanoseconds.
 * </ul>
 *
 * The common shapes are parsed by hand because this runs once per row of files with millions of rows.
 */
public final class Timestamps {
  private static final long SECONDS_BELOW = 100_000_000_000L;
  private static final long MILLIS_BELOW = 100_000_000_000_000L;
  private static final long MICROS_BELOW = 100_000_000_000_000_000L;

  private Timestamps() {}

  /**
   * Parses a time as epoch milliseconds.
   *
   * @throws DateTimeException when the text is not a time in a known form
   */
  public static long parse(String text) {
    String s = text.trim();
    if (s.isEmpty()) {
      throw new DateTimeException("empty time");
    }
    if (isDigits(s, 0, s.length())) {
      if (s.length() == 8) {
        long compact = compactDate(s);
        if (compact != Long.MIN_VALUE) {
          return compact;
        }
      }
      if (s.length() > 18) {
        throw new DateTimeException("epoch number out of range");
      }
      return fromEpochNumber(Long.parseLong(s));
    }
    int dot = s.indexOf('.');
    if (dot > 0 && isDigits(s, 0, dot) && isDigits(s, dot + 1, s.length()) && dot + 1 < s.length()) {
      return fromEpochDecimal(Double.parseDouble(s));
    }
    long fast = isoFast(s);
    if (fast != Long.MIN_VALUE) {
      return fast;
    }
    return isoSlow(s);
  }

  /** An integer epoch value in seconds, milliseconds, microseconds or nanoseconds, told apart by magnitude. */
  public static long fromEpochNumber(long value) {
    if (value < 0) {
      throw new DateTimeException("negative epoch time " + value);
    }
    if (value < SECONDS_BELOW) {
      return value * 1000;
    }
    if (value < MILLIS_BELOW) {
      return value;
    }
    if (value < MICROS_BELOW) {
      return value / 1000;
    }
    return value / 1_000_000;
  }

  /** A fractional epoch value: seconds when small, otherwise as {@link #fromEpochNumber(long)}. */
  public static long fromEpochDecimal(double value) {
    if (!Double.isFinite(value) || value < 0) {
      throw new DateTimeException("bad epoch time " + value);
    }
    if (value < SECONDS_BELOW) {
      return Math.round(value * 1000);
    }
    return fromEpochNumber((long) value);
  }

  private static long compactDate(String s) {
    int y = digits(s, 0, 4);
    int m = digits(s, 4, 2);
    int d = digits(s, 6, 2);
    if (y < 1800 || y > 2200 || m < 1 || m > 12 || d < 1 || d > 31) {
      return Long.MIN_VALUE;
    }
    try {
      return LocalDate.of(y, m, d).toEpochDay() * 86_400_000L;
    } catch (DateTimeException e) {
      return Long.MIN_VALUE;
    }
  }

  /** yyyy-MM-dd[(T| )HH:mm[:ss[.f]]][Z|±HH[:]MM]; Long.MIN_VALUE when the text has another shape. */
  private static long isoFast(String s) {
    int n = s.length();
    if (n < 10 || s.charAt(4) != '-' || s.charAt(7) != '-') {
      return Long.MIN_VALUE;
    }
    int y = digits(s, 0, 4);
    int mo = digits(s, 5, 2);
    int d = digits(s, 8, 2);
    if (y < 0 || mo < 0 || d < 0) {
      return Long.MIN_VALUE;
    }
    long ms = LocalDate.of(y, mo, d).toEpochDay() * 86_400_000L; // throws for 2006-02-30
    int i = 10;
    if (i == n) {
      return ms;
    }
    char c = s.charAt(i);
    if (c == 'T' || c == 't' || c == ' ') {
      if (n < i + 6 || s.charAt(i + 3) != ':') {
        return Long.MIN_VALUE;
      }
      int hh = digits(s, i + 1, 2);
      int mm = digits(s, i + 4, 2);
      i += 6;
      int ss = 0;
      int fracMs = 0;
      if (i < n && s.charAt(i) == ':') {
        ss = digits(s, i + 1, 2);
        i += 3;
        if (i < n && (s.charAt(i) == '.' || s.charAt(i) == ',')) {
          i++;
          int start = i;
          while (i < n && i - start < 9 && Character.isDigit(s.charAt(i))) {
            if (i - start < 3) {
              fracMs = fracMs * 10 + (s.charAt(i) - '0');
            }
            i++;
          }
          if (i == start) {
            return Long.MIN_VALUE;
          }
          for (int k = i - start; k < 3; k++) {
            fracMs *= 10;
          }
        }
      }
      if (hh < 0 || hh > 23 || mm < 0 || mm > 59 || ss < 0 || ss > 59) {
        return Long.MIN_VALUE;
      }
      ms += hh * 3_600_000L + mm * 60_000L + ss * 1000L + fracMs;
    }
    if (i < n) {
      c = s.charAt(i);
      if (c == 'Z' || c == 'z') {
        i++;
      } else if (c == '+' || c == '-') {
        int sign = c == '+' ? 1 : -1;
        int oh = digits(s, i + 1, 2);
        i += 3;
        int om = 0;
        if (i < n && s.charAt(i) == ':') {
          i++;
        }
        if (i < n) {
          om = digits(s, i, 2);
          i += 2;
        }
        if (oh < 0 || oh > 18 || om < 0 || om > 59) {
          return Long.MIN_VALUE;
        }
        ms -= sign * (oh * 3_600_000L + om * 60_000L);
      }
    }
    return i == n ? ms : Long.MIN_VALUE;
  }

  /** Anything else ISO 8601 java.time understands, e.g. a bracketed zone id. */
  private static long isoSlow(String s) {
    String t = s.length() > 10 && s.charAt(10) == ' ' ? s.substring(0, 10) + 'T' + s.substring(11) : s;
    TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parse(t);
    if (parsed.isSupported(ChronoField.INSTANT_SECONDS)) {
      return parsed.getLong(ChronoField.INSTANT_SECONDS) * 1000 + parsed.get(ChronoField.MILLI_OF_SECOND);
    }
    return LocalDateTime.from(parsed).toInstant(ZoneOffset.UTC).toEpochMilli();
  }

  private static boolean isDigits(String s, int from, int to) {
    if (from >= to) {
      return false;
    }
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  /** The number in s[from, from+len), or -1 when out of bounds or not all digits. */
  private static int digits(String s, int from, int len) {
    if (from < 0 || from + len > s.length()) {
      return -1;
    }
    int v = 0;
    for (int i = from; i < from + len; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }
}
