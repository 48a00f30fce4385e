package io.strata.api.data;

/** Gives filters the per-column indexes of one piece of data, so they can be answered without reading rows. */
public interface ColumnIndexSelector {
  /** Rows in the data; bitmaps hold row numbers in {@code [0, numRows())}. */
  int numRows();

  /** The dictionary and bitmap index of a string column, or null if the column has none (or does not exist). */
  StringValueIndex stringIndex(String column);

  ColumnCapabilities capabilities(String column);
}
