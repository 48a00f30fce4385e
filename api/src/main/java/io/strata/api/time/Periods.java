package io.strata.api.time;

import java.time.Duration;
import java.time.Period;
import java.time.ZonedDateTime;

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

  public static ParsedPeriod parse(String iso) {
    String s = iso.trim().toUpperCase();
    if (!s.startsWith("P")) {
      throw new IllegalArgumentException("period [" + iso + "] must start with 'P', for example 'P1D' or 'PT1H'");
    }
    int t = s.indexOf('T');
    String date = t < 0 ? s : s.substring(0, t);
    String time = t < 0 ? "" : s.substring(t);
    Period p = date.length() > 1 ? Period.parse(date) : Period.ZERO;
    Duration d = time.length() > 1 ? Duration.parse("P" + time) : Duration.ZERO;
    if (p.isZero() && d.isZero()) {
      throw new IllegalArgumentException("period [" + iso + "] must not be empty");
    }
    return new ParsedPeriod(iso, p, d);
  }

  public static ZonedDateTime addTo(ZonedDateTime t, String iso, int times) {
    return parse(iso).addTo(t, times);
  }
}
