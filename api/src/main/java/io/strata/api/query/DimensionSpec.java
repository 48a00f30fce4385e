package io.strata.api.query;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.strata.api.data.ColumnType;
import io.strata.api.error.InvalidInputException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A grouping dimension: {@code "page"}, or one of Druid's dimension spec objects — {@code default}
 * ({@code dimension}, {@code outputName}, {@code outputType}); {@code extraction} (with an {@code extractionFn});
 * {@code lookup} (an inline {@code lookup} map or a registered lookup's {@code name}, with
 * {@code retainMissingValue} / {@code replaceMissingValueWith}); and the filtered specs that keep only some values
 * of a {@code delegate} spec: {@code listFiltered} ({@code values}, {@code isWhitelist}), {@code regexFiltered}
 * ({@code pattern}, which must match the whole value) and {@code prefixFiltered} ({@code prefix}).
 *
 * <p>Every kind is read into one shape: the column, an extraction function or none, and the value filters to apply
 * after it, innermost first (a value a filter drops is null).
 *
 * @param type         the spec's type as written (the outermost one for filtered specs)
 * @param extractionFn applied to the column's values, or null
 * @param valueFilters applied to the extracted values in order; empty for none
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DimensionSpec(String type, String dimension, String outputName, ColumnType outputType,
                            ExtractionFnSpec extractionFn, List<ValueFilter> valueFilters) {
  private static final Set<String> TYPES = Set.of("default", "extraction", "lookup", "listFiltered",
      "regexFiltered", "prefixFiltered");

  /**
   * Which values a filtered dimension spec keeps: those in {@code values} (or not in them, when not
   * {@code whitelist}); those {@code pattern} matches entirely; or those starting with {@code prefix}.
   */
  public record ValueFilter(Set<String> values, boolean whitelist, Pattern pattern, String prefix) {
    public boolean keeps(String value) {
      if (values != null) {
        return values.contains(value) == whitelist;
      }
      if (value == null) {
        return false;
      }
      if (pattern != null) {
        return pattern.matcher(value).matches();
      }
      return value.startsWith(prefix);
    }
  }

  public DimensionSpec {
    Specs.required(dimension, "dimension", "the column to group on");
    outputName = Specs.orDefault(outputName, dimension);
    outputType = Specs.orDefault(outputType, ColumnType.STRING);
    valueFilters = valueFilters == null ? List.of() : List.copyOf(valueFilters);
  }

  public DimensionSpec(String type, String dimension, String outputName, ColumnType outputType) {
    this(type, dimension, outputName, outputType, null, List.of());
  }

  /** True when values are the column's own: no extraction function and no value filter. */
  public boolean isPlain() {
    return extractionFn == null && valueFilters.isEmpty();
  }

  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static DimensionSpec of(String dimension) {
    return new DimensionSpec("default", dimension, dimension, ColumnType.STRING);
  }

  @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
  public static DimensionSpec create(@JsonProperty("type") String type, @JsonProperty("dimension") String dimension,
                                     @JsonProperty("outputName") String outputName,
                                     @JsonProperty("outputType") ColumnType outputType,
                                     @JsonProperty("extractionFn") ExtractionFnSpec extractionFn,
                                     @JsonProperty("delegate") DimensionSpec delegate,
                                     @JsonProperty("values") List<String> values,
                                     @JsonProperty("isWhitelist") Boolean isWhitelist,
                                     @JsonProperty("pattern") String pattern,
                                     @JsonProperty("prefix") String prefix,
                                     @JsonProperty("lookup") ExtractionFnSpec.MapLookup lookup,
                                     @JsonProperty("name") String name,
                                     @JsonProperty("retainMissingValue") Boolean retainMissingValue,
                                     @JsonProperty("replaceMissingValueWith") String replaceMissingValueWith,
                                     @JsonProperty("optimize") Boolean optimize) {
    type = Specs.orDefault(type, "default");
    if (!TYPES.contains(type)) {
      throw new InvalidInputException("type", "Unknown dimension spec type [" + type + "]; known types: default, "
          + "extraction, lookup, listFiltered, regexFiltered, prefixFiltered");
    }
    switch (type) {
      case "default" -> {
        if (extractionFn != null) {
          throw new InvalidInputException("extractionFn", "a default dimension spec takes no extractionFn; use type "
              + "\"extraction\"");
        }
        return new DimensionSpec(type, dimension, outputName, outputType);
      }
      case "extraction" -> {
        Specs.required(extractionFn, "extractionFn", "the extraction function of dimension [" + dimension + "]");
        return new DimensionSpec(type, dimension, outputName, outputType, extractionFn, List.of());
      }
      case "lookup" -> {
        if ((lookup == null) == (name == null)) {
          throw new InvalidInputException("lookup", "a lookup dimension spec needs exactly one of lookup (an inline "
              + "map) and name (a registered lookup)");
        }
        ExtractionFnSpec fn = lookup != null
            ? new ExtractionFnSpec.Lookup(lookup, retainMissingValue, replaceMissingValueWith, null, optimize)
            : new ExtractionFnSpec.RegisteredLookup(name, retainMissingValue, replaceMissingValueWith, null, optimize);
        return new DimensionSpec(type, dimension, outputName, outputType, fn, List.of());
      }
      default -> {
        Specs.required(delegate, "delegate", "the dimension spec whose values a " + type + " spec filters");
        ValueFilter filter = switch (type) {
          case "listFiltered" -> {
            Specs.required(values, "values", "the values a listFiltered dimension spec keeps (or drops)");
            yield new ValueFilter(java.util.Collections.unmodifiableSet(new java.util.HashSet<>(values)),
                !Boolean.FALSE.equals(isWhitelist), null, null);
          }
          case "regexFiltered" -> {
            Specs.required(pattern, "pattern", "the regular expression a regexFiltered dimension spec keeps");
            try {
              yield new ValueFilter(null, true, Pattern.compile(pattern), null);
            } catch (PatternSyntaxException e) {
              throw new InvalidInputException("pattern", "Invalid regular expression [" + pattern + "]: "
                  + e.getDescription());
            }
          }
          default -> {
            Specs.required(prefix, "prefix", "the prefix a prefixFiltered dimension spec keeps");
            yield new ValueFilter(null, true, null, prefix);
          }
        };
        List<ValueFilter> filters = new ArrayList<>(delegate.valueFilters());
        filters.add(filter);
        return new DimensionSpec(type, delegate.dimension(), delegate.outputName(), delegate.outputType(),
            delegate.extractionFn(), filters);
      }
    }
  }
}
