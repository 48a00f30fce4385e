package io.strata.processing.postagg;

import io.strata.api.exec.AggregatorFactory;
import io.strata.api.exec.PostAggregator;

import java.util.Comparator;
import java.util.Map;
import java.util.Set;

/**
 * {@code fieldAccess} reads a value as it is in the row (an aggregator's intermediate value, or an earlier
 * post-aggregator's result); {@code finalizingFieldAccess} finalizes an aggregator's value through its factory.
 */
final class FieldAccessPostAggregator implements PostAggregator {
  private final String name;
  private final String fieldName;
  private final AggregatorFactory aggregator; // null if the field is not an aggregator
  private final boolean finalize;

  FieldAccessPostAggregator(String name, String fieldName, AggregatorFactory aggregator, boolean finalize) {
    this.name = name;
    this.fieldName = fieldName;
    this.aggregator = aggregator;
    this.finalize = finalize;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Set<String> dependentFields() {
    return Set.of(fieldName);
  }

  @Override
  public Object compute(Map<String, Object> row) {
    Object v = row.get(fieldName);
    return finalize && aggregator != null ? aggregator.finalizeValue(v) : v;
  }

  @Override
  public Comparator<Object> comparator() {
    return !finalize && aggregator != null ? aggregator.comparator() : ValueComparators.NATURAL_NULLS_FIRST;
  }

  @Override
  public String toString() {
    return (finalize ? "finalizingFieldAccess(" : "fieldAccess(") + fieldName + ")";
  }
}
