package io.strata.query.exec;

import io.strata.api.data.CursorFactory;
import io.strata.api.data.Segment;
import io.strata.api.time.Granularity;
import io.strata.api.time.Interval;

import java.util.ArrayList;
import java.util.List;

/** Interval arithmetic shared by the engines: which time ranges of a segment a query reads. */
public final class TimeRanges {
  private TimeRanges() {
  }

  /** Sorts intervals and merges those that overlap or abut, as Druid does with a query's intervals. */
  public static List<Interval> condense(List<Interval> intervals) {
    if (intervals.size() <= 1) {
      return List.copyOf(intervals);
    }
    List<Interval> sorted = new ArrayList<>(intervals);
    sorted.sort(null);
    List<Interval> out = new ArrayList<>(sorted.size());
    Interval cur = sorted.get(0);
    for (int i = 1; i < sorted.size(); i++) {
      Interval next = sorted.get(i);
      if (next.start() <= cur.end()) {
        cur = new Interval(cur.start(), Math.max(cur.end(), next.end()));
      } else {
        out.add(cur);
        cur = next;
      }
    }
    out.add(cur);
    return out;
  }

  /** The parts of the (condensed) query intervals inside the segment's own interval, in time order. */
  public static List<Interval> withinSegment(List<Interval> condensed, Segment segment) {
    Interval segInterval = segment.id().interval();
    List<Interval> out = new ArrayList<>(2);
    for (Interval i : condensed) {
      Interval x = i.intersect(segInterval);
      if (x != null) {
        out.add(x);
      }
    }
    return out;
  }

  /**
   * The part of {@code cursorInterval} a time-bucketed query covers in this data, as Druid clips it: from the
   * data's first timestamp to the end of the bucket holding its last one. Empty buckets inside this range are
   * reported (timeseries, topN); buckets outside it are not. Null if nothing is left, or the data is empty.
   */
  public static Interval clipToData(Interval cursorInterval, Granularity granularity, CursorFactory data) {
    if (data.numRows() == 0) {
      return null;
    }
    long min = data.minTime();
    long max = data.maxTime();
    long end;
    if (granularity.isAll()) {
      end = Interval.ETERNITY.end();
    } else {
      end = granularity.next(granularity.bucketStart(max));
    }
    if (end <= min) {
      return null;
    }
    return cursorInterval.intersect(new Interval(min, end));
  }

  /** True if the intervals together contain {@code [start, end]} (both inclusive). */
  public static boolean covers(List<Interval> condensed, long start, long endInclusive) {
    for (Interval i : condensed) {
      if (i.start() <= start && endInclusive < i.end()) {
        return true;
      }
    }
    return false;
  }
}
