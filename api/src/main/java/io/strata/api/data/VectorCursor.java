package io.strata.api.data;

/**
 * Walks the matching rows in batches of at most {@link #getMaxVectorSize()}. Vector selectors made from
 * {@link #selectorFactory()} return arrays for the current batch; the arrays are reused across batches and
 * are only valid until {@link #advance()}. Not thread-safe.
 */
public interface VectorCursor {
  VectorColumnSelectorFactory selectorFactory();

  int getMaxVectorSize();

  /** Rows in the current batch; valid while {@link #isDone()} is false. */
  int getCurrentVectorSize();

  void advance();

  boolean isDone();

  void reset();
}
