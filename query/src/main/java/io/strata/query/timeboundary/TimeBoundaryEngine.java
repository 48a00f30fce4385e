package io.strata.query.timeboundary;

import io.strata.api.data.Cursor;
import io.strata.api.data.CursorBuildSpec;
import io.strata.api.data.CursorFactory;
import io.strata.api.data.CursorHolder;
import io.strata.api.data.Segment;
import io.strata.api.exec.Filter;
import io.strata.api.query.Query;
import io.strata.api.time.DateTimes;
import io.strata.api.time.Interval;
import io.strata.processing.filter.Filters;
import io.strata.query.exec.QueryDeadline;
import io.strata.query.exec.SegmentTasks;
import io.strata.query.exec.TimeRanges;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;

/**
 * Runs {@code timeBoundary} queries: the smallest and largest {@code __time} of the rows inside the intervals that
 * match the filter. A segment wholly inside the intervals and queried without a filter answers from its stored
 * bounds; otherwise one row is read from each end. Result: {@code [{"timestamp": minTime (maxTime when
 * bound is maxTime), "result": {"maxTime": ..., "minTime": ...}}]} (only the asked bound with {@code bound});
 * {@code []} when no row qualifies.
 */
public final class TimeBoundaryEngine {
  private final SegmentTasks tasks;

  /** @param executor runs the per-segment work in parallel */
  public TimeBoundaryEngine(ExecutorService executor) {
    this.tasks = new SegmentTasks(executor);
  }

  /** Runs the query over the segments (those of the datasource overlapping its intervals). */
  public List<Map<String, Object>> run(Query.TimeBoundary query, List<? extends Segment> segments) {
    return run(query, segments, QueryDeadline.of(query));
  }

  /** Runs the query, failing with a timeout once {@code deadline} passes. */
  public List<Map<String, Object>> run(Query.TimeBoundary query, List<? extends Segment> segments, QueryDeadline deadline) {
    List<Interval> intervals = TimeRanges.condense(query.intervals());
    Filter filter = Filters.create(query.filter());
    boolean wantMin = !"maxTime".equals(query.bound());
    boolean wantMax = !"minTime".equals(query.bound());
    List<long[]> bounds = tasks.map(segments, deadline, s -> bounds(s, intervals, filter, wantMin, wantMax));
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    boolean found = false;
    for (long[] b : bounds) {
      if (b != null) {
        found = true;
        min = Math.min(min, b[0]);
        max = Math.max(max, b[1]);
      }
    }
    List<Map<String, Object>> out = new ArrayList<>(1);
    if (!found) {
      return out;
    }
    Map<String, Object> result = new LinkedHashMap<>(4);
    if (wantMax) {
      result.put("maxTime", DateTimes.format(max));
    }
    if (wantMin) {
      result.put("minTime", DateTimes.format(min));
    }
    Map<String, Object> row = new LinkedHashMap<>(4);
    row.put("timestamp", DateTimes.format(wantMin ? min : max));
    row.put("result", result);
    out.add(row);
    return out;
  }

  /** {min, max} of the segment's qualifying rows (an unasked bound is left at its neutral value), or null. */
  private static long[] bounds(Segment segment, List<Interval> intervals, Filter filter, boolean wantMin,
                               boolean wantMax) {
    CursorFactory data = segment.cursorFactory();
    if (data.numRows() == 0) {
      return null;
    }
    List<Interval> within = TimeRanges.withinSegment(intervals, segment);
    if (within.isEmpty()) {
      return null;
    }
    if (filter == null && TimeRanges.covers(within, data.minTime(), data.maxTime())) {
      return new long[] {data.minTime(), data.maxTime()};
    }
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    if (wantMin) {
      for (int i = 0; i < within.size() && min == Long.MAX_VALUE; i++) {
        Long t = firstTime(data, within.get(i), filter, false);
        if (t != null) {
          min = t;
        }
      }
      if (min == Long.MAX_VALUE) {
        return null;
      }
    }
    if (wantMax) {
      for (int i = within.size() - 1; i >= 0 && max == Long.MIN_VALUE; i--) {
        Long t = firstTime(data, within.get(i), filter, true);
        if (t != null) {
          max = t;
        }
      }
      if (max == Long.MIN_VALUE) {
        return null;
      }
    }
    return new long[] {min, max};
  }

  private static Long firstTime(CursorFactory data, Interval interval, Filter filter, boolean descending) {
    CursorBuildSpec spec = new CursorBuildSpec(interval, filter, descending, CursorBuildSpec.DEFAULT_VECTOR_SIZE);
    try (CursorHolder holder = data.makeCursorHolder(spec)) {
      Cursor cursor = holder.asCursor();
      if (cursor.isDone()) {
        return null;
      }
      return cursor.selectorFactory().makeColumnValueSelector("__time").getLong();
    }
  }
}
