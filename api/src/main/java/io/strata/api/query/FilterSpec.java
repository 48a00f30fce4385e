package io.strata.api.query;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.Nulls;
import io.strata.api.data.ColumnType;
import io.strata.api.error.InvalidInputException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Filters as written in queries and in a transformSpec. The filters on one column's values ({@code selector},
 * {@code in}, {@code bound}, {@code regex}, {@code like}, {@code search}, {@code interval}) take an optional
 * {@code extractionFn}: they then match the extracted value instead. All type names in one place: {@code selector},
 * {@code equals}, {@code in}, {@code bound}, {@code range}, {@code null}, {@code and}, {@code or}, {@code not},
 * {@code true}, {@code false}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = FilterSpec.Selector.class, name = "selector"),
    @JsonSubTypes.Type(value = FilterSpec.Equality.class, name = "equals"),
    @JsonSubTypes.Type(value = FilterSpec.In.class, name = "in"),
    @JsonSubTypes.Type(value = FilterSpec.Bound.class, name = "bound"),
    @JsonSubTypes.Type(value = FilterSpec.Range.class, name = "range"),
    @JsonSubTypes.Type(value = FilterSpec.IsNull.class, name = "null"),
    @JsonSubTypes.Type(value = FilterSpec.And.class, name = "and"),
    @JsonSubTypes.Type(value = FilterSpec.Or.class, name = "or"),
    @JsonSubTypes.Type(value = FilterSpec.Not.class, name = "not"),
    @JsonSubTypes.Type(value = FilterSpec.True.class, name = "true"),
    @JsonSubTypes.Type(value = FilterSpec.False.class, name = "false"),
    @JsonSubTypes.Type(value = FilterSpec.Regex.class, name = "regex"),
    @JsonSubTypes.Type(value = FilterSpec.Like.class, name = "like"),
    @JsonSubTypes.Type(value = FilterSpec.Search.class, name = "search"),
    @JsonSubTypes.Type(value = FilterSpec.IntervalFilter.class, name = "interval"),
    @JsonSubTypes.Type(value = FilterSpec.ColumnComparison.class, name = "columnComparison"),
    @JsonSubTypes.Type(value = FilterSpec.ExpressionFilter.class, name = "expression"),
    @JsonSubTypes.Type(value = FilterSpec.JavaScript.class, name = "javascript"),
})
public sealed interface FilterSpec {

  /** Legacy equality on a dimension's string form; {@code value} null matches nulls. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Selector(@JsonProperty("dimension") String dimension, @JsonProperty("value") String value,
                  @JsonProperty("extractionFn") ExtractionFnSpec extractionFn) implements FilterSpec {
    public Selector {
      Specs.required(dimension, "dimension", "the column the selector filter matches on");
    }

    public Selector(String dimension, String value) {
      this(dimension, value, null);
    }
  }

  /** Typed equality: {@code matchValue} compared as {@code matchValueType}; never matches null. */
  record Equality(@JsonProperty("column") String column, @JsonProperty("matchValueType") ColumnType matchValueType,
                  @JsonProperty("matchValue") Object matchValue) implements FilterSpec {
    public Equality {
      Specs.required(column, "column", "the column the equals filter matches on");
      Specs.required(matchValueType, "matchValueType", "STRING, LONG, FLOAT or DOUBLE");
      if (matchValue == null) {
        throw new InvalidInputException("matchValue",
            "Invalid equality filter on column [" + column + "], matchValue cannot be null; use a null filter");
      }
    }
  }

  /** Matches any of {@code values} (string comparison); a null in values matches nulls. */
  record In(@JsonProperty("dimension") String dimension,
            @JsonProperty("values") @JsonSetter(
                contentNulls = Nulls.SET) List<String> values,
            @JsonProperty("extractionFn") ExtractionFnSpec extractionFn) implements FilterSpec {
    public In {
      Specs.required(dimension, "dimension", "the column the in filter matches on");
      if (values == null) {
        throw new InvalidInputException("values", "Missing required field [values] of in filter on [" + dimension
            + "]");
      }
      values = Collections.unmodifiableList(new ArrayList<>(values));
    }

    public In(String dimension, List<String> values) {
      this(dimension, values, null);
    }
  }

