package io.strata.api.data;

/**
 * Rows in segment order, handed to the segment writer by a persist of the in-memory index or by a merge of
 * segments: ascending {@code __time}, then dimension values in schema order (strings by dictionary id, which
 * follows value order with null first; numbers ascending with null first). With rollup no two rows share time and
 * all dimension values. Forward only, one pass; not thread-safe.
 *
 * <p>Accessors read the current row, after {@link #next()} returned true.
 */
public interface SortedRowSource extends AutoCloseable {
  SegmentSchema schema();

  /**
   * The sorted distinct values of string dimension {@code dim} (an index into {@code schema().dimensions()}),
   * null first if the column has nulls. {@link #stringId} indexes this array. Valid before the first
   * {@link #next()}.
   */
  String[] dictionary(int dim);

  /**
   * All the rows as columns, when the source holds them in memory and no row has been read yet; null otherwise
   * (the default). Taking them consumes the source: {@link #next()} returns false afterwards.
   */
  default ColumnarRows columnar() {
    return null;
  }

  /** Moves to the next row; false at the end. */
  boolean next();

  long time();

  /** Dictionary id of string dimension {@code dim}. */
  int stringId(int dim);

  /** True if numeric dimension {@code dim} is null in this row. */
  boolean isNull(int dim);

  long longValue(int dim);

  float floatValue(int dim);

  double doubleValue(int dim);

  boolean metricIsNull(int metric);

  long metricLong(int metric);

  float metricFloat(int metric);

  double metricDouble(int metric);

  /** A COMPLEX metric's value (or any metric boxed). */
  Object metricObject(int metric);

  @Override
  void close();
}
