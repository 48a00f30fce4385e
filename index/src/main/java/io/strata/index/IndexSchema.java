package io.strata.index;

import io.strata.api.error.InvalidInputException;
import io.strata.api.query.AggregatorSpec;
import io.strata.api.spec.DataSchema;
import io.strata.api.spec.DimensionSchema;
import io.strata.api.spec.DimensionsSpec;
import io.strata.api.spec.TimestampSpec;
import io.strata.api.time.Granularity;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The parts of a dataSchema an {@link IncrementalIndex} needs ({@link #from(DataSchema)}); column names must be
 * unique across dimensions and metrics and must not be {@code __time}. Immutable.
 *
 * @param dimensionsSpec   explicit dimensions, or schemaless discovery with its exclusions
 * @param metrics          the metricsSpec
 * @param timestampColumn  the timestampSpec column, never discovered as a dimension
 * @param queryGranularity row timestamps are truncated to this
 * @param rollup           whether rows with equal truncated time and dimension values collapse into one
 */
public record IndexSchema(DimensionsSpec dimensionsSpec, List<AggregatorSpec> metrics, String timestampColumn,
                          Granularity queryGranularity, boolean rollup) {

  public IndexSchema {
    dimensionsSpec = dimensionsSpec == null ? DimensionsSpec.SCHEMALESS : dimensionsSpec;
    metrics = metrics == null ? List.of() : List.copyOf(metrics);
    timestampColumn = timestampColumn == null ? TimestampSpec.defaults().column() : timestampColumn;
    queryGranularity = queryGranularity == null ? Granularity.NONE : queryGranularity;
    Set<String> names = new HashSet<>();
    for (DimensionSchema d : dimensionsSpec.dimensions()) {
      if (d.name().equals(IncrementalIndex.TIME_COLUMN) || !names.add(d.name())) {
        throw new InvalidInputException("dimensionsSpec", "dimension [" + d.name()
            + "] is listed twice or is __time; each column name may appear once");
      }
    }
    for (AggregatorSpec a : metrics) {
      if (a.name().equals(IncrementalIndex.TIME_COLUMN) || !names.add(a.name())) {
        throw new InvalidInputException("metricsSpec", "metric [" + a.name()
            + "] is __time or repeats a dimension or metric name; each column name may appear once");
      }
    }
  }

  /** The index settings of a (translated) dataSchema. */
  public static IndexSchema from(DataSchema dataSchema) {
    TimestampSpec ts = dataSchema.timestampSpec();
    return new IndexSchema(dataSchema.dimensionsSpec(), dataSchema.metricsSpec(),
        ts == null ? null : ts.column(), dataSchema.granularitySpec().queryGranularity(),
        dataSchema.granularitySpec().rollup());
  }

  /** Whether fields other than the explicit dimensions become string dimensions. */
  public boolean discoversDimensions() {
    return dimensionsSpec.isSchemaless() || dimensionsSpec.includeAllDimensions()
        || dimensionsSpec.useSchemaDiscovery();
  }
}
