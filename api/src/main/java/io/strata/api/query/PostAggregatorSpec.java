package io.strata.api.query;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.strata.api.error.InvalidInputException;

import java.util.List;
import java.util.Set;

/**
 * Post-aggregators, all type names in one place: {@code arithmetic}, {@code fieldAccess},
 * {@code finalizingFieldAccess}, {@code constant}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = PostAggregatorSpec.Arithmetic.class, name = "arithmetic"),
    @JsonSubTypes.Type(value = PostAggregatorSpec.FieldAccess.class, name = "fieldAccess"),
    @JsonSubTypes.Type(value = PostAggregatorSpec.FinalizingFieldAccess.class, name = "finalizingFieldAccess"),
    @JsonSubTypes.Type(value = PostAggregatorSpec.Constant.class, name = "constant"),
})
public sealed interface PostAggregatorSpec {
  String name();

  /** {@code fn} is one of {@code + - * / quotient pow}; {@code ordering} null or {@code numericFirst}. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Arithmetic(@JsonProperty("name") String name, @JsonProperty("fn") String fn,
                    @JsonProperty("fields") List<PostAggregatorSpec> fields,
                    @JsonProperty("ordering") String ordering) implements PostAggregatorSpec {
    static final Set<String> FNS = Set.of("+", "-", "*", "/", "quotient", "pow");

    public Arithmetic {
      Specs.required(fn, "fn", "one of + - * / quotient pow");
      if (!FNS.contains(fn)) {
        throw new InvalidInputException("fn", "Unknown arithmetic fn [" + fn + "]; use one of + - * / quotient pow");
      }
      if (fields == null || fields.size() < 2) {
        throw new InvalidInputException("fields", "arithmetic post-aggregator [" + name
            + "] needs at least two fields");
      }
      fields = List.copyOf(fields);
      if (ordering != null && !ordering.equals("numericFirst")) {
        throw new InvalidInputException("ordering", "Unknown ordering [" + ordering + "] of arithmetic "
            + "post-aggregator [" + name + "]; leave it out or use \"numericFirst\"");
      }
    }
  }

  /** Reads an aggregator's value as aggregated (not finalized). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record FieldAccess(@JsonProperty("name") String name, @JsonProperty("fieldName") String fieldName)
      implements PostAggregatorSpec {
    public FieldAccess {
      Specs.required(fieldName, "fieldName", "the aggregator to read");
    }
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record FinalizingFieldAccess(@JsonProperty("name") String name, @JsonProperty("fieldName") String fieldName)
      implements PostAggregatorSpec {
    public FinalizingFieldAccess {
      Specs.required(fieldName, "fieldName", "the aggregator to read");
    }
  }

  record Constant(@JsonProperty("name") String name, @JsonProperty("value") Number value)
      implements PostAggregatorSpec {
    public Constant {
      Specs.required(value, "value", "a number");
    }
  }
}
