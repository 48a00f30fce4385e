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
 * A view of a segment that controls and observes which access path engines take over the same data (indexes,
 * rows and columns are the underlying segment's):
 * <ul>
 *   <li>{@link #rowsOnly(Segment)}: cursor holders never vectorize, so engines take their row-at-a-time path;</li>
 *   <li>{@link #observing(Segment)}: nothing changes.</li>
 * </ul>
 * Both count the cursors engines take ({@link #rowCursors()}, {@link #vectorCursors()}), so a test can check that
 * a "vector path" really is one. Closing the view closes the segment. Thread-safe as the segment is.
 */
public final class AccessPathSegment implements Segment {
  private final Segment delegate;
  private final CursorFactory cursorFactory;
  private final boolean rowsOnly;
  private final java.util.concurrent.atomic.AtomicLong rowCursors = new java.util.concurrent.atomic.AtomicLong();
  private final java.util.concurrent.atomic.AtomicLong vectorCursors = new java.util.concurrent.atomic.AtomicLong();

  /** A view whose cursor holders never vectorize. */
  public static AccessPathSegment rowsOnly(Segment delegate) {
    return new AccessPathSegment(delegate, true);
  }

  /** A view that vectorizes as the segment does and counts the cursors taken. */
  public static AccessPathSegment observing(Segment delegate) {
    return new AccessPathSegment(delegate, false);
  }

  private AccessPathSegment(Segment delegate, boolean rowsOnly) {
    this.delegate = delegate;
    this.rowsOnly = rowsOnly;
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
        return new Holder(inner.makeCursorHolder(spec));
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

  /** Row cursors engines took from this view. */
  public long rowCursors() {
    return rowCursors.get();
  }

  /** Vector cursors engines took from this view (always 0 for a rows-only view). */
  public long vectorCursors() {
    return vectorCursors.get();
  }

  @Override
  public String toString() {
    return "AccessPathSegment{" + (rowsOnly ? "rows only, " : "observing, ") + delegate + "}";
  }

  private final class Holder implements CursorHolder {
    private final CursorHolder holder;

    Holder(CursorHolder holder) {
      this.holder = holder;
    }

    @Override
    public Cursor asCursor() {
      rowCursors.incrementAndGet();
      return holder.asCursor();
    }

    @Override
    public boolean canVectorize() {
      return !rowsOnly && holder.canVectorize();
    }

    @Override
    public VectorCursor asVectorCursor() {
      if (!canVectorize()) {
        return null;
      }
      vectorCursors.incrementAndGet();
      return holder.asVectorCursor();
    }

    @Override
    public void close() {
      holder.close();
    }
  }
}
