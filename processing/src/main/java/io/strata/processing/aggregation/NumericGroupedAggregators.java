package io.strata.processing.aggregation;

import io.strata.api.data.ColumnValueSelector;
import io.strata.api.exec.GroupedAggregator;

import java.util.Arrays;
import java.util.BitSet;

/** Row-at-a-time sum/min/max per slot, one class per value type; the operation is fixed at construction. */
final class NumericGroupedAggregators {
  private NumericGroupedAggregators() {
  }

  /** Shared slot bookkeeping: which slots have seen a non-null value. */
  private abstract static class Base implements GroupedAggregator {
    final ColumnValueSelector selector;
    final NumericAggregatorFactory.Op op;
    final BitSet seen = new BitSet();

    Base(ColumnValueSelector selector, NumericAggregatorFactory.Op op) {
      this.selector = selector;
      this.op = op;
    }

    @Override
    public boolean isNull(int slot) {
      return !seen.get(slot);
    }

    static int grow(int current, int wanted) {
      return Math.max(wanted, Math.max(16, current * 2));
    }
  }

  static final class LongAgg extends Base {
    private long[] values = new long[0];

    LongAgg(ColumnValueSelector selector, NumericAggregatorFactory.Op op) {
      super(selector, op);
    }

    @Override
    public void ensureCapacity(int slots) {
      if (slots > values.length) {
        values = Arrays.copyOf(values, grow(values.length, slots));
      }
    }

    @Override
    public void aggregate(int slot) {
      if (selector.isNull()) {
        return;
      }
      long v = selector.getLong();
      if (!seen.get(slot)) {
        seen.set(slot);
        values[slot] = v;
        return;
      }
      switch (op) {
        case SUM -> values[slot] += v;
        case MIN -> values[slot] = Math.min(values[slot], v);
        case MAX -> values[slot] = Math.max(values[slot], v);
      }
    }

    @Override
    public Object get(int slot) {
      return seen.get(slot) ? values[slot] : null;
    }

    @Override
    public long getLong(int slot) {
      return values[slot];
    }

    @Override
    public double getDouble(int slot) {
      return values[slot];
    }

    @Override
    public float getFloat(int slot) {
      return values[slot];
    }

    @Override
    public int bytesPerSlot() {
      return Long.BYTES + 1;
    }
  }

  static final class DoubleAgg extends Base {
    private double[] values = new double[0];

    DoubleAgg(ColumnValueSelector selector, NumericAggregatorFactory.Op op) {
      super(selector, op);
    }

    @Override
    public void ensureCapacity(int slots) {
      if (slots > values.length) {
        values = Arrays.copyOf(values, grow(values.length, slots));
      }
    }

    @Override
    public void aggregate(int slot) {
      if (selector.isNull()) {
        return;
      }
      double v = selector.getDouble();
      if (!seen.get(slot)) {
        seen.set(slot);
        values[slot] = v;
        return;
      }
      switch (op) {
        case SUM -> values[slot] += v;
        case MIN -> values[slot] = Math.min(values[slot], v);
        case MAX -> values[slot] = Math.max(values[slot], v);
      }
    }

    @Override
    public Object get(int slot) {
      return seen.get(slot) ? values[slot] : null;
    }

    @Override
    public long getLong(int slot) {
      return (long) values[slot];
    }

    @Override
    public double getDouble(int slot) {
      return values[slot];
    }

    @Override
    public float getFloat(int slot) {
      return (float) values[slot];
    }

    @Override
    public int bytesPerSlot() {
      return Double.BYTES + 1;
    }
  }

  static final class FloatAgg extends Base {
    private float[] values = new float[0];

    FloatAgg(ColumnValueSelector selector, NumericAggregatorFactory.Op op) {
      super(selector, op);
    }

    @Override
    public void ensureCapacity(int slots) {
      if (slots > values.length) {
        values = Arrays.copyOf(values, grow(values.length, slots));
      }
    }

    @Override
    public void aggregate(int slot) {
      if (selector.isNull()) {
        return;
      }
      float v = selector.getFloat();
      if (!seen.get(slot)) {
        seen.set(slot);
        values[slot] = v;
        return;
      }
      switch (op) {
        case SUM -> values[slot] += v;
        case MIN -> values[slot] = Math.min(values[slot], v);
        case MAX -> values[slot] = Math.max(values[slot], v);
      }
    }

    @Override
    public Object get(int slot) {
      return seen.get(slot) ? values[slot] : null;
    }

    @Override
    public long getLong(int slot) {
      return (long) values[slot];
    }

    @Override
    public double getDouble(int slot) {
      return values[slot];
    }

    @Override
    public float getFloat(int slot) {
      return values[slot];
    }

    @Override
    public int bytesPerSlot() {
      return Float.BYTES + 1;
    }
  }
}
