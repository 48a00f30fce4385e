package io.strata.query.topn;

import io.strata.api.data.Segment;
import io.strata.api.exec.PostAggregator;
import io.strata.api.query.DimensionSpec;
import io.strata.api.query.Query;
import io.strata.api.time.DateTimes;
import io.strata.api.time.Granularity;
import io.strata.api.time.Interval;
import io.strata.processing.filter.Filters;
import io.strata.processing.postagg.PostAggregators;
import io.strata.query.exec.AggregatorSet;
import io.strata.query.exec.BucketIndex;
import io.strata.query.exec.QueryDeadline;
import io.strata.query.exec.ResultValues;
import io.strata.query.exec.SegmentGrouper;
import io.strata.query.exec.SegmentTasks;
import io.strata.query.exec.TimeRanges;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;

/**
 * Runs {@code topN} queries: per time bucket, the {@code threshold} best values of one dimension.
 *
 * <p>Per segment the rows are aggregated by (bucket, dictionary id) — an array indexed by id when the dictionary
 * size is known. Values are merged across segments by value and ranked exactly (Druid's per-segment
 * approximation is not reproduced). Buckets follow timeseries: empty buckets inside the clipped ranges appear
 * with an empty {@code result}; with granularity {@code all} the timestamp is the earliest clipped range start.
 * Results: {@code [{"timestamp": ISO, "result": [{dimension, aggregators..., postAggregators...}, ...]}]}.
 */
public final class TopNEngine {
  private final SegmentTasks tasks;

  /** @param executor runs the per-segment work in parallel */
  public TopNEngine(ExecutorService executor) {
    this.tasks = new SegmentTasks(executor);
  }

  /** Runs the query over the segments (those of the datasource overlapping its intervals). */
  public List<Map<String, Object>> run(Query.TopN query, List<? extends Segment> segments) {
    QueryDeadline deadline = QueryDeadline.of(query);
    List<Interval> intervals = TimeRanges.condense(query.intervals());
    AggregatorSet aggregators = AggregatorSet.of(query.aggregations());
    List<PostAggregator> postAggregators = PostAggregators.createAll(query.postAggregations(),
        aggregators.factories());
    Set<String> metricNames = new HashSet<>();
    for (int i = 0; i < aggregators.size(); i++) {
      metricNames.add(aggregators.name(i));
    }
    postAggregators.forEach(p -> metricNames.add(p.name()));
    DimensionSpec dimension = query.dimension();
    TopNOrdering ordering = TopNOrdering.of(query.metric(), metricNames, dimension.outputType());
    Granularity granularity = query.granularity();
    SegmentGrouper grouper = new SegmentGrouper(granularity, List.of(dimension.dimension()), aggregators,
        Filters.create(query.filter()), deadline);
    List<SegmentGrouper.Partial> partials = tasks.map(segments, deadline, s -> grouper.run(s, intervals));

    TreeMap<Long, Map<String, Object[]>> buckets = new TreeMap<>();
    List<Interval> ranges = new ArrayList<>();
    for (SegmentGrouper.Partial p : partials) {
      ranges.addAll(p.ranges());
      for (SegmentGrouper.Group g : p.groups()) {
        Map<String, Object[]> values = buckets.computeIfAbsent(g.bucket(), b -> new HashMap<>());
        Object[] existing = values.putIfAbsent(g.values()[0], g.aggregates());
        if (existing != null) {
          aggregators.combineInto(existing, g.aggregates());
        }
      }
    }
    deadline.check();
    if (ranges.isEmpty()) {
      return new ArrayList<>();
    }
    if (granularity.isAll()) {
      Map<String, Object[]> all = buckets.getOrDefault(SegmentGrouper.ALL_BUCKET, Map.of());
      buckets.clear();
      long start = Long.MAX_VALUE;
      for (Interval r : ranges) {
        start = Math.min(start, r.start());
      }
      buckets.put(start, all);
    } else {
      for (Interval r : ranges) {
        for (long start : BucketIndex.of(granularity, r).starts()) {
          buckets.putIfAbsent(start, Map.of());
        }
        if (buckets.size() > BucketIndex.MAX_BUCKETS) {
          throw BucketIndex.tooMany();
        }
      }
    }
    List<Map<String, Object>> out = new ArrayList<>(buckets.size());
    for (Map.Entry<Long, Map<String, Object[]>> e : buckets.entrySet()) {
      Map<String, Object> row = new LinkedHashMap<>(4);
      row.put("timestamp", DateTimes.format(e.getKey()));
      row.put("result", rank(e.getValue(), query, aggregators, postAggregators, ordering));
      out.add(row);
      deadline.check();
    }
    return out;
  }

  private static List<Map<String, Object>> rank(Map<String, Object[]> values, Query.TopN query,
                                                AggregatorSet aggregators, List<PostAggregator> postAggregators,
                                                TopNOrdering ordering) {
    int threshold = query.threshold();
    Comparator<TopNCandidate> best = ordering.comparator();
    PriorityQueue<TopNCandidate> worstFirst = new PriorityQueue<>(Math.min(threshold, values.size()) + 1,
        best.reversed());
    String metric = ordering.metric();
    int metricAggregator = metric == null ? -1 : aggregators.indexOf(metric);
    for (Map.Entry<String, Object[]> e : values.entrySet()) {
      String value = e.getKey();
      if (!ordering.keeps(value)) {
        continue;
      }
      Object[] aggs = e.getValue();
      Object output = ResultValues.convertDimension(value, query.dimension().outputType());
      TopNCandidate c;
      if (metric == null) {
        c = new TopNCandidate(value, output, aggs, null, null);
      } else if (metricAggregator >= 0) {
        Object v = aggregators.factories().get(metricAggregator).finalizeValue(aggs[metricAggregator]);
        c = new TopNCandidate(value, output, aggs, v, null);
      } else {
        Map<String, Object> row = finish(output, aggs, query, aggregators, postAggregators);
        c = new TopNCandidate(value, output, aggs, row.get(metric), row);
      }
      worstFirst.add(c);
      if (worstFirst.size() > threshold) {
        worstFirst.poll();
      }
    }
    List<TopNCandidate> top = new ArrayList<>(worstFirst);
    top.sort(best);
    List<Map<String, Object>> result = new ArrayList<>(top.size());
    for (TopNCandidate c : top) {
      result.add(c.row() != null ? c.row() : finish(c.output(), c.aggregates(), query, aggregators, postAggregators));
    }
    return result;
  }

  private static Map<String, Object> finish(Object output, Object[] aggs, Query.TopN query, AggregatorSet aggregators,
                                            List<PostAggregator> postAggregators) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put(query.dimension().outputName(), output);
    return ResultValues.aggregateRow(row, aggregators, aggs, postAggregators);
  }
}
