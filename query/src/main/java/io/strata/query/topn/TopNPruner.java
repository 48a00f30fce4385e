package io.strata.query.topn;

import io.strata.api.query.Query;
import io.strata.query.exec.AggregateColumns;
import io.strata.query.exec.AggregatorSet;
import io.strata.query.exec.KeyHashing;
import io.strata.query.exec.QueryDeadline;
import io.strata.query.exec.ResultValues;
import io.strata.query.exec.SegmentGrouper;
import io.strata.query.exec.SegmentGroups;
import io.strata.query.exec.SegmentTasks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An exact shortcut for the common topN: granularity {@code all}, ranked descending by a {@code count} or
 * {@code longSum} aggregator. Instead of merging every (segment, value) pair, it proves which values can make
 * the top {@code threshold} and merges only those.
 *
 * <p>Each segment run offers its {@code m} best values by partial metric. Any value not offered by a run has a
 * partial there of at most that run's {@code m}-th best partial {@code b} (or none), so the total of a value
 * offered by no run is at most {@code B}, the sum of the runs' {@code max(b, 0)}. The offered values (the
 * candidates) are merged exactly, by looking them up in every run and folding in run order as the full merge
 * does. If at least {@code threshold} candidates have a metric and the {@code threshold}-th best of them is
 * strictly greater than {@code B}, no other value can rank among the best {@code threshold}, so the candidates'
 * ranking is the exact answer (ties included: a tie at the bound could rank either way, so it is not accepted).
 * Otherwise it tries once more with a larger {@code m}, then gives up and the engine merges everything. Long sums
 * that could wrap around are not pruned. Druid's approximate per-segment topN is not used.
 */
final class TopNPruner {
  /** Candidates offered per segment run on the first try; the second try offers {@link #RETRY_FACTOR} times more. */
  private static final int FIRST_OFFER = 128;
  private static final int RETRY_FACTOR = 8;
  /** Below this many segment groups the full merge is cheap enough. */
  private static final long MIN_GROUPS = 16_384;

  private final Query.TopN query;
  private final AggregatorSet aggregators;
  private final int metric;
  private final SegmentTasks tasks;

  private TopNPruner(Query.TopN query, AggregatorSet aggregators, int metric, SegmentTasks tasks) {
    this.query = query;
    this.aggregators = aggregators;
    this.metric = metric;
    this.tasks = tasks;
  }

  /** A pruner for the query, or null if the shortcut does not apply to it. */
  static TopNPruner of(Query.TopN query, AggregatorSet aggregators, TopNOrdering ordering, SegmentTasks tasks) {
    if (!query.granularity().isAll() || ordering.metric() == null || ordering.inverted()) {
      return null;
    }
    int m = aggregators.indexOf(ordering.metric());
    if (m < 0 || !aggregators.isLongSum(m)) {
      return null;
    }
    return new TopNPruner(query, aggregators, m, tasks);
  }

  /**
   * The candidates that provably hold the best {@code threshold} values (unordered, at least that many when
   * there are), or null if that could not be proven and every value has to be merged.
   */
  List<TopNCandidate> candidates(List<SegmentGrouper.Partial> partials, QueryDeadline deadline) {
    List<SegmentGroups> runs = new ArrayList<>();
    for (SegmentGrouper.Partial p : partials) {
      runs.addAll(p.groups());
    }
    if (SegmentGroups.count(partials) < MIN_GROUPS) {
      return null;
    }
    int largest = 0;
    for (SegmentGroups run : runs) {
      largest = Math.max(largest, run.size());
    }
    long offer = Math.max(FIRST_OFFER, 2L * query.threshold());
    for (int attempt = 0; attempt < 2; attempt++, offer *= RETRY_FACTOR) {
      if (offer * 2 > largest) {
        return null; // offering most of a run's values saves nothing over merging them all
      }
      List<TopNCandidate> out = attempt(runs, (int) offer, deadline);
      if (out != null) {
        return out;
      }
    }
    return null;
  }

