package io.strata.api.data;

/** Makes batch selectors over the current batch of one {@link VectorCursor}. */
public interface VectorColumnSelectorFactory {
  int getMaxVectorSize();

  /** Dictionary ids of a single-valued string column (a missing column reads as the null id). */
  SingleValueDimensionVectorSelector makeSingleValueDimensionSelector(String column);

  /** Numbers of a numeric column or {@code __time} (a missing column reads as all-null). */
  VectorValueSelector makeValueSelector(String column);

  /** Objects of any column (strings, numbers, complex values). */
  VectorObjectSelector makeObjectSelector(String column);

  ColumnCapabilities capabilities(String column);
}
