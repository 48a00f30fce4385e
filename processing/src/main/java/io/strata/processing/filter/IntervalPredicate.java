package io.strata.processing.filter;

import io.strata.api.time.Interval;
import io.strata.processing.util.Numbers;

import java.util.List;

/**
 * Druid's {@code interval} filter: a value (epoch milliseconds, usually {@code __time}) inside any of the intervals,
 * each closed at its start and open at its end. Text is read as a number; a null value is UNKNOWN.
 */
final class IntervalPredicate extends MatchPredicate {
  private final List<Interval> intervals;

  IntervalPredicate(List<Interval> intervals) {
    this.intervals = List.copyOf(intervals);
  }

  @Override
  boolean matchesNull(boolean includeUnknown) {
    return includeUnknown;
  }

  @Override
  boolean matchesString(String value) {
    Number n = Numbers.tryParseNumber(value);
    return n != null && matchesDouble(n.doubleValue());
  }

  @Override
  boolean matchesLong(long value) {
    for (Interval i : intervals) {
      if (i.contains(value)) {
        return true;
      }
    }
    return false;
  }

  @Override
  boolean matchesDouble(double value) {
    for (Interval i : intervals) {
      if (value >= i.start() && value < i.end()) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return "IN INTERVALS " + intervals;
  }
}
