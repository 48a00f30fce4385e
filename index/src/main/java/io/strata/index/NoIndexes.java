package io.strata.index;

import io.strata.api.data.ColumnCapabilities;
import io.strata.api.data.ColumnIndexSelector;
import io.strata.api.data.StringValueIndex;

/**
 * The index selector of an in-memory index: there are no bitmap indexes, so {@link #stringIndex} is always null
 * and filters fall back to value matchers. Keeping bitmaps up to date on every added row would cost ingestion
 * speed for a small, short-lived set of rows that matchers scan quickly anyway. Thread-safe.
 */
final class NoIndexes implements ColumnIndexSelector {
  private final IncrementalIndex index;

  NoIndexes(IncrementalIndex index) {
    this.index = index;
  }

  @Override
  public int numRows() {
    return index.numRows();
  }

  @Override
  public StringValueIndex stringIndex(String column) {
    return null;
  }

  @Override
  public ColumnCapabilities capabilities(String column) {
    return index.view().capabilities(column);
  }
}
