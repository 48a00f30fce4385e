package io.strata.api.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.strata.api.error.InvalidInputException;
import io.strata.api.query.AggregatorSpec;
import io.strata.api.query.Specs;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code dataSchema}: what the datasource holds. {@code parser} is the legacy form; {@link IngestionSpec}
 * translates it and the pipeline never reads it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DataSchema(@JsonProperty("dataSource") String dataSource,
                         @JsonProperty("timestampSpec") TimestampSpec timestampSpec,
                         @JsonProperty("dimensionsSpec") DimensionsSpec dimensionsSpec,
                         @JsonProperty("metricsSpec") List<AggregatorSpec> metricsSpec,
                         @JsonProperty("granularitySpec") GranularitySpec granularitySpec,
                         @JsonProperty("transformSpec") TransformSpec transformSpec,
                         @JsonProperty("parser") Map<String, Object> parser) {

  public DataSchema {
    Specs.required(dataSource, "dataSource", "the datasource name");
    Identifiers.dataSource(dataSource, "dataSource");
    metricsSpec = Specs.listOrEmpty(metricsSpec);
    granularitySpec = Specs.orDefault(granularitySpec, GranularitySpec.defaults());
    transformSpec = Specs.orDefault(transformSpec, TransformSpec.NONE);
    if (parser == null) {
      timestampSpec = Specs.orDefault(timestampSpec, TimestampSpec.defaults());
      dimensionsSpec = Specs.orDefault(dimensionsSpec, DimensionsSpec.SCHEMALESS);
      validate(dimensionsSpec, metricsSpec, timestampSpec);
    }
  }

  private static void validate(DimensionsSpec dims, List<AggregatorSpec> metrics, TimestampSpec ts) {
    Set<String> names = new HashSet<>();
    for (DimensionSchema d : dims.dimensions()) {
      if (d.name().equals("__time")) {
        throw new InvalidInputException("dimensionsSpec", "[__time] cannot be a dimension: it is the primary "
            + "timestamp, set by timestampSpec");
      }
      if (!names.add(d.name())) {
        throw new InvalidInputException("dimensionsSpec", "Cannot specify a column more than once: [" + d.name()
            + "] appears twice in dimensions");
      }
      if (dims.dimensionExclusions().contains(d.name())) {
        throw new InvalidInputException("dimensionsSpec", "[" + d.name()
            + "] cannot be both a dimension and in dimensionExclusions");
      }
    }
    for (AggregatorSpec a : metrics) {
      if (a.name().equals("__time")) {
        throw new InvalidInputException("metricsSpec", "[__time] cannot be a metric name");
      }
      AggregatorSpec stored = a;
      while (stored instanceof AggregatorSpec.Filtered f) {
        stored = f.aggregator();
      }
      if (stored.queryOnly()) {
        throw new InvalidInputException("metricsSpec", "Aggregator [" + a.name() + "] of type [" + stored.type()
            + "] works in queries, but Strata cannot store it in a segment yet: leave it out of the metricsSpec "
            + "(ingest the column as a dimension or a numeric metric) and aggregate it at query time");
      }
      if (!names.add(a.name())) {
        throw new InvalidInputException("metricsSpec", "Cannot specify a column more than once: [" + a.name()
            + "] is both a dimension and a metric, or appears twice in metricsSpec");
      }
    }
  }

  /** This schema with the legacy parser's timestampSpec/dimensionsSpec filled in and the parser dropped. */
  DataSchema withParsed(TimestampSpec ts, DimensionsSpec dims) {
    return new DataSchema(dataSource, timestampSpec != null ? timestampSpec : ts,
        dimensionsSpec != null ? dimensionsSpec : dims, metricsSpec, granularitySpec, transformSpec, null);
  }
}
