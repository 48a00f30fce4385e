package io.strata.server.serving;

import io.strata.api.data.ColumnCapabilities;
import io.strata.api.data.ColumnIndexSelector;
import io.strata.api.data.CursorBuildSpec;
import io.strata.api.data.CursorFactory;
import io.strata.api.data.CursorHolder;
import io.strata.api.data.RowSignature;
import io.strata.api.data.Segment;
import io.strata.api.data.SegmentId;
import io.strata.api.time.Interval;

/**
 * A segment of which only part of the time line is visible: a newer version overshadows the rest (for example
 * hour segments re-ingested over a day segment). Cursors are limited to the visible interval, so the hidden rows
 * are never counted twice. Closing it does not close the segment it wraps.
 */
final class ClippedSegment implements Segment {
  private final Segment delegate;
  private final Interval visible;
  private final CursorFactory cursors;

  ClippedSegment(Segment delegate, Interval visible) {
    this.delegate = delegate;
    this.visible = visible;
    CursorFactory inner = delegate.cursorFactory();
    this.cursors = new CursorFactory() {
      @Override
      public RowSignature signature() {
        return inner.signature();
      }

      @Override
      public ColumnCapabilities capabilities(String column) {
        return inner.capabilities(column);
      }

      @Override
      public CursorHolder makeCursorHolder(CursorBuildSpec spec) {
        Interval clipped = spec.interval().intersect(visible);
        // An empty overlap still needs a cursor: an empty interval at the visible start yields no rows.
        return inner.makeCursorHolder(spec.withInterval(clipped != null ? clipped
            : new Interval(visible.start(), visible.start())));
      }

      @Override
      public int numRows() {
        return inner.numRows();
      }

      @Override
      public long minTime() {
        return Math.max(inner.minTime(), visible.start());
      }

      @Override
      public long maxTime() {
        return Math.min(inner.maxTime(), visible.end() - 1);
      }
    };
  }

  @Override
  public SegmentId id() {
    return delegate.id();
  }

  @Override
  public CursorFactory cursorFactory() {
    return cursors;
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
    // The wrapped segment belongs to its DataSourceView.
  }
}
