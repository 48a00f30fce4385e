package io.strata.processing.sketch;

import io.strata.api.data.ColumnSelectorFactory;
import io.strata.api.data.ColumnType;
import io.strata.api.data.ColumnValueSelector;
import io.strata.api.error.InvalidInputException;
import io.strata.api.exec.GroupedAggregator;
import io.strata.api.query.AggregatorSpec;
import io.strata.api.query.DimensionSpec;
import io.strata.processing.aggregation.QueryTimeAggregatorFactory;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Druid's {@code cardinality} aggregator, and {@code hyperUnique} over a column the data lacks (an empty count;
 * Strata stores no hyperUnique columns), both with {@link DruidHll} so estimates agree with Druid's. Without
 * {@code byRow} every non-null value of every field is counted; with it, each row's combination (its fields'
 * values as UTF-16LE, a zero byte between fields, a null field adding nothing). Numbers are hashed as longs (doubles
 * by their bits). The partial value is the collector, shown in Druid's serialized form.
 */
public final class CardinalityAggregatorFactory extends QueryTimeAggregatorFactory {
  /** A collector as a partial value; written as Druid writes one (base64 of {@link DruidHll#toBytes}). */
  public record Collector(DruidHll hll) {
    @com.fasterxml.jackson.annotation.JsonValue
    String base64() {
      return java.util.Base64.getEncoder().encodeToString(hll.toBytes());
    }
  }

  private final String name;
  private final List<String> fields;
  private final boolean byRow;
  private final boolean round;
  private final boolean hyperUnique;

  public CardinalityAggregatorFactory(AggregatorSpec.Cardinality spec) {
    super(spec, spec.fields().stream().map(DimensionSpec::dimension).toList());
    this.name = spec.name();
    this.fields = spec.fields().stream().map(DimensionSpec::dimension).toList();
    this.byRow = spec.byRow();
    this.round = spec.round();
    this.hyperUnique = false;
  }

  public CardinalityAggregatorFactory(AggregatorSpec.HyperUnique spec) {
    super(spec, List.of(spec.fieldName()));
    this.name = spec.name();
    this.fields = List.of(spec.fieldName());
    this.byRow = false;
    this.round = spec.round();
    this.hyperUnique = true;
  }

  @Override
  public ColumnType finalizedType() {
    return round ? ColumnType.LONG : ColumnType.DOUBLE;
  }

  private static void appendUtf16(ByteArrayOutputStream out, String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_16LE);
    out.write(b, 0, b.length);
  }

  private static void appendValue(ByteArrayOutputStream out, Object v) {
    if (v instanceof String s) {
      appendUtf16(out, s);
    } else if (v instanceof Number n) {
      long bits = n instanceof Double || n instanceof Float ? Double.doubleToLongBits(n.doubleValue())
          : n.longValue();
      for (int i = 0; i < 8; i++) {
        out.write((int) (bits >>> (8 * i)) & 0xff);
      }
    } else if (v != null) {
      appendUtf16(out, String.valueOf(v));
    }
  }

  private static long[] hashOf(Object v) {
    if (v instanceof String s) {
      return DruidHll.hash(s);
    }
    if (v instanceof Double || v instanceof Float) {
      return DruidHll.hash(Double.doubleToLongBits(((Number) v).doubleValue()));
    }
    if (v instanceof Number n) {
      return DruidHll.hash(n.longValue());
    }
    return DruidHll.hash(String.valueOf(v));
  }

  @Override
  public GroupedAggregator factorize(ColumnSelectorFactory factory) {
    if (hyperUnique && factory.capabilities(fields.get(0)) != null) {
      throw new InvalidInputException("type", "hyperUnique aggregator [" + name + "] merges a stored hyperUnique "
          + "column, and Strata stores none yet: count [" + fields.get(0) + "] with a cardinality aggregator or "
          + "HLLSketchBuild");
    }
    ColumnValueSelector[] selectors = new ColumnValueSelector[fields.size()];
    for (int i = 0; i < selectors.length; i++) {
      selectors[i] = factory.makeColumnValueSelector(fields.get(i));
    }
    return new GroupedAggregator() {
      private DruidHll[] collectors = new DruidHll[0];

      @Override
      public void ensureCapacity(int slots) {
        if (slots > collectors.length) {
          collectors = Arrays.copyOf(collectors, Math.max(slots, collectors.length * 2));
        }
      }

      private DruidHll collector(int slot) {
        DruidHll c = collectors[slot];
        if (c == null) {
          c = new DruidHll();
          collectors[slot] = c;
        }
        return c;
      }

      @Override
      public void aggregate(int slot) {
        if (hyperUnique) {
          return; // a missing column: nothing to count
        }
        if (byRow) {
          ByteArrayOutputStream row = new ByteArrayOutputStream();
          for (int i = 0; i < selectors.length; i++) {
            if (i != 0) {
              row.write(0);
            }
            appendValue(row, selectors[i].getObject());
          }
          collector(slot).add(DruidHll.hash(row.toByteArray()));
          return;
        }
        for (ColumnValueSelector s : selectors) {
          Object v = s.getObject();
          if (v instanceof List<?> list) {
            for (Object e : list) {
              if (e != null) {
                collector(slot).add(hashOf(e));
              }
            }
          } else if (v != null) {
            collector(slot).add(hashOf(v));
          }
        }
      }

      @Override
      public Object get(int slot) {
        if (hyperUnique) {
          return null; // nothing merged: null, finalized as 0
        }
        return new Collector(collectors[slot] == null ? new DruidHll() : collectors[slot].copy());
      }

      @Override
      public boolean isNull(int slot) {
        return false;
      }

      @Override
      public long getLong(int slot) {
        return Math.round(getDouble(slot));
      }

      @Override
      public double getDouble(int slot) {
        return collectors[slot] == null ? 0 : collectors[slot].estimate();
      }

      @Override
      public float getFloat(int slot) {
        return (float) getDouble(slot);
      }

      @Override
      public int bytesPerSlot() {
        return DruidHll.BUCKETS + 16;
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
    DruidHll merged = ((Collector) a).hll().copy();
    merged.fold(((Collector) b).hll());
    return new Collector(merged);
  }

  /** The estimate of a partial value ({@code hyperUniqueCardinality}). */
  public static double estimateOf(Object v) {
    return v instanceof Collector c ? c.hll().estimate() : v instanceof Number n ? n.doubleValue() : 0;
  }

  @Override
  public Object finalizeValue(Object intermediate) {
    if (intermediate == null && hyperUnique) {
      return round ? (Object) 0L : (Object) 0.0;
    }
    if (!(intermediate instanceof Collector c)) {
      return intermediate;
    }
    double estimate = c.hll().estimate();
    return round ? (Object) Math.round(estimate) : (Object) estimate;
  }

  @Override
  public Comparator<Object> comparator() {
    return Comparator.comparingDouble(CardinalityAggregatorFactory::estimateOf);
  }
}
