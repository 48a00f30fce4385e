package io.strata.query.topn;

import io.strata.api.data.ColumnType;
import io.strata.api.exec.PostAggregator;
import io.strata.api.query.Query;
import io.strata.query.exec.AggregateColumns;
import io.strata.query.exec.AggregatorSet;
import io.strata.query.exec.BestSlots;
import io.strata.query.exec.MergedGroups;
import io.strata.query.exec.ResultValues;
import io.strata.query.exec.SegmentGrouper;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Picks, per time bucket, the best {@code threshold} values of one merged hash partition. Every value's final
 * aggregates are known after the merge, so the partition's best values include the overall best ones that fall
 * in it; the engine ranks the union of the partitions' picks. Runs inside the partition's merge task.
 *
 * <p>When the metric is a built-in aggregator, values are ranked on the primitive columns with a bounded heap of
 * slot numbers ({@link BestSlots}), and objects are made only for the picks; a candidate that is not better than
 * the current worst pick costs one primitive comparison. Other orderings (post-aggregator metrics, dimension
 * orderings) use the general path, building each value's candidate as before. Thread-safe.
 */
final class TopNRanker {
  private final Query.TopN query;
  private final AggregatorSet aggregators;
  private final List<PostAggregator> postAggregators;
  private final TopNOrdering ordering;
  private final int metricAggregator;
  private final boolean primitive;

  TopNRanker(Query.TopN query, AggregatorSet aggregators, List<PostAggregator> postAggregators,
             TopNOrdering ordering) {
    this.query = query;
    this.aggregators = aggregators;
    this.postAggregators = postAggregators;
    this.ordering = ordering;
    String metric = ordering.metric();
    this.metricAggregator = metric == null ? -1 : aggregators.indexOf(metric);
    this.primitive = metricAggregator >= 0 && aggregators.isPrimitive(metricAggregator);
  }

  /** The picks of one partition by bucket start; each list holds at most {@code threshold} candidates. */
  Map<Long, List<TopNCandidate>> rank(MergedGroups groups) {
    return primitive ? rankPrimitive(groups) : rankGeneral(groups);
  }

  private Map<Long, List<TopNCandidate>> rankPrimitive(MergedGroups groups) {
    int threshold = query.threshold();
    SlotOrder order = new SlotOrder(groups);
    Map<Long, BestSlots> heaps = new HashMap<>();
    BestSlots all = null;
    for (int slot = 0; slot < groups.size(); slot++) {
      long bucket = groups.bucket(slot);
      BestSlots heap;
      if (bucket == SegmentGrouper.ALL_BUCKET) {
        if (all == null) {
          all = new BestSlots(order::compare, threshold, groups.size());
          heaps.put(bucket, all);
        }
        heap = all;
      } else {
        heap = heaps.computeIfAbsent(bucket, b -> new BestSlots(order::compare, threshold, groups.size()));
      }
      heap.offer(slot);
    }
    Map<Long, List<TopNCandidate>> out = new HashMap<>();
    for (Map.Entry<Long, BestSlots> e : heaps.entrySet()) {
      BestSlots heap = e.getValue();
      List<TopNCandidate> picks = new ArrayList<>(heap.size());
      for (int i = 0; i < heap.size(); i++) {
        int slot = heap.get(i);
        String value = groups.value(0, slot);
        Object[] aggs = groups.aggregates().values(slot);
        Object metricValue = aggregators.factories().get(metricAggregator).finalizeValue(aggs[metricAggregator]);
        picks.add(new TopNCandidate(value, order.output(slot), aggs, metricValue, null));
      }
      out.put(e.getKey(), picks);
    }
    return out;
  }

  private Map<Long, List<TopNCandidate>> rankGeneral(MergedGroups groups) {
    int threshold = query.threshold();
    Comparator<TopNCandidate> best = ordering.comparator();
    String metric = ordering.metric();
    Map<Long, PriorityQueue<TopNCandidate>> heaps = new HashMap<>();
    for (int slot = 0; slot < groups.size(); slot++) {
      String value = groups.value(0, slot);
      if (!ordering.keeps(value)) {
        continue;
      }
      Object[] aggs = groups.aggregates().values(slot);
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
      PriorityQueue<TopNCandidate> worstFirst = heaps.computeIfAbsent(groups.bucket(slot),
          b -> new PriorityQueue<>(Math.min(threshold, groups.size()) + 1, best.reversed()));
      worstFirst.add(c);
      if (worstFirst.size() > threshold) {
        worstFirst.poll();
      }
    }
    Map<Long, List<TopNCandidate>> out = new HashMap<>();
    heaps.forEach((bucket, heap) -> out.put(bucket, new ArrayList<>(heap)));
    return out;
  }

  /** A result row: the dimension's output value, aggregators (finalized) and post-aggregators. */
  static Map<String, Object> finish(Object output, Object[] aggs, Query.TopN query, AggregatorSet aggregators,
                                    List<PostAggregator> postAggregators) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put(query.dimension().outputName(), output);
    return ResultValues.aggregateRow(row, aggregators, aggs, postAggregators);
  }

  /**
   * {@link TopNOrdering#comparator()} for a numeric ordering on a built-in aggregator, over slots: nulls last,
   * then the metric (descending unless inverted), then the output value.
   */
  private final class SlotOrder {
    private final MergedGroups groups;
    private final AggregateColumns columns;
    private final Comparator<Object> valueOrder = ordering.valueOrder();
    private final boolean inverted = ordering.inverted();
    private final boolean stringOutput;
    private Object[] outputs; // parsed outputs of numeric output types, filled on demand

    SlotOrder(MergedGroups groups) {
      this.groups = groups;
      this.columns = groups.aggregates();
      ColumnType type = query.dimension().outputType();
      this.stringOutput = type == null || type == ColumnType.STRING || type == ColumnType.COMPLEX;
    }

    Object output(int slot) {
      String value = groups.value(0, slot);
      if (stringOutput || value == null) {
        return value;
      }
      if (outputs == null) {
        outputs = new Object[groups.size()];
      }
      Object o = outputs[slot];
      if (o == null) {
        o = ResultValues.convertDimension(value, query.dimension().outputType());
        outputs[slot] = o;
      }
      return o;
    }

    /** Negative if slot {@code a} ranks before slot {@code b}. */
    int compare(int a, int b) {
      int m = metricAggregator;
      boolean na = columns.isNull(m, a);
      boolean nb = columns.isNull(m, b);
      if (na || nb) {
        if (na != nb) {
          return na ? 1 : -1;
        }
      } else {
        int c = columns.compareValues(m, a, b);
        if (c != 0) {
          return inverted ? c : -c;
        }
      }
      return valueOrder.compare(output(a), output(b));
    }
  }
}
