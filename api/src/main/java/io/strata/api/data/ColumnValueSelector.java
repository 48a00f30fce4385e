package io.strata.api.data;

/**
 * Reads a column at the cursor's current row. Numeric getters are only meaningful when {@link #isNull()} is
 * false; for a null value they return 0.
 */
public interface ColumnValueSelector {
  long getLong();

  double getDouble();

  float getFloat();

  boolean isNull();

  /** The value as an object: Long, Float, Double, String or a complex object; null for null. */
  Object getObject();
}
