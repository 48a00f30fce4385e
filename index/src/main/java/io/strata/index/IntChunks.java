package io.strata.index;

import java.util.Arrays;

/**
 * An append-mostly {@code int} array split into fixed-size chunks, written by one thread and read by many.
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
final class IntChunks {
  static final int SHIFT = 12;
  static final int CHUNK = 1 << SHIFT;
  static final int MASK = CHUNK - 1;
  private static final int[] ZERO_CHUNK = new int[CHUNK];

  private volatile int[][] directory = new int[4][];
  private long allocatedBytes;

  /** A column whose rows before {@code firstRow} all read 0. */
  static IntChunks startingAt(int firstRow) {
    IntChunks c = new IntChunks();
    int shared = firstRow >>> SHIFT;
    if (shared > 0 || (firstRow & MASK) != 0) {
      int[][] dir = new int[Math.max(4, Integer.highestOneBit(shared) << 1)][];
      Arrays.fill(dir, 0, shared, ZERO_CHUNK);
      if ((firstRow & MASK) != 0) {
        // Rows before firstRow in this chunk may already be published: readers must find the chunk.
        dir[shared] = new int[CHUNK];
        c.allocatedBytes += 16L + (long) CHUNK * Integer.BYTES;
      }
      c.directory = dir;
    }
    return c;
  }

  /** The current chunk directory; index it with {@link #get(int[][], int)}. */
  int[][] directory() {
    return directory;
  }

  static int get(int[][] directory, int row) {
    return directory[row >>> SHIFT][row & MASK];
  }

  /** Writer only. The row's chunk must not be the shared zero chunk (rows are written at or after firstRow). */
  void set(int row, int value) {
    int c = row >>> SHIFT;
    int[][] dir = directory;
    if (c >= dir.length || dir[c] == null) {
      dir = allocate(dir, c);
    }
    dir[c][row & MASK] = value;
  }

  private int[][] allocate(int[][] dir, int c) {
    int[] chunk = new int[CHUNK];
    allocatedBytes += 16L + (long) CHUNK * Integer.BYTES;
    if (c >= dir.length) {
      int[][] grown = Arrays.copyOf(dir, Math.max(c + 1, dir.length * 2));
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
