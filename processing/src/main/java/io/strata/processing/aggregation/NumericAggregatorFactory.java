package io.strata.processing.aggregation;

import io.strata.api.data.ColumnSelectorFactory;
import io.strata.api.data.ColumnType;
import io.strata.api.data.VectorColumnSelectorFactory;
import io.strata.api.error.InvalidInputException;
import io.strata.api.exec.AggregatorFactory;
import io.strata.api.exec.GroupedAggregator;
import io.strata.api.exec.GroupedVectorAggregator;
import io.strata.api.query.AggregatorSpec;

import java.util.Comparator;
import java.util.List;

/**
 * Sum, min or max of a numeric column, computed as long, float or double ({@code longSum}, {@code doubleMax}, ...).
 * As in Druid with SQL-compatible nulls, the result is null when no non-null value was aggregated.
 */
final class NumericAggregatorFactory implements AggregatorFactory {
  enum Op { SUM, MIN, MAX }

  static final Comparator<Object> NUMERIC_NULLS_FIRST = (a, b) -> {
    if (a == null) {
      return b == null ? 0 : -1;
    }
    if (b == null) {
      return 1;
    }
    if (a instanceof Long x && b instanceof Long y) {
      return Long.compare(x, y);
    }
    return Double.compare(((Number) a).doubleValue(), ((Number) b).doubleValue());
  };

  private final String type;
  private final String name;
  private final String fieldName;
  private final Op op;
  private final ColumnType valueType;

  private NumericAggregatorFactory(String type, String name, String fieldName, Op op, ColumnType valueType) {
    this.type = type;
    this.name = name;
    this.fieldName = fieldName;
    this.op = op;
    this.valueType = valueType;
  }

  static NumericAggregatorFactory of(String type, String name, String fieldName) {
    ColumnType vt;
    String rest;
    if (type.startsWith("long")) {
      vt = ColumnType.LONG;
      rest = type.substring(4);
    } else if (type.startsWith("double")) {
      vt = ColumnType.DOUBLE;
      rest = type.substring(6);
    } else if (type.startsWith("float")) {
      vt = ColumnType.FLOAT;
      rest = type.substring(5);
    } else {
      throw new InvalidInputException("type", "unknown aggregator type [" + type + "]");
    }
    Op op = switch (rest) {
      case "Sum" -> Op.SUM;
      case "Min" -> Op.MIN;
      case "Max" -> Op.MAX;
      default -> throw new InvalidInputException("type", "unknown aggregator type [" + type + "]");
    };
    return new NumericAggregatorFactory(type, name, fieldName, op, vt);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public AggregatorSpec spec() {
    return AggregatorSpec.Numeric.of(type, name, fieldName);
  }

  @Override
  public List<String> requiredColumns() {
    return List.of(fieldName);
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
    var selector = factory.makeColumnValueSelector(fieldName);
    return switch (valueType) {
      case LONG -> new NumericGroupedAggregators.LongAgg(selector, op);
      case FLOAT -> new NumericGroupedAggregators.FloatAgg(selector, op);
      default -> new NumericGroupedAggregators.DoubleAgg(selector, op);
    };
  }

  @Override
  public GroupedVectorAggregator factorizeVector(VectorColumnSelectorFactory factory) {
    var selector = factory.makeValueSelector(fieldName);
    return switch (valueType) {
      case LONG -> new NumericVectorAggregators.LongAgg(selector, op);
      case FLOAT -> new NumericVectorAggregators.FloatAgg(selector, op);
      default -> new NumericVectorAggregators.DoubleAgg(selector, op);
    };
  }

  @Override
  public AggregatorFactory combiningFactory() {
    return new NumericAggregatorFactory(type, name, name, op, valueType);
  }

  @Override
  public Object combine(Object a, Object b) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    Number x = (Number) a;
    Number y = (Number) b;
    switch (valueType) {
      case LONG: {
        long l = x.longValue();
        long r = y.longValue();
        return switch (op) {
          case SUM -> l + r;
          case MIN -> Math.min(l, r);
          case MAX -> Math.max(l, r);
        };
      }
      case FLOAT: {
        float l = x.floatValue();
        float r = y.floatValue();
        return switch (op) {
          case SUM -> l + r;
          case MIN -> Math.min(l, r);
          case MAX -> Math.max(l, r);
        };
      }
      default: {
        double l = x.doubleValue();
        double r = y.doubleValue();
        return switch (op) {
          case SUM -> l + r;
          case MIN -> Math.min(l, r);
          case MAX -> Math.max(l, r);
        };
      }
    }
  }

  @Override
  public Object finalizeValue(Object intermediate) {
    return intermediate;
  }

  @Override
  public Comparator<Object> comparator() {
    return NUMERIC_NULLS_FIRST;
  }

  @Override
  public String toString() {
    return type + "(" + name + " <- " + fieldName + ")";
  }
}
