package io.strata.testkit.segments;

import io.strata.api.data.ColumnCapabilities;
import io.strata.api.data.ColumnIndexSelector;
import io.strata.api.data.Cursor;
import io.strata.api.data.CursorBuildSpec;
import io.strata.api.data.CursorFactory;
import io.strata.api.data.CursorHolder;
import io.strata.api.data.RowSignature;
import io.strata.api.data.Segment;
import io.strata.api.data.SegmentId;
import io.strata.api.data.VectorCursor;

/**
 * A view of a segment whose cursor holders never vectorize, so engines take their row-at-a-time path over the
 * same data (indexes, rows and columns are the underlying segment's). Closing the view closes the segment.
 */
public final class RowPathSegment implements Segment {
  private final Segment delegate;
  private final CursorFactory cursorFactory;

  public RowPathSegment(Segment delegate) {
    this.delegate = delegate;
    CursorFactory inner = delegate.cursorFactory();
    this.cursorFactory = new CursorFactory() {
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
        return new RowsOnly(inner.makeCursorHolder(spec));
      }

      @Override
      public int numRows() {
        return inner.numRows();
      }

      @Override
      public long minTime() {
        return inner.minTime();
      }

      @Override
      public long maxTime() {
        return inner.maxTime();
      }
    };
  }

  @Override
  public SegmentId id() {
    return delegate.id();
  }

  @Override
  public CursorFactory cursorFactory() {
    return cursorFactory;
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

  @Override
  public String toString() {
    return "RowPathSegment{" + delegate + "}";
  }

  private record RowsOnly(CursorHolder holder) implements CursorHolder {
    @Override
    public Cursor asCursor() {
      return holder.asCursor();
    }

    @Override
    public boolean canVectorize() {
      return false;
    }

    @Override
    public VectorCursor asVectorCursor() {
      return null;
    }

    @Override
    public void close() {
      holder.close();
    }
  }
}
