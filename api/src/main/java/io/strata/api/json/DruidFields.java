package io.strata.api.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import io.strata.api.error.InvalidInputException;
import io.strata.api.query.AggregatorSpec;
import io.strata.api.query.DimensionSpec;
import io.strata.api.query.ExtractionFnSpec;
import io.strata.api.query.FilterSpec;
import io.strata.api.query.HavingSpec;
import io.strata.api.query.LimitSpec;
import io.strata.api.query.PostAggregatorSpec;
import io.strata.api.query.Query;
import io.strata.api.query.TopNMetricSpec;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fields Druid's documentation defines for each kind of JSON object Strata reads (queries, filters,
 * aggregators, post-aggregators, dimension and limit specs, having specs): the one guard against the worst defect a
 * Druid-compatible store can have, a field accepted and ignored (HTTP 200 with a wrong answer). The mapper ignores
 * fields Druid does not know, as Druid does; a field Druid defines that the Strata type does not read is refused with
 * an {@link InvalidInputException} naming it — unless its value is its Druid default (or empty), which cannot change
 * the answer, or the field only tunes Druid's own machinery ({@link Field#tuningOnly}).
 *
 * <p>When a Strata type comes to read a field, it binds it and this catalogue stays as it is: the refusal applies
 * only to fields the type does not bind. {@code DruidFieldsTest} walks every entry.
 */
public final class DruidFields {
  /**
   * A field Druid defines.
   *
   * @param name         its JSON name
   * @param defaultJson  Druid's default as JSON (a value equal to it is harmless), or null for none
   * @param exampleJson  a value that changes the answer, for the catalogue test
   * @param tuningOnly   true when the field only tunes how Druid runs (caches, index use), never the answer
   */
  public record Field(String name, String defaultJson, String exampleJson, boolean tuningOnly) {
  }

  /**
   * The documented fields of one kind of object.
   *
   * @param label       how errors name the object ("a topN query")
   * @param minimalJson the smallest valid object of the kind, for the catalogue test
   */
  public record Kind(Class<?> type, String label, String minimalJson, List<Field> fields) {
    Field field(String name) {
      for (Field f : fields) {
        if (f.name().equals(name)) {
          return f;
        }
      }
      return null;
    }
  }

  private static final Map<Class<?>, Kind> KINDS = new LinkedHashMap<>();

  private static Field f(String name, String example) {
    return new Field(name, null, example, false);
  }

  private static Field f(String name, String defaultJson, String example) {
    return new Field(name, defaultJson, example, false);
  }

  private static Field tuning(String name, String example) {
    return new Field(name, null, example, true);
  }

  private static void kind(Class<?> type, String label, String minimal, Field... fields) {
    KINDS.put(type, new Kind(type, label, minimal, List.of(fields)));
  }

  private static final String INTERVALS = "\"intervals\":[\"2013-01-01/2014-01-01\"]";
  private static final String VIRTUAL = "[{\"type\":\"expression\",\"name\":\"v\",\"expression\":\"added * 2\","
      + "\"outputType\":\"LONG\"}]";
  private static final String TWO_CONSTANTS =
      "[{\"type\":\"constant\",\"name\":\"a\",\"value\":1},{\"type\":\"constant\",\"name\":\"b\",\"value\":2}]";
  private static final String FILTER = "{\"type\":\"selector\",\"dimension\":\"page\",\"value\":\"a\"}";
  private static final String EXTRACTION = "{\"type\":\"substring\",\"index\":1}";
  private static final String FILTER_TUNING = "{\"useBitmapIndex\":false}";

