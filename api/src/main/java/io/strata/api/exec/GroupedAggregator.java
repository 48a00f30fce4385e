package io.strata.api.exec;

/**
 * Aggregates the current row of a cursor into one of many slots (groups, or rows of the in-memory index). State
 * is kept per slot in primitive arrays grown by {@link #ensureCapacity}. Not thread-safe.
 */
public interface GroupedAggregator {
  /** Makes slots {@code [0, slots)} usable; new slots start empty. */
  void ensureCapacity(int slots);

  /** Folds the current row into {@code slot}. */
  void aggregate(int slot);

  /** The intermediate value of a slot (null if nothing non-null was aggregated and the aggregator is nullable). */
  Object get(int slot);

  boolean isNull(int slot);

  long getLong(int slot);

  double getDouble(int slot);

  float getFloat(int slot);

  /** Approximate heap bytes per slot, for maxBytesInMemory accounting. */
  int bytesPerSlot();
}
