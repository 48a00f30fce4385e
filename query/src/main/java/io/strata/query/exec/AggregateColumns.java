package io.strata.query.exec;

import io.strata.api.exec.GroupedAggregator;
import io.strata.api.exec.GroupedVectorAggregator;

import java.util.Arrays;

/**
 * The intermediate aggregate values of many groups (slots), one column per aggregator of an
 * {@link AggregatorSet}: a {@code long[]}, {@code double[]} or {@code float[]} plus a "seen a non-null value"
 * flag per slot for the built-in aggregators, an {@code Object[]} of boxed intermediate values for any other.
 *
 * <p>Primitive slots start at the identity of their operation (0 for long sums, -0.0 for floating sums, the
 * largest value for min, the smallest for max), so folding a value in never needs a "first value" branch and
 * the result is bit-for-bit what the processing aggregators and {@code AggregatorFactory.combine} compute: for
 * every IEEE value {@code v}, {@code -0.0 + v}, {@code min(+inf, v)} and {@code max(-inf, v)} are {@code v}.
 * A slot that saw no non-null value reads as null (count is never null). Not thread-safe.
 */
public final class AggregateColumns {
  /** Value types of primitive columns, and {@link #OBJECT} for boxed ones. */
  static final int LONG = 0;
  static final int DOUBLE = 1;
  static final int FLOAT = 2;
  static final int OBJECT = 3;
  /** Operations of primitive columns; {@link #COUNT} is a never-null long sum. */
  static final int SUM = 0;
  static final int MIN = 1;
  static final int MAX = 2;
  static final int COUNT = 3;

  private final AggregatorSet set;
  private final int[] types;
  private final int[] ops;
  final long[][] longs;
  final double[][] doubles;
  final float[][] floats;
  /** Per aggregator, null for count (never null) and boxed columns. */
  final boolean[][] seen;
  final Object[][] objects;
  private int capacity;

  AggregateColumns(AggregatorSet set, int capacity) {
    this.set = set;
    this.types = set.types;
    this.ops = set.ops;
    int n = types.length;
    longs = new long[n][];
    doubles = new double[n][];
    floats = new float[n][];
    seen = new boolean[n][];
    objects = new Object[n][];
    this.capacity = 0;
    allocate(Math.max(capacity, 1));
  }

  public AggregatorSet aggregators() {
    return set;
  }

  /** Slots usable without growing. */
  public int capacity() {
    return capacity;
  }

  /** Makes slots {@code [0, slots)} usable; new slots start empty. */
  public void ensureCapacity(int slots) {
    if (slots > capacity) {
      allocate(Math.max(slots, capacity * 2));
    }
  }

  private void allocate(int newCapacity) {
    int old = capacity;
    for (int i = 0; i < types.length; i++) {
      switch (types[i]) {
        case LONG -> {
          longs[i] = longs[i] == null ? new long[newCapacity] : Arrays.copyOf(longs[i], newCapacity);
          long identity = switch (ops[i]) {
            case MIN -> Long.MAX_VALUE;
            case MAX -> Long.MIN_VALUE;
            default -> 0L;
          };
          if (identity != 0L) {
            Arrays.fill(longs[i], old, newCapacity, identity);
          }
        }
        case DOUBLE -> {
          doubles[i] = doubles[i] == null ? new double[newCapacity] : Arrays.copyOf(doubles[i], newCapacity);
          Arrays.fill(doubles[i], old, newCapacity, switch (ops[i]) {
            case MIN -> Double.POSITIVE_INFINITY;
            case MAX -> Double.NEGATIVE_INFINITY;
            default -> -0.0d;
          });
        }
        case FLOAT -> {
          floats[i] = floats[i] == null ? new float[newCapacity] : Arrays.copyOf(floats[i], newCapacity);
          Arrays.fill(floats[i], old, newCapacity, switch (ops[i]) {
            case MIN -> Float.POSITIVE_INFINITY;
            case MAX -> Float.NEGATIVE_INFINITY;
            default -> -0.0f;
          });
        }
        default -> objects[i] = objects[i] == null ? new Object[newCapacity] : Arrays.copyOf(objects[i], newCapacity);
      }
      if (types[i] != OBJECT && ops[i] != COUNT) {
        seen[i] = seen[i] == null ? new boolean[newCapacity] : Arrays.copyOf(seen[i], newCapacity);
      }
    }
    capacity = newCapacity;
  }

  /** True if aggregator {@code agg} keeps primitive values (then {@link #isNull} and the getters apply). */
  public boolean isPrimitive(int agg) {
    return types[agg] != OBJECT;
  }

  /** True if the slot's value of a primitive aggregator is null. */
  public boolean isNull(int agg, int slot) {
    boolean[] s = seen[agg];
    return s != null && !s[slot];
  }

  /** The value of a slot of a long column (meaningful when not {@link #isNull}). */
  public long getLong(int agg, int slot) {
    return longs[agg][slot];
  }

  /** Type of a primitive column: 0 long, 1 double, 2 float. */
  int type(int agg) {
    return types[agg];
  }

