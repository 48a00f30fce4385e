package io.strata.processing.aggregation;

import io.strata.api.data.ColumnSelectorFactory;
import io.strata.api.data.ColumnType;
import io.strata.api.data.VectorColumnSelectorFactory;
import io.strata.api.error.InvalidInputException;
import io.strata.api.exec.AggregatorFactory;
import io.strata.api.exec.GroupedAggregator;
import io.strata.api.exec.GroupedVectorAggregator;
import io.strata.api.query.AggregatorSpec;
import io.strata.processing.expression.Expression;

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
  /** Evaluated per row instead of reading {@link #fieldName} (which is then null); Druid's {@code expression}. */
  private final Expression expression;
  private final Op op;
  private final ColumnType valueType;

  private NumericAggregatorFactory(String type, String name, String fieldName, Expression expression, Op op,
                                   ColumnType valueType) {
    this.type = type;
    this.name = name;
    this.fieldName = fieldName;
    this.expression = expression;
    this.op = op;
    this.valueType = valueType;
  }

  static NumericAggregatorFactory of(String type, String name, String fieldName) {
    return of(type, name, fieldName, null);
  }

  /** @param expression the aggregator's {@code expression}, read instead of {@code fieldName}, or null */
  static NumericAggregatorFactory of(String type, String name, String fieldName, Expression expression) {
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
    return new NumericAggregatorFactory(type, name, fieldName, expression, op, vt);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public AggregatorSpec spec() {
    return new AggregatorSpec.Numeric(type, name, fieldName, expression == null ? null : expression.text());
  }

  @Override
  public List<String> requiredColumns() {
    return expression == null ? List.of(fieldName) : List.copyOf(new java.util.TreeSet<>(expression.requiredBindings()));
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
    var selector = expression == null ? factory.makeColumnValueSelector(fieldName)
        : ExpressionSelectors.row(expression, factory);
    return switch (valueType) {
      case LONG -> new NumericGroupedAggregators.LongAgg(selector, op);
      case FLOAT -> new NumericGroupedAggregators.FloatAgg(selector, op);
      default -> new NumericGroupedAggregators.DoubleAgg(selector, op);
    };
  }

  @Override
  public GroupedVectorAggregator factorizeVector(VectorColumnSelectorFactory factory) {
    var selector = expression == null ? factory.makeValueSelector(fieldName)
        : ExpressionSelectors.vector(expression, factory);
    return switch (valueType) {
      case LONG -> new NumericVectorAggregators.LongAgg(selector, op);
      case FLOAT -> new NumericVectorAggregators.FloatAgg(selector, op);
      default -> new NumericVectorAggregators.DoubleAgg(selector, op);
    };
  }

  @Override
  public AggregatorFactory combiningFactory() {
    return new NumericAggregatorFactory(type, name, name, null, op, valueType);
  }

  @Override
  public boolean orderInsensitive() {
    return op != Op.SUM || valueType == ColumnType.LONG;
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
    return type + "(" + name + " <- " + (expression == null ? fieldName : expression.text()) + ")";
  }
}
