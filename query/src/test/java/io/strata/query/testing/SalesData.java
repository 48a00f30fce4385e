package io.strata.query.testing;

import io.strata.api.data.ColumnType;
import io.strata.api.query.AggregatorSpec;
import io.strata.api.time.Granularity;

import java.util.List;

/**
 * A tiny two-segment datasource "sales" for engine tests.
 *
 * <pre>
 * day 2020-01-01: 00:00 US NYC qty 1 price 10.0 | 00:30 US SF qty 2 price 20.0 | 02:00 FR Paris qty 3 price 5.0
 *                 02:15 (null) (null) qty null price 1.0
 * day 2020-01-02: 01:00 US NYC qty 4 price 2.5 | 05:00 DE Berlin qty 5 price 4.0
 * </pre>
 */
public final class SalesData {
  private SalesData() {
  }

  public static List<TestSegment> segments() {
    return segments(false);
  }

  public static List<TestSegment> segments(boolean vectorize) {
    return List.of(day1(vectorize), day2(vectorize));
  }

  public static TestSegment.Builder builder(String interval, boolean vectorize) {
    return TestSegment.builder("sales", interval)
        .dimension("country", ColumnType.STRING).dimension("city", ColumnType.STRING)
        .metric("qty", ColumnType.LONG).metric("price", ColumnType.DOUBLE)
        .info(List.of(AggregatorSpec.Count.of("count"), AggregatorSpec.Numeric.of("longSum", "qty", "qty")),
            Granularity.of("hour"), true)
        .vectorize(vectorize);
  }

  public static TestSegment day1(boolean vectorize) {
    return builder("2020-01-01/2020-01-02", vectorize)
        .row("2020-01-01T00:00", "country", "US", "city", "NYC", "qty", 1L, "price", 10.0)
        .row("2020-01-01T00:30", "country", "US", "city", "SF", "qty", 2L, "price", 20.0)
        .row("2020-01-01T02:00", "country", "FR", "city", "Paris", "qty", 3L, "price", 5.0)
        .row("2020-01-01T02:15", "qty", null, "price", 1.0)
        .build();
  }

  public static TestSegment day2(boolean vectorize) {
    return builder("2020-01-02/2020-01-03", vectorize)
        .row("2020-01-02T01:00", "country", "US", "city", "NYC", "qty", 4L, "price", 2.5)
        .row("2020-01-02T05:00", "country", "DE", "city", "Berlin", "qty", 5L, "price", 4.0)
        .build();
  }
}
