package io.strata.api.query;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.strata.api.data.ColumnType;

/**
 * A grouping dimension: {@code "page"} or {@code {"type":"default","dimension":"page","outputName":"p",
 * "outputType":"STRING"}}.
 */
public record DimensionSpec(@JsonProperty("type") String type, @JsonProperty("dimension") String dimension,
                            @JsonProperty("outputName") String outputName,
                            @JsonProperty("outputType") ColumnType outputType) {
  public DimensionSpec {
    type = Specs.orDefault(type, "default");
    if (!type.equals("default")) {
      throw new io.strata.api.error.InvalidInputException("dimensions", "dimension spec type [" + type
          + "] is not supported; use \"default\"");
    }
    Specs.required(dimension, "dimension", "the column to group on");
    outputName = Specs.orDefault(outputName, dimension);
    outputType = Specs.orDefault(outputType, ColumnType.STRING);
  }

  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static DimensionSpec of(String dimension) {
    return new DimensionSpec("default", dimension, dimension, ColumnType.STRING);
  }

  @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
  public static DimensionSpec create(@JsonProperty("type") String type, @JsonProperty("dimension") String dimension,
                                     @JsonProperty("outputName") String outputName,
                                     @JsonProperty("outputType") ColumnType outputType) {
    return new DimensionSpec(type, dimension, outputName, outputType);
  }
}
