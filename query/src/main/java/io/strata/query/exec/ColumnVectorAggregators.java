package io.strata.query.exec;

import io.strata.api.data.VectorValueSelector;
import io.strata.api.exec.GroupedVectorAggregator;

/**
 * Batch aggregators for the built-in aggregators that keep their state in an {@link AggregateColumns}, so a
 * segment's partial result is already columnar when the scan ends (no per-group boxing). They compute exactly
 * what the processing module's vector aggregators compute: values fold in row order, nulls are skipped, and a
 * slot that saw only nulls stays null. Slots start at the identity of the operation (see
 * {@link AggregateColumns}), so there is no "first value" branch; the operation is chosen once per batch. Not
 * thread-safe.
 */
final class ColumnVectorAggregators {
  private ColumnVectorAggregators() {
  }

  /**
   * @param selector the input column, or null for count
   */
  static GroupedVectorAggregator create(AggregateColumns columns, int agg, VectorValueSelector selector) {
    if (selector == null) {
      return new Count(columns, agg);
    }
    return switch (columns.type(agg)) {
      case AggregateColumns.LONG -> new Longs(columns, agg, selector);
      case AggregateColumns.DOUBLE -> new Doubles(columns, agg, selector);
      default -> new Floats(columns, agg, selector);
    };
  }

  private abstract static class Base implements GroupedVectorAggregator {
    final AggregateColumns columns;
    final int agg;
    final int op;

    Base(AggregateColumns columns, int agg) {
      this.columns = columns;
      this.agg = agg;
      this.op = columns.aggregators().ops[agg];
    }

    @Override
    public void ensureCapacity(int slots) {
      columns.ensureCapacity(slots);
    }

    @Override
    public Object get(int slot) {
      return columns.get(agg, slot);
    }
  }

  private static final class Count extends Base {
    Count(AggregateColumns columns, int agg) {
      super(columns, agg);
    }

    @Override
    public void aggregate(int slot, int size) {
      columns.longs[agg][slot] += size;
    }

    @Override
    public void aggregate(int[] slots, int size) {
      long[] a = columns.longs[agg];
      for (int i = 0; i < size; i++) {
        a[slots[i]]++;
      }
    }
  }

  private static final class Longs extends Base {
    private final VectorValueSelector selector;

    Longs(AggregateColumns columns, int agg, VectorValueSelector selector) {
      super(columns, agg);
      this.selector = selector;
    }

    @Override
    public void aggregate(int slot, int size) {
      long[] v = selector.getLongVector();
      boolean[] nulls = selector.getNullVector();
      long acc = columns.longs[agg][slot];
      if (nulls == null) {
        // The usual batch: one plain loop per operation, which the JIT can unroll and vectorize.
        switch (op) {
          case AggregateColumns.MIN -> {
            for (int i = 0; i < size; i++) {
              acc = Math.min(acc, v[i]);
            }
          }
          case AggregateColumns.MAX -> {
            for (int i = 0; i < size; i++) {
              acc = Math.max(acc, v[i]);
            }
          }
          default -> {
            for (int i = 0; i < size; i++) {
              acc += v[i];
            }
          }
        }
        columns.longs[agg][slot] = acc;
        if (size > 0) {
          columns.seen[agg][slot] = true;
        }
        return;
      }
      boolean any = false;
      for (int i = 0; i < size; i++) {
        if (nulls != null && nulls[i]) {
          continue;
        }
        any = true;
        acc = switch (op) {
          case AggregateColumns.MIN -> Math.min(acc, v[i]);
          case AggregateColumns.MAX -> Math.max(acc, v[i]);
          default -> acc + v[i];
        };
      }
      columns.longs[agg][slot] = acc;
      if (any) {
        columns.seen[agg][slot] = true;
      }
    }

