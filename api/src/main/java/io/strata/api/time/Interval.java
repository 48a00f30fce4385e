package io.strata.api.time;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.strata.api.error.InvalidInputException;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * A half-open time range {@code [start, end)} in epoch milliseconds, UTC. Serialised the way Druid
 * writes intervals: {@code 2013-08-31T00:00:00.000Z/2013-09-01T00:00:00.000Z}.
 */
public record Interval(long start, long end) implements Comparable<Interval> {

  /**
   * Druid's "eternity", {@code -146136543-09-08T08:23:32.096Z/146140482-04-24T15:36:27.903Z}: half the range of epoch
   * milliseconds on either side, so that adding a bucket or a period to any time inside it cannot overflow.
   */
  public static final Interval ETERNITY = new Interval(Long.MIN_VALUE / 2, Long.MAX_VALUE / 2);

  public Interval {
    if (end < start) {
      throw new InvalidInputException("interval", "interval end [" + DateTimes.format(end)
          + "] is before its start [" + DateTimes.format(start) + "]");
    }
  }

  /**
   * Parses {@code start/end}, {@code start/period} or {@code period/end}, where start and end are ISO-8601
   * date-times (a missing zone means UTC) and period is an ISO-8601 period such as {@code P1D} or {@code PT1H}.
   */
  @JsonCreator
  public static Interval parse(String text) {
    if (text == null) {
      throw new InvalidInputException("interval", "interval must not be null");
    }
    int slash = text.indexOf('/');
    if (slash < 0) {
      throw new InvalidInputException("interval",
          "cannot parse interval [" + text + "]: expected 'start/end', for example '2013-08-31/2013-09-01'");
    }
    String left = text.substring(0, slash).trim();
    String right = text.substring(slash + 1).trim();
    try {
      if (isPeriod(left)) {
        long end = DateTimes.parseIso(right);
        return new Interval(minusPeriod(end, left), end);
      }
      long start = DateTimes.parseIso(left);
      if (isPeriod(right)) {
        return new Interval(start, plusPeriod(start, right));
      }
      return new Interval(start, DateTimes.parseIso(right));
    } catch (DateTimeException | ArithmeticException | IllegalArgumentException e) {
      throw new InvalidInputException("interval", "cannot parse interval [" + text + "]: " + e.getMessage());
    }
  }

  private static boolean isPeriod(String s) {
    return !s.isEmpty() && (s.charAt(0) == 'P' || s.charAt(0) == 'p');
  }

  private static long plusPeriod(long instant, String iso) {
    ZonedDateTime t = Instant.ofEpochMilli(instant).atZone(ZoneOffset.UTC);
    return Periods.addTo(t, iso, 1).toInstant().toEpochMilli();
  }

  private static long minusPeriod(long instant, String iso) {
    ZonedDateTime t = Instant.ofEpochMilli(instant).atZone(ZoneOffset.UTC);
    return Periods.addTo(t, iso, -1).toInstant().toEpochMilli();
  }

  public boolean contains(long t) {
    return t >= start && t < end;
  }

  public boolean overlaps(Interval other) {
    return start < other.end && other.start < end;
  }

  public boolean containsInterval(Interval other) {
    return other.start >= start && other.end <= end;
  }

  /** The overlap of the two intervals, or null if they do not overlap. */
  public Interval intersect(Interval other) {
    long s = Math.max(start, other.start);
    long e = Math.min(end, other.end);
    return s < e ? new Interval(s, e) : null;
  }

  public long durationMillis() {
    return end - start;
  }

  @JsonValue
  @Override
  public String toString() {
    return DateTimes.format(start) + "/" + DateTimes.format(end);
  }

  @Override
  public int compareTo(Interval o) {
    int c = Long.compare(start, o.start);
    return c != 0 ? c : Long.compare(end, o.end);
  }
}
