package io.strata.api.query;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.strata.api.error.InvalidInputException;
import io.strata.api.time.Granularity;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A Druid extraction function, as written in an {@code extraction} dimension spec or a filter's
 * {@code extractionFn}: a function from one value (a dimension's string, or {@code __time}'s millis) to a string
 * or null. All type names in one place: {@code regex}, {@code partial}, {@code searchQuery}, {@code substring},
 * {@code strlen}, {@code upper}, {@code lower}, {@code stringFormat}, {@code bucket}, {@code lookup},
 * {@code registeredLookup}, {@code cascade}, {@code timeFormat}, {@code time}; {@code javascript} is refused as
 * Druid refuses it with JavaScript disabled (its default).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = ExtractionFnSpec.Regex.class, name = "regex"),
    @JsonSubTypes.Type(value = ExtractionFnSpec.Partial.class, name = "partial"),
    @JsonSubTypes.Type(value = ExtractionFnSpec.SearchQuery.class, name = "searchQuery"),
    @JsonSubTypes.Type(value = ExtractionFnSpec.Substring.class, name = "substring"),
    @JsonSubTypes.Type(value = ExtractionFnSpec.Strlen.class, name = "strlen"),
    @JsonSubTypes.Type(value = ExtractionFnSpec.Upper.class, name = "upper"),
    @JsonSubTypes.Type(value = ExtractionFnSpec.Lower.class, name = "lower"),
    @JsonSubTypes.Type(value = ExtractionFnSpec.StringFormat.class, name = "stringFormat"),
    @JsonSubTypes.Type(value = ExtractionFnSpec.Bucket.class, name = "bucket"),
    @JsonSubTypes.Type(value = ExtractionFnSpec.Lookup.class, name = "lookup"),
    @JsonSubTypes.Type(value = ExtractionFnSpec.RegisteredLookup.class, name = "registeredLookup"),
    @JsonSubTypes.Type(value = ExtractionFnSpec.Cascade.class, name = "cascade"),
    @JsonSubTypes.Type(value = ExtractionFnSpec.TimeFormat.class, name = "timeFormat"),
    @JsonSubTypes.Type(value = ExtractionFnSpec.Time.class, name = "time"),
    @JsonSubTypes.Type(value = ExtractionFnSpec.JavaScript.class, name = "javascript"),
})
public sealed interface ExtractionFnSpec {

  private static Pattern compile(String regex, String field) {
    try {
      return Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      throw new InvalidInputException(field, "Invalid regular expression [" + regex + "]: " + e.getDescription());
    }
  }

  /**
   * The {@code index}-th group (default 1; 0 is the whole match) of the first match of {@code expr}; a value with
   * no match stays as it is, or becomes {@code replaceMissingValueWith} when {@code replaceMissingValue}.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Regex(@JsonProperty("expr") String expr, @JsonProperty("index") Integer index,
               @JsonProperty("replaceMissingValue") Boolean replaceMissingValue,
               @JsonProperty("replaceMissingValueWith") String replaceMissingValueWith) implements ExtractionFnSpec {
    public Regex {
      Specs.required(expr, "expr", "the regular expression of the regex extraction function");
      index = Specs.orDefault(index, 1);
      replaceMissingValue = Specs.orDefault(replaceMissingValue, false);
      Pattern p = compile(expr, "expr");
      if (index < 0 || index > p.matcher("").groupCount()) {
        throw new InvalidInputException("index", "index [" + index + "] of regex extraction [" + expr
            + "] must be between 0 and its number of groups (" + p.matcher("").groupCount() + ")");
      }
    }
  }

  /** The value itself if {@code expr} is found in it, else null. */
  record Partial(@JsonProperty("expr") String expr) implements ExtractionFnSpec {
    public Partial {
      Specs.required(expr, "expr", "the regular expression of the partial extraction function");
      compile(expr, "expr");
    }
  }

