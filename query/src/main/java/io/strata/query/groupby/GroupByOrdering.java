package io.strata.query.groupby;

import io.strata.api.error.InvalidInputException;
import io.strata.api.exec.PostAggregator;
import io.strata.api.query.DimensionSpec;
import io.strata.api.query.LimitSpec;
import io.strata.api.query.Query;
import io.strata.query.exec.AggregateColumns;
import io.strata.query.exec.AggregatorSet;
import io.strata.query.exec.BestSlots;
import io.strata.query.exec.MergedGroups;
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
 * {@link #slotOrder} orders merged groups the same way before any row is made, so that a limited query makes
 * rows only for the groups it can return.
 */
final class GroupByOrdering implements Comparator<ResultRow> {
  private final boolean byTimestamp;
  /** Context {@code sortByDimsFirst}: the timestamp is compared after the fields, not before. */
  private final boolean timeLast;
  private final String[] fields;
  private final List<Comparator<Object>> orders;
  private final boolean[] descending;
  /** Per field, the dimension whose value the row holds under its name, or -1. */
  private final int[] fieldDimensions;
  /** Per field, the aggregator whose value the row holds under its name, or -1. */
  private final int[] fieldAggregators;

  private GroupByOrdering(boolean byTimestamp, boolean timeLast, List<String> fields, List<Comparator<Object>> orders,
                          boolean[] descending, int[] fieldDimensions, int[] fieldAggregators) {
    this.byTimestamp = byTimestamp;
    this.timeLast = timeLast;
    this.fields = fields.toArray(new String[0]);
    this.orders = List.copyOf(orders);
    this.descending = descending;
    this.fieldDimensions = fieldDimensions;
    this.fieldAggregators = fieldAggregators;
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
    boolean[] descending = new boolean[fields.size()];
    int[] fieldDimensions = new int[fields.size()];
    int[] fieldAggregators = new int[fields.size()];
    for (int i = 0; i < fields.size(); i++) {
      String name = fields.get(i);
      descending[i] = i < columns.size() && columns.get(i).descending();
      // A row holds one value per name; only a name given to exactly one output is read from the group directly.
      int dims = 0;
      int dim = -1;
      for (int d = 0; d < query.dimensions().size(); d++) {
        if (query.dimensions().get(d).outputName().equals(name)) {
          dims++;
          dim = d;
        }
      }
      int aggs = 0;
      int agg = -1;
      for (int a = 0; a < aggregators.size(); a++) {
        if (aggregators.name(a).equals(name)) {
          aggs++;
          agg = a;
        }
      }
      boolean post = postAggregators.stream().anyMatch(p -> p.name().equals(name));
      fieldDimensions[i] = dims == 1 && aggs == 0 && !post ? dim : -1;
      fieldAggregators[i] = aggs == 1 && dims == 0 && !post ? agg : -1;
    }
    // sortByDimsFirst orders by the dimensions, then the time; with a limitSpec, Druid 33 orders as the limitSpec
    // says (time first), and so does this.
    Object dimsFirst = query.contextValue("sortByDimsFirst");
    boolean timeLast = dimsFirst != null && Boolean.parseBoolean(dimsFirst.toString()) && query.limitSpec() == null;
    return new GroupByOrdering(!query.granularity().isAll(), timeLast, fields, orders, descending,
        fieldDimensions, fieldAggregators);
  }

  /**
   * Orders the slots of merged groups exactly as {@link #compare} orders the rows they become, or returns null
   * when some sort field is not read straight from the group (a post-aggregator, or a name several outputs
   * share). Built-in aggregators compare on their primitive columns.
   */
  BestSlots.Order slotOrder(MergedGroups groups, List<DimensionSpec> dimensions, AggregatorSet aggregators) {
    for (int i = 0; i < fields.length; i++) {
      if (fieldDimensions[i] < 0 && fieldAggregators[i] < 0) {
        return null;
      }
    }
    AggregateColumns columns = groups.aggregates();
    return (a, b) -> {
      if (byTimestamp && !timeLast) {
        int c = Long.compare(groups.bucket(a), groups.bucket(b));
        if (c != 0) {
          return c;
        }
      }
      for (int i = 0; i < fields.length; i++) {
        int agg = fieldAggregators[i];
        int c;
        if (agg >= 0 && aggregators.isPrimitive(agg)) {
          // The factories' comparator on the boxed values: nulls first, longs exactly, others as doubles.
          boolean na = columns.isNull(agg, a);
          boolean nb = columns.isNull(agg, b);
          c = na || nb ? (na == nb ? 0 : (na ? -1 : 1)) : columns.compareValues(agg, a, b);
          c = descending[i] ? -c : c;
        } else if (agg >= 0) {
          var f = aggregators.factories().get(agg);
          c = orders.get(i).compare(f.finalizeValue(columns.get(agg, a)), f.finalizeValue(columns.get(agg, b)));
        } else {
          int d = fieldDimensions[i];
          var type = dimensions.get(d).outputType();
          c = orders.get(i).compare(ResultValues.convertDimension(groups.value(d, a), type),
              ResultValues.convertDimension(groups.value(d, b), type));
        }
        if (c != 0) {
          return c;
        }
      }
      return byTimestamp && timeLast ? Long.compare(groups.bucket(a), groups.bucket(b)) : 0;
    };
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
    if (byTimestamp && !timeLast) {
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
    return byTimestamp && timeLast ? Long.compare(a.timestamp(), b.timestamp()) : 0;
  }

  private static Comparator<Object> valueOrder(LimitSpec.OrderByColumn c, Query.GroupBy query,
                                               AggregatorSet aggregators, List<PostAggregator> postAggregators) {
    String name = c.dimension();
    for (DimensionSpec d : query.dimensions()) {
      if (d.outputName().equals(name)) {
        // Druid orders the values of a transforming spec (extraction, lookup, ...) as text whatever its output
        // type; only a default spec's numbers are ordered as numbers.
        return ResultValues.dimensionOrder(d.type().equals("default") ? d.outputType()
            : io.strata.api.data.ColumnType.STRING, c.orderingName());
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
