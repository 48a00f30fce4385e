package io.strata.api.query;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.strata.api.data.ColumnType;
import io.strata.api.error.InvalidInputException;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A query's virtual column: {@code {"type":"expression","name":"v","expression":"added * 2","outputType":"LONG"}},
 * a column computed per row from others by a Druid expression, usable by name as a dimension, in filters and in
 * aggregators. The value is coerced to {@code outputType}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VirtualColumnSpec(@JsonProperty("type") String type, @JsonProperty("name") String name,
                                @JsonProperty("expression") String expression,
                                @JsonProperty("outputType") ColumnType outputType) {
  public VirtualColumnSpec {
    type = Specs.orDefault(type, "expression");
    if (!type.equals("expression")) {
      throw new InvalidInputException("virtualColumns", "Unknown virtual column type [" + type
          + "]; known types: expression");
    }
    Specs.required(name, "name", "every virtual column needs a name");
    if (name.equals("__time")) {
      throw new InvalidInputException("virtualColumns", "virtual column name [__time] is reserved");
    }
    Specs.required(expression, "expression", "the expression that computes virtual column [" + name + "]");
    // Druid infers a missing outputType from the expression; Strata does not infer types yet, and guessing would
    // change the answer (2 vs 2.0, numbers vs strings): the type must be given.
    Specs.required(outputType, "outputType", "the type of virtual column [" + name + "]: LONG, DOUBLE, FLOAT or "
        + "STRING");
    if (outputType == ColumnType.COMPLEX) {
      throw new InvalidInputException("outputType", "outputType COMPLEX of virtual column [" + name
          + "] is not supported; use LONG, DOUBLE, FLOAT or STRING");
    }
  }

  /** The list, checked for duplicate names. */
  static List<VirtualColumnSpec> checked(List<VirtualColumnSpec> columns) {
    List<VirtualColumnSpec> out = Specs.listOrEmpty(columns);
    Set<String> names = new HashSet<>();
    for (VirtualColumnSpec v : out) {
      if (!names.add(v.name())) {
        throw new InvalidInputException("virtualColumns", "Duplicate virtual column name [" + v.name() + "]");
      }
    }
    return out;
  }
}
