package io.strata.query.groupby;

import io.strata.api.data.Segment;
import io.strata.api.error.InvalidInputException;
import io.strata.api.exec.PostAggregator;
import io.strata.api.query.DimensionSpec;
import io.strata.api.query.LimitSpec;
import io.strata.api.query.Query;
import io.strata.api.time.DateTimes;
import io.strata.api.time.Interval;
import io.strata.processing.filter.Filters;
import io.strata.processing.having.HavingEvaluator;
import io.strata.processing.postagg.PostAggregators;
import io.strata.query.exec.AggregatorSet;
import io.strata.query.exec.BestSlots;
import io.strata.query.exec.GroupMerger;
import io.strata.query.exec.QueryDeadline;
import io.strata.query.exec.ResultValues;
import io.strata.query.exec.SegmentGrouper;
import io.strata.query.exec.SegmentGroups;
import io.strata.query.exec.SegmentTasks;
import io.strata.query.exec.TimeRanges;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.ExecutorService;
import java.util.function.Predicate;

/**
 * Runs {@code groupBy} queries.
 *
 * <p>Per segment: hash aggregation keyed by dictionary ids (packed into a long when the dictionaries allow),
 * with grouped aggregators holding one slot per group. Groups are merged across segments by value (in hash
 * partitions, in parallel: {@link GroupMerger}), then post-aggregators, {@code having}, ordering
 * ({@link GroupByOrdering}) and offset/limit apply; with a limit and no {@code having}, each partition first
 * ranks its groups on their primitive values and makes rows only for those that can be returned. With granularity
 * {@code all} every row carries the first interval's start; with no dimensions and granularity {@code all} one
 * row is returned even when nothing matched, as Druid does. Results:
 * {@code [{"version":"v1","timestamp": ISO,"event":{dimensions..., aggregators..., postAggregators...}}]}.
 */
public final class GroupByEngine {
  private final SegmentTasks tasks;

  /** @param executor runs the per-segment work in parallel */
  public GroupByEngine(ExecutorService executor) {
    this.tasks = new SegmentTasks(executor);
  }

  /** Runs the query over the segments (those of the datasource overlapping its intervals). */
  public List<Map<String, Object>> run(Query.GroupBy query, List<? extends Segment> segments) {
    return run(query, segments, QueryDeadline.of(query));
  }