  /** The value itself if it matches the search query spec, else null. */
  record SearchQuery(@JsonProperty("query") FilterSpec.SearchQuerySpec query) implements ExtractionFnSpec {
    public SearchQuery {
      Specs.required(query, "query", "what the value must match, for example {\"type\":\"contains\",\"value\":\"x\"}");
    }
  }

  /** {@code length} characters (default: the rest) from {@code index}; null when the value is shorter than index. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Substring(@JsonProperty("index") Integer index, @JsonProperty("length") Integer length)
      implements ExtractionFnSpec {
    public Substring {
      Specs.required(index, "index", "where the substring starts (0 is the first character)");
      if (index < 0) {
        throw new InvalidInputException("index", "index of a substring extraction must not be negative, got " + index);
      }
      if (length != null && length < 0) {
        throw new InvalidInputException("length", "length of a substring extraction must not be negative, got "
            + length);
      }
    }
  }

  /** The value's length in characters. */
  record Strlen() implements ExtractionFnSpec {
  }

  /** The value in upper case, by {@code locale}'s rules (default: the root locale). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Upper(@JsonProperty("locale") String locale) implements ExtractionFnSpec {
  }

  /** The value in lower case, by {@code locale}'s rules (default: the root locale). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Lower(@JsonProperty("locale") String locale) implements ExtractionFnSpec {
  }

  /**
   * {@code format} (a {@code String.format} pattern) applied to the value; a null value is formatted as
   * {@code "null"} ({@code nullHandling} {@code nullString}, the default), as {@code ""} ({@code emptyString}), or
   * stays null ({@code returnNull}).
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record StringFormat(@JsonProperty("format") String format, @JsonProperty("nullHandling") String nullHandling)
      implements ExtractionFnSpec {
    public StringFormat {
      Specs.required(format, "format", "the format pattern, for example \"[%s]\"");
      nullHandling = Specs.orDefault(nullHandling, "nullString");
      if (!List.of("nullString", "emptyString", "returnNull").contains(nullHandling)) {
        throw new InvalidInputException("nullHandling", "nullHandling [" + nullHandling
            + "] must be nullString, emptyString or returnNull");
      }
    }
  }

  /** A number's bucket of width {@code size} (default 1) starting at {@code offset} (default 0); else null. */
  record Bucket(@JsonProperty("size") Double size, @JsonProperty("offset") Double offset) implements ExtractionFnSpec {
    public Bucket {
      size = Specs.orDefault(size, 1.0);
      offset = Specs.orDefault(offset, 0.0);
      if (!(size > 0)) {
        throw new InvalidInputException("size", "size of a bucket extraction must be positive, got " + size);
      }
    }
  }

  /** An inline lookup: {@code {"type":"map","map":{...},"isOneToOne":false}}. */
  record MapLookup(@JsonProperty("type") String type, @JsonProperty("map") Map<String, String> map,
                   @JsonProperty("isOneToOne") Boolean isOneToOne) {
    public MapLookup {
      type = Specs.orDefault(type, "map");
      if (!type.equals("map")) {
        throw new InvalidInputException("lookup.type", "lookup type [" + type + "] is not supported inline; use "
            + "\"map\"");
      }
      Specs.required(map, "lookup.map", "the map of values to their replacements");
      map = java.util.Collections.unmodifiableMap(new java.util.HashMap<>(map));
      isOneToOne = Specs.orDefault(isOneToOne, false);
    }
  }

