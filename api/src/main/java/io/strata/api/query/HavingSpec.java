package io.strata.api.query;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import java.util.List;

/**
 * groupBy {@code having} clauses, all type names in one place: {@code greaterThan}, {@code lessThan},
 * {@code equalTo}, {@code dimSelector}, {@code filter}, {@code and}, {@code or}, {@code not}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = HavingSpec.GreaterThan.class, name = "greaterThan"),
    @JsonSubTypes.Type(value = HavingSpec.LessThan.class, name = "lessThan"),
    @JsonSubTypes.Type(value = HavingSpec.EqualTo.class, name = "equalTo"),
    @JsonSubTypes.Type(value = HavingSpec.DimSelector.class, name = "dimSelector"),
    @JsonSubTypes.Type(value = HavingSpec.Filter.class, name = "filter"),
    @JsonSubTypes.Type(value = HavingSpec.And.class, name = "and"),
    @JsonSubTypes.Type(value = HavingSpec.Or.class, name = "or"),
    @JsonSubTypes.Type(value = HavingSpec.Not.class, name = "not"),
})
public sealed interface HavingSpec {
  record GreaterThan(@JsonProperty("aggregation") String aggregation, @JsonProperty("value") Number value)
      implements HavingSpec {
    public GreaterThan {
      Specs.required(aggregation, "aggregation", "the aggregator to compare");
      Specs.required(value, "value", "the number to compare with");
    }
  }

  record LessThan(@JsonProperty("aggregation") String aggregation, @JsonProperty("value") Number value)
      implements HavingSpec {
    public LessThan {
      Specs.required(aggregation, "aggregation", "the aggregator to compare");
      Specs.required(value, "value", "the number to compare with");
    }
  }

  record EqualTo(@JsonProperty("aggregation") String aggregation, @JsonProperty("value") Number value)
      implements HavingSpec {
    public EqualTo {
      Specs.required(aggregation, "aggregation", "the aggregator to compare");
      Specs.required(value, "value", "the number to compare with");
    }
  }

  record DimSelector(@JsonProperty("dimension") String dimension, @JsonProperty("value") String value,
                     @JsonProperty("extractionFn") ExtractionFnSpec extractionFn) implements HavingSpec {
    public DimSelector {
      Specs.required(dimension, "dimension", "the output dimension to compare");
    }

    public DimSelector(String dimension, String value) {
      this(dimension, value, null);
    }
  }

  /** Applies a filter to the result rows (dimensions and aggregators are columns). */
  record Filter(@JsonProperty("filter") FilterSpec filter) implements HavingSpec {
    public Filter {
      Specs.required(filter, "filter", "the filter to apply to result rows");
    }
  }

  record And(@JsonProperty("havingSpecs") List<HavingSpec> havingSpecs) implements HavingSpec {
    public And {
      havingSpecs = Specs.listOrEmpty(havingSpecs);
    }
  }

  record Or(@JsonProperty("havingSpecs") List<HavingSpec> havingSpecs) implements HavingSpec {
    public Or {
      havingSpecs = Specs.listOrEmpty(havingSpecs);
    }
  }

  record Not(@JsonProperty("havingSpec") HavingSpec havingSpec) implements HavingSpec {
    public Not {
      Specs.required(havingSpec, "havingSpec", "the having clause to negate");
    }
  }
}
