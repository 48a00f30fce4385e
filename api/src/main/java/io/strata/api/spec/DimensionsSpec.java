package io.strata.api.spec;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.strata.api.query.Specs;

import java.util.List;

/**
 * {@code dimensionsSpec}. Empty {@code dimensions} and {@code spatialDimensions} mean schemaless: every input field
 * except the exclusions, the timestamp column, metric inputs and metric names becomes a string dimension.
 */
public record DimensionsSpec(@JsonProperty("dimensions") List<DimensionSchema> dimensions,
                             @JsonProperty("dimensionExclusions") List<String> dimensionExclusions,
                             @JsonProperty("spatialDimensions") List<Object> spatialDimensions,
                             @JsonProperty("includeAllDimensions") Boolean includeAllDimensions,
                             @JsonProperty("useSchemaDiscovery") Boolean useSchemaDiscovery) {
  public static final DimensionsSpec SCHEMALESS = new DimensionsSpec(null, null, null, null, null);

  public DimensionsSpec {
    dimensions = Specs.listOrEmpty(dimensions);
    dimensionExclusions = Specs.listOrEmpty(dimensionExclusions);
    spatialDimensions = Specs.listOrEmpty(spatialDimensions);
    includeAllDimensions = Specs.orDefault(includeAllDimensions, false);
    useSchemaDiscovery = Specs.orDefault(useSchemaDiscovery, false);
    if (!spatialDimensions.isEmpty()) {
      throw new io.strata.api.error.InvalidInputException("spatialDimensions",
          "spatialDimensions are not supported yet; remove them or leave the list empty");
    }
  }

  public static DimensionsSpec of(List<DimensionSchema> dimensions) {
    return new DimensionsSpec(dimensions, null, null, null, null);
  }

  /** True when dimensions are discovered from the input (rules 1-6 of the ingestion reference). */
  public boolean isSchemaless() {
    return dimensions.isEmpty() && spatialDimensions.isEmpty();
  }
}
