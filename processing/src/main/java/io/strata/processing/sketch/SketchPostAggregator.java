package io.strata.processing.sketch;

import io.strata.api.exec.PostAggregator;

import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** A post-aggregator computing one value from the values of its fields (sketches, usually from fieldAccess). */
final class SketchPostAggregator implements PostAggregator {
  private final String name;
  private final List<PostAggregator> fields;
  private final Function<List<Object>, Object> compute;
  private final Comparator<Object> comparator;

  SketchPostAggregator(String name, List<PostAggregator> fields, Function<List<Object>, Object> compute,
                       Comparator<Object> comparator) {
    this.name = name;
    this.fields = List.copyOf(fields);
    this.compute = compute;
    this.comparator = comparator;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Set<String> dependentFields() {
    Set<String> out = new LinkedHashSet<>();
    fields.forEach(f -> out.addAll(f.dependentFields()));
    return Set.copyOf(out);
  }

  @Override
  public Object compute(Map<String, Object> row) {
    Object[] values = new Object[fields.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = fields.get(i).compute(row);
    }
    return compute.apply(java.util.Arrays.asList(values));
  }

  @Override
  public Comparator<Object> comparator() {
    return comparator;
  }

  @Override
  public String toString() {
    return name + fields;
  }
}
