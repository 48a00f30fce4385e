package io.strata.query.groupby;

import io.strata.api.error.InvalidInputException;
import io.strata.api.exec.PostAggregator;
import io.strata.api.query.DimensionSpec;
import io.strata.api.query.LimitSpec;
import io.strata.api.query.Query;
import io.strata.query.exec.AggregatorSet;
import io.strata.query.exec.ResultValues;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The order of groupBy results, as Druid's default limitSpec sorts them: by timestamp first unless the granularity
 * is {@code all}; then by the limitSpec columns (dimensions with their {@code dimensionOrder}, aggregators and
 * post-aggregators with their own orderings; {@code descending} reverses, so nulls go last); then by the
 * remaining dimensions ascending. String dimensions sort lexicographically with null first, numeric
 * ({@code outputType}) ones by value. The compared values are pulled out of each row once ({@link #keysOf}).
 */
final class GroupByOrdering implements Comparator<ResultRow> {
  private final boolean byTimestamp;
  private final String[] fields;
  private final List<Comparator<Object>> orders;

  private GroupByOrdering(boolean byTimestamp, List<String> fields, List<Comparator<Object>> orders) {
    this.byTimestamp = byTimestamp;
    this.fields = fields.toArray(new String[0]);
    this.orders = List.copyOf(orders);
  }

  static GroupByOrdering of(Query.GroupBy query, AggregatorSet aggregators, List<PostAggregator> postAggregators) {
    List<String> fields = new ArrayList<>();
    List<Comparator<Object>> orders = new ArrayList<>();
    Set<String> used = new HashSet<>();
    List<LimitSpec.OrderByColumn> columns = query.limitSpec() == null ? List.of() : query.limitSpec().columns();
    for (LimitSpec.OrderByColumn c : columns) {
      Comparator<Object> values = valueOrder(c, query, aggregators, postAggregators);
      fields.add(c.dimension());
      orders.add(c.descending() ? values.reversed() : values);
      used.add(c.dimension());
    }
    for (DimensionSpec d : query.dimensions()) {
      if (!used.contains(d.outputName())) {
        fields.add(d.outputName());
        orders.add(ResultValues.dimensionOrder(d.outputType(), "lexicographic"));
      }
    }
    return new GroupByOrdering(!query.granularity().isAll(), fields, orders);
  }

  /** The values of {@code event} this ordering compares. */
  Object[] keysOf(Map<String, Object> event) {
    Object[] keys = new Object[fields.length];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = event.get(fields[i]);
    }
    return keys;
  }

  @Override
  public int compare(ResultRow a, ResultRow b) {
    if (byTimestamp) {
      int c = Long.compare(a.timestamp(), b.timestamp());
      if (c != 0) {
        return c;
      }
    }
    Object[] x = a.sortKeys();
    Object[] y = b.sortKeys();
    for (int i = 0; i < x.length; i++) {
      int c = orders.get(i).compare(x[i], y[i]);
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  private static Comparator<Object> valueOrder(LimitSpec.OrderByColumn c, Query.GroupBy query,
                                               AggregatorSet aggregators, List<PostAggregator> postAggregators) {
    String name = c.dimension();
    for (DimensionSpec d : query.dimensions()) {
      if (d.outputName().equals(name)) {
        return ResultValues.dimensionOrder(d.outputType(), c.orderingName());
      }
    }
    int agg = aggregators.indexOf(name);
    if (agg >= 0) {
      return aggregators.factories().get(agg).comparator();
    }
    for (PostAggregator p : postAggregators) {
      if (p.name().equals(name)) {
        return p.comparator();
      }
    }
    throw new InvalidInputException("limitSpec", "limitSpec orders by [" + name
        + "], which is not a dimension, aggregator or post-aggregator of the query");
  }
}
