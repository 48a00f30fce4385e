package io.strata.api.time;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.format.SignStyle;
import java.time.format.TextStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalField;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Translates a Joda-Time pattern (the {@code timestampSpec.format} dialect Druid accepts, such as
 * {@code yyyy-MM-dd HH:mm:ss} or {@code dd/MMM/yyyy:HH:mm:ss Z}) into a {@link DateTimeFormatter} that parses the
 * same text. The pattern letters mostly agree, but not in meaning everywhere, so the formatter is built field by
 * field rather than by passing the pattern through:
 *
 * <ul>
 *   <li>{@code y} is the signed year in Joda (java.time {@code u}); {@code Y} is the year of era (java.time {@code y});
 *       {@code x} is the ISO week-based year and {@code w} the ISO week (java.time's are locale-dependent);
 *       {@code e} is the ISO day-of-week number.</li>
 *   <li>{@code Z} and {@code ZZ} parse an offset with or without a colon, or {@code Z} for UTC; {@code ZZZ} parses
 *       a zone id such as {@code America/Los_Angeles}.</li>
 *   <li>{@code S} parses a fraction of any length up to nanoseconds.</li>
 *   <li>{@code yy} parses a two-digit year within 80 years before and 20 years after now, as Joda does.</li>
 *   <li>Fields absent from the pattern default as in Joda: 1970-01-01T00:00:00 in UTC unless an offset or zone is
 *       parsed. Text is matched case-insensitively, in English.</li>
 * </ul>
 *
 * <p>{@code C} (century) is not supported. Unknown letters are rejected as Joda rejects them.
 */
public final class JodaPatterns {
  private JodaPatterns() {
  }

  /**
   * A formatter that parses what Joda parses with the pattern.
   *
   * @throws IllegalArgumentException if the pattern has an unknown or unsupported letter
   */
  public static DateTimeFormatter toFormatter(String pattern) {
    return build(pattern, false, Locale.ENGLISH, 1970);
  }

  /**
   * As {@link #toFormatter(String)}, with {@code defaultYear} for patterns without a year: Joda's own default is
   * 2000 (what Druid's {@code time} extraction function parses with), a timestampSpec's is 1970.
   */
  public static DateTimeFormatter toFormatter(String pattern, int defaultYear) {
    return build(pattern, false, Locale.ENGLISH, defaultYear);
  }

  /**
   * A formatter that prints what Joda prints with the pattern, in {@code locale}: {@code SSS} prints exactly that
   * many digits of the fraction, {@code Z} and {@code ZZ} print the offset as {@code -0800} and {@code -08:00}
   * ({@code +0000} and {@code +00:00} in UTC).
   *
   * @throws IllegalArgumentException if the pattern has an unknown or unsupported letter
   */
  public static DateTimeFormatter forPrinting(String pattern, Locale locale) {
    return build(pattern, true, locale, 1970);
  }

  private static DateTimeFormatter build(String pattern, boolean printing, Locale locale, int defaultYear) {
    DateTimeFormatterBuilder b = new DateTimeFormatterBuilder().parseCaseInsensitive();
    Set<Character> letters = new HashSet<>();
    int i = 0;
    int n = pattern.length();
    while (i < n) {
      char c = pattern.charAt(i);
      if (c == '\'') {
        i = appendQuoted(b, pattern, i);
        continue;
      }
      if (!isAsciiLetter(c)) {
        b.appendLiteral(c);
        i++;
        continue;
      }
      int count = 1;
      while (i + count < n && pattern.charAt(i + count) == c) {
        count++;
      }
      appendField(b, c, count, pattern, printing);
      letters.add(c);
      i += count;
    }
    if (!printing) {
      addDefaults(b, letters, defaultYear);
    }
    return b.toFormatter(locale).withResolverStyle(ResolverStyle.SMART);
  }

  private static void appendField(DateTimeFormatterBuilder b, char c, int count, String pattern, boolean printing) {
    if (printing && c == 'S') {
      b.appendFraction(ChronoField.NANO_OF_SECOND, count, count, false);
      return;
    }
    if (printing && c == 'Z' && count < 3) {
      b.appendOffset(count == 1 ? "+HHMM" : "+HH:MM", count == 1 ? "+0000" : "+00:00");
      return;
    }
    switch (c) {
      case 'G' -> b.appendText(ChronoField.ERA, TextStyle.SHORT);
      case 'y' -> appendYear(b, ChronoField.YEAR, count);
      case 'Y' -> appendYear(b, ChronoField.YEAR_OF_ERA, count);
      case 'x' -> appendYear(b, IsoFields.WEEK_BASED_YEAR, count);
      case 'w' -> appendNumber(b, IsoFields.WEEK_OF_WEEK_BASED_YEAR, count, 2);
      case 'e' -> appendNumber(b, ChronoField.DAY_OF_WEEK, count, 1);
      case 'E' -> b.appendText(ChronoField.DAY_OF_WEEK, count >= 4 ? TextStyle.FULL : TextStyle.SHORT);
      case 'D' -> appendNumber(b, ChronoField.DAY_OF_YEAR, count, 3);
      case 'M' -> {
        if (count >= 4) {
          b.appendText(ChronoField.MONTH_OF_YEAR, TextStyle.FULL);
        } else if (count == 3) {
          b.appendText(ChronoField.MONTH_OF_YEAR, TextStyle.SHORT);
        } else {
          appendNumber(b, ChronoField.MONTH_OF_YEAR, count, 2);
        }
      }
      case 'd' -> appendNumber(b, ChronoField.DAY_OF_MONTH, count, 2);
      case 'a' -> b.appendText(ChronoField.AMPM_OF_DAY, TextStyle.SHORT);
      case 'K' -> appendNumber(b, ChronoField.HOUR_OF_AMPM, count, 2);
      case 'h' -> appendNumber(b, ChronoField.CLOCK_HOUR_OF_AMPM, count, 2);
      case 'H' -> appendNumber(b, ChronoField.HOUR_OF_DAY, count, 2);
      case 'k' -> appendNumber(b, ChronoField.CLOCK_HOUR_OF_DAY, count, 2);
      case 'm' -> appendNumber(b, ChronoField.MINUTE_OF_HOUR, count, 2);
      case 's' -> appendNumber(b, ChronoField.SECOND_OF_MINUTE, count, 2);
      case 'S' -> b.appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, false);
      case 'z' -> b.appendZoneText(count >= 4 ? TextStyle.FULL : TextStyle.SHORT);
      case 'Z' -> {
        if (count >= 3) {
          b.appendZoneId();
        } else {
          // Lenient "+HH" accepts +08, +0800 and +08:00, which is what Joda's Z and ZZ parse.
          b.parseLenient().appendOffset("+HH", "Z").parseStrict();
        }
      }
      case 'C' -> throw new IllegalArgumentException("pattern [" + pattern + "]: 'C' (century of era) is not "
          + "supported; use a year field such as 'yyyy'");
      default -> throw new IllegalArgumentException("pattern [" + pattern + "]: illegal pattern component '"
          + c + "'");
    }
  }

  private static void appendYear(DateTimeFormatterBuilder b, TemporalField field, int count) {
    if (count == 2) {
      // Joda's two-digit year pivots on (this year - 30): the century is chosen to land within [-80, +20) years.
      LocalDate base = LocalDate.now(java.time.ZoneOffset.UTC).minusYears(80).withDayOfYear(1);
      b.appendValueReduced(field, 2, 2, base);
    } else {
      b.appendValue(field, count, 9, count >= 4 ? SignStyle.EXCEEDS_PAD : SignStyle.NORMAL);
    }
  }

  private static void appendNumber(DateTimeFormatterBuilder b, TemporalField field, int count, int naturalWidth) {
    b.appendValue(field, count, Math.max(count, naturalWidth), SignStyle.NOT_NEGATIVE);
  }

  /** Appends the quoted literal starting at {@code start} ({@code ''} is a single quote); returns the next index. */
  private static int appendQuoted(DateTimeFormatterBuilder b, String pattern, int start) {
    int n = pattern.length();
    if (start + 1 < n && pattern.charAt(start + 1) == '\'') {
      b.appendLiteral('\'');
      return start + 2;
    }
    StringBuilder literal = new StringBuilder();
    int i = start + 1;
    while (i < n) {
      char c = pattern.charAt(i);
      if (c == '\'') {
        if (i + 1 < n && pattern.charAt(i + 1) == '\'') {
          literal.append('\'');
          i += 2;
          continue;
        }
        b.appendLiteral(literal.toString());
        return i + 1;
      }
      literal.append(c);
      i++;
    }
    // An unterminated quote runs to the end of the pattern, as in Joda ("yyyy-MM-dd'T'HH:mm:ss'Z" ends in a
    // literal Z; plywood sends exactly that).
    b.appendLiteral(literal.toString());
    return n;
  }

  /** Joda fills fields the pattern lacks from 1970-01-01T00:00:00; java.time would fail to resolve instead. */
  private static void addDefaults(DateTimeFormatterBuilder b, Set<Character> letters, int defaultYear) {
    boolean weekBased = letters.contains('x') || letters.contains('w');
    boolean dayOfYear = letters.contains('D');
    if (!weekBased && !letters.contains('y') && !letters.contains('Y')) {
      b.parseDefaulting(ChronoField.YEAR, defaultYear);
    }
    if (!weekBased && !dayOfYear) {
      if (!letters.contains('M')) {
        b.parseDefaulting(ChronoField.MONTH_OF_YEAR, 1);
      }
      if (!letters.contains('d')) {
        b.parseDefaulting(ChronoField.DAY_OF_MONTH, 1);
      }
    }
    if (weekBased && !letters.contains('e') && !letters.contains('E')) {
      b.parseDefaulting(ChronoField.DAY_OF_WEEK, 1);
    }
    boolean halfDayHour = letters.contains('h') || letters.contains('K');
    if (halfDayHour && !letters.contains('a')) {
      b.parseDefaulting(ChronoField.AMPM_OF_DAY, 0);
    }
    if (!halfDayHour && !letters.contains('H') && !letters.contains('k')) {
      b.parseDefaulting(ChronoField.HOUR_OF_DAY, 0);
    }
    if (!letters.contains('m')) {
      b.parseDefaulting(ChronoField.MINUTE_OF_HOUR, 0);
    }
    if (!letters.contains('s')) {
      b.parseDefaulting(ChronoField.SECOND_OF_MINUTE, 0);
    }
  }

  private static boolean isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }
}