  /**
   * The value looked up in an inline map; a value not in it stays as it is ({@code retainMissingValue}), or becomes
   * {@code replaceMissingValueWith} (default null). {@code injective} and {@code optimize} are hints that do not
   * change the answer.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Lookup(@JsonProperty("lookup") MapLookup lookup,
                @JsonProperty("retainMissingValue") Boolean retainMissingValue,
                @JsonProperty("replaceMissingValueWith") String replaceMissingValueWith,
                @JsonProperty("injective") Boolean injective, @JsonProperty("optimize") Boolean optimize)
      implements ExtractionFnSpec {
    public Lookup {
      Specs.required(lookup, "lookup", "the lookup, for example {\"type\":\"map\",\"map\":{\"a\":\"b\"}}");
      retainMissingValue = Specs.orDefault(retainMissingValue, false);
      checkMissing(retainMissingValue, replaceMissingValueWith);
    }
  }

  private static void checkMissing(boolean retain, String replacement) {
    if (retain && replacement != null && !replacement.isEmpty()) {
      throw new InvalidInputException("replaceMissingValueWith", "Cannot specify replaceMissingValueWith and "
          + "retainMissingValue at the same time");
    }
  }

  /** A lookup registered by name (Druid's lookups API). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record RegisteredLookup(@JsonProperty("lookup") String lookup,
                          @JsonProperty("retainMissingValue") Boolean retainMissingValue,
                          @JsonProperty("replaceMissingValueWith") String replaceMissingValueWith,
                          @JsonProperty("injective") Boolean injective, @JsonProperty("optimize") Boolean optimize)
      implements ExtractionFnSpec {
    public RegisteredLookup {
      Specs.required(lookup, "lookup", "the name of the registered lookup");
      retainMissingValue = Specs.orDefault(retainMissingValue, false);
      checkMissing(retainMissingValue, replaceMissingValueWith);
    }
  }

  /** The functions applied one after the other. */
  record Cascade(@JsonProperty("extractionFns") List<ExtractionFnSpec> extractionFns) implements ExtractionFnSpec {
    public Cascade {
      if (extractionFns == null || extractionFns.isEmpty()) {
        throw new InvalidInputException("extractionFns", "a cascade extraction function needs at least one "
            + "function in extractionFns");
      }
      for (ExtractionFnSpec f : extractionFns) {
        if (f == null) {
          throw new InvalidInputException("extractionFns", "a cascade extraction function cannot hold null");
        }
      }
      extractionFns = List.copyOf(extractionFns);
    }
  }

  /**
   * A time (millis, or an ISO-8601 string) formatted with the Joda pattern {@code format} (default: ISO-8601) in
   * {@code timeZone} (default UTC) and {@code locale}, after truncating it to {@code granularity} (default none);
   * with {@code asMillis}, string values are read as epoch millis.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record TimeFormat(@JsonProperty("format") String format, @JsonProperty("timeZone") String timeZone,
                    @JsonProperty("locale") String locale, @JsonProperty("granularity") Granularity granularity,
                    @JsonProperty("asMillis") Boolean asMillis) implements ExtractionFnSpec {
    public TimeFormat {
      asMillis = Specs.orDefault(asMillis, false);
      if (timeZone != null) {
        try {
          java.time.ZoneId.of(timeZone);
        } catch (java.time.DateTimeException e) {
          throw new InvalidInputException("timeZone", "Unknown time zone [" + timeZone + "]");
        }
      }
    }
  }

  /**
   * A string time read with the pattern {@code timeFormat} and written with {@code resultFormat} (Joda patterns,
   * or SimpleDateFormat ones when {@code joda} is false); a value that does not parse stays as it is.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Time(@JsonProperty("timeFormat") String timeFormat, @JsonProperty("resultFormat") String resultFormat,
              @JsonProperty("joda") Boolean joda) implements ExtractionFnSpec {
    public Time {
      Specs.required(timeFormat, "timeFormat", "the pattern the values are written in");
      Specs.required(resultFormat, "resultFormat", "the pattern to write them in");
      joda = Specs.orDefault(joda, false);
    }
  }

  /** {@code javascript}: always refused, as Druid does with JavaScript disabled (its default). */
  record JavaScript(@JsonProperty("function") String function) implements ExtractionFnSpec {
    public JavaScript {
      throw JavaScriptRefusal.refused("extraction function");
    }
  }
}
