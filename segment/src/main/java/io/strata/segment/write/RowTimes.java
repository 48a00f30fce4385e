package io.strata.segment.write;

import io.strata.api.time.DateTimes;
import io.strata.api.time.Interval;

/**
 * The times of a segment's rows as they are written, in order: checks that they never go back and lie in the
 * segment's interval, and keeps their count and range. Both build paths ({@link ColumnsBuild} row by row,
 * {@link ColumnarBuild} column by column) check through it, so they refuse the same rows with the same message.
 */
final class RowTimes {
  private final Interval interval;
  private int count;
  private long min;
  private long max;

  RowTimes(Interval interval) {
    this.interval = interval;
  }

  /**
   * The time of the next row.
   *
   * @throws IllegalArgumentException if it is before the previous row's, or outside the interval
   */
  void add(long t) {
    if (count > 0 && t < max) {
      throw new IllegalArgumentException("rows are not in time order: row " + count + " has time "
          + DateTimes.format(t) + " after " + DateTimes.format(max));
    }
    if (!interval.contains(t)) {
      throw new IllegalArgumentException("row " + count + " has time " + DateTimes.format(t)
          + ", outside the segment interval " + interval);
    }
    if (count == 0) {
      min = t;
    }
    max = t;
    count++;
  }

  int count() {
    return count;
  }

  /** The first row's time; 0 when there are no rows. */
  long min() {
    return min;
  }

  /** The last row's time; 0 when there are no rows. */
  long max() {
    return max;
  }
}
