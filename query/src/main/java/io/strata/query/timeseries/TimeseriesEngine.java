package io.strata.query.timeseries;

import io.strata.api.data.Segment;
import io.strata.api.exec.PostAggregator;
import io.strata.api.query.Query;
import io.strata.api.time.DateTimes;
import io.strata.api.time.Granularity;
import io.strata.api.time.Interval;
import io.strata.processing.filter.Filters;
import io.strata.processing.postagg.PostAggregators;
import io.strata.query.exec.AggregatorSet;
import io.strata.query.exec.BucketIndex;
import io.strata.query.exec.GroupMerger;
import io.strata.query.exec.MergedGroups;
import io.strata.query.exec.QueryDeadline;
import io.strata.query.exec.ResultValues;
import io.strata.query.exec.SegmentGrouper;
import io.strata.query.exec.SegmentTasks;
import io.strata.query.exec.TimeRanges;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;

/**
 * Runs {@code timeseries} queries: one aggregate row per time bucket.
 *
 * <p>Per segment the rows are aggregated by bucket; buckets are merged across segments, then buckets without
 * rows are filled in (count 0, other aggregators null) inside each segment's clipped range, as Druid does, unless
 * the context sets {@code skipEmptyBuckets}. With granularity {@code all} there is one row whose timestamp is the
 * start of the earliest clipped range read (the latest when {@code descending}), or the first interval's start if
 * no data was read. Results: {@code [{"timestamp": ISO, "result": {aggregators..., postAggregators...}}]}.
 */
public final class TimeseriesEngine {
  private final SegmentTasks tasks;

  /** @param executor runs the per-segment work in parallel */
  public TimeseriesEngine(ExecutorService executor) {
    this.tasks = new SegmentTasks(executor);
  }

  /** Runs the query over the segments (those of the datasource overlapping its intervals). */
  public List<Map<String, Object>> run(Query.Timeseries query, List<? extends Segment> segments) {
    return run(query, segments, QueryDeadline.of(query));
  }

  /** Runs the query, failing with a timeout once {@code deadline} passes. */
  public List<Map<String, Object>> run(Query.Timeseries query, List<? extends Segment> segments, QueryDeadline deadline) {
    List<Interval> intervals = TimeRanges.condense(query.intervals());
    AggregatorSet aggregators = AggregatorSet.of(query, query.aggregations());
    List<PostAggregator> postAggregators = PostAggregators.createAll(query.postAggregations(),
        aggregators.factories());
    Granularity granularity = query.granularity();
    SegmentGrouper grouper = new SegmentGrouper(granularity, List.of(), aggregators, Filters.create(query.filter()),
        deadline);
    List<SegmentGrouper.Partial> partials = tasks.map(segments, deadline, s -> grouper.run(s, intervals));

    List<Interval> ranges = new ArrayList<>();
    for (SegmentGrouper.Partial p : partials) {
      ranges.addAll(p.ranges());
    }
    TreeMap<Long, Object[]> buckets = new TreeMap<>();
    for (MergedGroups m : new GroupMerger(aggregators, 0, tasks).merge(partials, deadline, m -> m)) {
      for (int slot = 0; slot < m.size(); slot++) {
        buckets.put(m.bucket(slot), m.aggregates().values(slot));
      }
    }
    deadline.check();
    boolean skipEmpty = query.skipEmptyBuckets();
    boolean descending = Boolean.TRUE.equals(query.descending());
    List<Map.Entry<Long, Object[]>> rows = granularity.isAll()
        ? allRow(buckets, ranges, intervals, skipEmpty, descending)
        : bucketRows(buckets, ranges, granularity, skipEmpty);
    if (descending && !granularity.isAll()) {
      Collections.reverse(rows);
    }
    int limit = query.limit() == null || query.limit() <= 0 ? Integer.MAX_VALUE : query.limit(); // Druid: 0 = none
    List<Map<String, Object>> out = new ArrayList<>(Math.min(rows.size(), limit));
    for (Map.Entry<Long, Object[]> e : rows) {
      if (out.size() >= limit) {
        break;
      }
      Object[] values = e.getValue() == null ? aggregators.emptyValues() : e.getValue();
      Map<String, Object> result = ResultValues.aggregateRow(null, aggregators, values, postAggregators);
      Map<String, Object> row = new LinkedHashMap<>(4);
      // Printed in the granularity's time zone, with its offset, as Druid prints timeseries results.
      row.put("timestamp", DateTimes.format(e.getKey(), granularity.timeZone()));
      row.put("result", result);
      out.add(row);
    }
    if (query.grandTotal()) {
      // Druid's grandTotal: one more row, with a null timestamp, combining every bucket (empty ones add nothing).
      Object[] total = aggregators.emptyValues();
      for (Map.Entry<Long, Object[]> e : rows) {
        Object[] values = e.getValue();
        if (values == null) {
          continue;
        }
        for (int i = 0; i < total.length; i++) {
          total[i] = aggregators.factories().get(i).combine(total[i], values[i]);
        }
      }
      Map<String, Object> row = new LinkedHashMap<>(4);
      row.put("timestamp", null);
      row.put("result", ResultValues.aggregateRow(null, aggregators, total, postAggregators));
      out.add(row);
    }
    return out;
  }

  private static List<Map.Entry<Long, Object[]>> allRow(TreeMap<Long, Object[]> buckets, List<Interval> ranges,
                                                        List<Interval> intervals, boolean skipEmpty,
                                                        boolean descending) {
    Object[] values = buckets.get(SegmentGrouper.ALL_BUCKET);
    if (values == null && skipEmpty) {
      return new ArrayList<>();
    }
    long timestamp;
    if (ranges.isEmpty()) {
      if (intervals.isEmpty()) {
        return new ArrayList<>();
      }
      timestamp = intervals.get(0).start();
    } else {
      timestamp = descending ? Long.MIN_VALUE : Long.MAX_VALUE;
      for (Interval r : ranges) {
        timestamp = descending ? Math.max(timestamp, r.start()) : Math.min(timestamp, r.start());
      }
    }
    List<Map.Entry<Long, Object[]>> out = new ArrayList<>(1);
    out.add(new AbstractMap.SimpleImmutableEntry<>(timestamp, values));
    return out;
  }

  private static List<Map.Entry<Long, Object[]>> bucketRows(TreeMap<Long, Object[]> buckets, List<Interval> ranges,
                                                            Granularity granularity, boolean skipEmpty) {
    if (!skipEmpty) {
      for (Interval r : ranges) {
        for (long start : BucketIndex.of(granularity, r).starts()) {
          buckets.putIfAbsent(start, null);
        }
        if (buckets.size() > BucketIndex.MAX_BUCKETS) {
          throw BucketIndex.tooMany();
        }
      }
    }
    return new ArrayList<>(buckets.entrySet());
  }
}
