package io.strata.query.exec;

import io.strata.api.error.ResourceLimitException;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Merges the per-segment groups of timeseries, topN and groupBy across segments, in parallel.
 *
 * <p>Each segment's task has already hashed its groups' keys and split them into {@link #PARTITIONS} hash
 * partitions ({@link SegmentGroups}). The merge runs one task per partition on the query executor: a partition
 * reads the segments in query order and folds each of its groups into its own table ({@link MergedGroups}) with
 * primitive combines, so every key is combined in the same order as a sequential merge would, and no two tasks
 * touch the same key. A caller-supplied step (ranking, building result rows) then runs on the partition in the
 * same task. Small merges run on the calling thread, where handing work to the executor would cost more than it
 * saves. Thread-safe.
 */
public final class GroupMerger {
  /** The most groups (summed over segments) one query may merge: a 256th of the heap, about 256 bytes a group. */
  static final long MAX_GROUPS = Math.max(1_000_000, Runtime.getRuntime().maxMemory() / 256);

  private static final int PARTITION_BITS = 3;
  /** Hash partitions of every merge; fixed, so results never depend on the machine's core count. */
  public static final int PARTITIONS = 1 << PARTITION_BITS;
  /** Below this many segment groups the merge runs on the calling thread. */
  private static final int PARALLEL_MIN_GROUPS = 16_384;

  private final AggregatorSet aggregators;
  private final int numDimensions;
  private final SegmentTasks tasks;

  public GroupMerger(AggregatorSet aggregators, int numDimensions, SegmentTasks tasks) {
    this.aggregators = aggregators;
    this.numDimensions = numDimensions;
    this.tasks = tasks;
  }

  /** The partition of a key hash: its top bits (the tables index by the low bits). */
  static int partition(int hash) {
    return hash >>> (32 - PARTITION_BITS);
  }

  /**
   * Merges the partials' groups and applies {@code finish} to each partition's merged groups.
   *
   * @return the results of {@code finish}, one per partition, in partition order
   */
  public <R> List<R> merge(List<SegmentGrouper.Partial> partials, QueryDeadline deadline,
                           Function<MergedGroups, R> finish) {
    List<SegmentGroups> chunks = new ArrayList<>();
    long total = 0;
    for (SegmentGrouper.Partial p : partials) {
      for (SegmentGroups g : p.groups()) {
        chunks.add(g);
        total += g.size;
      }
    }
    if (total > MAX_GROUPS) {
      // Merging would hold every group again; refuse before that can run the heap out.
      throw new ResourceLimitException("The query has more than " + MAX_GROUPS + " groups to merge (" + total
          + " across its segments); group by fewer or coarser dimensions, use a coarser granularity, or narrow the "
          + "intervals or the filter");
    }
    List<Integer> partitions = new ArrayList<>(PARTITIONS);
    for (int p = 0; p < PARTITIONS; p++) {
      partitions.add(p);
    }
    Function<Integer, R> work = p -> finish.apply(mergePartition(p, chunks, deadline));
    if (total < PARALLEL_MIN_GROUPS) {
      List<R> out = new ArrayList<>(PARTITIONS);
      for (Integer p : partitions) {
        out.add(work.apply(p));
      }
      return out;
    }
    return tasks.map(partitions, deadline, work);
  }

  private MergedGroups mergePartition(int p, List<SegmentGroups> chunks, QueryDeadline deadline) {
    long upper = 0;
    int largest = 0;
    boolean hasBuckets = false;
    for (SegmentGroups c : chunks) {
      int n = c.partitionSize(p);
      upper += n;
      largest = Math.max(largest, n);
      hasBuckets |= c.buckets != null;
    }
    // The distinct keys lie between the largest chunk and the sum of all; start at twice the largest and grow.
    MergedGroups out = new MergedGroups(aggregators, numDimensions, hasBuckets,
        (int) Math.min(upper, 2L * largest));
    for (SegmentGroups c : chunks) {
      int[] order = c.byPartition;
      for (int k = c.partitionStarts[p], end = c.partitionStarts[p + 1]; k < end; k++) {
        out.add(c, order[k]);
      }
      deadline.check();
    }
    return out;
  }
}