  /**
   * Legacy range: string bounds compared with {@code ordering} ({@code lexicographic} default, {@code numeric},
   * {@code alphanumeric}, {@code strlen}, {@code version}).
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Bound(@JsonProperty("dimension") String dimension, @JsonProperty("lower") String lower,
               @JsonProperty("upper") String upper, @JsonProperty("lowerStrict") Boolean lowerStrict,
               @JsonProperty("upperStrict") Boolean upperStrict, @JsonProperty("ordering") Object ordering,
               @JsonProperty("alphaNumeric") Boolean alphaNumeric,
               @JsonProperty("extractionFn") ExtractionFnSpec extractionFn) implements FilterSpec {
    static final Set<String> ORDERINGS = Set.of("lexicographic", "numeric", "alphanumeric", "strlen", "version");

    public Bound {
      Specs.required(dimension, "dimension", "the column the bound filter matches on");
      if (lower == null && upper == null) {
        throw new InvalidInputException("lower", "bound filter on [" + dimension + "] needs lower or upper");
      }
      lowerStrict = Specs.orDefault(lowerStrict, false);
      upperStrict = Specs.orDefault(upperStrict, false);
      String o = orderingName(ordering, alphaNumeric);
      if (!ORDERINGS.contains(o)) {
        throw new InvalidInputException("ordering", "unknown ordering [" + o
            + "]; use lexicographic, numeric, alphanumeric, strlen or version");
      }
    }

    public Bound(String dimension, String lower, String upper, Boolean lowerStrict, Boolean upperStrict, Object ordering, Boolean alphaNumeric) {
      this(dimension, lower, upper, lowerStrict, upperStrict, ordering, alphaNumeric, null);
    }

    /** The ordering as a lower-case name; {@code ordering} may be a string or {@code {"type": name}}. */
    public String orderingName() {
      return orderingName(ordering, alphaNumeric);
    }

