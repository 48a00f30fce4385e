package io.strata.query.exec;

import java.util.List;
import java.util.Objects;

/**
 * The groups one cursor run over one segment produced, column by column (index = the grouper's slot): per group
 * its time bucket, dimension values, key hash and intermediate aggregate values ({@link AggregateColumns}).
 *
 * <p>The key hashes and the split into {@link GroupMerger#PARTITIONS} hash partitions are computed by the
 * segment's own task, in parallel with the other segments, so a merge task only walks a ready-made index list.
 * {@link #find} looks a key up (for merges that only need some keys, such as a pruned topN). Immutable after
 * construction apart from that lookup index, which is built on first use by the one thread using it; handed to
 * other threads through the executor.
 */
public final class SegmentGroups {
  final int size;
  /** Bucket start per group, or null when every group is in {@link SegmentGrouper#ALL_BUCKET}. */
  final long[] buckets;
  /** {@code values[dimension][group]}, null for null. */
  final String[][] values;
  final int[] hashes;
  final AggregateColumns aggregates;
  /** Groups of partition {@code p} are {@code byPartition[partitionStarts[p] .. partitionStarts[p + 1])}. */
  final int[] partitionStarts;
  final int[] byPartition;
  private int[] index; // open addressing over hashes: group + 1, 0 empty; built by find()

  /**
   * @param hashes the groups' key hashes ({@link KeyHashing#hash(long, String[])})
   */
  SegmentGroups(int size, long[] buckets, String[][] values, int[] hashes, AggregateColumns aggregates) {
    this.size = size;
    this.buckets = buckets;
    this.values = values;
    this.hashes = hashes;
    this.aggregates = aggregates;
    int[] starts = new int[GroupMerger.PARTITIONS + 1];
    for (int g = 0; g < size; g++) {
      starts[GroupMerger.partition(hashes[g]) + 1]++;
    }
    for (int p = 0; p < GroupMerger.PARTITIONS; p++) {
      starts[p + 1] += starts[p];
    }
    this.partitionStarts = starts.clone();
    // Slot order within a partition: groups first seen early in a segment tend to be the ones seen early in the
    // others too, so the merge table is then filled and probed in a cache-friendlier order (measured).
    this.byPartition = new int[size];
    for (int g = 0; g < size; g++) {
      byPartition[starts[GroupMerger.partition(hashes[g])]++] = g;
    }
  }

  /** Number of groups. */
  public int size() {
    return size;
  }

  /** Total groups of a list of partials. */
  public static long count(List<SegmentGrouper.Partial> partials) {
    long n = 0;
    for (SegmentGrouper.Partial p : partials) {
      for (SegmentGroups g : p.groups()) {
        n += g.size;
      }
    }
    return n;
  }

  /** The groups' intermediate aggregate values. */
  public AggregateColumns aggregates() {
    return aggregates;
  }

  /** A dimension value of a group (null for null). */
  public String value(int dimension, int group) {
    return values[dimension][group];
  }

  /** The bucket start of a group, or {@link SegmentGrouper#ALL_BUCKET}. */
  public long bucket(int group) {
    return buckets == null ? SegmentGrouper.ALL_BUCKET : buckets[group];
  }

  /** Groups in hash partition {@code p}. */
  int partitionSize(int p) {
    return partitionStarts[p + 1] - partitionStarts[p];
  }

  /**
   * The group with this key, or -1. The first call builds a hash index over the groups (from the stored hashes,
   * without reading the values); not thread-safe.
   *
   * @param hash {@link KeyHashing#hash(long, String[])} of the key
   */
  public int find(long bucket, String[] key, int hash) {
    int[] idx = index;
    if (idx == null) {
      idx = buildIndex();
    }
    int mask = idx.length - 1;
    for (int i = hash & mask; ; i = (i + 1) & mask) {
      int g = idx[i] - 1;
      if (g < 0) {
        return -1;
      }
      if (hashes[g] == hash && bucket(g) == bucket && sameValues(g, key)) {
        return g;
      }
    }
  }

  private boolean sameValues(int g, String[] key) {
    for (int d = 0; d < values.length; d++) {
      if (!Objects.equals(values[d][g], key[d])) {
        return false;
      }
    }
    return true;
  }

  private int[] buildIndex() {
    int[] idx = new int[Integer.highestOneBit(Math.max(8, size) * 2 - 1) << 1];
    int mask = idx.length - 1;
    for (int g = 0; g < size; g++) {
      int i = hashes[g] & mask;
      while (idx[i] != 0) {
        i = (i + 1) & mask; // keys within a segment run are distinct: no comparison needed
      }
      idx[i] = g + 1;
    }
    index = idx;
    return idx;
  }
}
