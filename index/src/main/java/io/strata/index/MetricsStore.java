package io.strata.index;

import io.strata.api.data.ColumnType;
import io.strata.api.exec.AggregatorFactory;
import io.strata.api.exec.GroupedAggregator;
import io.strata.api.input.InputRow;

import java.util.List;

/**
 * The aggregated metric values of an index: one {@link GroupedAggregator} per metric, whose slots are the index's
 * row slots, fed with input rows through an {@link InputRowSelectorFactory}.
 *
 * <p>Thread-safety: aggregators are not thread-safe and keep their state in arrays they replace as they grow, so
 * every use of them (the writer's {@link #aggregate}, readers' {@link #copyAll}) happens under one lock. The writer
 * takes it once per added row (uncontended, a few tens of nanoseconds); readers take it once per copied run of
 * rows, never per value. A copy sees each row's aggregate as of the copy, which may already include input rows
 * added after the reader's row snapshot was taken (a rolled-up row keeps changing while ingestion goes on).
 */
final class MetricsStore {
  private final AggregatorFactory[] factories;
  private final GroupedAggregator[] aggregators;
  private final ColumnType[] types;
  private final InputRowSelectorFactory input;
  private final Object lock = new Object();
  private final long bytesPerSlot;
  private int capacity;

  MetricsStore(List<AggregatorFactory> factories) {
    this.factories = factories.toArray(new AggregatorFactory[0]);
    this.input = new InputRowSelectorFactory();
    this.aggregators = new GroupedAggregator[this.factories.length];
    this.types = new ColumnType[this.factories.length];
    long bytes = 0;
    for (int i = 0; i < this.factories.length; i++) {
      aggregators[i] = this.factories[i].factorize(input);
      types[i] = this.factories[i].intermediateType();
      bytes += aggregators[i].bytesPerSlot();
    }
    this.bytesPerSlot = bytes;
  }

  int size() {
    return factories.length;
  }

  AggregatorFactory factory(int metric) {
    return factories[metric];
  }

  ColumnType type(int metric) {
    return types[metric];
  }

  /** Writer only: folds {@code row} into {@code slot}; parse errors of its inputs go to {@code errors}. */
  void aggregate(InputRow row, int slot, List<String> errors) {
    input.setRow(row);
    synchronized (lock) {
      if (slot >= capacity) {
        int grown = Math.max(Math.max(1024, slot + 1), capacity * 2);
        for (GroupedAggregator a : aggregators) {
          a.ensureCapacity(grown);
        }
        capacity = grown;
      }
      for (GroupedAggregator a : aggregators) {
        a.aggregate(slot);
      }
    }
    List<String> rowErrors = input.parseErrors();
    if (!rowErrors.isEmpty()) {
      // Most rows have no errors: skip the copy (it showed in ingestion profiles).
      errors.addAll(rowErrors);
    }
  }

  /**
   * Copies every metric of {@code slots[from, to)} under one lock; {@code out[m]} receives metric {@code m} from
   * index 0. Any thread; the slots must be published rows.
   */
  void copyAll(int[] slots, int from, int to, NumericValues[] out) {
    synchronized (lock) {
      for (int m = 0; m < aggregators.length; m++) {
        copyLocked(m, slots, from, to, out[m]);
      }
    }
  }

  private void copyLocked(int metric, int[] slots, int from, int to, NumericValues out) {
    GroupedAggregator a = aggregators[metric];
    boolean[] nulls = out.nulls;
    boolean anyNull = false;
    int o = 0;
    switch (out.type) {
      case LONG -> {
        long[] dst = out.longs;
        for (int i = from; i < to; i++, o++) {
          int s = slots[i];
          anyNull |= nulls[o] = a.isNull(s);
          dst[o] = a.getLong(s);
        }
      }
      case FLOAT -> {
        float[] dst = out.floats;
        for (int i = from; i < to; i++, o++) {
          int s = slots[i];
          anyNull |= nulls[o] = a.isNull(s);
          dst[o] = a.getFloat(s);
        }
      }
      case DOUBLE -> {
        double[] dst = out.doubles;
        for (int i = from; i < to; i++, o++) {
          int s = slots[i];
          anyNull |= nulls[o] = a.isNull(s);
          dst[o] = a.getDouble(s);
        }
      }
      default -> {
        Object[] dst = out.objects;
        for (int i = from; i < to; i++, o++) {
          int s = slots[i];
          dst[o] = a.get(s);
          anyNull |= nulls[o] = dst[o] == null;
        }
      }
    }
    out.anyNull = anyNull;
  }

  /**
   * Copies metric {@code metric} of {@code slots[from, to)} as longs (converted as the aggregator converts) under
   * one lock; null rows get 0 and their flag set in {@code nulls}. Any thread; the slots must be published rows.
   */
  void copyLongs(int metric, int[] slots, int from, int to, long[] out, boolean[] nulls) {
    GroupedAggregator a = aggregators[metric];
    synchronized (lock) {
      for (int i = from, o = 0; i < to; i++, o++) {
        int s = slots[i];
        boolean isNull = nulls[o] = a.isNull(s);
        out[o] = isNull ? 0L : a.getLong(s);
      }
    }
  }

  /** As {@link #copyLongs}, as floats. */
  void copyFloats(int metric, int[] slots, int from, int to, float[] out, boolean[] nulls) {
    GroupedAggregator a = aggregators[metric];
    synchronized (lock) {
      for (int i = from, o = 0; i < to; i++, o++) {
        int s = slots[i];
        boolean isNull = nulls[o] = a.isNull(s);
        out[o] = isNull ? 0f : a.getFloat(s);
      }
    }
  }

  /** As {@link #copyLongs}, as doubles. */
  void copyDoubles(int metric, int[] slots, int from, int to, double[] out, boolean[] nulls) {
    GroupedAggregator a = aggregators[metric];
    synchronized (lock) {
      for (int i = from, o = 0; i < to; i++, o++) {
        int s = slots[i];
        boolean isNull = nulls[o] = a.isNull(s);
        out[o] = isNull ? 0d : a.getDouble(s);
      }
    }
  }

  /** Approximate heap bytes one slot of metric {@code metric} takes. */
  int bytesPerSlot(int metric) {
    return aggregators[metric].bytesPerSlot();
  }

  /** Writer only: heap bytes of the aggregator slots allocated so far. */
  long estimatedBytes() {
    return bytesPerSlot * capacity;
  }
}