  static {
    // ----------------------------------------------------------------------------------------------- queries
    kind(Query.Timeseries.class, "a timeseries query",
        "{\"queryType\":\"timeseries\",\"dataSource\":\"wiki\"," + INTERVALS + "}",
        f("dataSource", "\"wiki\""), f("intervals", "[\"2013-01-01/2013-02-01\"]"), f("descending", "false", "true"),
        f("granularity", "\"all\"", "\"day\""), f("filter", FILTER), f("virtualColumns", "[]", VIRTUAL),
        f("aggregations", "[{\"type\":\"count\",\"name\":\"c\"}]"),
        f("postAggregations", "[{\"type\":\"constant\",\"name\":\"k\",\"value\":1}]"), f("limit", "5"),
        f("context", "{\"skipEmptyBuckets\":true}"));
    kind(Query.TopN.class, "a topN query",
        "{\"queryType\":\"topN\",\"dataSource\":\"wiki\"," + INTERVALS + ",\"dimension\":\"page\",\"metric\":\"c\","
            + "\"threshold\":3,\"aggregations\":[{\"type\":\"count\",\"name\":\"c\"}]}",
        f("dataSource", "\"wiki\""), f("intervals", "[\"2013-01-01/2013-02-01\"]"),
        f("granularity", "\"all\"", "\"day\""), f("filter", FILTER), f("virtualColumns", "[]", VIRTUAL),
        f("aggregations", "[{\"type\":\"count\",\"name\":\"c\"}]"),
        f("postAggregations", "[{\"type\":\"constant\",\"name\":\"k\",\"value\":1}]"), f("dimension", "\"user\""),
        f("threshold", "2"), f("metric", "{\"type\":\"inverted\",\"metric\":\"c\"}"), f("context", "{}"));
    kind(Query.GroupBy.class, "a groupBy query",
        "{\"queryType\":\"groupBy\",\"dataSource\":\"wiki\"," + INTERVALS + ",\"granularity\":\"all\","
            + "\"dimensions\":[\"page\"]}",
        f("dataSource", "\"wiki\""), f("intervals", "[\"2013-01-01/2013-02-01\"]"), f("granularity", "\"day\""),
        f("dimensions", "[\"user\"]"), f("filter", FILTER), f("virtualColumns", "[]", VIRTUAL),
        f("aggregations", "[{\"type\":\"count\",\"name\":\"c\"}]"),
        f("postAggregations", "[{\"type\":\"constant\",\"name\":\"k\",\"value\":1}]"),
        f("having", "{\"type\":\"greaterThan\",\"aggregation\":\"c\",\"value\":1}"),
        f("limitSpec", "{\"type\":\"default\",\"limit\":2}"), f("subtotalsSpec", "[]", "[[\"page\"],[]]"),
        f("context", "{}"));
    kind(Query.Scan.class, "a scan query",
        "{\"queryType\":\"scan\",\"dataSource\":\"wiki\"," + INTERVALS + "}",
        f("dataSource", "\"wiki\""), f("intervals", "[\"2013-01-01/2013-02-01\"]"), f("columns", "[\"page\"]"),
        f("filter", FILTER), f("virtualColumns", "[]", VIRTUAL), f("order", "\"none\"", "\"ascending\""),
        f("orderBy", "[]", "[{\"columnName\":\"__time\",\"order\":\"descending\"}]"), f("limit", "3"),
        f("offset", "1"), f("resultFormat", "\"list\"", "\"compactedList\""), f("batchSize", "20480", "10"),
        // Druid 33 answers a scan with legacy true exactly as without (its legacy mode is gone): nothing to refuse.
        tuning("legacy", "true"), f("context", "{}"));
    kind(Query.TimeBoundary.class, "a timeBoundary query",
        "{\"queryType\":\"timeBoundary\",\"dataSource\":\"wiki\"}",
        f("dataSource", "\"wiki\""), f("intervals", "[\"2013-01-01/2013-02-01\"]"), f("bound", "\"maxTime\""),
        f("filter", FILTER), f("context", "{}"));
    kind(Query.SegmentMetadata.class, "a segmentMetadata query",
        "{\"queryType\":\"segmentMetadata\",\"dataSource\":\"wiki\"}",
        f("dataSource", "\"wiki\""), f("intervals", "[\"2013-01-01/2013-02-01\"]"),
        f("toInclude", "{\"type\":\"list\",\"columns\":[\"page\"]}"), f("merge", "false", "true"),
        f("analysisTypes", "[\"cardinality\"]"), f("lenientAggregatorMerge", "false", "true"),
        f("aggregatorMergeStrategy", "\"strict\"", "\"lenient\""), f("context", "{}"));
    kind(Query.DataSourceMetadata.class, "a dataSourceMetadata query",
        "{\"queryType\":\"dataSourceMetadata\",\"dataSource\":\"wiki\"}",
        f("dataSource", "\"wiki\""), f("context", "{}"));

    kind(Query.Search.class, "a search query",
        "{\"queryType\":\"search\",\"dataSource\":\"wiki\"," + INTERVALS
            + ",\"query\":{\"type\":\"contains\",\"value\":\"a\"}}",
        f("dataSource", "\"wiki\""), f("intervals", "[\"2013-01-01/2013-02-01\"]"),
        f("granularity", "\"all\"", "\"day\""), f("filter", FILTER), f("limit", "1000", "5"),
        f("searchDimensions", "[\"page\"]"), f("query", "{\"type\":\"insensitive_contains\",\"value\":\"b\"}"),
        f("sort", "{\"type\":\"lexicographic\"}", "{\"type\":\"strlen\"}"), f("virtualColumns", "[]", VIRTUAL),
        f("context", "{}"));

    // ----------------------------------------------------------------------------------------------- filters
    kind(FilterSpec.Selector.class, "a selector filter", FILTER,
        f("dimension", "\"user\""), f("value", "\"b\""), f("extractionFn", EXTRACTION),
        tuning("filterTuning", FILTER_TUNING));
    kind(FilterSpec.Equality.class, "an equals filter",
        "{\"type\":\"equals\",\"column\":\"page\",\"matchValueType\":\"STRING\",\"matchValue\":\"a\"}",
        f("column", "\"user\""), f("matchValueType", "\"STRING\""), f("matchValue", "\"b\""),
        tuning("filterTuning", FILTER_TUNING));
    kind(FilterSpec.In.class, "an in filter", "{\"type\":\"in\",\"dimension\":\"page\",\"values\":[\"a\"]}",
        f("dimension", "\"user\""), f("values", "[\"b\"]"), f("extractionFn", EXTRACTION),
        tuning("filterTuning", FILTER_TUNING));
    kind(FilterSpec.Bound.class, "a bound filter", "{\"type\":\"bound\",\"dimension\":\"page\",\"lower\":\"a\"}",
        f("dimension", "\"user\""), f("lower", "\"b\""), f("upper", "\"c\""), f("lowerStrict", "false", "true"),
        f("upperStrict", "false", "true"), f("ordering", "\"lexicographic\"", "\"numeric\""),
        f("extractionFn", EXTRACTION), tuning("filterTuning", FILTER_TUNING));
    kind(FilterSpec.Range.class, "a range filter",
        "{\"type\":\"range\",\"column\":\"added\",\"matchValueType\":\"LONG\",\"lower\":1}",
        f("column", "\"deleted\""), f("matchValueType", "\"DOUBLE\""), f("lower", "2"), f("upper", "5"),
        f("lowerOpen", "false", "true"), f("upperOpen", "false", "true"), tuning("filterTuning", FILTER_TUNING));
    kind(FilterSpec.IsNull.class, "a null filter", "{\"type\":\"null\",\"column\":\"page\"}",
        f("column", "\"user\""), tuning("filterTuning", FILTER_TUNING));
    kind(FilterSpec.Regex.class, "a regex filter", "{\"type\":\"regex\",\"dimension\":\"page\",\"pattern\":\"^a\"}",
        f("dimension", "\"user\""), f("pattern", "\"b$\""), f("extractionFn", EXTRACTION),
        tuning("filterTuning", FILTER_TUNING));
    kind(FilterSpec.Like.class, "a like filter", "{\"type\":\"like\",\"dimension\":\"page\",\"pattern\":\"a%\"}",
        f("dimension", "\"user\""), f("pattern", "\"b_\""), f("escape", "\"$\""), f("extractionFn", EXTRACTION),
        tuning("filterTuning", FILTER_TUNING));
    kind(FilterSpec.Search.class, "a search filter",
        "{\"type\":\"search\",\"dimension\":\"page\",\"query\":{\"type\":\"contains\",\"value\":\"a\"}}",
        f("dimension", "\"user\""), f("query", "{\"type\":\"insensitive_contains\",\"value\":\"b\"}"),
        f("extractionFn", EXTRACTION), tuning("filterTuning", FILTER_TUNING));
    kind(FilterSpec.SearchQuerySpec.class, "a search query spec", "{\"type\":\"contains\",\"value\":\"a\"}",
        f("value", "\"b\""), f("caseSensitive", "false", "true"));
    kind(FilterSpec.IntervalFilter.class, "an interval filter",
        "{\"type\":\"interval\",\"dimension\":\"__time\",\"intervals\":[\"2013-01-01/2013-02-01\"]}",
        f("dimension", "\"added\""), f("intervals", "[\"2013-01-01/2013-01-02\"]"), f("extractionFn", EXTRACTION),
        tuning("filterTuning", FILTER_TUNING));
    kind(FilterSpec.And.class, "an and filter", "{\"type\":\"and\",\"fields\":[" + FILTER + "]}",
        f("fields", "[" + FILTER + "," + FILTER + "]"));
    kind(FilterSpec.Or.class, "an or filter", "{\"type\":\"or\",\"fields\":[" + FILTER + "]}",
        f("fields", "[" + FILTER + "," + FILTER + "]"));
    kind(FilterSpec.Not.class, "a not filter", "{\"type\":\"not\",\"field\":" + FILTER + "}",
        f("field", "{\"type\":\"selector\",\"dimension\":\"page\",\"value\":\"b\"}"));

    // ------------------------------------------------------------------------- aggregators, post-aggregators
    kind(AggregatorSpec.Count.class, "a count aggregator", "{\"type\":\"count\",\"name\":\"c\"}",
        f("name", "\"n\""));
    kind(AggregatorSpec.Numeric.class, "a sum/min/max aggregator",
        "{\"type\":\"longSum\",\"name\":\"s\",\"fieldName\":\"added\"}",
        f("name", "\"n\""), f("fieldName", "\"deleted\""), f("expression", "\"added * 2\""));
    kind(AggregatorSpec.Filtered.class, "a filtered aggregator",
        "{\"type\":\"filtered\",\"aggregator\":{\"type\":\"count\",\"name\":\"c\"},\"filter\":" + FILTER + "}",
        f("aggregator", "{\"type\":\"longSum\",\"name\":\"s\",\"fieldName\":\"added\"}"),
        f("filter", "{\"type\":\"selector\",\"dimension\":\"page\",\"value\":\"b\"}"), f("name", "\"n\""));
    kind(AggregatorSpec.FirstLast.class, "a first/last aggregator",
        "{\"type\":\"longFirst\",\"name\":\"f\",\"fieldName\":\"added\"}",
        f("name", "\"n\""), f("fieldName", "\"deleted\""), f("timeColumn", "\"__time\"", "\"added\""),
        f("maxStringBytes", "1024", "10"));
    kind(AggregatorSpec.Any.class, "an any aggregator", "{\"type\":\"stringAny\",\"name\":\"a\",\"fieldName\":\"page\"}",
        f("name", "\"n\""), f("fieldName", "\"user\""), f("maxStringBytes", "1024", "10"),
        f("aggregateMultipleValues", "true", "false"));
    kind(AggregatorSpec.DoubleMean.class, "a doubleMean aggregator",
        "{\"type\":\"doubleMean\",\"name\":\"m\",\"fieldName\":\"added\"}", f("name", "\"n\""),
        f("fieldName", "\"deleted\""));
    kind(AggregatorSpec.HllSketch.class, "an HLL sketch aggregator",
        "{\"type\":\"HLLSketchBuild\",\"name\":\"h\",\"fieldName\":\"user\"}", f("name", "\"n\""),
        f("fieldName", "\"page\""), f("lgK", "12", "10"), f("tgtHllType", "\"HLL_4\"", "\"HLL_8\""),
        f("stringEncoding", "\"utf16le\"", "\"utf8\""), f("shouldFinalize", "true", "false"),
        f("round", "false", "true"));
    kind(AggregatorSpec.ThetaSketch.class, "a thetaSketch aggregator",
        "{\"type\":\"thetaSketch\",\"name\":\"t\",\"fieldName\":\"user\"}", f("name", "\"n\""),
        f("fieldName", "\"page\""), f("size", "16384", "1024"), f("shouldFinalize", "true", "false"),
        f("isInputThetaSketch", "false", "true"), f("errorBoundsStdDev", "2"));
    kind(AggregatorSpec.QuantilesSketch.class, "a quantiles sketch aggregator",
        "{\"type\":\"quantilesDoublesSketch\",\"name\":\"q\",\"fieldName\":\"added\"}", f("name", "\"n\""),
        f("fieldName", "\"deleted\""), f("k", "128", "64"), tuning("maxStreamLength", "1000"),
        f("shouldFinalize", "true", "false"));
    kind(AggregatorSpec.Cardinality.class, "a cardinality aggregator",
        "{\"type\":\"cardinality\",\"name\":\"c\",\"fields\":[\"page\"]}", f("name", "\"n\""),
        f("fields", "[\"page\",\"user\"]"), f("byRow", "false", "true"), f("round", "false", "true"));
    kind(AggregatorSpec.HyperUnique.class, "a hyperUnique aggregator",
        "{\"type\":\"hyperUnique\",\"name\":\"u\",\"fieldName\":\"users\"}", f("name", "\"n\""),
        f("fieldName", "\"pages\""), f("isInputHyperUnique", "false", "true"), f("round", "false", "true"));
    kind(PostAggregatorSpec.HllEstimate.class, "an HLLSketchEstimate post-aggregator",
        "{\"type\":\"HLLSketchEstimate\",\"name\":\"e\",\"field\":{\"type\":\"fieldAccess\",\"fieldName\":\"h\"}}",
        f("name", "\"n\""), f("field", "{\"type\":\"fieldAccess\",\"fieldName\":\"g\"}"),
        f("round", "false", "true"));
    kind(PostAggregatorSpec.ThetaSetOp.class, "a thetaSketchSetOp post-aggregator",
        "{\"type\":\"thetaSketchSetOp\",\"name\":\"s\",\"func\":\"UNION\",\"fields\":["
            + "{\"type\":\"fieldAccess\",\"fieldName\":\"a\"},{\"type\":\"fieldAccess\",\"fieldName\":\"b\"}]}",
        f("name", "\"n\""), f("func", "\"INTERSECT\""), f("size", "16384", "1024"),
        f("fields", "[{\"type\":\"fieldAccess\",\"fieldName\":\"c\"},{\"type\":\"fieldAccess\",\"fieldName\":\"d\"}]"));
    kind(PostAggregatorSpec.QuantilesPostAgg.class, "a quantiles sketch post-aggregator",
        "{\"type\":\"quantilesDoublesSketchToQuantile\",\"name\":\"q\",\"field\":{\"type\":\"fieldAccess\","
            + "\"fieldName\":\"s\"},\"fraction\":0.5}",
        f("name", "\"n\""), f("field", "{\"type\":\"fieldAccess\",\"fieldName\":\"t\"}"), f("fraction", "0.9"));
    kind(FilterSpec.ColumnComparison.class, "a columnComparison filter",
        "{\"type\":\"columnComparison\",\"dimensions\":[\"page\",\"user\"]}",
        f("dimensions", "[\"page\",\"lang\"]"));
    kind(FilterSpec.ExpressionFilter.class, "an expression filter",
        "{\"type\":\"expression\",\"expression\":\"added > 1\"}", f("expression", "\"added > 2\""));
    kind(ExtractionFnSpec.Regex.class, "a regex extraction function", "{\"type\":\"regex\",\"expr\":\"(a)\"}",
        f("expr", "\"(b)\""), f("index", "1", "0"), f("replaceMissingValue", "false", "true"),
        f("replaceMissingValueWith", "\"x\""));
    kind(ExtractionFnSpec.Substring.class, "a substring extraction function",
        "{\"type\":\"substring\",\"index\":1}", f("index", "2"), f("length", "3"));
    kind(ExtractionFnSpec.TimeFormat.class, "a timeFormat extraction function", "{\"type\":\"timeFormat\"}",
        f("format", "\"yyyy\""), f("timeZone", "\"America/Los_Angeles\""), f("locale", "\"fr\""),
        f("granularity", "\"day\""), f("asMillis", "false", "true"));
    kind(ExtractionFnSpec.Lookup.class, "a lookup extraction function",
        "{\"type\":\"lookup\",\"lookup\":{\"type\":\"map\",\"map\":{\"a\":\"b\"}}}",
        f("lookup", "{\"type\":\"map\",\"map\":{\"c\":\"d\"}}"), f("retainMissingValue", "false", "true"),
        f("replaceMissingValueWith", "\"x\""), tuning("injective", "true"), tuning("optimize", "false"));
    kind(ExtractionFnSpec.StringFormat.class, "a stringFormat extraction function",
        "{\"type\":\"stringFormat\",\"format\":\"[%s]\"}", f("format", "\"<%s>\""),
        f("nullHandling", "\"nullString\"", "\"returnNull\""));
    kind(ExtractionFnSpec.Bucket.class, "a bucket extraction function", "{\"type\":\"bucket\"}",
        f("size", "1", "10"), f("offset", "0", "2"));
    kind(ExtractionFnSpec.Time.class, "a time extraction function",
        "{\"type\":\"time\",\"timeFormat\":\"yyyy\",\"resultFormat\":\"MM\"}", f("timeFormat", "\"MM\""),
        f("resultFormat", "\"yyyy\""), f("joda", "false", "true"));
    kind(PostAggregatorSpec.Arithmetic.class, "an arithmetic post-aggregator",
        "{\"type\":\"arithmetic\",\"name\":\"p\",\"fn\":\"+\",\"fields\":[{\"type\":\"constant\",\"name\":\"a\","
            + "\"value\":1},{\"type\":\"constant\",\"name\":\"b\",\"value\":2}]}",
        f("name", "\"q\""), f("fn", "\"*\""),
        f("fields", "[{\"type\":\"constant\",\"name\":\"a\",\"value\":3},{\"type\":\"constant\",\"name\":\"b\","
            + "\"value\":4}]"),
        f("ordering", "\"numericFirst\""));
    kind(PostAggregatorSpec.FieldAccess.class, "a fieldAccess post-aggregator",
        "{\"type\":\"fieldAccess\",\"name\":\"p\",\"fieldName\":\"c\"}", f("name", "\"q\""), f("fieldName", "\"d\""));
    kind(PostAggregatorSpec.FinalizingFieldAccess.class, "a finalizingFieldAccess post-aggregator",
        "{\"type\":\"finalizingFieldAccess\",\"name\":\"p\",\"fieldName\":\"c\"}", f("name", "\"q\""),
        f("fieldName", "\"d\""));
    kind(PostAggregatorSpec.Constant.class, "a constant post-aggregator",
        "{\"type\":\"constant\",\"name\":\"p\",\"value\":1}", f("name", "\"q\""), f("value", "2"));
    kind(PostAggregatorSpec.Expression.class, "an expression post-aggregator",
        "{\"type\":\"expression\",\"name\":\"p\",\"expression\":\"c * 2\"}", f("name", "\"q\""),
        f("expression", "\"c + 1\""), f("ordering", "\"numericFirst\""), f("outputType", "\"LONG\"", "\"DOUBLE\""));
    for (Class<?> extremum : PostAggregatorSpec.Extremum.class.getPermittedSubclasses()) {
      String type = Character.toLowerCase(extremum.getSimpleName().charAt(0)) + extremum.getSimpleName().substring(1);
      kind(extremum, "a " + type + " post-aggregator",
          "{\"type\":\"" + type + "\",\"name\":\"p\",\"fields\":[{\"type\":\"constant\",\"name\":\"a\","
              + "\"value\":1}]}",
          f("name", "\"q\""), f("fields", TWO_CONSTANTS));
    }

    // ---------------------------------------------------------------------- dimension, limit, having, metric
    kind(DimensionSpec.class, "a default dimension spec", "{\"type\":\"default\",\"dimension\":\"page\"}",
        f("dimension", "\"user\""), f("outputName", "\"u\""), f("outputType", "\"STRING\"", "\"LONG\""));
    kind(LimitSpec.class, "a default limitSpec", "{\"type\":\"default\",\"limit\":5}",
        f("limit", "3"), f("offset", "1"), f("columns", "[{\"dimension\":\"page\",\"direction\":\"descending\"}]"));
    kind(LimitSpec.OrderByColumn.class, "an orderBy column of a limitSpec", "{\"dimension\":\"page\"}",
        f("dimension", "\"user\""), f("direction", "\"ascending\"", "\"descending\""),
        f("dimensionOrder", "\"lexicographic\"", "\"numeric\""));
    kind(TopNMetricSpec.class, "a topN metric spec", "{\"type\":\"numeric\",\"metric\":\"c\"}",
        f("metric", "\"d\""), f("ordering", "\"lexicographic\""), f("previousStop", "\"b\""));
    kind(HavingSpec.GreaterThan.class, "a greaterThan having spec",
        "{\"type\":\"greaterThan\",\"aggregation\":\"c\",\"value\":1}", f("aggregation", "\"d\""), f("value", "2"));
    kind(HavingSpec.LessThan.class, "a lessThan having spec",
        "{\"type\":\"lessThan\",\"aggregation\":\"c\",\"value\":1}", f("aggregation", "\"d\""), f("value", "2"));
    kind(HavingSpec.EqualTo.class, "an equalTo having spec",
        "{\"type\":\"equalTo\",\"aggregation\":\"c\",\"value\":1}", f("aggregation", "\"d\""), f("value", "2"));
    kind(HavingSpec.DimSelector.class, "a dimSelector having spec",
        "{\"type\":\"dimSelector\",\"dimension\":\"page\",\"value\":\"a\"}", f("dimension", "\"user\""),
        f("value", "\"b\""), f("extractionFn", EXTRACTION));
    kind(HavingSpec.Filter.class, "a filter having spec", "{\"type\":\"filter\",\"filter\":" + FILTER + "}",
        f("filter", "{\"type\":\"selector\",\"dimension\":\"page\",\"value\":\"b\"}"));
  }

