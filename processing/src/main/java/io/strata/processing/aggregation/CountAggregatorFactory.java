package io.strata.processing.aggregation;

import io.strata.api.data.ColumnSelectorFactory;
import io.strata.api.data.ColumnType;
import io.strata.api.data.VectorColumnSelectorFactory;
import io.strata.api.exec.AggregatorFactory;
import io.strata.api.exec.GroupedAggregator;
import io.strata.api.exec.GroupedVectorAggregator;
import io.strata.api.query.AggregatorSpec;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/** {@code count}: rows aggregated. Never null. Its combining form is a longSum over the stored count column. */
final class CountAggregatorFactory implements AggregatorFactory {
  private final String name;

  CountAggregatorFactory(String name) {
    this.name = name;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public AggregatorSpec spec() {
    return AggregatorSpec.Count.of(name);
  }

  @Override
  public List<String> requiredColumns() {
    return List.of();
  }

  @Override
  public ColumnType intermediateType() {
    return ColumnType.LONG;
  }

  @Override
  public ColumnType finalizedType() {
    return ColumnType.LONG;
  }

  @Override
  public GroupedAggregator factorize(ColumnSelectorFactory factory) {
    return new Counter();
  }

  @Override
  public GroupedVectorAggregator factorizeVector(VectorColumnSelectorFactory factory) {
    return new VectorCounter();
  }

  @Override
  public AggregatorFactory combiningFactory() {
    return NumericAggregatorFactory.of("longSum", name, name);
  }

  @Override
  public boolean orderInsensitive() {
    return true;
  }

  @Override
  public Object combine(Object a, Object b) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    return ((Number) a).longValue() + ((Number) b).longValue();
  }

  @Override
  public Object finalizeValue(Object intermediate) {
    return intermediate;
  }

  @Override
  public Comparator<Object> comparator() {
    return NumericAggregatorFactory.NUMERIC_NULLS_FIRST;
  }

  private static final class Counter implements GroupedAggregator {
    private long[] counts = new long[0];

    @Override
    public void ensureCapacity(int slots) {
      if (slots > counts.length) {
        counts = Arrays.copyOf(counts, Math.max(slots, counts.length * 2));
      }
    }

    @Override
    public void aggregate(int slot) {
      counts[slot]++;
    }

    @Override
    public Object get(int slot) {
      return counts[slot];
    }

    @Override
    public boolean isNull(int slot) {
      return false;
    }

    @Override
    public long getLong(int slot) {
      return counts[slot];
    }

    @Override
    public double getDouble(int slot) {
      return counts[slot];
    }

    @Override
    public float getFloat(int slot) {
      return counts[slot];
    }

    @Override
    public int bytesPerSlot() {
      return Long.BYTES;
    }
  }

  private static final class VectorCounter implements GroupedVectorAggregator {
    private long[] counts = new long[0];

    @Override
    public void ensureCapacity(int slots) {
      if (slots > counts.length) {
        counts = Arrays.copyOf(counts, Math.max(slots, counts.length * 2));
      }
    }

    @Override
    public void aggregate(int slot, int size) {
      counts[slot] += size;
    }

    @Override
    public void aggregate(int[] slots, int size) {
      for (int i = 0; i < size; i++) {
        counts[slots[i]]++;
      }
    }

    @Override
    public Object get(int slot) {
      return counts[slot];
    }
  }
}
