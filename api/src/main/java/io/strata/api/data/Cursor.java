package io.strata.api.data;

/**
 * Walks the matching rows one at a time. Selectors made from {@link #selectorFactory()} read the current row.
 * Not thread-safe.
 */
public interface Cursor {
  ColumnSelectorFactory selectorFactory();

  void advance();

  boolean isDone();

  /** Back to the first matching row. */
  void reset();
}
