package io.strata.api.data;

import io.strata.api.query.AggregatorSpec;
import io.strata.api.time.Granularity;

import java.util.List;

/**
 * The columns of a segment to be written: dimensions in their sort order (after {@code __time}) and metrics with
 * the aggregators that made them.
 *
 * @param dimensions  dimension columns, in row sort order
 * @param metrics     the metricsSpec; metric {@code i} holds the intermediate values of {@code metrics.get(i)}
 * @param metricTypes intermediate type of each metric (LONG, FLOAT, DOUBLE or COMPLEX)
 */
public record SegmentSchema(List<Column> dimensions, List<AggregatorSpec> metrics, List<ColumnType> metricTypes,
                            Granularity queryGranularity, boolean rollup) {
  public SegmentSchema {
    dimensions = List.copyOf(dimensions);
    metrics = List.copyOf(metrics);
    metricTypes = List.copyOf(metricTypes);
    if (metrics.size() != metricTypes.size()) {
      throw new IllegalArgumentException("metrics and metricTypes differ in length");
    }
  }

  public record Column(String name, ColumnType type) {
  }
}
