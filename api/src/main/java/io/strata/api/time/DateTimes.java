package io.strata.api.time;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.SignStyle;
import java.time.temporal.ChronoField;

/** Conversions between epoch milliseconds (used in hot paths) and ISO-8601 text (used at the edges). */
public final class DateTimes {
  private static final DateTimeFormatter OUTPUT = new DateTimeFormatterBuilder()
      .appendValue(ChronoField.YEAR, 4, 10, SignStyle.NORMAL).appendLiteral('-')
      .appendValue(ChronoField.MONTH_OF_YEAR, 2).appendLiteral('-')
      .appendValue(ChronoField.DAY_OF_MONTH, 2).appendLiteral('T')
      .appendValue(ChronoField.HOUR_OF_DAY, 2).appendLiteral(':')
      .appendValue(ChronoField.MINUTE_OF_HOUR, 2).appendLiteral(':')
      .appendValue(ChronoField.SECOND_OF_MINUTE, 2).appendLiteral('.')
      .appendValue(ChronoField.MILLI_OF_SECOND, 3).appendLiteral('Z')
      .toFormatter();

  /** Years have at most this many digits in ISO text (Druid's widest instants are in years of nine digits). */
  private static final int MAX_YEAR_DIGITS = 9;

  private DateTimes() {
  }

  /**
   * Formats as Druid does in results: {@code 2013-08-31T01:02:33.000Z}. Years beyond 9999 get more digits
   * ({@code 10000-01-01T00:00:00.000Z}), years before 1 a minus sign ({@code -0001-12-31T23:59:59.999Z}, year 0 being
   * 1 BC as in ISO-8601); every {@code long} formats, and {@link #parseIso} reads the text back to the same value.
   */
  public static String format(long millis) {
    return OUTPUT.format(Instant.ofEpochMilli(millis).atOffset(ZoneOffset.UTC));
  }

  /** Local ISO-8601 output with offset: as {@link #format} in UTC, else {@code 2013-08-30T00:00:00.000-07:00}. */
  private static final DateTimeFormatter OUTPUT_WITH_OFFSET = new DateTimeFormatterBuilder()
      .appendValue(ChronoField.YEAR, 4, 10, SignStyle.NORMAL).appendLiteral('-')
      .appendValue(ChronoField.MONTH_OF_YEAR, 2).appendLiteral('-')
      .appendValue(ChronoField.DAY_OF_MONTH, 2).appendLiteral('T')
      .appendValue(ChronoField.HOUR_OF_DAY, 2).appendLiteral(':')
      .appendValue(ChronoField.MINUTE_OF_HOUR, 2).appendLiteral(':')
      .appendValue(ChronoField.SECOND_OF_MINUTE, 2).appendLiteral('.')
      .appendValue(ChronoField.MILLI_OF_SECOND, 3).appendOffset("+HH:MM", "Z")
      .toFormatter();

  /** An instant as Druid prints it in {@code zone}: local time with the zone's offset then ({@code Z} for UTC). */
  public static String format(long millis, java.time.ZoneId zone) {
    if (zone == null || zone.equals(ZoneOffset.UTC) || zone.getId().equals("UTC")) {
      return format(millis);
    }
    return OUTPUT_WITH_OFFSET.format(Instant.ofEpochMilli(millis).atZone(zone));
  }

