package io.strata.segment.read;

import io.strata.api.data.NullSelectors;

import io.strata.api.data.ColumnCapabilities;
import io.strata.api.data.ColumnSelectorFactory;
import io.strata.api.data.ColumnValueSelector;
import io.strata.api.data.Cursor;
import io.strata.api.data.DimensionSelector;
import io.strata.api.exec.Filter;
import io.strata.api.exec.ValueMatcher;

/**
 * Walks a segment's rows one at a time over a {@link RowOffset} (a row range or a bitmap, either direction). When
 * the filter could not be answered from bitmaps, its {@link ValueMatcher} runs over the same selectors and the
 * cursor skips rows it rejects. Not thread-safe.
 */
final class RowCursor implements Cursor, ColumnSelectorFactory {
  private final QueryableSegment segment;
  private final RowOffset offset;
  private final ValueMatcher matcher;

  /**
   * @param matcherFilter a filter to evaluate row by row, or null when the offset already holds only matching rows
   */
  RowCursor(QueryableSegment segment, RowOffset offset, Filter matcherFilter) {
    this.segment = segment;
    this.offset = offset;
    this.matcher = matcherFilter == null ? null : matcherFilter.makeMatcher(this);
    skipRejected();
  }

  @Override
  public ColumnSelectorFactory selectorFactory() {
    return this;
  }

  @Override
  public void advance() {
    offset.advance();
    skipRejected();
  }

  @Override
  public boolean isDone() {
    return offset.isDone();
  }

  @Override
  public void reset() {
    offset.reset();
    skipRejected();
  }

  private void skipRejected() {
    if (matcher == null) {
      return;
    }
    while (!offset.isDone() && !matcher.matches()) {
      offset.advance();
    }
  }

  @Override
  public DimensionSelector makeDimensionSelector(String column) {
    ColumnHandle h = segment.column(column);
    if (h == null) {
      return NullSelectors.DIMENSION;
    }
    if (h.isString()) {
      return new RowSelectors.StringDimension(offset, h.string());
    }
    return new RowSelectors.NumericAsDimension(RowSelectors.numeric(offset, h.numeric()));
  }

  @Override
  public ColumnValueSelector makeColumnValueSelector(String column) {
    ColumnHandle h = segment.column(column);
    if (h == null) {
      return NullSelectors.VALUE;
    }
    if (h.isString()) {
      return new RowSelectors.StringValue(offset, h.string());
    }
    return RowSelectors.numeric(offset, h.numeric());
  }

  @Override
  public ColumnCapabilities capabilities(String column) {
    ColumnHandle h = segment.column(column);
    return h == null ? null : h.capabilities();
  }
}
