package io.strata.query.exec;

import java.util.Arrays;

/**
 * Maps non-negative long group keys to dense slot numbers {@code 0, 1, 2, ...} in order of first appearance, and
 * remembers each slot's key. When the key space is small the table is a plain array indexed by key; otherwise an
 * open-addressing hash table. Not thread-safe.
 */
final class LongSlotTable {
  private static final long EMPTY = -1L;

  private final int[] direct; // slot by key, or null in hash mode
  private long[] keys;
  private int[] slots;
  private int mask;
  private int size;
  private long[] keyBySlot;

  /**
   * @param keySpace    keys lie in {@code [0, keySpace)}
   * @param directLimit the largest key space held as a plain array
   */
  LongSlotTable(long keySpace, int directLimit) {
    this(keySpace, directLimit, 16);
  }

  /**
   * @param expected the keys to make room for at first
   */
  LongSlotTable(long keySpace, int directLimit, int expected) {
    keyBySlot = new long[Math.max(expected, 16)];
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

  /** The key of a slot. */
  long keyOf(int slot) {
    return keyBySlot[slot];
  }

  /**
   * The slots in ascending key order, or null when finding it would cost much more than the keys held (a hashed
   * or sparse table).
   */
  int[] slotsByKey() {
    if (direct == null || direct.length > 8L * size + 1024) {
      return null;
    }
    int[] out = new int[size];
    int k = 0;
    for (int s : direct) {
      if (s >= 0) {
        out[k++] = s;
      }
    }
    return out;
  }

  /** The slot of {@code key}; a key not seen before gets slot {@link #size()} (before the call). */
  int slotOf(long key) {
    if (direct != null) {
      int s = direct[(int) key];
      return s >= 0 ? s : addDirect(key);
    }
    int i = hash(key) & mask;
    while (true) {
      long k = keys[i];
      if (k == key) {
        return slots[i];
      }
      if (k == EMPTY) {
        keys[i] = key;
        int s = newSlot(key);
        slots[i] = s;
        if (size * 2 > keys.length) {
          grow();
        }
        return s;
      }
      i = (i + 1) & mask;
    }
  }

  /**
   * Looks up {@code keys[0, n)} into {@code out[0, n)}.
   *
   * @return the largest slot returned
   */
  int slotsOf(long[] batchKeys, int n, int[] out) {
    int max = 0;
    if (direct != null) {
      // The common case (dictionary ids of small dictionaries): one array load per row, no hashing.
      int[] d = direct;
      for (int r = 0; r < n; r++) {
        long key = batchKeys[r];
        int s = d[(int) key];
        if (s < 0) {
          s = addDirect(key);
        }
        out[r] = s;
        max = Math.max(max, s);
      }
      return max;
    }
    for (int r = 0; r < n; r++) {
      int s = slotOf(batchKeys[r]);
      out[r] = s;
      max = Math.max(max, s);
    }
    return max;
  }

  /**
   * Like {@link #slotsOf(long[], int, int[])} for keys that are plain ids (one dimension, one bucket).
   *
   * @return the largest slot returned
   */
  int slotsOfIds(int[] ids, int n, int[] out) {
    if (direct == null) {
      int max = 0;
      for (int r = 0; r < n; r++) {
        int s = slotOf(ids[r]);
        out[r] = s;
        max = Math.max(max, s);
      }
      return max;
    }
    int[] d = direct;
    int max = 0;
    for (int r = 0; r < n; r++) {
      int key = ids[r];
      int s = d[key];
      if (s < 0) {
        s = addDirect(key);
      }
      out[r] = s;
      max = Math.max(max, s);
    }
    return max;
  }

  private int addDirect(long key) {
    int s = newSlot(key);
    direct[(int) key] = s;
    return s;
  }

  private int newSlot(long key) {
    int s = size++;
    if (s == keyBySlot.length) {
      keyBySlot = Arrays.copyOf(keyBySlot, s * 2);
    }
    keyBySlot[s] = key;
    return s;
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
