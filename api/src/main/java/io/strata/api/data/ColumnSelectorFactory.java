package io.strata.api.data;

/**
 * Makes selectors that read the current row of one cursor. Selectors for a column the data does not have
 * read null (numbers: {@link ColumnValueSelector#isNull()} is true; strings: the value is null).
 */
public interface ColumnSelectorFactory {

  /** A selector over a string column (or any column, read as strings). */
  DimensionSelector makeDimensionSelector(String column);

  /** A selector reading any column as numbers or objects; {@code __time} reads as a long. */
  ColumnValueSelector makeColumnValueSelector(String column);

  /** Capabilities of the column, or null if there is no such column. */
  ColumnCapabilities capabilities(String column);

  /**
   * The factory a filter reads through: this one, except where value selectors convert what they read (a factory
   * over raw input rows parses numbers for aggregators; a filter compares the values as given, as Druid's filters on
   * input rows do).
   */
  default ColumnSelectorFactory forFilters() {
    return this;
  }
}
