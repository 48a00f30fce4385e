package io.strata.processing.postagg;

import io.strata.api.exec.PostAggregator;

import java.util.Comparator;
import java.util.Map;
import java.util.Set;

/** {@code constant}: always the same number. */
final class ConstantPostAggregator implements PostAggregator {
  private final String name;
  private final Number value;

  ConstantPostAggregator(String name, Number value) {
    this.name = name;
    this.value = value;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Set<String> dependentFields() {
    return Set.of();
  }

  @Override
  public Object compute(Map<String, Object> row) {
    return value;
  }

  @Override
  public Comparator<Object> comparator() {
    return ValueComparators.NATURAL_NULLS_FIRST;
  }

  @Override
  public String toString() {
    return "constant(" + value + ")";
  }
}