  /**
   * Context keys Druid defines that change a query's answer (not just how it runs), per query type ("*": every
   * type), with their defaults; those Strata implements are left out. A query setting one to anything but its
   * default is refused.
   */
  private static final Map<String, Map<String, Object>> RESULT_CONTEXT = Map.of("*", Map.of());

  private DruidFields() {
  }

  /**
   * Refuses a context key that would change the answer of a {@code queryType} query and that Strata does not
   * implement (set to anything but Druid's default).
   *
   * @throws InvalidInputException naming the key
   */
  public static void checkContext(String queryType, Map<String, Object> context) {
    if (context == null || context.isEmpty()) {
      return;
    }
    for (String scope : List.of("*", queryType)) {
      for (Map.Entry<String, Object> flag : RESULT_CONTEXT.getOrDefault(scope, Map.of()).entrySet()) {
        Object value = context.get(flag.getKey());
        if (value != null && !String.valueOf(value).equalsIgnoreCase(String.valueOf(flag.getValue()))) {
          throw new InvalidInputException("context." + flag.getKey(), "Unsupported context parameter ["
              + flag.getKey() + "] = " + value + " of a " + queryType + " query: Strata does not implement it yet, "
              + "and ignoring it would change the answer");
        }
      }
    }
  }

  /** The context keys {@link #checkContext} refuses for a query type, for tests. */
  public static Map<String, Object> resultContext(String queryType) {
    Map<String, Object> out = new LinkedHashMap<>(RESULT_CONTEXT.get("*"));
    out.putAll(RESULT_CONTEXT.getOrDefault(queryType, Map.of()));
    return out;
  }

