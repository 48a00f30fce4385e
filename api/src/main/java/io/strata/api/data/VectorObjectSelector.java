package io.strata.api.data;

/** Objects for the current batch. The array is reused: valid until the cursor advances; do not modify. */
public interface VectorObjectSelector {
  Object[] getObjectVector();
}
