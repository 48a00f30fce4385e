package io.strata.processing.aggregation;

import io.strata.api.data.VectorValueSelector;
import io.strata.api.exec.GroupedVectorAggregator;

import java.util.Arrays;
import java.util.BitSet;

/**
 * Batch sum/min/max per slot. The operation and the null-vector check are decided once per batch, so the inner
 * loops are plain array loops.
 */
final class NumericVectorAggregators {
  private NumericVectorAggregators() {
  }

  private abstract static class Base implements GroupedVectorAggregator {
    final VectorValueSelector selector;
    final NumericAggregatorFactory.Op op;
    final BitSet seen = new BitSet();

    Base(VectorValueSelector selector, NumericAggregatorFactory.Op op) {
      this.selector = selector;
      this.op = op;
    }

    static int grow(int current, int wanted) {
      return Math.max(wanted, Math.max(16, current * 2));
    }
  }

  static final class LongAgg extends Base {
    private long[] values = new long[0];

    LongAgg(VectorValueSelector selector, NumericAggregatorFactory.Op op) {
      super(selector, op);
    }

    @Override
    public void ensureCapacity(int slots) {
      if (slots > values.length) {
        values = Arrays.copyOf(values, grow(values.length, slots));
      }
    }

    @Override
    public void aggregate(int slot, int size) {
      long[] v = selector.getLongVector();
      boolean[] nulls = selector.getNullVector();
      boolean any = seen.get(slot);
      long acc = values[slot];
      if (nulls == null && size > 0) {
        int i = 0;
        if (!any) {
          acc = v[0];
          i = 1;
          any = true;
        }
        switch (op) {
          case SUM -> {
            for (; i < size; i++) {
              acc += v[i];
            }
          }
          case MIN -> {
            for (; i < size; i++) {
              acc = Math.min(acc, v[i]);
            }
          }
          case MAX -> {
            for (; i < size; i++) {
              acc = Math.max(acc, v[i]);
            }
          }
        }
      } else {
        for (int i = 0; i < size; i++) {
          if (nulls[i]) {
            continue;
          }
          if (!any) {
            acc = v[i];
            any = true;
            continue;
          }
          acc = switch (op) {
            case SUM -> acc + v[i];
            case MIN -> Math.min(acc, v[i]);
            case MAX -> Math.max(acc, v[i]);
          };
        }
      }
      values[slot] = acc;
      if (any) {
        seen.set(slot);
      }
    }

    @Override
    public void aggregate(int[] slots, int size) {
      long[] v = selector.getLongVector();
      boolean[] nulls = selector.getNullVector();
      for (int i = 0; i < size; i++) {
        if (nulls != null && nulls[i]) {
          continue;
        }
        int s = slots[i];
        if (!seen.get(s)) {
          seen.set(s);
          values[s] = v[i];
          continue;
        }
        switch (op) {
          case SUM -> values[s] += v[i];
          case MIN -> values[s] = Math.min(values[s], v[i]);
          case MAX -> values[s] = Math.max(values[s], v[i]);
        }
      }
    }

    @Override
    public Object get(int slot) {
      return seen.get(slot) ? values[slot] : null;
    }
  }

  static final class DoubleAgg extends Base {
    private double[] values = new double[0];

    DoubleAgg(VectorValueSelector selector, NumericAggregatorFactory.Op op) {
      super(selector, op);
    }

    @Override
    public void ensureCapacity(int slots) {
      if (slots > values.length) {
        values = Arrays.copyOf(values, grow(values.length, slots));
      }
    }

    @Override
    public void aggregate(int slot, int size) {
      double[] v = selector.getDoubleVector();
      boolean[] nulls = selector.getNullVector();
      boolean any = seen.get(slot);
      double acc = values[slot];
      for (int i = 0; i < size; i++) {
        if (nulls != null && nulls[i]) {
          continue;
        }
        if (!any) {
          acc = v[i];
          any = true;
          continue;
        }
        acc = switch (op) {
          case SUM -> acc + v[i];
          case MIN -> Math.min(acc, v[i]);
          case MAX -> Math.max(acc, v[i]);
        };
      }
      values[slot] = acc;
      if (any) {
        seen.set(slot);
      }
    }

    @Override
    public void aggregate(int[] slots, int size) {
      double[] v = selector.getDoubleVector();
      boolean[] nulls = selector.getNullVector();
      for (int i = 0; i < size; i++) {
        if (nulls != null && nulls[i]) {
          continue;
        }
        int s = slots[i];
        if (!seen.get(s)) {
          seen.set(s);
          values[s] = v[i];
          continue;
        }
        switch (op) {
          case SUM -> values[s] += v[i];
          case MIN -> values[s] = Math.min(values[s], v[i]);
          case MAX -> values[s] = Math.max(values[s], v[i]);
        }
      }
    }

    @Override
    public Object get(int slot) {
      return seen.get(slot) ? values[slot] : null;
    }
  }

  static final class FloatAgg extends Base {
    private float[] values = new float[0];

    FloatAgg(VectorValueSelector selector, NumericAggregatorFactory.Op op) {
      super(selector, op);
    }

    @Override
    public void ensureCapacity(int slots) {
      if (slots > values.length) {
        values = Arrays.copyOf(values, grow(values.length, slots));
      }
    }

    @Override
    public void aggregate(int slot, int size) {
      float[] v = selector.getFloatVector();
      boolean[] nulls = selector.getNullVector();
      boolean any = seen.get(slot);
      float acc = values[slot];
      for (int i = 0; i < size; i++) {
        if (nulls != null && nulls[i]) {
          continue;
        }
        if (!any) {
          acc = v[i];
          any = true;
          continue;
        }
        acc = switch (op) {
          case SUM -> acc + v[i];
          case MIN -> Math.min(acc, v[i]);
          case MAX -> Math.max(acc, v[i]);
        };
      }
      values[slot] = acc;
      if (any) {
        seen.set(slot);
      }
    }

    @Override
    public void aggregate(int[] slots, int size) {
      float[] v = selector.getFloatVector();
      boolean[] nulls = selector.getNullVector();
      for (int i = 0; i < size; i++) {
        if (nulls != null && nulls[i]) {
          continue;
        }
        int s = slots[i];
        if (!seen.get(s)) {
          seen.set(s);
          values[s] = v[i];
          continue;
        }
        switch (op) {
          case SUM -> values[s] += v[i];
          case MIN -> values[s] = Math.min(values[s], v[i]);
          case MAX -> values[s] = Math.max(values[s], v[i]);
        }
      }
    }

    @Override
    public Object get(int slot) {
      return seen.get(slot) ? values[slot] : null;
    }
  }
}
