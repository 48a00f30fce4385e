package io.strata.processing.aggregation;

import io.strata.api.data.ColumnSelectorFactory;
import io.strata.api.data.ColumnType;
import io.strata.api.data.ColumnValueSelector;
import io.strata.api.exec.GroupedAggregator;
import io.strata.api.query.AggregatorSpec;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Druid's {@code doubleMean}: the mean of a column's non-null values. Partial values are {@link Mean}s (sum and
 * count), added up across segments; the finalized value is their quotient (0 when no value was seen, as in Druid).
 */
final class DoubleMeanAggregatorFactory extends QueryTimeAggregatorFactory {
  /** A partial mean; written as Druid writes one, base64 of the sum (a double) and the count (a long), big-endian. */
  record Mean(double sum, long count) {
    /** The mean; 0 when no value was seen, as Druid answers. */
    double value() {
      return count == 0 ? 0.0 : sum / count;
    }

    @com.fasterxml.jackson.annotation.JsonValue
    String base64() {
      return java.util.Base64.getEncoder().encodeToString(java.nio.ByteBuffer.allocate(16).putDouble(sum)
          .putLong(count).array());
    }
  }

  private final AggregatorSpec.DoubleMean spec;

  DoubleMeanAggregatorFactory(AggregatorSpec.DoubleMean spec) {
    super(spec, List.of(spec.fieldName()));
    this.spec = spec;
  }

  @Override
  public ColumnType finalizedType() {
    return ColumnType.DOUBLE;
  }

  @Override
  public GroupedAggregator factorize(ColumnSelectorFactory factory) {
    ColumnValueSelector value = factory.makeColumnValueSelector(spec.fieldName());
    return new GroupedAggregator() {
      private double[] sums = new double[0];
      private long[] counts = new long[0];

      @Override
      public void ensureCapacity(int slots) {
        if (slots > sums.length) {
          int n = Math.max(slots, sums.length * 2);
          sums = Arrays.copyOf(sums, n);
          counts = Arrays.copyOf(counts, n);
        }
      }

      @Override
      public void aggregate(int slot) {
        if (!value.isNull()) {
          sums[slot] += value.getDouble();
          counts[slot]++;
        }
      }

      @Override
      public Object get(int slot) {
        return new Mean(sums[slot], counts[slot]);
      }

      @Override
      public boolean isNull(int slot) {
        return false;
      }

      @Override
      public long getLong(int slot) {
        return (long) getDouble(slot);
      }

      @Override
      public double getDouble(int slot) {
        return counts[slot] == 0 ? 0.0 : sums[slot] / counts[slot];
      }

      @Override
      public float getFloat(int slot) {
        return (float) getDouble(slot);
      }

      @Override
      public int bytesPerSlot() {
        return 16;
      }
    };
  }

  @Override
  public Object combine(Object a, Object b) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    Mean x = (Mean) a;
    Mean y = (Mean) b;
    return new Mean(x.sum() + y.sum(), x.count() + y.count());
  }

  @Override
  public Object finalizeValue(Object intermediate) {
    return intermediate instanceof Mean m ? m.value() : intermediate;
  }

  @Override
  public Comparator<Object> comparator() {
    return (a, b) -> NumericAggregatorFactory.NUMERIC_NULLS_FIRST.compare(finalizeValue(a), finalizeValue(b));
  }
}
