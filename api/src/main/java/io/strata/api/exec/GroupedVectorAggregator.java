package io.strata.api.exec;

/**
 * Aggregates batches of a vector cursor into slots. Not thread-safe.
 */
public interface GroupedVectorAggregator {
  void ensureCapacity(int slots);

  /** Folds the first {@code size} rows of the current batch into one slot. */
  void aggregate(int slot, int size);

  /** Folds row {@code i} of the current batch into {@code slots[i]}, for {@code i < size}. */
  void aggregate(int[] slots, int size);

  Object get(int slot);
}
