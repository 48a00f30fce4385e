package io.strata.api.time;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Locale;

/** ISO-8601 period arithmetic for periods that mix date and time parts, such as {@code P1DT12H}. */
public final class Periods {
  private Periods() {
  }

  /** A parsed ISO-8601 period: the calendar part and the exact-time part. */
  public record ParsedPeriod(String text, Period datePart, Duration timePart) {
    /** True if the period has a fixed length in milliseconds (no years, months, weeks or days). */
    public boolean isFixedLength() {
      return datePart.isZero();
    }

    public long fixedMillis() {
      return timePart.toMillis();
    }

    public ZonedDateTime addTo(ZonedDateTime t, int times) {
      ZonedDateTime r = t;
      if (!datePart.isZero()) {
        r = r.plus(datePart.multipliedBy(times));
      }
      if (!timePart.isZero()) {
        r = r.plus(timePart.multipliedBy(times));
      }
      return r;
    }
  }

  /**
   * Parses an ISO-8601 period such as {@code P1D}, {@code PT1H} or {@code P1DT12H}.
   *
   * @throws IllegalArgumentException if the text is not a period, is empty, has a negative part, or is so long that
   *                                  it would carry a time past the range of epoch milliseconds
   */
  public static ParsedPeriod parse(String iso) {
    return parse(iso, false);
  }

  /**
   * As {@link #parse(String)}, but a zero-length period such as {@code PT0S} is accepted when {@code allowZero}:
   * durations (a start delay, a rejection window) may be zero where granularities may not.
   */
  public static ParsedPeriod parse(String iso, boolean allowZero) {
    String s = iso.trim().toUpperCase(Locale.ROOT);
    if (!s.startsWith("P")) {
      throw new IllegalArgumentException("period [" + iso + "] must start with 'P', for example 'P1D' or 'PT1H'");
    }
    int t = s.indexOf('T');
    String date = t < 0 ? s : s.substring(0, t);
    String time = t < 0 ? "" : s.substring(t);
    Period p;
    Duration d;
    try {
      p = date.length() > 1 ? Period.parse(date) : Period.ZERO;
      d = time.length() > 1 ? Duration.parse("P" + time) : Duration.ZERO;
    } catch (DateTimeException | ArithmeticException e) {
      throw new IllegalArgumentException("cannot parse period [" + iso + "]: use ISO-8601 such as 'P1D', 'PT1H' or"
          + " 'P1DT12H'");
    }
    if (p.isZero() && d.isZero() && !allowZero) {
      throw new IllegalArgumentException("period [" + iso + "] must not be empty");
    }
    if (p.isNegative() || d.isNegative()) {
      throw new IllegalArgumentException("period [" + iso + "] must not be negative");
    }
    ParsedPeriod parsed = new ParsedPeriod(iso, p, d);
    try {
      long end = parsed.addTo(Instant.EPOCH.atZone(ZoneOffset.UTC), 1).toInstant().toEpochMilli();
      if (end > Interval.ETERNITY.end()) {
        throw new ArithmeticException();
      }
    } catch (DateTimeException | ArithmeticException e) {
      throw new IllegalArgumentException("period [" + iso + "] is too long: it reaches past year 146140482, the end"
          + " of representable time");
    }
    return parsed;
  }

  public static ZonedDateTime addTo(ZonedDateTime t, String iso, int times) {
    return parse(iso).addTo(t, times);
  }
}
