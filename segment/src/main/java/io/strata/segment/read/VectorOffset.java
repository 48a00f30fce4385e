package io.strata.segment.read;

/**
 * The rows of a vector cursor's current batch, shared by the cursor and its selectors: either a contiguous range
 * ({@link #contiguous}, from {@link #start}) or the ascending row numbers in {@link #rows}. {@link #id} changes
 * with every new batch so selectors fill their arrays once per batch, on first use. Not thread-safe.
 */
final class VectorOffset {
  /** Row numbers of a non-contiguous batch; length is the cursor's max vector size. */
  final int[] rows;
  int id;
  int size;
  boolean contiguous;
  int start;

  VectorOffset(int maxSize) {
    this.rows = new int[maxSize];
  }

  void setRange(int start, int size) {
    this.contiguous = true;
    this.start = start;
    this.size = size;
    id++;
  }

  /** The first {@code size} entries of {@link #rows} are the batch. */
  void setRows(int size) {
    this.contiguous = false;
    this.size = size;
    id++;
  }
}
