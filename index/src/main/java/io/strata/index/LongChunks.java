package io.strata.index;

import java.util.Arrays;

/**
 * An append-mostly {@code long} array split into fixed-size chunks, written by one thread and read by many.
 *
 * <p>Publication: the writer stores a value (allocating its chunk first if needed) and only afterwards publishes
 * the row through a volatile write elsewhere (the index's row count). A reader that has read that count and then
 * reads {@link #directory()} (a volatile read) sees every chunk, and every value, of the published rows. Chunks
 * are never replaced, so a directory array obtained once stays valid for all rows published before it was read.
 *
 * <p>Unwritten entries read 0. A column created after rows already exist can share one immutable all-zero chunk
 * for the chunks that lie wholly before its first row ({@link #startingAt}), so sparse late columns cost nothing
 * for the old rows; the chunk holding the first row is allocated up front, since readers may already read the
 * rows before it in that chunk.
 */
final class LongChunks {
  static final int SHIFT = 12;
  static final int CHUNK = 1 << SHIFT;
  static final int MASK = CHUNK - 1;
  private static final long[] ZERO_CHUNK = new long[CHUNK];

  private volatile long[][] directory = new long[4][];
  private long allocatedBytes;

  /** A column whose rows before {@code firstRow} all read 0. */
  static LongChunks startingAt(int firstRow) {
    LongChunks c = new LongChunks();
    int shared = firstRow >>> SHIFT;
    if (shared > 0 || (firstRow & MASK) != 0) {
      long[][] dir = new long[Math.max(4, Integer.highestOneBit(shared) << 1)][];
      Arrays.fill(dir, 0, shared, ZERO_CHUNK);
      if ((firstRow & MASK) != 0) {
        // Rows before firstRow in this chunk may already be published: readers must find the chunk.
        dir[shared] = new long[CHUNK];
        c.allocatedBytes += 16L + (long) CHUNK * Long.BYTES;
      }
      c.directory = dir;
    }
    return c;
  }

  /** The current chunk directory; index it with {@link #get(long[][], int)}. */
  long[][] directory() {
    return directory;
  }

  static long get(long[][] directory, int row) {
    return directory[row >>> SHIFT][row & MASK];
  }

  /** Writer only. The row's chunk must not be the shared zero chunk (rows are written at or after firstRow). */
  void set(int row, long value) {
    int c = row >>> SHIFT;
    long[][] dir = directory;
    if (c >= dir.length || dir[c] == null) {
      dir = allocate(dir, c);
    }
    dir[c][row & MASK] = value;
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

  /** Bytes of the chunks this column allocated (the shared zero chunk is not counted). */
  long allocatedBytes() {
    return allocatedBytes + 16L + 8L * directory.length;
  }
}
