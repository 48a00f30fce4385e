package io.strata.index;

import java.util.Arrays;

/**
 * Finds the row slot holding a given (truncated time, dimension values) key: open addressing with linear
 * probing over an {@code int[]} of slots, the hash of each slot kept beside it so that probing rarely touches
 * the stored rows and growing never re-hashes them. Used only with rollup. Writer only, not thread-safe; readers
 * never see it.
 */
final class RollupTable {
  private static final int EMPTY = -1;

  private final LongChunks times;
  private final DimensionSet dimensions;
  private int[] table = newTable(1 << 10);
  private int[] hashes = new int[1 << 9];
  private int size;

  RollupTable(LongChunks times, DimensionSet dimensions) {
    this.times = times;
    this.dimensions = dimensions;
  }

  /** The slot whose stored time and dimensions equal {@code time} and the key encoded in the dimension set. */
  int find(int hash, long time) {
    int mask = table.length - 1;
    long[][] timeDir = times.directory();
    for (int i = spread(hash) & mask; ; i = (i + 1) & mask) {
      int slot = table[i];
      if (slot == EMPTY) {
        return -1;
      }
      if (hashes[slot] == hash && LongChunks.get(timeDir, slot) == time && dimensions.sameAs(slot)) {
        return slot;
      }
    }
  }

  /** Records new row {@code slot} (slots are added in order 0, 1, 2, ...). */
  void insert(int hash, int slot) {
    if (slot >= hashes.length) {
      hashes = Arrays.copyOf(hashes, Math.max(slot + 1, hashes.length * 2));
    }
    hashes[slot] = hash;
    if (++size > table.length >>> 1) {
      rehash(table.length * 2);
    }
    place(table, hash, slot);
  }

  private void rehash(int capacity) {
    int[] grown = newTable(capacity);
    for (int slot : table) {
      if (slot != EMPTY) {
        place(grown, hashes[slot], slot);
      }
    }
    table = grown;
  }

  private static void place(int[] t, int hash, int slot) {
    int mask = t.length - 1;
    int i = spread(hash) & mask;
    while (t[i] != EMPTY) {
      i = (i + 1) & mask;
    }
    t[i] = slot;
  }

  private static int spread(int h) {
    return h ^ (h >>> 16);
  }

  private static int[] newTable(int capacity) {
    int[] t = new int[capacity];
    Arrays.fill(t, EMPTY);
    return t;
  }

  long estimatedBytes() {
    return 32L + 4L * table.length + 4L * hashes.length;
  }
}
