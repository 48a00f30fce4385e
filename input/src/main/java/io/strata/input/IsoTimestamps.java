package io.strata.input;

import io.strata.api.time.DateTimes;

/**
 * A fast path for the ISO-8601 shapes that almost all timestamps have ({@code 2013-08-31T01:02:33.000Z},
 * {@code 2013-08-31 01:02:33}, {@code 2013-08-31T01:02:33+02:00}, {@code 2013-08-31}), read at fixed offsets
 * without allocating, since per-value parsing cost caps the ingestion rate; every other shape returns
 * {@link #NOT_FAST} and the caller falls back to {@link #parseFull}. The two are checked against each other by a seeded test.
 */
final class IsoTimestamps {
  /** Returned when the text is not one of the fast shapes; the caller must use the full parser. */
  static final long NOT_FAST = Long.MIN_VALUE;

  /**
   * Parses every ISO-8601 shape Druid reads in timestamps (see {@link DateTimes#parseIso}: years of any width and
   * sign, dates alone, {@code 'T'} or a space before the time, an optional offset); no offset means UTC.
   *
   * @throws java.time.DateTimeException if the text is not such a time
   */
  static long parseFull(String text) {
    return DateTimes.parseIso(text);
  }

  private IsoTimestamps() {
  }

  /**
   * Parses {@code yyyy-MM-dd} optionally followed by {@code 'T'} (or a space, if allowed) and {@code HH:mm},
   * {@code HH:mm:ss} or {@code HH:mm:ss.fraction}, and an optional {@code Z}, {@code +HH}, {@code +HHmm} or
   * {@code +HH:mm} offset. A value without an offset is UTC. Fractions beyond milliseconds are truncated.
   *
   * @return epoch millis, or {@link #NOT_FAST} if the text has any other shape or an out-of-range field
   */
  static long parse(String s, boolean allowSpace) {
    int n = s.length();
    if (n < 10 || s.charAt(4) != '-' || s.charAt(7) != '-') {
      return NOT_FAST;
    }
    int year = digits(s, 0, 4);
    int month = digits(s, 5, 2);
    int day = digits(s, 8, 2);
    if (year < 0 || month < 1 || month > 12 || day < 1 || day > lengthOfMonth(year, month)) {
      return NOT_FAST;
    }
    long days = daysFromCivil(year, month, day);
    if (n == 10) {
      return days * 86_400_000L;
    }
    char sep = s.charAt(10);
    if (!(sep == 'T' || (allowSpace && sep == ' ')) || n < 16 || s.charAt(13) != ':') {
      return NOT_FAST;
    }
    int hour = digits(s, 11, 2);
    int minute = digits(s, 14, 2);
    if (hour < 0 || hour > 23 || minute < 0 || minute > 59) {
      return NOT_FAST;
    }
    int i = 16;
    int second = 0;
    int millis = 0;
    if (i < n && s.charAt(i) == ':') {
      second = digits(s, i + 1, 2);
      if (second < 0 || second > 59) {
        return NOT_FAST;
      }
      i += 3;
      if (i < n && s.charAt(i) == '.') {
        int start = ++i;
        while (i < n && isDigit(s.charAt(i))) {
          if (i - start < 3) {
            millis = millis * 10 + (s.charAt(i) - '0');
          }
          i++;
        }
        int count = i - start;
        if (count == 0 || count > 9) {
          return NOT_FAST;
        }
        for (int k = count; k < 3; k++) {
          millis *= 10;
        }
      }
    }
    long offsetSeconds = 0;
    if (i < n) {
      char c = s.charAt(i);
      if (c == 'Z' && i + 1 == n) {
        offsetSeconds = 0;
      } else if (c == '+' || c == '-') {
        offsetSeconds = offset(s, i + 1);
        if (offsetSeconds == NOT_FAST) {
          return NOT_FAST;
        }
        if (c == '-') {
          offsetSeconds = -offsetSeconds;
        }
      } else {
        return NOT_FAST;
      }
    }
    long seconds = days * 86_400L + hour * 3600L + minute * 60L + second - offsetSeconds;
    return seconds * 1000L + millis;
  }

  /** Parses {@code HH}, {@code HHmm} or {@code HH:mm} running to the end of the text, as seconds. */
  private static long offset(String s, int i) {
    int left = s.length() - i;
    int hours = digits(s, i, 2);
    int minutes;
    if (left == 2) {
      minutes = 0;
    } else if (left == 4) {
      minutes = digits(s, i + 2, 2);
    } else if (left == 5 && s.charAt(i + 2) == ':') {
      minutes = digits(s, i + 3, 2);
    } else {
      return NOT_FAST;
    }
    if (hours < 0 || hours > 18 || minutes < 0 || minutes > 59) {
      return NOT_FAST;
    }
    return hours * 3600L + minutes * 60L;
  }

  /** The non-negative value of {@code count} ASCII digits at {@code from}, or -1 if any is missing or not a digit. */
  private static int digits(String s, int from, int count) {
    if (from + count > s.length()) {
      return -1;
    }
    int v = 0;
    for (int i = from; i < from + count; i++) {
      char c = s.charAt(i);
      if (!isDigit(c)) {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static int lengthOfMonth(int year, int month) {
    switch (month) {
      case 2:
        boolean leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        return leap ? 29 : 28;
      case 4:
      case 6:
      case 9:
      case 11:
        return 30;
      default:
        return 31;
    }
  }

  /** Days since 1970-01-01 of a proleptic Gregorian date (the civil-from-days inverse of Howard Hinnant). */
  static long daysFromCivil(int year, int month, int day) {
    long y = month <= 2 ? year - 1 : year;
    long era = Math.floorDiv(y, 400);
    long yearOfEra = y - era * 400;
    long dayOfYear = (153L * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
    long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
    return era * 146_097 + dayOfEra - 719_468;
  }
}
