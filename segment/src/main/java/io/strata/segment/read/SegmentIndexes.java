package io.strata.segment.read;

import io.strata.api.data.ColumnCapabilities;
import io.strata.api.data.ColumnIndexSelector;
import io.strata.api.data.StringValueIndex;

import java.util.Map;

/**
 * The bitmap indexes of a segment for filters: every string column is its own {@link StringValueIndex}; numeric
 * and missing columns have none. Thread-safe.
 */
final class SegmentIndexes implements ColumnIndexSelector {
  private final int numRows;
  private final Map<String, ColumnHandle> columns;

  SegmentIndexes(int numRows, Map<String, ColumnHandle> columns) {
    this.numRows = numRows;
    this.columns = columns;
  }

  @Override
  public int numRows() {
    return numRows;
  }

  @Override
  public StringValueIndex stringIndex(String column) {
    ColumnHandle h = columns.get(column);
    return h == null ? null : h.string();
  }

  @Override
  public ColumnCapabilities capabilities(String column) {
    ColumnHandle h = columns.get(column);
    return h == null ? null : h.capabilities();
  }
}
