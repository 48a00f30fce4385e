package io.strata.api.data;

/**
 * The read seam: the only way query engines see rows. Implemented by the in-memory (real-time) index and by
 * persisted segments, so one engine serves both.
 *
 * <p>Implementations are thread-safe: several queries may make cursors at once. Each cursor is used by one thread.
 */
public interface CursorFactory {

  /** Columns in storage order: {@code __time} first, then dimensions, then metrics. */
  RowSignature signature();

  /** Capabilities of a column, or null if the data has no such column. */
  ColumnCapabilities capabilities(String column);

  /**
   * Makes cursors over the rows whose {@code __time} falls in {@code spec.interval()} and which match
   * {@code spec.filter()}, in time order (descending if asked). Release the holder when done.
   */
  CursorHolder makeCursorHolder(CursorBuildSpec spec);

  /** Rows stored (after rollup). */
  int numRows();

  /** Smallest and largest {@code __time} stored; undefined when {@link #numRows()} is 0. */
  long minTime();

  long maxTime();
}
