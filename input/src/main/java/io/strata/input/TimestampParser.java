package io.strata.input;

import io.strata.api.time.JodaPatterns;

import io.strata.api.error.InvalidInputException;
import io.strata.api.input.ParseException;
import io.strata.api.spec.TimestampSpec;
import io.strata.api.time.Interval;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

/**
 * Turns the value of a row's timestamp column into epoch millis, following a {@link TimestampSpec}:
 *
 * <ul>
 *   <li>{@code auto}: a number, or a string of digits, is epoch millis; any other string is ISO-8601 with a
 *       {@code 'T'} or a space between date and time, optionally in double quotes and optionally followed by a
 *       space and a zone id ({@code 2000-01-01 01:02:03 America/Los_Angeles}).</li>
 *   <li>{@code iso}: ISO-8601 with a {@code 'T'} separator (or a date alone).</li>
 *   <li>{@code posix} and {@code ruby}: seconds since the epoch, possibly fractional; {@code millis},
 *       {@code micro}, {@code nano}: milli-, micro- and nanoseconds since the epoch. Numbers and numeric strings
 *       are both accepted; finer units are truncated towards the past.</li>
 *   <li>anything else: a Joda-Time pattern such as {@code yyyy-MM-dd HH:mm:ss} (see {@link JodaPatterns}), in UTC
 *       unless the text carries an offset or zone.</li>
 * </ul>
 *
 * <p>A null value yields {@code missingValue} if the spec has one. Anything that cannot be parsed, and any time
 * outside the range Druid can store, is a {@link ParseException} with {@code unparseable = true}.
 *
 * <p>Instances are immutable apart from a one-entry cache of the last value parsed (consecutive rows very often
 * carry the same timestamp text), and are safe to share between threads.
 */
public final class TimestampParser {
  private enum Kind { AUTO, ISO, POSIX, MILLIS, MICRO, NANO, RUBY, PATTERN }

  /** The last value parsed; replaced as a whole, so a racing reader sees either the old or the new pair. */
  private record Last(Object input, long millis) {
  }

