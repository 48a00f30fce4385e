package io.strata.query.testing;

import io.strata.api.data.ColumnIndexSelector;
import io.strata.api.data.CursorFactory;
import io.strata.api.data.Segment;
import io.strata.api.data.SegmentId;

/** A segment that pauses before handing out its data, so that a short query timeout passes while it is read. */
public final class DelayedSegment implements Segment {
  private final Segment delegate;
  private final long pauseMillis;

  public DelayedSegment(Segment delegate, long pauseMillis) {
    this.delegate = delegate;
    this.pauseMillis = pauseMillis;
  }

  @Override
  public SegmentId id() {
    return delegate.id();
  }

  @Override
  public CursorFactory cursorFactory() {
    try {
      Thread.sleep(pauseMillis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return delegate.cursorFactory();
  }

  @Override
  public ColumnIndexSelector indexes() {
    return delegate.indexes();
  }

  @Override
  public SegmentInfo info() {
    return delegate.info();
  }

  @Override
  public long columnSizeBytes(String column) {
    return delegate.columnSizeBytes(column);
  }

  @Override
  public void close() {
    delegate.close();
  }
}