  /** Runs the query, failing with a timeout once {@code deadline} passes. */
  public List<Map<String, Object>> run(Query.GroupBy query, List<? extends Segment> segments, QueryDeadline deadline) {
    if (!query.subtotalsSpec().isEmpty()) {
      return subtotals(query, segments, deadline);
    }
    LimitSpec limitSpec = query.limitSpec();
    int offset = limitSpec == null || limitSpec.offset() == null ? 0 : limitSpec.offset();
    int limit = limitSpec == null || limitSpec.limit() == null ? Integer.MAX_VALUE : limitSpec.limit();
    if (limit == 0) {
      throw new InvalidInputException("limit", "limitSpec limit must be positive; leave it out for no limit");
    }
    List<Interval> intervals = TimeRanges.condense(query.intervals());
    AggregatorSet aggregators = AggregatorSet.of(query, query.aggregations());
    List<DimensionSpec> dims = query.dimensions();
    List<String> outputNames = dims.stream().map(DimensionSpec::outputName).toList();
    List<PostAggregator> postAggregators = PostAggregators.createAll(query.postAggregations(),
        aggregators.factories(), outputNames);
    Predicate<Map<String, Object>> having = query.having() == null ? null : HavingEvaluator.create(query.having());
    GroupByOrdering ordering = GroupByOrdering.of(query, aggregators, postAggregators);
    SegmentGrouper grouper = new SegmentGrouper(query.granularity(),
        dims.stream().map(DimensionSpec::dimension).toList(), aggregators, Filters.create(query.filter()), deadline);
    List<SegmentGrouper.Partial> partials = tasks.map(segments, deadline, s -> grouper.run(s, intervals));

    boolean all = query.granularity().isAll();
    if (intervals.isEmpty()) {
      return new ArrayList<>();
    }
    long allTimestamp = intervals.get(0).start();
    // Merged groups become result rows (post-aggregators, having, sort keys) in the merge task of their
    // partition, so both halves of the work use every thread.
    GroupMerger merger = new GroupMerger(aggregators, dims.size(), tasks);
    long wanted = (long) offset + limit;
    List<List<ResultRow>> perPartition = merger.merge(partials, deadline, m -> {
      // With a limit and no having, only a partition's first offset + limit groups in result order can be
      // returned: rank the groups first and make rows for those alone.
      BestSlots.Order order = having == null && m.size() > wanted ? ordering.slotOrder(m, dims, aggregators) : null;
      int[] slots;
      if (order != null) {
        BestSlots best = new BestSlots(order, (int) wanted, m.size());
        for (int slot = 0; slot < m.size(); slot++) {
          best.offer(slot);
        }
        slots = new int[best.size()];
        for (int i = 0; i < slots.length; i++) {
          slots[i] = best.get(i);
        }
      } else {
        slots = null;
      }
      int n = slots == null ? m.size() : slots.length;
      List<ResultRow> rows = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        int slot = slots == null ? i : slots[i];
        ResultRow r = row(m.bucket(slot), m.values(slot), m.aggregates().values(slot), all, allTimestamp, dims,
            outputNames, aggregators, postAggregators, having, ordering);
        if (r != null) {
          rows.add(r);
        }
      }
      return rows;
    });
    int total = 0;
    for (List<ResultRow> p : perPartition) {
      total += p.size();
    }
    List<ResultRow> rows = new ArrayList<>(total);
    for (List<ResultRow> p : perPartition) {
      rows.addAll(p);
    }
    if (SegmentGroups.count(partials) == 0 && dims.isEmpty() && all) {
      ResultRow r = row(SegmentGrouper.ALL_BUCKET, new String[0], aggregators.emptyValues(), all, allTimestamp, dims,
          outputNames, aggregators, postAggregators, having, ordering);
      if (r != null) {
        rows.add(r);
      }
    }
    deadline.check();
    List<ResultRow> sorted = firstInOrder(rows, ordering, (long) offset + limit);
    List<Map<String, Object>> out = new ArrayList<>();
    for (int i = offset; i < sorted.size() && out.size() < limit; i++) {
      ResultRow r = sorted.get(i);
      Map<String, Object> row = new LinkedHashMap<>(4);
      row.put("version", "v1");
      // Printed in the granularity's time zone, with its offset, as Druid prints groupBy results (topN's stay UTC).
      row.put("timestamp", DateTimes.format(r.timestamp(), query.granularity().timeZone()));
      row.put("event", r.event());
      out.add(row);
    }
    return out;
  }

  /**
   * Druid's {@code subtotalsSpec}: for each subtotal, in order, the query grouped on just those dimensions (in the
   * query's dimension order; the others are null in its rows), each with the query's having and
   * post-aggregators, concatenated. A limitSpec applies to the concatenation: its columns order all the rows
   * together, then offset and limit cut them, as Druid does.
   */
  private List<Map<String, Object>> subtotals(Query.GroupBy query, List<? extends Segment> segments,
                                              QueryDeadline deadline) {
    List<Map<String, Object>> all = new ArrayList<>();
    for (List<String> subtotal : query.subtotalsSpec()) {
      List<DimensionSpec> dims = query.dimensions().stream().filter(d -> subtotal.contains(d.outputName())).toList();
      for (Map<String, Object> row : run(query.subtotal(dims, null), segments, deadline)) {
        @SuppressWarnings("unchecked")
        Map<String, Object> event = (Map<String, Object>) row.get("event");
        Map<String, Object> filled = new LinkedHashMap<>();
        for (DimensionSpec d : query.dimensions()) {
          filled.put(d.outputName(), event.get(d.outputName()));
        }
        filled.putAll(event);
        row.put("event", filled);
        all.add(row);
      }
    }
    LimitSpec limitSpec = query.limitSpec();
    if (limitSpec == null) {
      return all;
    }
    if (!limitSpec.columns().isEmpty()) {
      AggregatorSet aggregators = AggregatorSet.of(query, query.aggregations());
      List<PostAggregator> postAggregators = PostAggregators.createAll(query.postAggregations(),
          aggregators.factories(), query.dimensions().stream().map(DimensionSpec::outputName).toList());
      GroupByOrdering ordering = GroupByOrdering.of(query, aggregators, postAggregators);
      List<Map.Entry<ResultRow, Map<String, Object>>> keyed = new ArrayList<>(all.size());
      for (Map<String, Object> row : all) {
        @SuppressWarnings("unchecked")
        Map<String, Object> event = (Map<String, Object>) row.get("event");
        long t = DateTimes.parseIso((String) row.get("timestamp"));
        keyed.add(Map.entry(new ResultRow(t, event, ordering.keysOf(event)), row));
      }
      keyed.sort((a, b) -> ordering.compare(a.getKey(), b.getKey()));
      all = new ArrayList<>(keyed.size());
      for (Map.Entry<ResultRow, Map<String, Object>> e : keyed) {
        all.add(e.getValue());
      }
    }
    int offset = limitSpec.offset() == null ? 0 : limitSpec.offset();
    int limit = limitSpec.limit() == null ? Integer.MAX_VALUE : limitSpec.limit();
    if (limit == 0) {
      throw new InvalidInputException("limit", "limitSpec limit must be positive; leave it out for no limit");
    }
    int from = Math.min(offset, all.size());
    int to = (int) Math.min(all.size(), (long) from + limit);
    return new ArrayList<>(all.subList(from, to));
  }

  /** One merged group as a result row, or null if {@code having} drops it. */
  private static ResultRow row(long bucket, String[] values, Object[] aggregates, boolean all, long allTimestamp,
                               List<DimensionSpec> dims, List<String> outputNames, AggregatorSet aggregators,
                               List<PostAggregator> postAggregators, Predicate<Map<String, Object>> having,
                               GroupByOrdering ordering) {
    Map<String, Object> event = new LinkedHashMap<>();
    for (int d = 0; d < values.length; d++) {
      event.put(outputNames.get(d), ResultValues.convertDimension(values[d], dims.get(d).outputType()));
    }
    ResultValues.aggregateRow(event, aggregators, aggregates, postAggregators);
    if (having != null && !having.test(event)) {
      return null;
    }
    return new ResultRow(all ? allTimestamp : bucket, event, ordering.keysOf(event));
  }

  /** The first {@code n} rows in order: a bounded heap when {@code n} is small, else a full sort. */
  private static List<ResultRow> firstInOrder(List<ResultRow> rows, GroupByOrdering ordering, long n) {
    if (n >= rows.size() / 4) {
      rows.sort(ordering);
      return rows;
    }
    PriorityQueue<ResultRow> worstFirst = new PriorityQueue<>((int) n + 1, ordering.reversed());
    for (ResultRow r : rows) {
      if (worstFirst.size() < n) {
        worstFirst.add(r);
      } else if (ordering.compare(r, worstFirst.peek()) < 0) {
        worstFirst.poll();
        worstFirst.add(r);
      }
    }
    List<ResultRow> out = new ArrayList<>(worstFirst);
    out.sort(ordering);
    return out;
  }
}
