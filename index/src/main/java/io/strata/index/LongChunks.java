package io.strata.index;

import java.util.Arrays;

/**
 * An append-mostly {@code long} array split into fixed-size chunks, written by one thread and read by many: row
 * times, numeric dimension values and their presence bits. Publication works as for {@link IntChunks}: values
 * are written (chunk allocated first if needed) before the index publishes the row through its volatile row
 * count, the directory is replaced through a volatile field when it grows, and chunks are never replaced, so a
 * directory read after the row count serves every published row. Unwritten entries read 0.
 */
final class LongChunks {
  static final int SHIFT = 12;
  static final int CHUNK = 1 << SHIFT;
  static final int MASK = CHUNK - 1;

  private volatile long[][] directory = new long[4][];
  private long allocatedBytes;

  /** The current chunk directory; index it with {@link #get(long[][], int)}. */
  long[][] directory() {
    return directory;
  }

  static long get(long[][] directory, int index) {
    return directory[index >>> SHIFT][index & MASK];
  }

  /** Writer only. */
  void set(int index, long value) {
    int c = index >>> SHIFT;
    long[][] dir = directory;
    if (c >= dir.length || dir[c] == null) {
      dir = allocate(dir, c);
    }
    dir[c][index & MASK] = value;
  }

  private long[][] allocate(long[][] dir, int c) {
    long[] chunk = new long[CHUNK];
    allocatedBytes += 16L + (long) CHUNK * Long.BYTES;
    if (c >= dir.length) {
      long[][] grown = Arrays.copyOf(dir, Math.max(c + 1, dir.length * 2));
      grown[c] = chunk;
      directory = grown;
      return grown;
    }
    dir[c] = chunk;
    return dir;
  }

  /** Bytes of the chunks allocated so far and the directory. */
  long allocatedBytes() {
    return allocatedBytes + 16L + 8L * directory.length;
  }
}
