package io.strata.api.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.strata.api.data.ColumnType;
import io.strata.api.error.InvalidInputException;
import io.strata.api.query.Specs;

import java.util.Locale;

/**
 * One entry of {@code dimensionsSpec.dimensions}: a bare name (a string dimension) or
 * {@code {"type":"long","name":"userId"}}. Types: string, long, float, double.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DimensionSchema(@JsonProperty("type") String type, @JsonProperty("name") String name,
                              @JsonProperty("multiValueHandling") String multiValueHandling,
                              @JsonProperty("createBitmapIndex") Boolean createBitmapIndex) {
  public DimensionSchema {
    type = Specs.orDefault(type, "string").toLowerCase(Locale.ROOT);
    if (!type.equals("string") && !type.equals("long") && !type.equals("float") && !type.equals("double")) {
      throw new InvalidInputException("dimensionsSpec", "dimension [" + name + "] has unknown type [" + type
          + "]; use string, long, float or double");
    }
    if (name == null || name.isEmpty()) {
      throw new InvalidInputException("dimensionsSpec", "Missing required field [name] of a dimension of type ["
          + type + "]");
    }
    createBitmapIndex = Specs.orDefault(createBitmapIndex, true);
  }

  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static DimensionSchema of(String name) {
    return new DimensionSchema("string", name, null, null);
  }

  @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
  public static DimensionSchema create(@JsonProperty("type") String type, @JsonProperty("name") String name,
                                       @JsonProperty("multiValueHandling") String multiValueHandling,
                                       @JsonProperty("createBitmapIndex") Boolean createBitmapIndex) {
    return new DimensionSchema(type, name, multiValueHandling, createBitmapIndex);
  }

  public ColumnType columnType() {
    return ColumnType.fromString(type);
  }
}