  private List<TopNCandidate> attempt(List<SegmentGroups> runs, int offer, QueryDeadline deadline) {
    // 1. Each run's best groups, and the bound on what any group it did not offer contributes.
    long bound = 0;
    long floor = 0; // the least any value's total can be: no long sum below it (or above the bound) wraps
    boolean anyLeftOut = false;
    Map<String, Integer> candidateIds = new HashMap<>();
    List<String> candidates = new ArrayList<>();
    List<TopSlots> tops = tasks.map(runs, deadline, run -> TopSlots.of(run.aggregates(), metric, run.size(), offer));
    try {
      for (int r = 0; r < runs.size(); r++) {
        SegmentGroups run = runs.get(r);
        TopSlots top = tops.get(r);
        if (top.leftOut) {
          anyLeftOut = true;
          bound = Math.addExact(bound, Math.max(top.bound, 0));
        }
        floor = Math.addExact(floor, Math.min(top.min, 0));
        for (int i = 0; i < top.size; i++) {
          String value = run.value(0, top.slots[i]);
          if (candidateIds.putIfAbsent(value, candidates.size()) == null) {
            candidates.add(value);
          }
        }
      }
    } catch (ArithmeticException e) {
      return null;
    }
    deadline.check();
    // 2. The candidates' exact aggregates: look each up in every run (in parallel), then fold in run order.
    int n = candidates.size();
    String[] key = new String[1];
    int[] hashes = new int[n];
    for (int c = 0; c < n; c++) {
      key[0] = candidates.get(c);
      hashes[c] = KeyHashing.hash(SegmentGrouper.ALL_BUCKET, key);
    }
    List<int[]> found = tasks.map(runs, deadline, run -> {
      int[] groups = new int[n];
      String[] k = new String[1];
      for (int c = 0; c < n; c++) {
        k[0] = candidates.get(c);
        groups[c] = run.find(SegmentGrouper.ALL_BUCKET, k, hashes[c]);
      }
      return groups;
    });
    AggregateColumns totals = aggregators.newColumns(n);
    long[] exact = new long[n];
    try {
      for (int r = 0; r < runs.size(); r++) {
        AggregateColumns partial = runs.get(r).aggregates();
        int[] groups = found.get(r);
        for (int c = 0; c < n; c++) {
          int g = groups[c];
          if (g >= 0) {
            totals.combine(c, partial, g);
            if (!partial.isNull(metric, g)) {
              exact[c] = Math.addExact(exact[c], partial.getLong(metric, g));
            }
          }
        }
      }
    } catch (ArithmeticException e) {
      return null;
    }
    // 3. Accept if the threshold-th best candidate beats every value that was not a candidate.
    int threshold = query.threshold();
    long[] withMetric = new long[n];
    int m = 0;
    for (int c = 0; c < n; c++) {
      if (!totals.isNull(metric, c)) {
        withMetric[m++] = exact[c];
      }
    }
    if (m < threshold) {
      return null;
    }
    Arrays.sort(withMetric, 0, m);
    long kth = withMetric[m - threshold];
    if (anyLeftOut && kth <= bound) {
      return null;
    }
    List<TopNCandidate> out = new ArrayList<>(n);
    for (int c = 0; c < n; c++) {
      if (totals.isNull(metric, c)) {
        continue; // ranks last; at least threshold candidates rank before it
      }
      String value = candidates.get(c);
      Object[] aggs = totals.values(c);
      Object metricValue = aggregators.factories().get(metric).finalizeValue(aggs[metric]);
      out.add(new TopNCandidate(value, ResultValues.convertDimension(value, query.dimension().outputType()), aggs,
          metricValue, null));
    }
    return out;
  }

  /**
   * The {@code k} groups of one run with the largest non-null metric, the {@code k}-th largest value, and whether
   * any group with a metric was left out; plus the smallest metric of the run.
   */
  private static final class TopSlots {
    int[] slots;
    long[] values;
    int size;
    long bound;
    long min;
    boolean leftOut;

    static TopSlots of(AggregateColumns columns, int metric, int groups, int k) {
      TopSlots t = new TopSlots();
      t.slots = new int[Math.min(k, groups)];
      t.values = new long[t.slots.length];
      long min = 0;
      for (int g = 0; g < groups; g++) {
        if (columns.isNull(metric, g)) {
          continue;
        }
        long v = columns.getLong(metric, g);
        min = Math.min(min, v);
        if (t.size < t.slots.length) {
          t.slots[t.size] = g;
          t.values[t.size] = v;
          t.siftUp(t.size++);
        } else {
          t.leftOut = true;
          if (t.size > 0 && v > t.values[0]) {
            t.slots[0] = g;
            t.values[0] = v;
            t.siftDown();
          }
        }
      }
      t.min = min;
      t.bound = t.size == 0 ? 0 : t.values[0];
      return t;
    }

    // A min-heap on values: the root is the k-th largest so far.
    private void siftUp(int i) {
      while (i > 0) {
        int parent = (i - 1) >>> 1;
        if (values[parent] <= values[i]) {
          return;
        }
        swap(i, parent);
        i = parent;
      }
    }

    private void siftDown() {
      int i = 0;
      while (true) {
        int left = 2 * i + 1;
        if (left >= size) {
          return;
        }
        int least = left + 1 < size && values[left + 1] < values[left] ? left + 1 : left;
        if (values[least] >= values[i]) {
          return;
        }
        swap(i, least);
        i = least;
      }
    }

    private void swap(int i, int j) {
      int s = slots[i];
      slots[i] = slots[j];
      slots[j] = s;
      long v = values[i];
      values[i] = values[j];
      values[j] = v;
    }
  }
}