  private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);

  private final Kind kind;
  private final String format;
  private final DateTimeFormatter pattern;
  private final Long missingValue;
  private Last last;

  private TimestampParser(Kind kind, String format, DateTimeFormatter pattern, Long missingValue) {
    this.kind = kind;
    this.format = format;
    this.pattern = pattern;
    this.missingValue = missingValue;
  }

  /**
   * @throws InvalidInputException if the format is a pattern that cannot be used (naming {@code timestampSpec})
   */
  public static TimestampParser create(TimestampSpec spec) {
    return create(spec.format(), spec.missingValueMillis());
  }

  /**
   * @param format       a format name or Joda-Time pattern, as in {@link TimestampSpec#format()}
   * @param missingValue epoch millis used for a null value, or null if a null value is an error
   * @throws InvalidInputException if the format is a pattern that cannot be used
   */
  public static TimestampParser create(String format, Long missingValue) {
    String f = format == null ? "auto" : format;
    Kind kind = switch (f.toLowerCase(Locale.ROOT)) {
      case "auto" -> Kind.AUTO;
      case "iso" -> Kind.ISO;
      case "posix" -> Kind.POSIX;
      case "millis" -> Kind.MILLIS;
      case "micro" -> Kind.MICRO;
      case "nano" -> Kind.NANO;
      case "ruby" -> Kind.RUBY;
      default -> Kind.PATTERN;
    };
    DateTimeFormatter pattern = null;
    if (kind == Kind.PATTERN) {
      try {
        pattern = JodaPatterns.toFormatter(f).withZone(ZoneOffset.UTC);
      } catch (IllegalArgumentException e) {
        throw new InvalidInputException("timestampSpec", "timestampSpec.format [" + f + "] is not auto, iso, posix, "
            + "millis, micro, nano, ruby or a usable Joda-Time pattern: " + e.getMessage(), e);
      }
    }
    return new TimestampParser(kind, f, pattern, missingValue);
  }

  /** The format this parser was created with. */
  public String format() {
    return format;
  }

  /**
   * Parses one timestamp value (a String, a Number, or anything whose {@code toString()} is the timestamp text).
   *
   * @return epoch millis UTC
   * @throws ParseException (unparseable) if the value is null without a missingValue, cannot be parsed, or is out
   *                        of range; its input is the value's text
   */
  public long parse(Object value) {
    if (value == null) {
      if (missingValue != null) {
        return missingValue;
      }
      throw new ParseException(null, true, "Timestamp[null] is unparseable: the value is null and timestampSpec "
          + "has no missingValue");
    }
    Last cached = last;
    if (cached != null && cached.input.equals(value)) {
      return cached.millis;
    }
    long millis;
    try {
      millis = convert(value);
    } catch (RuntimeException e) {
      ParseException p = new ParseException(String.valueOf(value), true, "Timestamp[" + value
          + "] is unparseable as format [" + format + "]: " + e.getMessage());
      p.initCause(e);
      throw p;
    }
    if (millis < Interval.ETERNITY.start() || millis >= Interval.ETERNITY.end()) {
      throw new ParseException(String.valueOf(value), true, "Timestamp[" + value
          + "] is out of the range of times that can be stored");
    }
    last = new Last(value, millis);
    return millis;
  }

  /**
   * The error for a row whose timestamp failed to parse, with Druid's message:
   * {@code Timestamp[x] is unparseable! Event: {...}}.
   *
   * @param value  the timestamp column's value in the row
   * @param fields the row's fields, printed as the event
   * @param input  the record's text, kept as the exception's input
   * @param cause  the failure from {@link #parse(Object)}
   */
  static ParseException rowError(Object value, Map<String, Object> fields, String input, ParseException cause) {
    ParseException p = new ParseException(input, true, "Timestamp[" + value + "] is unparseable! Event: " + fields);
    p.initCause(cause);
    return p;
  }

  private long convert(Object value) {
    if (value instanceof Number number && kind != Kind.ISO && kind != Kind.PATTERN) {
      return fromNumber(number);
    }
    String s = value.toString();
    return switch (kind) {
      case AUTO -> parseAuto(s);
      case ISO -> parseIso(s);
      case PATTERN -> Instant.from(pattern.parse(s.trim())).toEpochMilli();
      default -> fromNumber(parseNumber(s));
    };
  }

  private long fromNumber(Number number) {
    if (number instanceof Long || number instanceof Integer || number instanceof Short || number instanceof Byte) {
      long v = number.longValue();
      return switch (kind) {
        case POSIX, RUBY -> Math.multiplyExact(v, 1000L);
        case MICRO -> Math.floorDiv(v, 1000L);
        case NANO -> Math.floorDiv(v, 1_000_000L);
        default -> v;
      };
    }
    BigDecimal d = number instanceof BigDecimal bd ? bd
        : number instanceof BigInteger bi ? new BigDecimal(bi) : BigDecimal.valueOf(checkFinite(number.doubleValue()));
    BigDecimal millis = switch (kind) {
      case POSIX, RUBY -> d.multiply(THOUSAND);
      case MICRO -> d.movePointLeft(3);
      case NANO -> d.movePointLeft(6);
      default -> d;
    };
    return millis.setScale(0, RoundingMode.FLOOR).longValueExact();
  }

  private static double checkFinite(double d) {
    if (!Double.isFinite(d)) {
      throw new IllegalArgumentException("not a finite number");
    }
    return d;
  }

  private static Number parseNumber(String text) {
    String s = text.trim();
    if (isInteger(s)) {
      try {
        return Long.parseLong(s);
      } catch (NumberFormatException tooLong) {
        return new BigInteger(s);
      }
    }
    try {
      return new BigDecimal(s);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a number");
    }
  }

  private static long parseAuto(String s) {
    if (isInteger(s)) {
      return Long.parseLong(s);
    }
    long fast = IsoTimestamps.parse(s, true);
    if (fast != IsoTimestamps.NOT_FAST) {
      return fast;
    }
    String t = s.trim();
    if (t.length() >= 2 && t.charAt(0) == '"' && t.charAt(t.length() - 1) == '"') {
      t = t.substring(1, t.length() - 1).trim();
    }
    if (t.isEmpty()) {
      throw new IllegalArgumentException("empty timestamp");
    }
    if (isInteger(t)) {
      return Long.parseLong(t);
    }
    int space = t.lastIndexOf(' ');
    if (space > 0 && space + 1 < t.length() && Character.isLetter(t.charAt(space + 1))) {
      ZoneId zone = zoneOrNull(t.substring(space + 1));
      if (zone != null) {
        // The text before the zone is a local time in that zone; parse it as UTC, then move it into the zone.
        long asUtc = IsoTimestamps.parseFull(t.substring(0, space));
        LocalDateTime local = LocalDateTime.ofEpochSecond(Math.floorDiv(asUtc, 1000L),
            (int) Math.floorMod(asUtc, 1000L) * 1_000_000, ZoneOffset.UTC);
        return local.atZone(zone).toInstant().toEpochMilli();
      }
    }
    return IsoTimestamps.parseFull(t);
  }

  private static long parseIso(String s) {
    long fast = IsoTimestamps.parse(s, false);
    if (fast != IsoTimestamps.NOT_FAST) {
      return fast;
    }
    String t = s.trim();
    if (t.indexOf(' ') >= 0) {
      throw new IllegalArgumentException("format iso needs a 'T' between date and time; use auto for a space");
    }
    return IsoTimestamps.parseFull(t);
  }

  private static ZoneId zoneOrNull(String id) {
    try {
      return ZoneId.of(id);
    } catch (DateTimeException e) {
      return null;
    }
  }

  /** Digits with an optional leading minus sign. */
  private static boolean isInteger(String s) {
    int n = s.length();
    int i = n > 0 && s.charAt(0) == '-' ? 1 : 0;
    if (i == n) {
      return false;
    }
    for (; i < n; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return "TimestampParser{format=" + format + ", missingValue=" + missingValue + '}';
  }
}
