package io.strata.processing.sketch;

import io.strata.api.data.ColumnSelectorFactory;
import io.strata.api.data.ColumnType;
import io.strata.api.data.ColumnValueSelector;
import io.strata.api.exec.GroupedAggregator;
import io.strata.api.query.AggregatorSpec;
import io.strata.processing.aggregation.QueryTimeAggregatorFactory;

import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.quantiles.DoublesSketch;
import org.apache.datasketches.quantiles.DoublesUnion;
import org.apache.datasketches.quantilescommon.QuantilesDoublesAPI;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * {@code quantilesDoublesSketch} and {@code KllDoublesSketch} at query time with the DataSketches library: a
 * group's non-null numeric values go into its sketch; partial sketches merge (a union of {@code k}, or a KLL merge);
 * finalized to the number of values sketched, as Druid finalizes them.
 */
public final class QuantilesSketchAggregatorFactory extends QueryTimeAggregatorFactory {
  private final AggregatorSpec.QuantilesSketch spec;

  public QuantilesSketchAggregatorFactory(AggregatorSpec.QuantilesSketch spec) {
    super(spec, List.of(spec.fieldName()));
    this.spec = spec;
  }

  @Override
  public ColumnType finalizedType() {
    return spec.shouldFinalize() ? ColumnType.LONG : ColumnType.COMPLEX;
  }

  QuantilesDoublesAPI newSketch() {
    return spec.kll() ? KllDoublesSketch.newHeapInstance(spec.k()) : DoublesSketch.builder().setK(spec.k()).build();
  }

  @Override
  public GroupedAggregator factorize(ColumnSelectorFactory factory) {
    ColumnValueSelector value = factory.makeColumnValueSelector(spec.fieldName());
    return new GroupedAggregator() {
      private QuantilesDoublesAPI[] sketches = new QuantilesDoublesAPI[0];

      @Override
      public void ensureCapacity(int slots) {
        if (slots > sketches.length) {
          sketches = Arrays.copyOf(sketches, Math.max(slots, sketches.length * 2));
        }
      }

      @Override
      public void aggregate(int slot) {
        if (value.isNull()) {
          return;
        }
        QuantilesDoublesAPI s = sketches[slot];
        if (s == null) {
          s = newSketch();
          sketches[slot] = s;
        }
        s.update(value.getDouble());
      }

      @Override
      public Object get(int slot) {
        return new QuantilesValue(sketches[slot] == null ? newSketch() : sketches[slot]);
      }

      @Override
      public boolean isNull(int slot) {
        return false;
      }

      @Override
      public long getLong(int slot) {
        return sketches[slot] == null ? 0 : sketches[slot].getN();
      }

      @Override
      public double getDouble(int slot) {
        return getLong(slot);
      }

      @Override
      public float getFloat(int slot) {
        return getLong(slot);
      }

      @Override
      public int bytesPerSlot() {
        return 64 + 16 * spec.k();
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
    QuantilesDoublesAPI x = ((QuantilesValue) a).sketch();
    QuantilesDoublesAPI y = ((QuantilesValue) b).sketch();
    if (spec.kll()) {
      KllDoublesSketch merged = KllDoublesSketch.newHeapInstance(spec.k());
      merged.merge((KllDoublesSketch) x);
      merged.merge((KllDoublesSketch) y);
      return new QuantilesValue(merged);
    }
    DoublesUnion union = DoublesUnion.builder().setMaxK(spec.k()).build();
    union.union((DoublesSketch) x);
    union.union((DoublesSketch) y);
    return new QuantilesValue(union.getResult());
  }

  @Override
  public Object finalizeValue(Object intermediate) {
    if (!spec.shouldFinalize() || !(intermediate instanceof QuantilesValue q)) {
      return intermediate;
    }
    return q.sketch().getN();
  }

  @Override
  public Comparator<Object> comparator() {
    return Comparator.comparingLong(v -> v instanceof QuantilesValue q ? q.sketch().getN()
        : v instanceof Number n ? n.longValue() : 0);
  }
}
