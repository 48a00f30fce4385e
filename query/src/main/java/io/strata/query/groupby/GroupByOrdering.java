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
 * ({@code outputType}) ones by value.
 */
final class GroupByOrdering {
  private GroupByOrdering() {
  }

  static Comparator<ResultRow> of(Query.GroupBy query, AggregatorSet aggregators,
                                  List<PostAggregator> postAggregators) {
    List<Comparator<ResultRow>> parts = new ArrayList<>();
    if (!query.granularity().isAll()) {
      parts.add(Comparator.comparingLong(ResultRow::timestamp));
    }
    Set<String> used = new HashSet<>();
    List<LimitSpec.OrderByColumn> columns = query.limitSpec() == null ? List.of() : query.limitSpec().columns();
    for (LimitSpec.OrderByColumn c : columns) {
      Comparator<Object> values = valueOrder(c, query, aggregators, postAggregators);
      if (c.descending()) {
        values = values.reversed();
      }
      parts.add(byField(c.dimension(), values));
      used.add(c.dimension());
    }
    for (DimensionSpec d : query.dimensions()) {
      if (!used.contains(d.outputName())) {
        parts.add(byField(d.outputName(), ResultValues.dimensionOrder(d.outputType(), "lexicographic")));
      }
    }
    return (a, b) -> {
      for (Comparator<ResultRow> p : parts) {
        int c = p.compare(a, b);
        if (c != 0) {
          return c;
        }
      }
      return 0;
    };
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

  private static Comparator<ResultRow> byField(String name, Comparator<Object> values) {
    return (a, b) -> {
      Map<String, Object> x = a.event();
      Map<String, Object> y = b.event();
      return values.compare(x.get(name), y.get(name));
    };
  }
}
