package io.strata.query.exec;

import io.strata.api.data.ColumnType;
import io.strata.api.exec.PostAggregator;
import io.strata.processing.ordering.StringComparators;
import io.strata.processing.postagg.PostAggregators;
import io.strata.processing.util.Numbers;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small conversions shared by the engines when turning groups into Druid-shaped result rows. */
public final class ResultValues {
  /** Numbers by value (longs exactly), nulls first. */
  public static final Comparator<Object> NUMBERS_NULLS_FIRST = ResultValues::compareNumbers;

  private ResultValues() {
  }

  /**
   * A dimension value in the requested output type: strings stay strings; numeric types parse the string (a
   * value that does not parse becomes null).
   */
  public static Object convertDimension(String value, ColumnType outputType) {
    if (value == null || outputType == null || outputType == ColumnType.STRING || outputType == ColumnType.COMPLEX) {
      return value;
    }
    Number n = Numbers.tryParseNumber(value);
    if (n == null) {
      return null;
    }
    return switch (outputType) {
      case LONG -> n.longValue();
      case FLOAT -> n.floatValue();
      default -> n.doubleValue();
    };
  }

  /**
   * The values of one result row: the given leading entries, then the aggregators' values and the
   * post-aggregators' results. Post-aggregators read intermediate values, as in Druid; aggregators are finalized
   * afterwards.
   */
  public static Map<String, Object> aggregateRow(Map<String, Object> leading, AggregatorSet aggregators,
                                                 Object[] values, List<PostAggregator> postAggregators) {
    Map<String, Object> row = leading == null ? new LinkedHashMap<>() : leading;
    aggregators.putIntermediate(row, values);
    if (!postAggregators.isEmpty()) {
      PostAggregators.computeAll(postAggregators, row);
    }
    aggregators.finalizeIn(row, values);
    return row;
  }

  /**
   * How output dimension values sort under a named string ordering: numeric output types sort by value under
   * the (default) lexicographic ordering; otherwise values compare by their string form with the named ordering.
   * Nulls first.
   */
  public static Comparator<Object> dimensionOrder(ColumnType outputType, String orderingName) {
    if (outputType != null && outputType.isNumeric() && StringComparators.isLexicographic(orderingName)) {
      return NUMBERS_NULLS_FIRST;
    }
    Comparator<String> strings = StringComparators.forName(orderingName);
    return (a, b) -> strings.compare(a == null ? null : a.toString(), b == null ? null : b.toString());
  }

  private static int compareNumbers(Object a, Object b) {
    if (a == null) {
      return b == null ? 0 : -1;
    }
    if (b == null) {
      return 1;
    }
    if (a instanceof Number x && b instanceof Number y) {
      if (Numbers.isIntegral(x) && Numbers.isIntegral(y)) {
        return Long.compare(x.longValue(), y.longValue());
      }
      return Double.compare(x.doubleValue(), y.doubleValue());
    }
    return String.valueOf(a).compareTo(String.valueOf(b));
  }
}
