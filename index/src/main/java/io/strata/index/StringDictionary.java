package io.strata.index;

import java.util.Arrays;

/**
 * The insertion-order dictionary of one string dimension: id 0 is always the null value, other ids are given in
 * the order values first appear. Written by the index's single writer thread, read by any number of readers.
 *
 * <p>Publication: {@link #size()} is a volatile write made after the value is stored, and the value array is
 * replaced (never shrunk) through a volatile field; entries below the size never change. A reader that reads
 * {@link #size()} and then {@link #values()} may look up every id below that size.
 *
 * <p>The value-to-id table used by {@link #idOf} belongs to the writer alone (an open-addressing table of
 * strings and primitive ids: no boxing, no locking on the ingestion hot path). Readers find ids with
 * {@link #lookup}, a binary search over the value order below.
 *
 * <p>The value order ({@link #order}) is computed on demand, cached, and extended as values are added; String's
 * natural order is used, null first. Readers share it; its arrays are never modified after publication.
 */
final class StringDictionary {
  static final int NULL_ID = 0;

  // Writer-only open-addressing table: slot -> key and id (id 0 = empty slot; the null value is never stored).
  private String[] tableKeys = new String[64];
  private int[] tableIds = new int[64];
  private volatile String[] values = new String[16];
  private volatile int size = 1;
  private volatile SortedOrder cachedOrder;
  private long valueBytes;

  /** Ids sorted by value ({@code sortedIds}) and its inverse ({@code rank}), for ids below {@code size}. */
  record SortedOrder(int size, int[] sortedIds, int[] rank) {
  }

  /** Writer only: the id of {@code value}, adding it if new. */
  int idOf(String value) {
    if (value == null) {
      return NULL_ID;
    }
    int mask = tableKeys.length - 1;
    int slot = mix(value.hashCode()) & mask;
    while (true) {
      int id = tableIds[slot];
      if (id == 0) {
        break;
      }
      if (tableKeys[slot].equals(value)) {
        return id;
      }
      slot = (slot + 1) & mask;
    }
    int newId = size;
    String[] v = values;
    if (newId == v.length) {
      v = Arrays.copyOf(v, v.length * 2);
      v[newId] = value;
      values = v;
    } else {
      v[newId] = value;
    }
    tableKeys[slot] = value;
    tableIds[slot] = newId;
    // String object, its bytes (counted as UTF-16), two table slots at most 50% full, the array slot.
    valueBytes += 56L + 2L * value.length() + 24L + 8L;
    size = newId + 1;
    if (2 * size > tableKeys.length) {
      growTable();
    }
    return newId;
  }

  private static int mix(int h) {
    return h ^ (h >>> 16) * 0x9E3779B9;
  }

  private void growTable() {
    String[] oldKeys = tableKeys;
    int[] oldIds = tableIds;
    tableKeys = new String[oldKeys.length * 2];
    tableIds = new int[oldIds.length * 2];
    int mask = tableKeys.length - 1;
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldIds[i] != 0) {
        int slot = mix(oldKeys[i].hashCode()) & mask;
        while (tableIds[slot] != 0) {
          slot = (slot + 1) & mask;
        }
        tableKeys[slot] = oldKeys[i];
        tableIds[slot] = oldIds[i];
      }
    }
  }

  /** The id of {@code value} among the first {@code cardinality} ids, or -1. Any thread. */
  int lookup(String value, int cardinality) {
    if (value == null) {
      return NULL_ID;
    }
    int n = Math.min(cardinality, size);
    String[] v = values;
    SortedOrder order = order(n, v);
    int[] sorted = order.sortedIds();
    int lo = 1;
    int hi = n - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int c = v[sorted[mid]].compareTo(value);
      if (c == 0) {
        return sorted[mid];
      }
      if (c < 0) {
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return -1;
  }

  /** The number of ids, the null id included. Read it before {@link #values()}. */
  int size() {
    return size;
  }

  /** The values by id; valid for ids below a {@link #size()} read before this call. Do not modify. */
  String[] values() {
    return values;
  }

  /** Writer only: estimated heap bytes of the values, map and array. */
  long estimatedBytes() {
    return valueBytes + 64L + 8L * values.length;
  }

  /**
   * The value order of the first {@code size} ids (size as read by the caller, values read after it). Values are
   * only ever appended, so an order computed for a smaller size is extended by sorting the new ids and merging
   * them in.
   */
  SortedOrder order(int size, String[] values) {
    SortedOrder cached = cachedOrder;
    if (cached != null && cached.size() == size) {
      return cached;
    }
    int from = cached != null && cached.size() < size ? cached.size() : 1;
    int[] fresh = new int[size - from];
    for (int i = 0; i < fresh.length; i++) {
      fresh[i] = from + i;
    }
    IntSorter.IntComparator byValue = (a, b) -> values[a].compareTo(values[b]);
    IntSorter.sort(fresh, 0, fresh.length, byValue);
    int[] sorted = new int[size];
    // Id 0 (null) stays first; the rest are non-null.
    int k = 1;
    int i = 1;
    int j = 0;
    int[] old = from > 1 ? cached.sortedIds() : new int[]{NULL_ID};
    while (i < old.length && j < fresh.length) {
      sorted[k++] = byValue.compare(fresh[j], old[i]) < 0 ? fresh[j++] : old[i++];
    }
    while (i < old.length) {
      sorted[k++] = old[i++];
    }
    while (j < fresh.length) {
      sorted[k++] = fresh[j++];
    }
    int[] rank = new int[size];
    for (int r = 0; r < size; r++) {
      rank[sorted[r]] = r;
    }
    SortedOrder computed = new SortedOrder(size, sorted, rank);
    SortedOrder now = cachedOrder;
    if (now == null || now.size() < size) {
      cachedOrder = computed;
    }
    return computed;
  }
}
