package io.strata.query.topn;

import io.strata.api.data.ColumnType;
import io.strata.api.exec.PostAggregator;
import io.strata.api.query.Query;
import io.strata.query.exec.AggregateColumns;
import io.strata.query.exec.AggregatorSet;
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
 * slot numbers, and objects are made only for the picks; a candidate that is not better than the current
 * worst pick costs one primitive comparison. Other orderings (post-aggregator metrics, dimension orderings) use
 * the general path, building each value's candidate as before. Thread-safe.
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
    Map<Long, SlotHeap> heaps = new HashMap<>();
    SlotHeap all = null;
    for (int slot = 0; slot < groups.size(); slot++) {
      long bucket = groups.bucket(slot);
      SlotHeap heap;
      if (bucket == SegmentGrouper.ALL_BUCKET) {
        if (all == null) {
          all = new SlotHeap(order, Math.min(threshold, groups.size()));
          heaps.put(bucket, all);
        }
        heap = all;
      } else {
        heap = heaps.computeIfAbsent(bucket, b -> new SlotHeap(order, Math.min(threshold, groups.size())));
      }
      heap.offer(slot);
    }
    Map<Long, List<TopNCandidate>> out = new HashMap<>();
    for (Map.Entry<Long, SlotHeap> e : heaps.entrySet()) {
      SlotHeap heap = e.getValue();
      List<TopNCandidate> picks = new ArrayList<>(heap.size);
      for (int i = 0; i < heap.size; i++) {
        int slot = heap.slots[i];
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

  /** The best {@code k} slots seen so far, in a binary heap with the worst of them at the root. */
  private static final class SlotHeap {
    private final SlotOrder order;
    private final int k;
    final int[] slots;
    int size;

    SlotHeap(SlotOrder order, int k) {
      this.order = order;
      this.k = k;
      this.slots = new int[Math.max(k, 1)];
    }

    void offer(int slot) {
      if (size < k) {
        slots[size] = slot;
        siftUp(size++);
      } else if (k > 0 && order.compare(slot, slots[0]) < 0) {
        slots[0] = slot;
        siftDown(0);
      }
    }

    /** True if the slot at {@code i} should sit above the one at {@code j} (ranks no better). */
    private boolean worse(int i, int j) {
      return order.compare(slots[i], slots[j]) > 0;
    }

    private void siftUp(int i) {
      while (i > 0) {
        int parent = (i - 1) >>> 1;
        if (!worse(i, parent)) {
          return;
        }
        swap(i, parent);
        i = parent;
      }
    }

    private void siftDown(int i) {
      while (true) {
        int left = 2 * i + 1;
        if (left >= size) {
          return;
        }
        int worst = left;
        if (left + 1 < size && worse(left + 1, left)) {
          worst = left + 1;
        }
        if (!worse(worst, i)) {
          return;
        }
        swap(i, worst);
        i = worst;
      }
    }

    private void swap(int i, int j) {
      int t = slots[i];
      slots[i] = slots[j];
      slots[j] = t;
    }
  }
}
