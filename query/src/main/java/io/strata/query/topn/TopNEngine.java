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
import io.strata.query.exec.GroupMerger;
import io.strata.query.exec.QueryDeadline;
import io.strata.query.exec.SegmentGrouper;
import io.strata.query.exec.SegmentTasks;
import io.strata.query.exec.TimeRanges;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;

/**
 * Runs {@code topN} queries: per time bucket, the {@code threshold} best values of one dimension.
 *
 * <p>Per segment the rows are aggregated by (bucket, dictionary id) — an array indexed by id when the dictionary
 * size is known. Values are merged across segments by value, in hash partitions merged in parallel, and ranked
 * exactly (Druid's per-segment approximation is not reproduced): each partition picks its best values per
 * bucket ({@link TopNRanker}), and the union of the picks is ranked. For the common ranking by a count or long
 * sum over granularity {@code all}, {@link TopNPruner} first tries to prove which few values can win and merges
 * only those. Buckets follow timeseries: empty buckets inside the clipped ranges appear
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
    return run(query, segments, QueryDeadline.of(query));
  }

  /** Runs the query, failing with a timeout once {@code deadline} passes. */
  public List<Map<String, Object>> run(Query.TopN query, List<? extends Segment> segments, QueryDeadline deadline) {
    List<Interval> intervals = TimeRanges.condense(query.intervals());
    AggregatorSet aggregators = AggregatorSet.of(query, query.aggregations());
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

    List<Interval> ranges = new ArrayList<>();
    for (SegmentGrouper.Partial p : partials) {
      ranges.addAll(p.ranges());
    }
    // Candidates per bucket: those the pruner proves enough, else every partition's best after a full merge
    // (merged and picked per partition in parallel). Either way they hold the exact best values.
    TreeMap<Long, List<TopNCandidate>> buckets = new TreeMap<>();
    TopNPruner pruner = TopNPruner.of(query, aggregators, ordering, tasks);
    List<TopNCandidate> pruned = pruner == null ? null : pruner.candidates(partials, deadline);
    if (pruned != null) {
      buckets.put(SegmentGrouper.ALL_BUCKET, pruned);
    } else {
      TopNRanker ranker = new TopNRanker(query, aggregators, postAggregators, ordering);
      for (Map<Long, List<TopNCandidate>> picks : new GroupMerger(aggregators, 1, tasks).merge(partials, deadline,
          ranker::rank)) {
        picks.forEach((bucket, list) -> buckets.computeIfAbsent(bucket, b -> new ArrayList<>()).addAll(list));
      }
    }
    deadline.check();
    if (ranges.isEmpty()) {
      return new ArrayList<>();
    }
    if (granularity.isAll()) {
      List<TopNCandidate> all = buckets.getOrDefault(SegmentGrouper.ALL_BUCKET, List.of());
      buckets.clear();
      long start = Long.MAX_VALUE;
      for (Interval r : ranges) {
        start = Math.min(start, r.start());
      }
      buckets.put(start, all);
    } else {
      for (Interval r : ranges) {
        for (long start : BucketIndex.of(granularity, r).starts()) {
          buckets.putIfAbsent(start, List.of());
        }
        if (buckets.size() > BucketIndex.MAX_BUCKETS) {
          throw BucketIndex.tooMany();
        }
      }
    }
    Comparator<TopNCandidate> best = ordering.comparator();
    List<Map<String, Object>> out = new ArrayList<>(buckets.size());
    for (Map.Entry<Long, List<TopNCandidate>> e : buckets.entrySet()) {
      List<TopNCandidate> top = new ArrayList<>(e.getValue());
      top.sort(best);
      List<Map<String, Object>> result = new ArrayList<>(Math.min(top.size(), query.threshold()));
      for (int i = 0; i < top.size() && i < query.threshold(); i++) {
        TopNCandidate c = top.get(i);
        result.add(c.row() != null ? c.row()
            : TopNRanker.finish(c.output(), c.aggregates(), query, aggregators, postAggregators));
      }
      Map<String, Object> row = new LinkedHashMap<>(4);
      row.put("timestamp", DateTimes.format(e.getKey()));
      row.put("result", result);
      out.add(row);
      deadline.check();
    }
    return out;
  }
}
