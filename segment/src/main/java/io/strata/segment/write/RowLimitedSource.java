package io.strata.segment.write;

import io.strata.api.data.SegmentSchema;
import io.strata.api.data.SortedRowSource;

/**
 * Cuts one sorted row source into consecutive parts of at most {@code maxRows} rows each, so that a time chunk
 * can be written as several segments ({@code maxRowsPerSegment}). Each part is itself a {@link SortedRowSource}:
 * {@link #next()} returns false at the end of the part; {@link #nextPart()} then starts the next one.
 *
 * <pre>{@code
 * RowLimitedSource parts = new RowLimitedSource(rows, 5_000_000);
 * while (parts.nextPart()) {
 *   writer.write(parts, interval, dirFor(partNumber++));
 * }
 * }</pre>
 *
 * Every part reports the full input dictionaries; the segment writer keeps only the values a part uses. The
 * dictionaries and schema are the delegate's. Closing closes the delegate. Not thread-safe.
 */
public final class RowLimitedSource implements SortedRowSource {
  private final SortedRowSource delegate;
  private final int maxRows;
  private int count;
  private boolean inPart;
  private boolean pending;
  private boolean exhausted;

  public RowLimitedSource(SortedRowSource delegate, int maxRows) {
    if (maxRows < 1) {
      throw new IllegalArgumentException("maxRows must be at least 1, got " + maxRows);
    }
    this.delegate = delegate;
    this.maxRows = maxRows;
  }

  /**
   * Starts the next part. Call it before the first part and after each part's {@link #next()} returned false.
   *
   * @return false when the delegate has no more rows
   */
  public boolean nextPart() {
    if (inPart) {
      throw new IllegalStateException("the current part still has rows; read it to the end first");
    }
    if (exhausted) {
      return false;
    }
    if (!delegate.next()) {
      exhausted = true;
      return false;
    }
    pending = true;
    inPart = true;
    count = 0;
    return true;
  }

  @Override
  public boolean next() {
    if (!inPart) {
      return false;
    }
    if (pending) {
      pending = false;
      count = 1;
      return true;
    }
    if (count >= maxRows) {
      inPart = false;
      return false;
    }
    if (!delegate.next()) {
      exhausted = true;
      inPart = false;
      return false;
    }
    count++;
    return true;
  }

  @Override
  public SegmentSchema schema() {
    return delegate.schema();
  }

  @Override
  public String[] dictionary(int dim) {
    return delegate.dictionary(dim);
  }

  @Override
  public long time() {
    return delegate.time();
  }

  @Override
  public int stringId(int dim) {
    return delegate.stringId(dim);
  }

  @Override
  public boolean isNull(int dim) {
    return delegate.isNull(dim);
  }

  @Override
  public long longValue(int dim) {
    return delegate.longValue(dim);
  }

  @Override
  public float floatValue(int dim) {
    return delegate.floatValue(dim);
  }

  @Override
  public double doubleValue(int dim) {
    return delegate.doubleValue(dim);
  }

  @Override
  public boolean metricIsNull(int metric) {
    return delegate.metricIsNull(metric);
  }

  @Override
  public long metricLong(int metric) {
    return delegate.metricLong(metric);
  }

  @Override
  public float metricFloat(int metric) {
    return delegate.metricFloat(metric);
  }

  @Override
  public double metricDouble(int metric) {
    return delegate.metricDouble(metric);
  }

  @Override
  public Object metricObject(int metric) {
    return delegate.metricObject(metric);
  }

  @Override
  public void close() {
    delegate.close();
  }
}
