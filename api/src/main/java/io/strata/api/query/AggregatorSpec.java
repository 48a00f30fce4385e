package io.strata.api.query;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import java.util.List;

/**
 * An aggregator as written in a metricsSpec or a query's {@code aggregations}. All type names in one place:
 * {@code count}; {@code longSum}, {@code doubleSum}, {@code floatSum}, {@code longMin}, {@code longMax},
 * {@code doubleMin}, {@code doubleMax}, {@code floatMin}, {@code floatMax}; {@code filtered}; the first/last
 * family ({@code longFirst}, ..., {@code stringLast}), the any family ({@code longAny}, ..., {@code stringAny}) and
 * {@code doubleMean}, which are query-time only ({@link #queryOnly}).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.EXISTING_PROPERTY, property = "type",
    visible = true)
@JsonSubTypes({
    @JsonSubTypes.Type(value = AggregatorSpec.Count.class, name = "count"),
    @JsonSubTypes.Type(value = AggregatorSpec.Numeric.class, names = {"longSum", "doubleSum", "floatSum",
        "longMin", "longMax", "doubleMin", "doubleMax", "floatMin", "floatMax"}),
    @JsonSubTypes.Type(value = AggregatorSpec.Filtered.class, name = "filtered"),
    @JsonSubTypes.Type(value = AggregatorSpec.FirstLast.class, names = {"longFirst", "longLast", "doubleFirst",
        "doubleLast", "floatFirst", "floatLast", "stringFirst", "stringLast"}),
    @JsonSubTypes.Type(value = AggregatorSpec.Any.class, names = {"longAny", "doubleAny", "floatAny", "stringAny"}),
    @JsonSubTypes.Type(value = AggregatorSpec.DoubleMean.class, name = "doubleMean"),
    @JsonSubTypes.Type(value = AggregatorSpec.HllSketch.class, names = {"HLLSketchBuild", "HLLSketchMerge"}),
    @JsonSubTypes.Type(value = AggregatorSpec.ThetaSketch.class, name = "thetaSketch"),
    @JsonSubTypes.Type(value = AggregatorSpec.QuantilesSketch.class, names = {"quantilesDoublesSketch",
        "KllDoublesSketch"}),
    @JsonSubTypes.Type(value = AggregatorSpec.Cardinality.class, name = "cardinality"),
    @JsonSubTypes.Type(value = AggregatorSpec.HyperUnique.class, name = "hyperUnique"),
})
public sealed interface AggregatorSpec permits AggregatorSpec.Count, AggregatorSpec.Numeric, AggregatorSpec.Filtered,
    AggregatorSpec.FirstLast, AggregatorSpec.Any, AggregatorSpec.DoubleMean, AggregatorSpec.HllSketch,
    AggregatorSpec.ThetaSketch, AggregatorSpec.QuantilesSketch, AggregatorSpec.Cardinality,
    AggregatorSpec.HyperUnique {
  String type();

  String name();

  /** True for aggregators Strata computes in queries but cannot store in a segment (refused in a metricsSpec). */
  default boolean queryOnly() {
    return false;
  }

  /** The value type a {@code long*}, {@code double*}, {@code float*} or {@code string*} aggregator works in. */
  private static String valueTypeOf(String type) {
    for (String t : new String[] {"long", "double", "float", "string"}) {
      if (type.startsWith(t)) {
        return t;
      }
    }
    throw new io.strata.api.error.InvalidInputException("type", "unknown aggregator type [" + type + "]");
  }

  /**
   * Druid's first/last aggregators: the value of {@code fieldName} in the row with the earliest (or latest) time of
   * {@code timeColumn} (default {@code __time}); strings are cut to {@code maxStringBytes} (default 1024).
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record FirstLast(@JsonProperty("type") String type, @JsonProperty("name") String name,
                   @JsonProperty("fieldName") String fieldName, @JsonProperty("timeColumn") String timeColumn,
                   @JsonProperty("maxStringBytes") Integer maxStringBytes) implements AggregatorSpec {
    public FirstLast {
      Specs.required(name, "name", "every aggregator needs a name");
      Specs.required(fieldName, "fieldName", "the column whose first or last value aggregator [" + name
          + "] takes");
      valueTypeOf(type);
      timeColumn = Specs.orDefault(timeColumn, "__time");
      if (maxStringBytes != null && maxStringBytes < 0) {
        throw new io.strata.api.error.InvalidInputException("maxStringBytes", "maxStringBytes of aggregator ["
            + name + "] must not be negative");
      }
      maxStringBytes = Specs.orDefault(maxStringBytes, 1024);
    }

    /** {@code long}, {@code double}, {@code float} or {@code string}. */
    public String valueType() {
      return valueTypeOf(type);
    }

    public boolean last() {
      return type.endsWith("Last");
    }

    @Override
    public boolean queryOnly() {
      return true;
    }
  }

  /** Druid's any aggregators: some value of {@code fieldName} (the first one read). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Any(@JsonProperty("type") String type, @JsonProperty("name") String name,
             @JsonProperty("fieldName") String fieldName, @JsonProperty("maxStringBytes") Integer maxStringBytes,
             @JsonProperty("aggregateMultipleValues") Boolean aggregateMultipleValues) implements AggregatorSpec {
    public Any {
      Specs.required(name, "name", "every aggregator needs a name");
      Specs.required(fieldName, "fieldName", "the column aggregator [" + name + "] takes a value of");
      valueTypeOf(type);
      maxStringBytes = Specs.orDefault(maxStringBytes, 1024);
    }

    public String valueType() {
      return valueTypeOf(type);
    }

    @Override
    public boolean queryOnly() {
      return true;
    }
  }

  /**
   * DataSketches HLL: {@code HLLSketchBuild} sketches a column's values ({@code lgK} 4..21, default 12;
   * {@code tgtHllType} HLL_4 (default), HLL_6 or HLL_8; strings hashed as UTF-16LE chars by default or as UTF-8
   * bytes with {@code stringEncoding} utf8); finalized to the estimate ({@code round} to a whole number) unless
   * {@code shouldFinalize} is false. {@code HLLSketchMerge} merges stored sketches.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record HllSketch(@JsonProperty("type") String type, @JsonProperty("name") String name,
                   @JsonProperty("fieldName") String fieldName, @JsonProperty("lgK") Integer lgK,
                   @JsonProperty("tgtHllType") String tgtHllType, @JsonProperty("stringEncoding") String stringEncoding,
                   @JsonProperty("shouldFinalize") Boolean shouldFinalize, @JsonProperty("round") Boolean round)
      implements AggregatorSpec {
    public HllSketch {
      Specs.required(name, "name", "every aggregator needs a name");
      Specs.required(fieldName, "fieldName", "the column aggregator [" + name + "] sketches");
      lgK = Specs.orDefault(lgK, 12);
      if (lgK < 4 || lgK > 21) {
        throw new io.strata.api.error.InvalidInputException("lgK", "lgK of aggregator [" + name
            + "] must be between 4 and 21, got " + lgK);
      }
      tgtHllType = Specs.orDefault(tgtHllType, "HLL_4");
      if (!java.util.Set.of("HLL_4", "HLL_6", "HLL_8").contains(tgtHllType)) {
        throw new io.strata.api.error.InvalidInputException("tgtHllType", "tgtHllType [" + tgtHllType
            + "] of aggregator [" + name + "] must be HLL_4, HLL_6 or HLL_8");
      }
      stringEncoding = Specs.orDefault(stringEncoding, "utf16le").toLowerCase(java.util.Locale.ROOT);
      if (!stringEncoding.equals("utf16le") && !stringEncoding.equals("utf8")) {
        throw new io.strata.api.error.InvalidInputException("stringEncoding", "stringEncoding [" + stringEncoding
            + "] of aggregator [" + name + "] must be utf16le or utf8");
      }
      shouldFinalize = Specs.orDefault(shouldFinalize, true);
      round = Specs.orDefault(round, false);
    }

    @Override
    public boolean queryOnly() {
      return true;
    }
  }

  /**
   * DataSketches theta: a sketch of a column's values with {@code size} nominal entries (a power of 2, default
   * 16384); finalized to the estimate unless {@code shouldFinalize} is false. {@code isInputThetaSketch} true merges
   * stored sketches instead.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record ThetaSketch(@JsonProperty("type") String type, @JsonProperty("name") String name,
                     @JsonProperty("fieldName") String fieldName, @JsonProperty("size") Integer size,
                     @JsonProperty("shouldFinalize") Boolean shouldFinalize,
                     @JsonProperty("isInputThetaSketch") Boolean isInputThetaSketch,
                     @JsonProperty("errorBoundsStdDev") Integer errorBoundsStdDev) implements AggregatorSpec {
    public ThetaSketch {
      type = "thetaSketch";
      Specs.required(name, "name", "every aggregator needs a name");
      Specs.required(fieldName, "fieldName", "the column aggregator [" + name + "] sketches");
      size = Specs.orDefault(size, 16384);
      if (size < 16 || Integer.bitCount(size) != 1) {
        throw new io.strata.api.error.InvalidInputException("size", "size of aggregator [" + name
            + "] must be a power of 2 of at least 16, got " + size);
      }
      shouldFinalize = Specs.orDefault(shouldFinalize, true);
      isInputThetaSketch = Specs.orDefault(isInputThetaSketch, false);
    }

    @Override
    public boolean queryOnly() {
      return true;
    }
  }

  /**
   * DataSketches quantiles of a numeric column: {@code quantilesDoublesSketch} (classic, {@code k} a power of 2 from 2
   * to 32768, default 128) or {@code KllDoublesSketch} ({@code k} 8 to 65535, default 200); finalized to the number of
   * values sketched unless {@code shouldFinalize} is false. {@code maxStreamLength} only sizes Druid's buffers.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record QuantilesSketch(@JsonProperty("type") String type, @JsonProperty("name") String name,
                         @JsonProperty("fieldName") String fieldName, @JsonProperty("k") Integer k,
                         @JsonProperty("maxStreamLength") Long maxStreamLength,
                         @JsonProperty("shouldFinalize") Boolean shouldFinalize) implements AggregatorSpec {
    public QuantilesSketch {
      Specs.required(name, "name", "every aggregator needs a name");
      Specs.required(fieldName, "fieldName", "the numeric column aggregator [" + name + "] sketches");
      boolean kll = "KllDoublesSketch".equals(type);
      k = Specs.orDefault(k, kll ? 200 : 128);
      if (kll ? k < 8 || k > 65535 : k < 2 || k > 32768 || Integer.bitCount(k) != 1) {
        throw new io.strata.api.error.InvalidInputException("k", "k of aggregator [" + name + "] must be "
            + (kll ? "between 8 and 65535" : "a power of 2 from 2 to 32768") + ", got " + k);
      }
      shouldFinalize = Specs.orDefault(shouldFinalize, true);
    }

    public boolean kll() {
      return "KllDoublesSketch".equals(type);
    }

    @Override
    public boolean queryOnly() {
      return true;
    }
  }

  /**
   * Druid's {@code cardinality}: the approximate number of distinct values of {@code fields} (each field's values
   * counted together, or, {@code byRow}, distinct combinations of them), with Druid's own HyperLogLog; {@code round}
   * to a whole number.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Cardinality(@JsonProperty("type") String type, @JsonProperty("name") String name,
                     @JsonProperty("fields") List<DimensionSpec> fields, @JsonProperty("byRow") Boolean byRow,
                     @JsonProperty("round") Boolean round) implements AggregatorSpec {
    public Cardinality {
      type = "cardinality";
      Specs.required(name, "name", "every aggregator needs a name");
      if (fields == null || fields.isEmpty()) {
        throw new io.strata.api.error.InvalidInputException("fields", "aggregator [" + name
            + "] needs the dimensions to count in fields");
      }
      for (DimensionSpec d : fields) {
        if (!d.isPlain()) {
          throw new io.strata.api.error.InvalidInputException("fields", "aggregator [" + name + "]: a " + d.type()
              + " dimension spec in fields is not supported yet; name the column");
        }
      }
      fields = List.copyOf(fields);
      byRow = Specs.orDefault(byRow, false);
      round = Specs.orDefault(round, false);
    }

    @Override
    public boolean queryOnly() {
      return true;
    }
  }

  /** Druid's {@code hyperUnique}: merges a stored hyperUnique column ({@code isInputHyperUnique}, {@code round}). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record HyperUnique(@JsonProperty("type") String type, @JsonProperty("name") String name,
                     @JsonProperty("fieldName") String fieldName,
                     @JsonProperty("isInputHyperUnique") Boolean isInputHyperUnique,
                     @JsonProperty("round") Boolean round) implements AggregatorSpec {
    public HyperUnique {
      type = "hyperUnique";
      Specs.required(name, "name", "every aggregator needs a name");
      Specs.required(fieldName, "fieldName", "the hyperUnique column aggregator [" + name + "] merges");
      round = Specs.orDefault(round, false);
    }

    @Override
    public boolean queryOnly() {
      return true;
    }
  }

  /** Druid's {@code doubleMean}: the mean of {@code fieldName}'s non-null values. */
  record DoubleMean(@JsonProperty("type") String type, @JsonProperty("name") String name,
                    @JsonProperty("fieldName") String fieldName) implements AggregatorSpec {
    public DoubleMean {
      type = "doubleMean";
      Specs.required(name, "name", "every aggregator needs a name");
      Specs.required(fieldName, "fieldName", "the column aggregator [" + name + "] averages");
    }

    @Override
    public boolean queryOnly() {
      return true;
    }
  }

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
      if (aggregator instanceof FirstLast fl) {
        return new FirstLast(fl.type(), n, fl.fieldName(), fl.timeColumn(), fl.maxStringBytes());
      }
      if (aggregator instanceof Any a) {
        return new Any(a.type(), n, a.fieldName(), a.maxStringBytes(), a.aggregateMultipleValues());
      }
      if (aggregator instanceof DoubleMean m) {
        return new DoubleMean(m.type(), n, m.fieldName());
      }
      if (aggregator instanceof HllSketch h) {
        return new HllSketch(h.type(), n, h.fieldName(), h.lgK(), h.tgtHllType(), h.stringEncoding(),
            h.shouldFinalize(), h.round());
      }
      if (aggregator instanceof QuantilesSketch q) {
        return new QuantilesSketch(q.type(), n, q.fieldName(), q.k(), q.maxStreamLength(), q.shouldFinalize());
      }
      if (aggregator instanceof Cardinality c) {
        return new Cardinality(c.type(), n, c.fields(), c.byRow(), c.round());
      }
      if (aggregator instanceof HyperUnique h) {
        return new HyperUnique(h.type(), n, h.fieldName(), h.isInputHyperUnique(), h.round());
      }
      if (aggregator instanceof ThetaSketch t) {
        return new ThetaSketch(t.type(), n, t.fieldName(), t.size(), t.shouldFinalize(), t.isInputThetaSketch(),
            t.errorBoundsStdDev());
      }
      Filtered f = (Filtered) aggregator;
      return new Filtered("filtered", f.aggregator(), f.filter(), n);
    }
  }
}
