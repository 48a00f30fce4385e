package io.strata.query.exec;

import java.util.Arrays;

/**
 * Maps non-negative long group keys to dense slot numbers {@code 0, 1, 2, ...} in order of first appearance. When
 * the key space is small the table is a plain array indexed by key; otherwise an open-addressing hash table.
 * Not thread-safe.
 */
final class LongSlotTable {
  private static final long EMPTY = -1L;

  private final int[] direct; // slot by key, or null in hash mode
  private long[] keys;
  private int[] slots;
  private int mask;
  private int size;

  /**
   * @param keySpace    keys lie in {@code [0, keySpace)}
   * @param directLimit the largest key space held as a plain array
   */
  LongSlotTable(long keySpace, int directLimit) {
    if (keySpace <= directLimit) {
      direct = new int[(int) keySpace];
      Arrays.fill(direct, -1);
    } else {
      direct = null;
      allocate(1024);
    }
  }

  private void allocate(int capacity) {
    keys = new long[capacity];
    Arrays.fill(keys, EMPTY);
    slots = new int[capacity];
    mask = capacity - 1;
  }

  /** The number of keys held (the next new slot number). */
  int size() {
    return size;
  }

  /** The slot of {@code key}; a key not seen before gets slot {@link #size()} (before the call). */
  int slotOf(long key) {
    if (direct != null) {
      int s = direct[(int) key];
      if (s < 0) {
        s = size++;
        direct[(int) key] = s;
      }
      return s;
    }
    int i = hash(key) & mask;
    while (true) {
      long k = keys[i];
      if (k == key) {
        return slots[i];
      }
      if (k == EMPTY) {
        keys[i] = key;
        int s = size++;
        slots[i] = s;
        if (size * 2 > keys.length) {
          grow();
        }
        return s;
      }
      i = (i + 1) & mask;
    }
  }

  private void grow() {
    long[] oldKeys = keys;
    int[] oldSlots = slots;
    allocate(oldKeys.length * 2);
    for (int j = 0; j < oldKeys.length; j++) {
      long k = oldKeys[j];
      if (k != EMPTY) {
        int i = hash(k) & mask;
        while (keys[i] != EMPTY) {
          i = (i + 1) & mask;
        }
        keys[i] = k;
        slots[i] = oldSlots[j];
      }
    }
  }

  private static int hash(long key) {
    long h = key * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32));
  }
}
