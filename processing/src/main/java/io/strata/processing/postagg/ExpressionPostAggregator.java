package io.strata.processing.postagg;

import io.strata.api.data.ColumnType;
import io.strata.api.exec.AggregatorFactory;
import io.strata.api.exec.PostAggregator;
import io.strata.processing.expression.Expression;
import io.strata.processing.expression.Expressions;

import java.util.Comparator;
import java.util.Map;
import java.util.Set;

/**
 * {@code expression}: evaluates a Druid expression over one result row. An identifier naming an aggregator reads its
 * finalized value (as Druid's expression post-aggregator does: a count is a number, a sketch its estimate), any
 * other identifier an earlier post-aggregator or a groupBy dimension. With an {@code outputType} the result is
 * coerced to it; without one it is the expression's own value (a Long, a Double or a String).
 */
final class ExpressionPostAggregator implements PostAggregator {
  private final String name;
  private final Expression expression;
  private final Map<String, AggregatorFactory> aggregators;
  private final ColumnType outputType;
  private final Comparator<Object> comparator;

  ExpressionPostAggregator(String name, String expression, String ordering, ColumnType outputType,
                           Map<String, AggregatorFactory> aggregators) {
    this.name = name;
    this.expression = Expressions.parse(expression);
    this.aggregators = Map.copyOf(aggregators);
    this.outputType = outputType;
    this.comparator = ordering == null ? ValueComparators.NATURAL_NULLS_FIRST : ValueComparators.NUMERIC_FIRST;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Set<String> dependentFields() {
    return expression.requiredBindings();
  }

  @Override
  public Object compute(Map<String, Object> row) {
    Object v = expression.eval(field -> {
      Object value = row.get(field);
      AggregatorFactory a = aggregators.get(field);
      return a == null || value == null ? value : a.finalizeValue(value);
    });
    return outputType == null ? v : Expressions.coerce(v, outputType);
  }

  @Override
  public Comparator<Object> comparator() {
    return comparator;
  }

  @Override
  public String toString() {
    return "expression(" + name + " = " + expression.text() + ")";
  }
}
