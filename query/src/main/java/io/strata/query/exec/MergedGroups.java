package io.strata.query.exec;

import java.util.Arrays;
import java.util.Objects;

/**
 * The groups of one hash partition merged across segments: an open-addressing table from (bucket, dimension
 * values) to a dense slot, with the slots' keys and {@link AggregateColumns}. Key hashes are kept per slot, so a
 * probe compares strings only when the hashes match.
 * Slots are numbered in order of first appearance, reading segments in query order, so the result does not
 * depend on thread timing. Built by one thread ({@link GroupMerger}); read-only afterwards.
 */
public final class MergedGroups {
  private final int numDimensions;
  private final AggregateColumns aggregates;
  private final String[][] values; // values[dimension][slot]
  private long[] buckets; // null when every group is in SegmentGrouper.ALL_BUCKET
  private int[] hashes;
  private int[] table; // slot + 1; 0 is empty; at most half full
  private int mask;
  private int size;

  /**
   * @param capacity the groups to make room for at first
   */
  MergedGroups(AggregatorSet aggregators, int numDimensions, boolean hasBuckets, int capacity) {
    this.numDimensions = numDimensions;
    int cap = Math.max(capacity, 4);
    this.aggregates = aggregators.newColumns(cap);
    this.values = new String[numDimensions][cap];
    this.buckets = hasBuckets ? new long[cap] : null;
    this.hashes = new int[cap];
    int tableSize = Integer.highestOneBit(Math.min(cap, 1 << 28) * 2 - 1) << 1; // a power of two >= 2 * cap
    this.table = new int[tableSize];
    this.mask = tableSize - 1;
  }

  /** Groups held. */
  public int size() {
    return size;
  }

  /** The bucket start of a slot, or {@link SegmentGrouper#ALL_BUCKET}. */
  public long bucket(int slot) {
    return buckets == null ? SegmentGrouper.ALL_BUCKET : buckets[slot];
  }

  /** A dimension value of a slot (null for null). */
  public String value(int dimension, int slot) {
    return values[dimension][slot];
  }

  /** The dimension values of a slot, in dimension order. A fresh array. */
  public String[] values(int slot) {
    String[] out = new String[numDimensions];
    for (int d = 0; d < out.length; d++) {
      out[d] = values[d][slot];
    }
    return out;
  }

  /** The slots' merged intermediate aggregate values. */
  public AggregateColumns aggregates() {
    return aggregates;
  }

  /** Folds group {@code g} of {@code chunk} into the slot with its key, making the slot if needed. */
  void add(SegmentGroups chunk, int g) {
    int h = chunk.hashes[g];
    long bucket = chunk.bucket(g);
    int i = h & mask;
    while (true) {
      int s = table[i] - 1;
      if (s < 0) {
        s = append(h, bucket, chunk.values, g);
        table[i] = s + 1;
        if (2 * size > table.length) {
          rehash();
        }
        aggregates.combine(s, chunk.aggregates, g);
        return;
      }
      if (hashes[s] == h && bucket(s) == bucket && sameKey(s, chunk.values, g)) {
        aggregates.combine(s, chunk.aggregates, g);
        return;
      }
      i = (i + 1) & mask;
    }
  }

  private boolean sameKey(int slot, String[][] other, int g) {
    for (int d = 0; d < numDimensions; d++) {
      if (!Objects.equals(values[d][slot], other[d][g])) {
        return false;
      }
    }
    return true;
  }

  private void rehash() {
    int[] bigger = new int[table.length * 2];
    int m = bigger.length - 1;
    for (int s = 0; s < size; s++) {
      int i = hashes[s] & m;
      while (bigger[i] != 0) {
        i = (i + 1) & m;
      }
      bigger[i] = s + 1;
    }
    table = bigger;
    mask = m;
  }

  private int append(int hash, long bucket, String[][] key, int g) {
    int s = size++;
    if (s == hashes.length) {
      int cap = s * 2;
      hashes = Arrays.copyOf(hashes, cap);
      if (buckets != null) {
        buckets = Arrays.copyOf(buckets, cap);
      }
      for (int d = 0; d < numDimensions; d++) {
        values[d] = Arrays.copyOf(values[d], cap);
      }
      aggregates.ensureCapacity(cap);
    }
    hashes[s] = hash;
    if (buckets != null) {
      buckets[s] = bucket;
    }
    for (int d = 0; d < numDimensions; d++) {
      values[d][s] = key[d][g];
    }
    return s;
  }
}
