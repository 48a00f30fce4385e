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
 * Druid's first/last aggregators ({@code longFirst}, ..., {@code stringLast}): the value of the row with the
 * earliest (first) or latest (last) time of the time column. On equal times the first keeps the row it saw first and
 * the last takes the row it saw last, as Druid's do; a null value in the deciding row is the answer (null), and a
 * row without a time is skipped. Partial values are {@link TimedValue}s, merged by time.
 */
final class FirstLastAggregatorFactory extends QueryTimeAggregatorFactory {
  private final AggregatorSpec.FirstLast spec;
  private final ColumnType valueType;
  private final boolean last;

  FirstLastAggregatorFactory(AggregatorSpec.FirstLast spec) {
    super(spec, spec.fieldName().equals(spec.timeColumn()) ? List.of(spec.fieldName())
        : List.of(spec.fieldName(), spec.timeColumn()));
    this.spec = spec;
    this.valueType = switch (spec.valueType()) {
      case "long" -> ColumnType.LONG;
      case "double" -> ColumnType.DOUBLE;
      case "float" -> ColumnType.FLOAT;
      default -> ColumnType.STRING;
    };
    this.last = spec.last();
  }

  @Override
  public ColumnType finalizedType() {
    return valueType;
  }

  /** The row's value as this aggregator keeps it: a Long, Double, Float or (cut) String, or null. */
  static Object read(ColumnValueSelector s, ColumnType type, int maxStringBytes) {
    if (type != ColumnType.STRING) {
      if (s.isNull()) {
        return null;
      }
      return switch (type) {
        case LONG -> s.getLong();
        case FLOAT -> s.getFloat();
        default -> s.getDouble();
      };
    }
    Object v = s.getObject();
    if (v == null) {
      return null;
    }
    String text = v instanceof String str ? str : String.valueOf(v);
    return text.length() > maxStringBytes ? text.substring(0, maxStringBytes) : text;
  }

  @Override
  public GroupedAggregator factorize(ColumnSelectorFactory factory) {
    ColumnValueSelector time = factory.makeColumnValueSelector(spec.timeColumn());
    ColumnValueSelector value = factory.makeColumnValueSelector(spec.fieldName());
    int maxBytes = spec.maxStringBytes();
    return new ValueSlotAggregator() {
      private long[] times = new long[0];

      @Override
      void grow(int n) {
        times = Arrays.copyOf(times, n);
      }

      @Override
      public void aggregate(int slot) {
        if (time.isNull()) {
          return;
        }
        long t = time.getLong();
        if (!set[slot] || (last ? t >= times[slot] : t < times[slot])) {
          times[slot] = t;
          values[slot] = read(value, valueType, maxBytes);
          set[slot] = true;
        }
      }

      @Override
      public Object get(int slot) {
        return set[slot] ? new TimedValue(times[slot], values[slot]) : null;
      }

      @Override
      public int bytesPerSlot() {
        return 8 + 8 + 1 + 24;
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
    TimedValue x = (TimedValue) a;
    TimedValue y = (TimedValue) b;
    if (last) {
      return y.time() >= x.time() ? y : x;
    }
    return y.time() < x.time() ? y : x;
  }

  @Override
  public Object finalizeValue(Object intermediate) {
    return intermediate instanceof TimedValue v ? v.value() : intermediate;
  }

  @Override
  public Comparator<Object> comparator() {
    Comparator<Object> values = valueOrder(valueType);
    return (a, b) -> values.compare(finalizeValue(a), finalizeValue(b));
  }

  /** How finalized values of {@code type} order: strings as text, numbers as numbers; nulls first. */
  static Comparator<Object> valueOrder(ColumnType type) {
    return type == ColumnType.STRING ? Comparator.nullsFirst(Comparator.comparing(Object::toString))
        : NumericAggregatorFactory.NUMERIC_NULLS_FIRST;
  }

  @Override
  public String toString() {
    return spec.type() + "(" + spec.name() + " <- " + spec.fieldName() + " by " + spec.timeColumn() + ")";
  }
}
