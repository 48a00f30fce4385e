package io.strata.api.data;

/**
 * Numbers for the current batch. Returned arrays are reused: valid until the cursor advances; do not modify.
 * Only the first {@code getCurrentVectorSize()} entries are meaningful.
 */
public interface VectorValueSelector {
  long[] getLongVector();

  float[] getFloatVector();

  double[] getDoubleVector();

  /** Per row, true if the value is null; null (the array) if the batch has no nulls. */
  boolean[] getNullVector();
}