  /**
   * Compares the (non-null) values of two slots of a primitive aggregator the way
   * {@link ResultValues#NUMBERS_NULLS_FIRST} compares their boxed forms: longs exactly, floats and doubles with
   * {@link Double#compare}.
   */
  public int compareValues(int agg, int a, int b) {
    return switch (types[agg]) {
      case LONG -> Long.compare(longs[agg][a], longs[agg][b]);
      case DOUBLE -> Double.compare(doubles[agg][a], doubles[agg][b]);
      case FLOAT -> Double.compare(floats[agg][a], floats[agg][b]);
      default -> throw new IllegalStateException("aggregator " + agg + " is not primitive");
    };
  }

  /** The boxed intermediate value of one slot (null if no non-null value was aggregated). */
  public Object get(int agg, int slot) {
    if (isNull(agg, slot)) {
      return null;
    }
    return switch (types[agg]) {
      case LONG -> longs[agg][slot];
      case DOUBLE -> doubles[agg][slot];
      case FLOAT -> floats[agg][slot];
      default -> objects[agg][slot];
    };
  }

  /** The boxed intermediate values of one slot, in aggregator order. A fresh array. */
  public Object[] values(int slot) {
    Object[] out = new Object[types.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = get(i, slot);
    }
    return out;
  }

  /**
   * Folds slot {@code fromSlot} of {@code from} into slot {@code slot}: per aggregator what
   * {@code AggregatorFactory.combine(this value, from value)} computes on the boxed intermediate values.
   */
  public void combine(int slot, AggregateColumns from, int fromSlot) {
    for (int i = 0; i < types.length; i++) {
      int t = types[i];
      if (t == OBJECT) {
        objects[i][slot] = set.factories().get(i).combine(objects[i][slot], from.objects[i][fromSlot]);
        continue;
      }
      boolean[] fromSeen = from.seen[i];
      if (fromSeen != null) {
        if (!fromSeen[fromSlot]) {
          continue; // a null folds to nothing
        }
        seen[i][slot] = true;
      }
      int op = ops[i];
      if (t == LONG) {
        long[] a = longs[i];
        long b = from.longs[i][fromSlot];
        a[slot] = op == MIN ? Math.min(a[slot], b) : op == MAX ? Math.max(a[slot], b) : a[slot] + b;
      } else if (t == DOUBLE) {
        double[] a = doubles[i];
        double b = from.doubles[i][fromSlot];
        a[slot] = op == MIN ? Math.min(a[slot], b) : op == MAX ? Math.max(a[slot], b) : a[slot] + b;
      } else {
        float[] a = floats[i];
        float b = from.floats[i][fromSlot];
        a[slot] = op == MIN ? Math.min(a[slot], b) : op == MAX ? Math.max(a[slot], b) : a[slot] + b;
      }
    }
  }

  /** New columns holding slots {@code order[0], order[1], ..., order[n - 1]} of these, in that order. */
  AggregateColumns gather(int[] order, int n) {
    AggregateColumns out = new AggregateColumns(set, n);
    for (int i = 0; i < types.length; i++) {
      switch (types[i]) {
        case LONG -> gather(longs[i], out.longs[i], order, n);
        case DOUBLE -> {
          double[] from = doubles[i];
          double[] to = out.doubles[i];
          for (int k = 0; k < n; k++) {
            to[k] = from[order[k]];
          }
        }
        case FLOAT -> {
          float[] from = floats[i];
          float[] to = out.floats[i];
          for (int k = 0; k < n; k++) {
            to[k] = from[order[k]];
          }
        }
        default -> {
          Object[] from = objects[i];
          Object[] to = out.objects[i];
          for (int k = 0; k < n; k++) {
            to[k] = from[order[k]];
          }
        }
      }
      if (seen[i] != null) {
        boolean[] from = seen[i];
        boolean[] to = out.seen[i];
        for (int k = 0; k < n; k++) {
          to[k] = from[order[k]];
        }
      }
    }
    return out;
  }

  private static void gather(long[] from, long[] to, int[] order, int n) {
    for (int k = 0; k < n; k++) {
      to[k] = from[order[k]];
    }
  }

  /**
   * Reads slots {@code [0, n)} of row aggregators into these columns (the row path keeps its state in the
   * processing aggregators); primitive values are read without boxing.
   */
  void copyFrom(GroupedAggregator[] aggs, int n) {
    ensureCapacity(n);
    for (int i = 0; i < aggs.length; i++) {
      GroupedAggregator a = aggs[i];
      int t = types[i];
      for (int slot = 0; slot < n; slot++) {
        if (t == OBJECT) {
          objects[i][slot] = a.get(slot);
          continue;
        }
        if (a.isNull(slot)) {
          continue; // stays at the identity, unseen
        }
        if (seen[i] != null) {
          seen[i][slot] = true;
        }
        switch (t) {
          case LONG -> longs[i][slot] = a.getLong(slot);
          case DOUBLE -> doubles[i][slot] = a.getDouble(slot);
          default -> floats[i][slot] = a.getFloat(slot);
        }
      }
    }
  }

  /**
   * Reads slots {@code [0, n)} of the boxed vector aggregators into their columns; the built-in ones already
   * wrote here.
   */
  void copyBoxedFrom(GroupedVectorAggregator[] aggs, int n) {
    ensureCapacity(n);
    for (int i = 0; i < aggs.length; i++) {
      if (types[i] == OBJECT) {
        for (int slot = 0; slot < n; slot++) {
          objects[i][slot] = aggs[i].get(slot);
        }
      }
    }
  }
}
