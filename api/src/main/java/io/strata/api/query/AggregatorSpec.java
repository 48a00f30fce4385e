package io.strata.api.query;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * An aggregator as written in a metricsSpec or a query's {@code aggregations}. All type names in one place:
 * {@code count}; {@code longSum}, {@code doubleSum}, {@code floatSum}, {@code longMin}, {@code longMax},
 * {@code doubleMin}, {@code doubleMax}, {@code floatMin}, {@code floatMax}; {@code filtered}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.EXISTING_PROPERTY, property = "type",
    visible = true)
@JsonSubTypes({
    @JsonSubTypes.Type(value = AggregatorSpec.Count.class, name = "count"),
    @JsonSubTypes.Type(value = AggregatorSpec.Numeric.class, names = {"longSum", "doubleSum", "floatSum",
        "longMin", "longMax", "doubleMin", "doubleMax", "floatMin", "floatMax"}),
    @JsonSubTypes.Type(value = AggregatorSpec.Filtered.class, name = "filtered"),
})
public sealed interface AggregatorSpec permits AggregatorSpec.Count, AggregatorSpec.Numeric, AggregatorSpec.Filtered {
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

  /**
   * Druid's {@code filtered} aggregator: {@code aggregator} over only the rows {@code filter} matches. Its name is
   * {@code name} if given, else the inner aggregator's.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Filtered(@JsonProperty("type") String type, @JsonProperty("aggregator") AggregatorSpec aggregator,
                  @JsonProperty("filter") FilterSpec filter, @JsonProperty("name") String nameGiven)
      implements AggregatorSpec {
    public Filtered {
      type = "filtered";
      Specs.required(aggregator, "aggregator", "the aggregator to apply to the filtered rows");
      Specs.required(filter, "filter", "which rows the aggregator sees");
    }

    @Override
    public String name() {
      return nameGiven != null ? nameGiven : aggregator.name();
    }

    /** The inner aggregator, named as this one is (so results and merges use one name). */
    public AggregatorSpec namedAggregator() {
      String n = name();
      if (n.equals(aggregator.name())) {
        return aggregator;
      }
      if (aggregator instanceof Count) {
        return Count.of(n);
      }
      if (aggregator instanceof Numeric num) {
        return new Numeric(num.type(), n, num.fieldName(), num.expression());
      }
      Filtered f = (Filtered) aggregator;
      return new Filtered("filtered", f.aggregator(), f.filter(), n);
    }
  }
}
