package io.strata.index;

import java.util.Arrays;

/**
 * Finds the row slot holding a given (truncated time, dimension values) key: open addressing with linear
 * probing over a {@code long[]} whose entries hold each row's hash beside its slot, so that probing compares hashes
 * without touching anything else (one cache line per probe) and growing never re-hashes the rows. Used only with
 * rollup. Writer only, not thread-safe; readers never see it.
 */
final class RollupTable {
  /** No slot is ever -1, and a hash of -1 never pairs with it, so an all-ones entry means "empty". */
  private static final long EMPTY = -1L;

  private final LongChunks times;
  private final DimensionSet dimensions;
  private long[] table = newTable(1 << 10);
  private int size;

  RollupTable(LongChunks times, DimensionSet dimensions) {
    this.times = times;
    this.dimensions = dimensions;
  }

  /** The slot whose stored time and dimensions equal {@code time} and the key encoded in the dimension set. */
  int find(int hash, long time) {
    long[] t = table;
    int mask = t.length - 1;
    long[][] timeDir = times.directory();
    for (int i = spread(hash) & mask; ; i = (i + 1) & mask) {
      long entry = t[i];
      if (entry == EMPTY) {
        return -1;
      }
      int slot = (int) entry;
      if ((int) (entry >>> 32) == hash && LongChunks.get(timeDir, slot) == time && dimensions.sameAs(slot)) {
        return slot;
      }
    }
  }

  /** Records new row {@code slot} (slots are added in order 0, 1, 2, ...). */
  void insert(int hash, int slot) {
    if (++size > table.length >>> 1) {
      rehash(table.length * 2);
    }
    place(table, entry(hash, slot));
  }

  private void rehash(int capacity) {
    long[] grown = newTable(capacity);
    for (long entry : table) {
      if (entry != EMPTY) {
        place(grown, entry);
      }
    }
    table = grown;
  }

  private static long entry(int hash, int slot) {
    return ((long) hash << 32) | (slot & 0xFFFFFFFFL);
  }

  private static void place(long[] t, long entry) {
    int mask = t.length - 1;
    int i = spread((int) (entry >>> 32)) & mask;
    while (t[i] != EMPTY) {
      i = (i + 1) & mask;
    }
    t[i] = entry;
  }

  private static int spread(int h) {
    return h ^ (h >>> 16);
  }

  private static long[] newTable(int capacity) {
    long[] t = new long[capacity];
    Arrays.fill(t, EMPTY);
    return t;
  }

  long estimatedBytes() {
    return 32L + 8L * table.length;
  }
}