  /** Every kind in the catalogue, in a stable order. */
  public static List<Kind> kinds() {
    return List.copyOf(KINDS.values());
  }

  /** Refuses Druid-defined fields the Strata type being read does not bind; registered on {@link Json#MAPPER}. */
  static final class Guard extends DeserializationProblemHandler {
    @Override
    public boolean handleUnknownProperty(DeserializationContext ctxt, JsonParser p, JsonDeserializer<?> deserializer,
                                         Object beanOrClass, String propertyName) throws IOException {
      Class<?> type = beanOrClass instanceof Class<?> c ? c : beanOrClass.getClass();
      Kind kind = KINDS.get(type);
      Field field = kind == null ? null : kind.field(propertyName);
      if (field == null || field.tuningOnly()) {
        return false; // not Druid's, or it cannot change the answer: skipped, as Druid skips what it does not know
      }
      JsonNode value = ctxt.readTree(p);
      if (harmless(value, field)) {
        return true;
      }
      throw new InvalidInputException(propertyName, "Unsupported field [" + propertyName + "] of " + kind.label()
          + ": Strata does not implement it yet, and ignoring it would change the answer");
    }

    private static boolean harmless(JsonNode value, Field field) throws IOException {
      if (value == null || value.isNull() || value.isContainerNode() && value.isEmpty()) {
        return true;
      }
      return field.defaultJson() != null && Json.MAPPER.readTree(field.defaultJson()).equals(value);
    }
  }
}
