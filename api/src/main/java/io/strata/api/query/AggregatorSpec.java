package io.strata.api.query;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * An aggregator as written in a metricsSpec or a query's {@code aggregations}. All type names in one place:
 * {@code count}; {@code longSum}, {@code doubleSum}, {@code floatSum}, {@code longMin}, {@code longMax},
 * {@code doubleMin}, {@code doubleMax}, {@code floatMin}, {@code floatMax}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.EXISTING_PROPERTY, property = "type",
    visible = true)
@JsonSubTypes({
    @JsonSubTypes.Type(value = AggregatorSpec.Count.class, name = "count"),
    @JsonSubTypes.Type(value = AggregatorSpec.Numeric.class, names = {"longSum", "doubleSum", "floatSum",
        "longMin", "longMax", "doubleMin", "doubleMax", "floatMin", "floatMax"}),
})
public sealed interface AggregatorSpec permits AggregatorSpec.Count, AggregatorSpec.Numeric {
  String type();

  String name();

  /** Counts rows: {@code {"type":"count","name":"count"}}. */
  record Count(@JsonProperty("type") String type, @JsonProperty("name") String name) implements AggregatorSpec {
    public Count {
      type = "count";
      Specs.required(name, "name", "every aggregator needs a name");
    }

    public static Count of(String name) {
      return new Count("count", name);
    }
  }

  /**
   * Sum, min or max over a numeric input column ({@code fieldName}) or an expression. The type name says the
   * arithmetic and result type: {@code longSum}, {@code doubleMax}, ...
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Numeric(@JsonProperty("type") String type, @JsonProperty("name") String name,
                 @JsonProperty("fieldName") String fieldName, @JsonProperty("expression") String expression)
      implements AggregatorSpec {
    public Numeric {
      Specs.required(name, "name", "every aggregator needs a name");
      if (fieldName == null && expression == null) {
        throw new io.strata.api.error.InvalidInputException("fieldName",
            "Missing required field [fieldName] of aggregator [" + name + "] (type " + type
                + "): name the input column to aggregate");
      }
    }

    public static Numeric of(String type, String name, String fieldName) {
      return new Numeric(type, name, fieldName, null);
    }
  }
}
