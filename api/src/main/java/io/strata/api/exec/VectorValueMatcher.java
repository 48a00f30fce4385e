package io.strata.api.exec;

/** Evaluates a filter over the current batch. Not thread-safe. */
@FunctionalInterface
public interface VectorValueMatcher {
  /**
   * Sets {@code out[i]} to whether row {@code i} of the current batch matches, for {@code i < size}, and returns
   * how many matched. {@code out} is owned by the caller and has room for at least {@code size} entries.
   */
  int match(boolean[] out, int size);
}
