package io.strata.api.spec;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.strata.api.query.FilterSpec;
import io.strata.api.query.Specs;

import java.util.List;

/** {@code transformSpec}: expression transforms applied after timestampSpec, then a row filter. */
public record TransformSpec(@JsonProperty("transforms") List<Transform> transforms,
                            @JsonProperty("filter") FilterSpec filter) {
  public static final TransformSpec NONE = new TransformSpec(null, null);

  public TransformSpec {
    transforms = Specs.listOrEmpty(transforms);
  }

  /** Transform types, all in one place: {@code expression}. */
  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
  @JsonSubTypes({@JsonSubTypes.Type(value = ExpressionTransform.class, name = "expression")})
  public sealed interface Transform {
    String name();
  }

  /** {@code {"type":"expression","name":"channel","expression":"concat('#', language)"}}. */
  public record ExpressionTransform(@JsonProperty("name") String name, @JsonProperty("expression") String expression)
      implements Transform {
    public ExpressionTransform {
      Specs.required(name, "name", "the output field of the transform");
      Specs.required(expression, "expression", "a Druid expression");
    }
  }
}