    @Override
    public void aggregate(int[] slots, int size) {
      long[] v = selector.getLongVector();
      boolean[] nulls = selector.getNullVector();
      long[] a = columns.longs[agg];
      boolean[] seen = columns.seen[agg];
      if (nulls == null && op == AggregateColumns.SUM) {
        for (int i = 0; i < size; i++) {
          int s = slots[i];
          a[s] += v[i];
          seen[s] = true;
        }
        return;
      }
      for (int i = 0; i < size; i++) {
        if (nulls != null && nulls[i]) {
          continue;
        }
        int s = slots[i];
        a[s] = switch (op) {
          case AggregateColumns.MIN -> Math.min(a[s], v[i]);
          case AggregateColumns.MAX -> Math.max(a[s], v[i]);
          default -> a[s] + v[i];
        };
        seen[s] = true;
      }
    }
  }

  private static final class Doubles extends Base {
    private final VectorValueSelector selector;

    Doubles(AggregateColumns columns, int agg, VectorValueSelector selector) {
      super(columns, agg);
      this.selector = selector;
    }

    @Override
    public void aggregate(int slot, int size) {
      double[] v = selector.getDoubleVector();
      boolean[] nulls = selector.getNullVector();
      double acc = columns.doubles[agg][slot];
      boolean any = false;
      for (int i = 0; i < size; i++) {
        if (nulls != null && nulls[i]) {
          continue;
        }
        any = true;
        acc = switch (op) {
          case AggregateColumns.MIN -> Math.min(acc, v[i]);
          case AggregateColumns.MAX -> Math.max(acc, v[i]);
          default -> acc + v[i];
        };
      }
      columns.doubles[agg][slot] = acc;
      if (any) {
        columns.seen[agg][slot] = true;
      }
    }

    @Override
    public void aggregate(int[] slots, int size) {
      double[] v = selector.getDoubleVector();
      boolean[] nulls = selector.getNullVector();
      double[] a = columns.doubles[agg];
      boolean[] seen = columns.seen[agg];
      for (int i = 0; i < size; i++) {
        if (nulls != null && nulls[i]) {
          continue;
        }
        int s = slots[i];
        a[s] = switch (op) {
          case AggregateColumns.MIN -> Math.min(a[s], v[i]);
          case AggregateColumns.MAX -> Math.max(a[s], v[i]);
          default -> a[s] + v[i];
        };
        seen[s] = true;
      }
    }
  }

  private static final class Floats extends Base {
    private final VectorValueSelector selector;

    Floats(AggregateColumns columns, int agg, VectorValueSelector selector) {
      super(columns, agg);
      this.selector = selector;
    }

    @Override
    public void aggregate(int slot, int size) {
      float[] v = selector.getFloatVector();
      boolean[] nulls = selector.getNullVector();
      float acc = columns.floats[agg][slot];
      boolean any = false;
      for (int i = 0; i < size; i++) {
        if (nulls != null && nulls[i]) {
          continue;
        }
        any = true;
        acc = switch (op) {
          case AggregateColumns.MIN -> Math.min(acc, v[i]);
          case AggregateColumns.MAX -> Math.max(acc, v[i]);
          default -> acc + v[i];
        };
      }
      columns.floats[agg][slot] = acc;
      if (any) {
        columns.seen[agg][slot] = true;
      }
    }

    @Override
    public void aggregate(int[] slots, int size) {
      float[] v = selector.getFloatVector();
      boolean[] nulls = selector.getNullVector();
      float[] a = columns.floats[agg];
      boolean[] seen = columns.seen[agg];
      for (int i = 0; i < size; i++) {
        if (nulls != null && nulls[i]) {
          continue;
        }
        int s = slots[i];
        a[s] = switch (op) {
          case AggregateColumns.MIN -> Math.min(a[s], v[i]);
          case AggregateColumns.MAX -> Math.max(a[s], v[i]);
          default -> a[s] + v[i];
        };
        seen[s] = true;
      }
    }
  }
}
