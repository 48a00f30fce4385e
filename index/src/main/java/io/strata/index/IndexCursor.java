package io.strata.index;

import io.strata.api.data.ColumnCapabilities;
import io.strata.api.data.ColumnSelectorFactory;
import io.strata.api.data.ColumnValueSelector;
import io.strata.api.data.Cursor;
import io.strata.api.data.DimensionSelector;
import io.strata.api.exec.Filter;
import io.strata.api.exec.ValueMatcher;

/**
 * The row cursor of an index cursor holder: walks the holder's sorted rows one at a time, skipping rows the
 * filter's {@link ValueMatcher} rejects. Not thread-safe.
 */
final class IndexCursor implements Cursor, ColumnSelectorFactory {
  private final CursorRows rows;
  private final RowSelectors.Offset offset = new RowSelectors.Offset();
  private final ValueMatcher matcher;

  IndexCursor(CursorRows rows, Filter filter) {
    this.rows = rows;
    this.matcher = filter == null ? null : filter.makeMatcher(this);
    seek(0);
  }

  private void seek(int from) {
    int p = from;
    if (matcher != null) {
      offset.position = p;
      while (p < rows.size && !matcher.matches()) {
        offset.position = ++p;
      }
    }
    offset.position = p;
  }

  /** The row position the cursor is at. */
  int position() {
    return offset.position;
  }

  @Override
  public ColumnSelectorFactory selectorFactory() {
    return this;
  }

  @Override
  public void advance() {
    if (offset.position < rows.size) {
      seek(offset.position + 1);
    }
  }

  @Override
  public boolean isDone() {
    return offset.position >= rows.size;
  }

  @Override
  public void reset() {
    seek(0);
  }

  @Override
  public DimensionSelector makeDimensionSelector(String column) {
    return RowSelectors.dimension(rows.strings(column), offset);
  }

  @Override
  public ColumnValueSelector makeColumnValueSelector(String column) {
    StringValues strings = rows.isString(column) ? rows.strings(column) : null;
    return RowSelectors.value(rows.numbers(column), strings, offset);
  }

  @Override
  public ColumnCapabilities capabilities(String column) {
    return rows.capabilities(column);
  }
}
