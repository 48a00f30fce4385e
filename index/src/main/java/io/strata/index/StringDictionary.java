package io.strata.index;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The insertion-order dictionary of one string dimension: id 0 is always the null value, other ids are given in
 * the order values first appear. Written by the index's single writer thread, read by any number of readers.
 *
 * <p>Publication: {@link #size()} is a volatile write made after the value is stored, and the value array is
 * replaced (never shrunk) through a volatile field; entries below the size never change. A reader that reads
 * {@link #size()} and then {@link #values()} may look up every id below that size. {@link #lookup} answers from a
 * {@link ConcurrentHashMap}, so readers can find ids while the writer adds values.
 *
 * <p>The value order ({@link #order}) is computed on demand, cached, and extended as values are added; String's
 * natural order is used, null first. Readers share it; its arrays are never modified after publication.
 */
final class StringDictionary {
  static final int NULL_ID = 0;

  private final ConcurrentHashMap<String, Integer> ids = new ConcurrentHashMap<>();
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
    Integer id = ids.get(value);
    if (id != null) {
      return id;
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
    ids.put(value, newId);
    // String object, its bytes (counted as UTF-16), the map entry and boxed id, the array slot.
    valueBytes += 56L + 2L * value.length() + 64L + 8L;
    size = newId + 1;
    return newId;
  }

  /** The id of {@code value} among the first {@code cardinality} ids, or -1. Any thread. */
  int lookup(String value, int cardinality) {
    if (value == null) {
      return NULL_ID;
    }
    Integer id = ids.get(value);
    return id != null && id < cardinality ? id : -1;
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