    private static String orderingName(Object ordering, Boolean alphaNumeric) {
      if (ordering == null) {
        return Boolean.TRUE.equals(alphaNumeric) ? "alphanumeric" : "lexicographic";
      }
      if (ordering instanceof Map<?, ?> m && m.get("type") != null) {
        return m.get("type").toString().toLowerCase(Locale.ROOT);
      }
      return ordering.toString().toLowerCase(Locale.ROOT);
    }
  }

  /** Typed range; bounds compared as {@code matchValueType}; never matches null. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Range(@JsonProperty("column") String column, @JsonProperty("matchValueType") ColumnType matchValueType,
               @JsonProperty("lower") Object lower, @JsonProperty("upper") Object upper,
               @JsonProperty("lowerOpen") Boolean lowerOpen, @JsonProperty("upperOpen") Boolean upperOpen)
      implements FilterSpec {
    public Range {
      Specs.required(column, "column", "the column the range filter matches on");
      Specs.required(matchValueType, "matchValueType", "STRING, LONG, FLOAT or DOUBLE");
      if (lower == null && upper == null) {
        throw new InvalidInputException("lower", "Invalid range filter on column [" + column
            + "], lower and upper cannot be null at the same time");
      }
      lowerOpen = Specs.orDefault(lowerOpen, false);
      upperOpen = Specs.orDefault(upperOpen, false);
    }
  }

  record IsNull(@JsonProperty("column") String column) implements FilterSpec {
    public IsNull {
      Specs.required(column, "column", "the column the null filter matches on");
    }
  }

  record And(@JsonProperty("fields") List<FilterSpec> fields) implements FilterSpec {
    public And {
      if (fields == null || fields.isEmpty()) {
        throw new InvalidInputException("fields", "and filter needs at least one field");
      }
      fields = List.copyOf(fields);
    }
  }

  record Or(@JsonProperty("fields") List<FilterSpec> fields) implements FilterSpec {
    public Or {
      if (fields == null || fields.isEmpty()) {
        throw new InvalidInputException("fields", "or filter needs at least one field");
      }
      fields = List.copyOf(fields);
    }
  }

  record Not(@JsonProperty("field") FilterSpec field) implements FilterSpec {
    public Not {
      Specs.required(field, "field", "the filter to negate");
    }
  }

  record True() implements FilterSpec {
  }

  record False() implements FilterSpec {
  }

  /** A dimension's values in which {@code pattern} (a Java regular expression) is found. */
  record Regex(@JsonProperty("dimension") String dimension, @JsonProperty("pattern") String pattern,
               @JsonProperty("extractionFn") ExtractionFnSpec extractionFn) implements FilterSpec {
    public Regex {
      Specs.required(dimension, "dimension", "the column the regex filter matches on");
      Specs.required(pattern, "pattern", "the regular expression to find in the values");
    }

    public Regex(String dimension, String pattern) {
      this(dimension, pattern, null);
    }
  }

  /** SQL LIKE on a dimension's values: {@code %} and {@code _} wildcards, {@code escape} to match them literally. */
  record Like(@JsonProperty("dimension") String dimension, @JsonProperty("pattern") String pattern,
              @JsonProperty("escape") String escape,
              @JsonProperty("extractionFn") ExtractionFnSpec extractionFn) implements FilterSpec {
    public Like {
      Specs.required(dimension, "dimension", "the column the like filter matches on");
      Specs.required(pattern, "pattern", "the LIKE pattern, for example \"foo%\"");
    }

    public Like(String dimension, String pattern, String escape) {
      this(dimension, pattern, escape, null);
    }
  }

  /** Druid's {@code search} filter: values matching a search query spec ({@code contains}, ...). */
  record Search(@JsonProperty("dimension") String dimension, @JsonProperty("query") SearchQuerySpec query,
                @JsonProperty("extractionFn") ExtractionFnSpec extractionFn) implements FilterSpec {
    public Search {
      Specs.required(dimension, "dimension", "the column the search filter matches on");
      Specs.required(query, "query", "what to search for, for example {\"type\":\"contains\",\"value\":\"x\"}");
    }

    public Search(String dimension, SearchQuerySpec query) {
      this(dimension, query, null);
    }
  }

  /**
   * A search query spec: {@code contains} ({@code value}, {@code caseSensitive} default false),
   * {@code insensitive_contains} ({@code value}), {@code fragment} ({@code values}, all contained;
   * {@code caseSensitive} default false), {@code regex} ({@code pattern}).
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record SearchQuerySpec(@JsonProperty("type") String type, @JsonProperty("value") String value,
                         @JsonProperty("values") List<String> values,
                         @JsonProperty("caseSensitive") Boolean caseSensitive,
                         @JsonProperty("pattern") String pattern) {
    public SearchQuerySpec {
      Specs.required(type, "query.type", "contains, insensitive_contains, fragment or regex");
      switch (type) {
        case "contains", "insensitive_contains" -> Specs.required(value, "query.value", "the text to look for");
        case "fragment" -> {
          Specs.required(values, "query.values", "the texts that must all be contained");
          values = List.copyOf(values);
        }
        case "regex" -> Specs.required(pattern, "query.pattern", "the regular expression to find");
        default -> throw new InvalidInputException("query.type", "Unknown search query type [" + type
            + "]; known types: contains, insensitive_contains, fragment, regex");
      }
    }
  }

  /** Rows whose {@code dimension} (epoch millis; usually {@code __time}) lies in one of the intervals. */
  record IntervalFilter(@JsonProperty("dimension") String dimension,
                        @JsonProperty("intervals") @com.fasterxml.jackson.databind.annotation.JsonDeserialize(
                            using = JsonForms.Intervals.class) List<io.strata.api.time.Interval> intervals,
                        @JsonProperty("extractionFn") ExtractionFnSpec extractionFn) implements FilterSpec {
    public IntervalFilter {
      Specs.required(dimension, "dimension", "the column to compare, usually __time");
      Specs.required(intervals, "intervals", "the intervals to match, for example [\"2013-01-01/2013-01-02\"]");
      intervals = List.copyOf(intervals);
    }

    public IntervalFilter(String dimension, List<io.strata.api.time.Interval> intervals) {
      this(dimension, intervals, null);
    }
  }

  /**
   * Rows where every one of {@code dimensions} (dimension specs, extraction ones included) has the same value,
   * compared as text; two nulls are equal.
   */
  record ColumnComparison(@JsonProperty("dimensions") List<DimensionSpec> dimensions) implements FilterSpec {
    public ColumnComparison {
      if (dimensions == null || dimensions.size() < 2) {
        throw new InvalidInputException("dimensions", "a columnComparison filter needs at least two dimensions");
      }
      for (DimensionSpec d : dimensions) {
        if (!d.valueFilters().isEmpty()) {
          throw new InvalidInputException("dimensions", "a columnComparison filter takes default or extraction "
              + "dimension specs, not a " + d.type() + " one");
        }
      }
      dimensions = List.copyOf(dimensions);
    }
  }

  /**
   * Rows where a Druid expression is true: a number above 0, or the text "true"; a null result is unknown (matched
   * neither by the filter nor by its {@code not}).
   */
  record ExpressionFilter(@JsonProperty("expression") String expression) implements FilterSpec {
    public ExpressionFilter {
      Specs.required(expression, "expression", "the Druid expression rows must satisfy");
    }
  }

  /** {@code javascript}: always refused, as Druid does with JavaScript disabled (its default). */
  record JavaScript(@JsonProperty("dimension") String dimension, @JsonProperty("function") String function)
      implements FilterSpec {
    public JavaScript {
      throw JavaScriptRefusal.refused("filter");
    }
  }
}
