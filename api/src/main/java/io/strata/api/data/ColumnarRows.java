package io.strata.api.data;

/**
 * The rows of a {@link SortedRowSource} that holds them in memory, read a column at a time: row {@code r} is the
 * {@code r}-th row the source would return, in the same order and with the same values and conversions as its
 * per-row accessors. Ranges are {@code [from, to)}; values land in {@code out[0, to - from)}.
 *
 * <p>The segment writer uses it to encode each column in a tight loop of its own instead of visiting every column
 * of every row through the row accessors (fewer calls per value, and small loops the JIT compiles quickly, which a
 * short batch ingestion in a fresh JVM pays for). Not thread-safe.
 */
public interface ColumnarRows {
  int rowCount();

  void times(int from, int to, long[] out);

  /** Ids of string dimension {@code dim} in the source's {@link SortedRowSource#dictionary dictionary}. */
  void stringIds(int dim, int from, int to, int[] out);

  /** Numeric dimension {@code dim} as longs; {@code nulls[i]} is set for null rows (their value is 0). */
  void longs(int dim, int from, int to, long[] out, boolean[] nulls);

  void floats(int dim, int from, int to, float[] out, boolean[] nulls);

  void doubles(int dim, int from, int to, double[] out, boolean[] nulls);

  /** Metric {@code metric} as longs; {@code nulls[i]} is set for null rows (their value is 0). */
  void metricLongs(int metric, int from, int to, long[] out, boolean[] nulls);

  void metricFloats(int metric, int from, int to, float[] out, boolean[] nulls);

  void metricDoubles(int metric, int from, int to, double[] out, boolean[] nulls);
}
