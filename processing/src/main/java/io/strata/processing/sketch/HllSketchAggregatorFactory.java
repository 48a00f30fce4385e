package io.strata.processing.sketch;

import io.strata.api.data.ColumnSelectorFactory;
import io.strata.api.data.ColumnType;
import io.strata.api.data.ColumnValueSelector;
import io.strata.api.error.InvalidInputException;
import io.strata.api.exec.GroupedAggregator;
import io.strata.api.query.AggregatorSpec;
import io.strata.processing.aggregation.QueryTimeAggregatorFactory;

import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.TgtHllType;
import org.apache.datasketches.hll.Union;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * {@code HLLSketchBuild} (and {@code HLLSketchMerge} over a column the data lacks: an empty sketch) at query time, with the DataSketches library Druid uses: each row's value goes into the
 * group's sketch as Druid feeds it (strings as UTF-16LE chars or UTF-8 bytes, longs and doubles by their bits; nulls
 * and empty strings are not counted); partial sketches merge through a union of {@code lgK}.
 */
public final class HllSketchAggregatorFactory extends QueryTimeAggregatorFactory {
  private final AggregatorSpec.HllSketch spec;
  private final TgtHllType type;
  private final boolean utf8;

  private final boolean merge;

  public HllSketchAggregatorFactory(AggregatorSpec.HllSketch spec) {
    super(spec, List.of(spec.fieldName()));
    this.spec = spec;
    this.merge = spec.type().equals("HLLSketchMerge");
    this.type = TgtHllType.valueOf(spec.tgtHllType());
    this.utf8 = spec.stringEncoding().equals("utf8");
  }

  @Override
  public ColumnType finalizedType() {
    return !spec.shouldFinalize() ? ColumnType.COMPLEX : spec.round() ? ColumnType.LONG : ColumnType.DOUBLE;
  }

  void update(HllSketch sketch, Object v) {
    if (v == null) {
      return;
    }
    if (v instanceof String s) {
      if (utf8) {
        sketch.update(s.getBytes(StandardCharsets.UTF_8));
      } else {
        sketch.update(s.toCharArray());
      }
    } else if (v instanceof Long || v instanceof Integer) {
      sketch.update(((Number) v).longValue());
    } else if (v instanceof Number n) {
      sketch.update(n.doubleValue());
    } else if (v instanceof List<?> list) {
      list.forEach(e -> update(sketch, e));
    } else {
      update(sketch, String.valueOf(v));
    }
  }

  @Override
  public GroupedAggregator factorize(ColumnSelectorFactory factory) {
    if (merge && factory.capabilities(spec.fieldName()) != null) {
      // A column the segment lacks merges nothing (an empty sketch); one it has is not a sketch column.
      throw new InvalidInputException("type", "HLLSketchMerge of aggregator [" + spec.name() + "] merges stored "
          + "HLL sketch columns, and Strata stores none yet: use HLLSketchBuild over the raw column ["
          + spec.fieldName() + "]");
    }
    ColumnValueSelector value = factory.makeColumnValueSelector(spec.fieldName());
    return new GroupedAggregator() {
      private HllSketch[] sketches = new HllSketch[0];

      @Override
      public void ensureCapacity(int slots) {
        if (slots > sketches.length) {
          sketches = Arrays.copyOf(sketches, Math.max(slots, sketches.length * 2));
        }
      }

      @Override
      public void aggregate(int slot) {
        Object v = value.getObject();
        if (v == null) {
          return;
        }
        HllSketch s = sketches[slot];
        if (s == null) {
          s = new HllSketch(spec.lgK(), type);
          sketches[slot] = s;
        }
        update(s, v);
      }

      @Override
      public Object get(int slot) {
        HllSketch s = sketches[slot];
        if (s == null) {
          return new HllValue(new HllSketch(spec.lgK(), type));
        }
        // Through a union, as Druid's merge of partial results passes every sketch (even a single one): the result
        // is the same sketch a multi-segment query gives, and unions of it estimate as Druid's do.
        Union union = new Union(spec.lgK());
        union.update(s);
        return new HllValue(union.getResult(type));
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
        return sketches[slot] == null ? 0 : sketches[slot].getEstimate();
      }

      @Override
      public float getFloat(int slot) {
        return (float) getDouble(slot);
      }

      @Override
      public int bytesPerSlot() {
        return 64 + (1 << spec.lgK()) / 2;
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
    Union union = new Union(spec.lgK());
    union.update(((HllValue) a).sketch());
    union.update(((HllValue) b).sketch());
    return new HllValue(union.getResult(type));
  }

  @Override
  public Object finalizeValue(Object intermediate) {
    if (!spec.shouldFinalize() || !(intermediate instanceof HllValue h)) {
      return intermediate;
    }
    double estimate = h.sketch().getEstimate();
    return spec.round() ? (Object) Math.round(estimate) : (Object) estimate;
  }

  @Override
  public Comparator<Object> comparator() {
    return Comparator.comparingDouble(HllSketchAggregatorFactory::estimateOf);
  }

  static double estimateOf(Object v) {
    if (v instanceof HllValue h) {
      return h.sketch().getEstimate();
    }
    return v instanceof Number n ? n.doubleValue() : 0;
  }
}
