package io.strata.processing.sketch;

import io.strata.api.data.ColumnSelectorFactory;
import io.strata.api.data.ColumnType;
import io.strata.api.data.ColumnValueSelector;
import io.strata.api.error.InvalidInputException;
import io.strata.api.exec.GroupedAggregator;
import io.strata.api.query.AggregatorSpec;
import io.strata.processing.aggregation.QueryTimeAggregatorFactory;

import org.apache.datasketches.theta.SetOperation;
import org.apache.datasketches.theta.Sketch;
import org.apache.datasketches.theta.Union;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * {@code thetaSketch} at query time with the DataSketches library: each group's values go into a union of
 * {@code size} nominal entries as Druid feeds them (strings as UTF-8, longs and doubles by their bits; nulls and
 * empty strings not counted); partial values are compact sketches, merged by union.
 */
public final class ThetaSketchAggregatorFactory extends QueryTimeAggregatorFactory {
  private final AggregatorSpec.ThetaSketch spec;

  public ThetaSketchAggregatorFactory(AggregatorSpec.ThetaSketch spec) {
    super(spec, List.of(spec.fieldName()));
    if (spec.isInputThetaSketch()) {
      throw new InvalidInputException("isInputThetaSketch", "aggregator [" + spec.name() + "] reads stored theta "
          + "sketches (isInputThetaSketch), and Strata stores none yet: sketch the raw column instead");
    }
    this.spec = spec;
  }

  @Override
  public ColumnType finalizedType() {
    return spec.shouldFinalize() ? ColumnType.DOUBLE : ColumnType.COMPLEX;
  }

  Union newUnion() {
    return SetOperation.builder().setNominalEntries(spec.size()).buildUnion();
  }

  static void update(Union union, Object v) {
    if (v == null) {
      return;
    }
    if (v instanceof String s) {
      union.update(s);
    } else if (v instanceof Long || v instanceof Integer) {
      union.update(((Number) v).longValue());
    } else if (v instanceof Number n) {
      union.update(n.doubleValue());
    } else if (v instanceof List<?> list) {
      list.forEach(e -> update(union, e));
    } else {
      union.update(String.valueOf(v));
    }
  }

  @Override
  public GroupedAggregator factorize(ColumnSelectorFactory factory) {
    ColumnValueSelector value = factory.makeColumnValueSelector(spec.fieldName());
    return new GroupedAggregator() {
      private Union[] unions = new Union[0];

      @Override
      public void ensureCapacity(int slots) {
        if (slots > unions.length) {
          unions = Arrays.copyOf(unions, Math.max(slots, unions.length * 2));
        }
      }

      @Override
      public void aggregate(int slot) {
        Object v = value.getObject();
        if (v == null) {
          return;
        }
        Union u = unions[slot];
        if (u == null) {
          u = newUnion();
          unions[slot] = u;
        }
        update(u, v);
      }

      @Override
      public Object get(int slot) {
        Union u = unions[slot];
        return new ThetaValue(u == null ? newUnion().getResult() : u.getResult());
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
        return unions[slot] == null ? 0 : unions[slot].getResult().getEstimate();
      }

      @Override
      public float getFloat(int slot) {
        return (float) getDouble(slot);
      }

      @Override
      public int bytesPerSlot() {
        return 256;
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
    Union u = newUnion();
    u.union(((ThetaValue) a).sketch());
    u.union(((ThetaValue) b).sketch());
    return new ThetaValue(u.getResult());
  }

  @Override
  public Object finalizeValue(Object intermediate) {
    if (!spec.shouldFinalize() || !(intermediate instanceof ThetaValue t)) {
      return intermediate;
    }
    Sketch sketch = t.sketch();
    if (spec.errorBoundsStdDev() != null) {
      return SketchPostAggregators.withBounds(sketch, spec.errorBoundsStdDev());
    }
    return sketch.getEstimate();
  }

  @Override
  public Comparator<Object> comparator() {
    return Comparator.comparingDouble(v -> v instanceof ThetaValue t ? t.sketch().getEstimate()
        : v instanceof Number n ? n.doubleValue() : 0);
  }
}
