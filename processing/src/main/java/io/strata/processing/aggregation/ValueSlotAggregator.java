package io.strata.processing.aggregation;

import io.strata.api.exec.GroupedAggregator;

import java.util.Arrays;

/**
 * Slots that each keep one value read from a row (the first/last and any aggregators): the value, whether a row
 * set it, and the numeric getters over it. Subclasses decide which row sets a slot.
 */
abstract class ValueSlotAggregator implements GroupedAggregator {
  Object[] values = new Object[0];
  boolean[] set = new boolean[0];

  /** Grows any state of the subclass's own to {@code n} slots. */
  void grow(int n) {
  }

  @Override
  public final void ensureCapacity(int slots) {
    if (slots > values.length) {
      int n = Math.max(slots, values.length * 2);
      values = Arrays.copyOf(values, n);
      set = Arrays.copyOf(set, n);
      grow(n);
    }
  }

  @Override
  public boolean isNull(int slot) {
    return !set[slot] || values[slot] == null;
  }

  @Override
  public long getLong(int slot) {
    return values[slot] instanceof Number n ? n.longValue() : 0;
  }

  @Override
  public double getDouble(int slot) {
    return values[slot] instanceof Number n ? n.doubleValue() : 0;
  }

  @Override
  public float getFloat(int slot) {
    return values[slot] instanceof Number n ? n.floatValue() : 0;
  }
}
