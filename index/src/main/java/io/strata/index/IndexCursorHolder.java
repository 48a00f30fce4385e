package io.strata.index;

import io.strata.api.data.Cursor;
import io.strata.api.data.CursorBuildSpec;
import io.strata.api.data.CursorHolder;
import io.strata.api.data.VectorCursor;
import io.strata.api.exec.Filter;

/**
 * Cursors over the rows an index held when the holder was made ({@link CursorRows}). The row cursor and the
 * vector cursor see the same rows with the same values. {@link #canVectorize()} is false only when the filter
 * cannot make a batch matcher (its {@code makeVectorMatcher} returns null or throws
 * {@link UnsupportedOperationException}): every index column can be read in batches. Not thread-safe: one query
 * thread uses a holder and its cursors.
 */
final class IndexCursorHolder implements CursorHolder {
  private final CursorRows rows;
  private final CursorBuildSpec spec;
  private Cursor cursor;
  private IndexVectorCursor vectorCursor;
  private boolean vectorTried;
  private boolean closed;

  IndexCursorHolder(CursorRows rows, CursorBuildSpec spec) {
    this.rows = rows;
    this.spec = spec;
  }

  @Override
  public Cursor asCursor() {
    ensureOpen();
    if (cursor == null) {
      cursor = new IndexCursor(rows, spec.filter());
    }
    return cursor;
  }

  @Override
  public boolean canVectorize() {
    ensureOpen();
    if (!vectorTried) {
      vectorTried = true;
      Filter filter = spec.filter();
      try {
        IndexVectorCursor c = new IndexVectorCursor(rows, Math.max(1, spec.vectorSize()),
            filter == null ? null : filter::makeVectorMatcher);
        vectorCursor = c.matcherMissing() ? null : c;
      } catch (UnsupportedOperationException e) {
        vectorCursor = null;
      }
    }
    return vectorCursor != null;
  }

  @Override
  public VectorCursor asVectorCursor() {
    return canVectorize() ? vectorCursor : null;
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("cursor holder is closed");
    }
  }

  /** Releases nothing but the holder's own arrays (they become garbage); cursors must not be used afterwards. */
  @Override
  public void close() {
    closed = true;
    cursor = null;
    vectorCursor = null;
  }
}
