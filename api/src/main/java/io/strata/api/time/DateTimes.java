package io.strata.api.time;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;

/** Conversions between epoch milliseconds (used in hot paths) and ISO-8601 text (used at the edges). */
public final class DateTimes {
  private static final DateTimeFormatter OUTPUT = new DateTimeFormatterBuilder()
      .appendValue(ChronoField.YEAR, 4, 10, java.time.format.SignStyle.NORMAL).appendLiteral('-')
      .appendValue(ChronoField.MONTH_OF_YEAR, 2).appendLiteral('-')
      .appendValue(ChronoField.DAY_OF_MONTH, 2).appendLiteral('T')
      .appendValue(ChronoField.HOUR_OF_DAY, 2).appendLiteral(':')
      .appendValue(ChronoField.MINUTE_OF_HOUR, 2).appendLiteral(':')
      .appendValue(ChronoField.SECOND_OF_MINUTE, 2).appendLiteral('.')
      .appendValue(ChronoField.MILLI_OF_SECOND, 3).appendLiteral('Z')
      .toFormatter();

  /** Accepts 'T' or ' ' between date and time, optional seconds/fractions, and an optional offset. */
  private static final DateTimeFormatter INPUT = new DateTimeFormatterBuilder()
      .parseCaseInsensitive()
      .append(DateTimeFormatter.ISO_LOCAL_DATE)
      .optionalStart()
      .appendPattern("['T'][' ']")
      .appendValue(ChronoField.HOUR_OF_DAY, 2)
      .optionalStart().appendLiteral(':').appendValue(ChronoField.MINUTE_OF_HOUR, 2)
      .optionalStart().appendLiteral(':').appendValue(ChronoField.SECOND_OF_MINUTE, 2)
      .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
      .optionalEnd().optionalEnd().optionalEnd()
      .optionalEnd()
      .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
      .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
      .optionalStart().appendOffset("+HH", "Z").optionalEnd()
      .toFormatter()
      .withResolverStyle(ResolverStyle.STRICT);

  private DateTimes() {
  }

  /** Formats as Druid does in results: {@code 2013-08-31T01:02:33.000Z}. */
  public static String format(long millis) {
    return OUTPUT.format(Instant.ofEpochMilli(millis).atOffset(ZoneOffset.UTC));
  }

  /**
   * Parses an ISO-8601 date or date-time. A value without an offset is taken as UTC.
   *
   * @throws DateTimeParseException if the text is not ISO-8601
   */
  public static long parseIso(String text) {
    TemporalAccessor t = INPUT.parse(text.trim());
    if (!t.isSupported(ChronoField.HOUR_OF_DAY)) {
      return LocalDate.from(t).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    }
    if (t.isSupported(ChronoField.OFFSET_SECONDS)) {
      return OffsetDateTime.from(t).toInstant().toEpochMilli();
    }
    return LocalDateTime.from(t).toInstant(ZoneOffset.UTC).toEpochMilli();
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
