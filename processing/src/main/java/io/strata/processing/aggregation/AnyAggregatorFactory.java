package io.strata.processing.aggregation;

import io.strata.api.data.ColumnSelectorFactory;
import io.strata.api.data.ColumnType;
import io.strata.api.data.ColumnValueSelector;
import io.strata.api.exec.GroupedAggregator;
import io.strata.api.query.AggregatorSpec;

import java.util.Comparator;
import java.util.List;

/**
 * Druid's any aggregators ({@code longAny}, {@code doubleAny}, {@code floatAny}, {@code stringAny}): the value of
 * the first row read (null included), and across segments the first partial value that is not null.
 */
final class AnyAggregatorFactory extends QueryTimeAggregatorFactory {
  private final AggregatorSpec.Any spec;
  private final ColumnType valueType;

  AnyAggregatorFactory(AggregatorSpec.Any spec) {
    super(spec, List.of(spec.fieldName()));
    this.spec = spec;
    this.valueType = switch (spec.valueType()) {
      case "long" -> ColumnType.LONG;
      case "double" -> ColumnType.DOUBLE;
      case "float" -> ColumnType.FLOAT;
      default -> ColumnType.STRING;
    };
  }

  @Override
  public ColumnType intermediateType() {
    return valueType;
  }

  @Override
  public ColumnType finalizedType() {
    return valueType;
  }

  @Override
  public GroupedAggregator factorize(ColumnSelectorFactory factory) {
    ColumnValueSelector value = factory.makeColumnValueSelector(spec.fieldName());
    int maxBytes = spec.maxStringBytes();
    return new ValueSlotAggregator() {
      @Override
      public void aggregate(int slot) {
        if (!set[slot]) {
          values[slot] = FirstLastAggregatorFactory.read(value, valueType, maxBytes);
          set[slot] = true;
        }
      }

      @Override
      public Object get(int slot) {
        return values[slot];
      }

      @Override
      public int bytesPerSlot() {
        return 8 + 1 + 24;
      }
    };
  }

  @Override
  public Object combine(Object a, Object b) {
    return a != null ? a : b;
  }

  @Override
  public Object finalizeValue(Object intermediate) {
    return intermediate;
  }

  @Override
  public Comparator<Object> comparator() {
    return FirstLastAggregatorFactory.valueOrder(valueType);
  }
}