  /**
   * Parses an ISO-8601 date or date-time as Druid accepts them in intervals and specs: a year ({@code 2013}; signed
   * and with up to nine digits, as Druid's ISO parser reads it: {@code 10000}, {@code -0001},
   * {@code -146136543}), optionally {@code -MM} and {@code -dd}, optionally followed by {@code T} (or a space) and
   * {@code HH}, {@code HH:mm}, {@code HH:mm:ss} or {@code HH:mm:ss.fraction}, optionally followed by {@code Z} or an
   * offset ({@code +02:00}, {@code +0200}, {@code +02}). A value without an offset is taken as UTC. Every instant
   * {@link #format} writes parses back to itself.
   *
   * @throws DateTimeParseException if the text is not such a value, names an impossible date, or lies outside the
   *                                range of epoch milliseconds
   */
  public static long parseIso(String text) {
    String s = text.trim();
    int len = s.length();
    int[] pos = {0};
    int year = year(s, pos, text);
    int month = 1;
    int day = 1;
    if (pos[0] < len && s.charAt(pos[0]) == '-') {
      pos[0]++;
      month = digits(s, pos, 2, text);
      if (pos[0] < len && s.charAt(pos[0]) == '-') {
        pos[0]++;
        day = digits(s, pos, 2, text);
      }
    }
    int hour = 0;
    int minute = 0;
    int second = 0;
    int nanos = 0;
    if (pos[0] < len && (s.charAt(pos[0]) == 'T' || s.charAt(pos[0]) == 't' || s.charAt(pos[0]) == ' ')) {
      pos[0]++;
      hour = digits(s, pos, 2, text);
      if (pos[0] < len && s.charAt(pos[0]) == ':') {
        pos[0]++;
        minute = digits(s, pos, 2, text);
        if (pos[0] < len && s.charAt(pos[0]) == ':') {
          pos[0]++;
          second = digits(s, pos, 2, text);
          if (pos[0] < len && (s.charAt(pos[0]) == '.' || s.charAt(pos[0]) == ',')) {
            pos[0]++;
            int start = pos[0];
            while (pos[0] < len && Character.isDigit(s.charAt(pos[0]))) {
              pos[0]++;
            }
            String frac = s.substring(start, pos[0]);
            if (frac.isEmpty() || frac.length() > 9) {
              throw new DateTimeParseException("bad fraction of a second in [" + text + "]", text, start);
            }
            nanos = Integer.parseInt((frac + "000000000").substring(0, 9));
          }
        }
      }
    }
    int offsetSeconds = 0;
    if (pos[0] < len) {
      char c = s.charAt(pos[0]);
      if ((c == 'Z' || c == 'z') && pos[0] == len - 1) {
        pos[0]++;
      } else if (c == '+' || c == '-') {
        pos[0]++;
        int oh = digits(s, pos, 2, text);
        int om = 0;
        if (pos[0] < len && s.charAt(pos[0]) == ':') {
          pos[0]++;
        }
        if (pos[0] < len) {
          om = digits(s, pos, 2, text);
        }
        offsetSeconds = (c == '-' ? -1 : 1) * (oh * 3600 + om * 60);
      }
    }
    if (pos[0] != len) {
      throw new DateTimeParseException("Text '" + text + "' could not be parsed at index " + pos[0], text, pos[0]);
    }
    try {
      return LocalDateTime.of(year, month, day, hour, minute, second, nanos)
          .toInstant(ZoneOffset.ofTotalSeconds(offsetSeconds)).toEpochMilli();
    } catch (DateTimeException | ArithmeticException e) {
      throw new DateTimeParseException("Text '" + text + "' is not a valid date-time: " + e.getMessage(), text, 0);
    }
  }

  /** A signed year of one to nine digits (Druid's ISO parser reads years this way). */
  private static int year(String s, int[] pos, String original) {
    int p = pos[0];
    boolean negative = false;
    if (p < s.length() && (s.charAt(p) == '-' || s.charAt(p) == '+')) {
      negative = s.charAt(p) == '-';
      p++;
    }
    int start = p;
    int v = 0;
    while (p < s.length() && p - start < MAX_YEAR_DIGITS && s.charAt(p) >= '0' && s.charAt(p) <= '9') {
      v = v * 10 + (s.charAt(p) - '0');
      p++;
    }
    if (p == start) {
      throw new DateTimeParseException("Text '" + original + "' could not be parsed at index " + p, original, p);
    }
    pos[0] = p;
    return negative ? -v : v;
  }

  private static int digits(String s, int[] pos, int count, String original) {
    int p = pos[0];
    if (p + count > s.length()) {
      throw new DateTimeParseException("Text '" + original + "' could not be parsed at index " + p, original, p);
    }
    int v = 0;
    for (int i = p; i < p + count; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        throw new DateTimeParseException("Text '" + original + "' could not be parsed at index " + i, original, i);
      }
      v = v * 10 + (c - '0');
    }
    pos[0] = p + count;
    return v;
  }

  /** Parses ISO-8601 text or, if the text is all digits (optionally signed), epoch milliseconds. */
  public static long parseIsoOrMillis(String text) {
    String s = text.trim();
    if (!s.isEmpty() && isInteger(s)) {
      return Long.parseLong(s);
    }
    return parseIso(s);
  }

  static boolean isInteger(String s) {
    int i = (s.charAt(0) == '-' || s.charAt(0) == '+') ? 1 : 0;
    if (i == s.length()) {
      return false;
    }
    for (; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }
}
