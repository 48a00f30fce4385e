package io.strata.segment.read;

import io.strata.api.data.Cursor;
import io.strata.api.data.CursorBuildSpec;
import io.strata.api.data.CursorHolder;
import io.strata.api.data.VectorCursor;
import io.strata.api.exec.Filter;
import org.roaringbitmap.buffer.ImmutableRoaringBitmap;

/**
 * The cursors of one query over one segment, for the row range of the spec's interval. The filter is first asked
 * for a bitmap ({@link Filter#computeBitmap}); if it gives one, cursors walk the bitmap clipped to the row range
 * and never evaluate the filter again; otherwise they evaluate its matchers. The row cursor goes either way in
 * time; the vector cursor only ascending ({@link #canVectorize()} is false for descending specs). Holds a
 * reference to the segment until {@link #close()}. Not thread-safe.
 */
final class SegmentCursorHolder implements CursorHolder {
  private final QueryableSegment segment;
  private final CursorBuildSpec spec;
  private final int start;
  private final int end;
  private final ImmutableRoaringBitmap bitmap;
  private final Filter matcherFilter;
  private RowCursor cursor;
  private SegmentVectorCursor vectorCursor;
  private boolean closed;

  SegmentCursorHolder(QueryableSegment segment, CursorBuildSpec spec, int start, int end) {
    this.segment = segment;
    this.spec = spec;
    this.start = start;
    this.end = end;
    Filter filter = spec.filter();
    ImmutableRoaringBitmap b = null;
    if (filter != null && start < end) {
      b = filter.computeBitmap(segment.indexes());
    }
    this.bitmap = b;
    this.matcherFilter = filter != null && b == null && start < end ? filter : null;
  }

  @Override
  public Cursor asCursor() {
    checkOpen();
    if (cursor == null) {
      RowOffset offset = bitmap != null
          ? RowOffset.bitmap(bitmap, start, end, spec.descending())
          : RowOffset.range(start, end, spec.descending());
      cursor = new RowCursor(segment, offset, matcherFilter);
    }
    return cursor;
  }

  @Override
  public boolean canVectorize() {
    if (spec.descending()) {
      return false;
    }
    return vectorCursor().usable();
  }

  @Override
  public VectorCursor asVectorCursor() {
    return canVectorize() ? vectorCursor : null;
  }

  private SegmentVectorCursor vectorCursor() {
    checkOpen();
    if (vectorCursor == null) {
      int size = spec.vectorSize();
      BatchSource source = bitmap != null
          ? BatchSource.bitmap(bitmap, start, end)
          : BatchSource.range(start, end, size);
      vectorCursor = new SegmentVectorCursor(segment, source, matcherFilter, size);
    }
    return vectorCursor;
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("cursor holder is closed");
    }
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      cursor = null;
      vectorCursor = null;
      segment.release();
    }
  }
}
