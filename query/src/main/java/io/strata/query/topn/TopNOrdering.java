package io.strata.query.topn;

import io.strata.api.data.ColumnType;
import io.strata.api.error.InvalidInputException;
import io.strata.api.query.TopNMetricSpec;
import io.strata.processing.ordering.StringComparators;
import io.strata.query.exec.ResultValues;

import java.util.Comparator;
import java.util.Set;

/**
 * How topN ranks the values of one bucket, following Druid 33's observable behaviour:
 * <ul>
 *   <li>numeric: by the metric, descending ({@code inverted}: ascending); a null metric ranks last either way;
 *       ties by dimension value ascending (null first; by value for numeric output types);</li>
 *   <li>dimension: by the value with the named ordering, ascending ({@code inverted}: descending); the null value
 *       ranks first either way; with {@code previousStop}, only values strictly after it (in the ranking
 *       direction) are kept, and null is dropped.</li>
 * </ul>
 */
final class TopNOrdering {
  private final String metric; // null for dimension orderings
  private final Comparator<Object> valueOrder;
  private final Comparator<String> stopOrder;
  private final String previousStop;
  private final boolean inverted;

  private TopNOrdering(String metric, Comparator<Object> valueOrder, Comparator<String> stopOrder,
                       String previousStop, boolean inverted) {
    this.metric = metric;
    this.valueOrder = valueOrder;
    this.stopOrder = stopOrder;
    this.previousStop = previousStop;
    this.inverted = inverted;
  }

  /**
   * @param outputNames names the metric may refer to (aggregators and post-aggregators)
   * @param outputType  the dimension's output type
   */
  static TopNOrdering of(TopNMetricSpec spec, Set<String> outputNames, ColumnType outputType) {
    boolean inverted = false;
    TopNMetricSpec s = spec;
    while ("inverted".equals(s.type())) {
      inverted = !inverted;
      s = s.invertedInner();
    }
    if ("numeric".equals(s.type())) {
      String name = (String) s.metric();
      if (!outputNames.contains(name)) {
        throw new InvalidInputException("metric", "topN metric [" + name
            + "] is not an aggregator or post-aggregator of the query; use one of " + outputNames);
      }
      return new TopNOrdering(name, ResultValues.dimensionOrder(outputType, "lexicographic"), null, null, inverted);
    }
    return new TopNOrdering(null, ResultValues.dimensionOrder(outputType, s.ordering()),
        StringComparators.forName(s.ordering()), s.previousStop(), inverted);
  }

  /** The aggregator or post-aggregator ranked by, or null when ranking by dimension value. */
  String metric() {
    return metric;
  }

  /** True if a numeric ordering ranks ascending. */
  boolean inverted() {
    return inverted;
  }

  /** How output values compare: the tie-break of numeric orderings. */
  Comparator<Object> valueOrder() {
    return valueOrder;
  }

  /** False for values the ranking leaves out ({@code previousStop}). */
  boolean keeps(String value) {
    if (metric != null || previousStop == null) {
      return true;
    }
    if (value == null) {
      return false;
    }
    int c = stopOrder.compare(value, previousStop);
    return inverted ? c < 0 : c > 0;
  }

  /** Best first. */
  Comparator<TopNCandidate> comparator() {
    if (metric != null) {
      return (a, b) -> {
        Object x = a.metricValue();
        Object y = b.metricValue();
        if (x == null || y == null) {
          if (x != y) {
            return x == null ? 1 : -1;
          }
        } else {
          int c = ResultValues.NUMBERS_NULLS_FIRST.compare(x, y);
          if (c != 0) {
            return inverted ? c : -c;
          }
        }
        return valueOrder.compare(a.output(), b.output());
      };
    }
    return (a, b) -> {
      Object x = a.output();
      Object y = b.output();
      if (x == null || y == null) {
        return x == y ? 0 : (x == null ? -1 : 1);
      }
      int c = valueOrder.compare(x, y);
      return inverted ? -c : c;
    };
  }
}
