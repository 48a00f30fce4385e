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
 * {@code finalizingFieldAccess}, {@code constant}, {@code expression}, {@code doubleGreatest},
 * {@code doubleLeast}, {@code longGreatest}, {@code longLeast}; {@code javascript} is refused as Druid refuses it
 * when JavaScript is disabled (its default).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.EXISTING_PROPERTY, property = "type",
    visible = true)
@JsonSubTypes({
    @JsonSubTypes.Type(value = PostAggregatorSpec.Arithmetic.class, name = "arithmetic"),
    @JsonSubTypes.Type(value = PostAggregatorSpec.FieldAccess.class, name = "fieldAccess"),
    @JsonSubTypes.Type(value = PostAggregatorSpec.FinalizingFieldAccess.class, name = "finalizingFieldAccess"),
    @JsonSubTypes.Type(value = PostAggregatorSpec.Constant.class, name = "constant"),
    @JsonSubTypes.Type(value = PostAggregatorSpec.Expression.class, name = "expression"),
    @JsonSubTypes.Type(value = PostAggregatorSpec.DoubleGreatest.class, name = "doubleGreatest"),
    @JsonSubTypes.Type(value = PostAggregatorSpec.DoubleLeast.class, name = "doubleLeast"),
    @JsonSubTypes.Type(value = PostAggregatorSpec.LongGreatest.class, name = "longGreatest"),
    @JsonSubTypes.Type(value = PostAggregatorSpec.LongLeast.class, name = "longLeast"),
    @JsonSubTypes.Type(value = PostAggregatorSpec.JavaScript.class, name = "javascript"),
    @JsonSubTypes.Type(value = PostAggregatorSpec.HllEstimate.class, name = "HLLSketchEstimate"),
    @JsonSubTypes.Type(value = PostAggregatorSpec.HllEstimateWithBounds.class, name = "HLLSketchEstimateWithBounds"),
    @JsonSubTypes.Type(value = PostAggregatorSpec.HllToString.class, name = "HLLSketchToString"),
    @JsonSubTypes.Type(value = PostAggregatorSpec.HllUnion.class, name = "HLLSketchUnion"),
    @JsonSubTypes.Type(value = PostAggregatorSpec.ThetaEstimate.class, name = "thetaSketchEstimate"),
    @JsonSubTypes.Type(value = PostAggregatorSpec.ThetaSetOp.class, name = "thetaSketchSetOp"),
    @JsonSubTypes.Type(value = PostAggregatorSpec.ThetaToString.class, name = "thetaSketchToString"),
    @JsonSubTypes.Type(value = PostAggregatorSpec.HyperUniqueCardinality.class, name = "hyperUniqueCardinality"),
    @JsonSubTypes.Type(value = PostAggregatorSpec.QuantilesPostAgg.class, names = {
        "quantilesDoublesSketchToQuantile", "quantilesDoublesSketchToQuantiles", "quantilesDoublesSketchToHistogram",
        "quantilesDoublesSketchToCDF", "quantilesDoublesSketchToRank", "quantilesDoublesSketchToString",
        "KllDoublesSketchToQuantile", "KllDoublesSketchToQuantiles", "KllDoublesSketchToHistogram",
        "KllDoublesSketchToCDF", "KllDoublesSketchToRank", "KllDoublesSketchToString"}),
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

  /**
   * {@code expression}: a Druid expression over the row's finalized aggregator values and earlier post-aggregators;
   * {@code ordering} null or {@code numericFirst}; {@code outputType} (optional) coerces the result.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Expression(@JsonProperty("name") String name, @JsonProperty("expression") String expression,
                    @JsonProperty("ordering") String ordering,
                    @JsonProperty("outputType") io.strata.api.data.ColumnType outputType)
      implements PostAggregatorSpec {
    public Expression {
      Specs.required(expression, "expression", "a Druid expression");
      if (ordering != null && !ordering.equals("numericFirst")) {
        throw new InvalidInputException("ordering", "Unknown ordering [" + ordering + "] of expression "
            + "post-aggregator [" + name + "]; leave it out or use \"numericFirst\"");
      }
      if (outputType == io.strata.api.data.ColumnType.COMPLEX) {
        throw new InvalidInputException("outputType", "expression post-aggregator [" + name
            + "]: outputType must be LONG, FLOAT, DOUBLE or STRING");
      }
    }
  }

  /** The greatest/least family: the extreme of the fields' values, null values skipped (null if all are null). */
  sealed interface Extremum extends PostAggregatorSpec {
    List<PostAggregatorSpec> fields();

    /** True for the greatest value, false for the least. */
    default boolean greatest() {
      return this instanceof DoubleGreatest || this instanceof LongGreatest;
    }

    /** True for a LONG result (values cast to long), false for DOUBLE. */
    default boolean longs() {
      return this instanceof LongGreatest || this instanceof LongLeast;
    }
  }

  private static List<PostAggregatorSpec> checkFields(List<PostAggregatorSpec> fields, String name) {
    if (fields == null || fields.isEmpty()) {
      throw new InvalidInputException("fields", "post-aggregator [" + name + "] needs at least one field");
    }
    return List.copyOf(fields);
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record DoubleGreatest(@JsonProperty("name") String name, @JsonProperty("fields") List<PostAggregatorSpec> fields)
      implements Extremum {
    public DoubleGreatest {
      fields = checkFields(fields, name);
    }
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record DoubleLeast(@JsonProperty("name") String name, @JsonProperty("fields") List<PostAggregatorSpec> fields)
      implements Extremum {
    public DoubleLeast {
      fields = checkFields(fields, name);
    }
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record LongGreatest(@JsonProperty("name") String name, @JsonProperty("fields") List<PostAggregatorSpec> fields)
      implements Extremum {
    public LongGreatest {
      fields = checkFields(fields, name);
    }
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record LongLeast(@JsonProperty("name") String name, @JsonProperty("fields") List<PostAggregatorSpec> fields)
      implements Extremum {
    public LongLeast {
      fields = checkFields(fields, name);
    }
  }

  /** {@code javascript}: always refused, as Druid does with JavaScript disabled (its default). */
  record JavaScript(@JsonProperty("name") String name) implements PostAggregatorSpec {
    public JavaScript {
      throw JavaScriptRefusal.refused("post-aggregator");
    }
  }

  /** {@code HLLSketchEstimate}: the estimate of an HLL sketch {@code field} ({@code round} to a whole number). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record HllEstimate(@JsonProperty("name") String name, @JsonProperty("field") PostAggregatorSpec field,
                     @JsonProperty("round") Boolean round) implements PostAggregatorSpec {
    public HllEstimate {
      Specs.required(field, "field", "the post-aggregator giving the sketch, usually a fieldAccess");
      round = Specs.orDefault(round, false);
    }
  }

  /** {@code HLLSketchEstimateWithBounds}: [estimate, lower bound, upper bound] at {@code numStdDev} (default 1). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record HllEstimateWithBounds(@JsonProperty("name") String name, @JsonProperty("field") PostAggregatorSpec field,
                               @JsonProperty("numStdDev") Integer numStdDev) implements PostAggregatorSpec {
    public HllEstimateWithBounds {
      Specs.required(field, "field", "the post-aggregator giving the sketch, usually a fieldAccess");
      numStdDev = Specs.orDefault(numStdDev, 1);
      if (numStdDev < 1 || numStdDev > 3) {
        throw new InvalidInputException("numStdDev", "numStdDev of [" + name + "] must be 1, 2 or 3");
      }
    }
  }

  /** {@code HLLSketchToString}: the sketch's summary. */
  record HllToString(@JsonProperty("name") String name, @JsonProperty("field") PostAggregatorSpec field)
      implements PostAggregatorSpec {
    public HllToString {
      Specs.required(field, "field", "the post-aggregator giving the sketch, usually a fieldAccess");
    }
  }

  /** {@code HLLSketchUnion}: the union of HLL sketch {@code fields}, of {@code lgK} and {@code tgtHllType}. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record HllUnion(@JsonProperty("name") String name, @JsonProperty("fields") List<PostAggregatorSpec> fields,
                  @JsonProperty("lgK") Integer lgK, @JsonProperty("tgtHllType") String tgtHllType)
      implements PostAggregatorSpec {
    public HllUnion {
      fields = checkFields(fields, name);
      lgK = Specs.orDefault(lgK, 12);
      tgtHllType = Specs.orDefault(tgtHllType, "HLL_4");
      if (!Set.of("HLL_4", "HLL_6", "HLL_8").contains(tgtHllType)) {
        throw new InvalidInputException("tgtHllType", "tgtHllType [" + tgtHllType + "] must be HLL_4, HLL_6 or "
            + "HLL_8");
      }
    }
  }

  /**
   * {@code thetaSketchEstimate}: the estimate of a theta sketch {@code field}; with {@code errorBoundsStdDev}, the
   * estimate with its bounds.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record ThetaEstimate(@JsonProperty("name") String name, @JsonProperty("field") PostAggregatorSpec field,
                       @JsonProperty("errorBoundsStdDev") Integer errorBoundsStdDev) implements PostAggregatorSpec {
    public ThetaEstimate {
      Specs.required(field, "field", "the post-aggregator giving the sketch, usually a fieldAccess");
    }
  }

  /** {@code thetaSketchSetOp}: {@code func} UNION, INTERSECT or NOT of theta sketch {@code fields}. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record ThetaSetOp(@JsonProperty("name") String name, @JsonProperty("func") String func,
                    @JsonProperty("size") Integer size, @JsonProperty("fields") List<PostAggregatorSpec> fields)
      implements PostAggregatorSpec {
    public ThetaSetOp {
      Specs.required(func, "func", "UNION, INTERSECT or NOT");
      if (!Set.of("UNION", "INTERSECT", "NOT").contains(func)) {
        throw new InvalidInputException("func", "func [" + func + "] of [" + name + "] must be UNION, INTERSECT or "
            + "NOT");
      }
      size = Specs.orDefault(size, 16384);
      if (size < 16 || Integer.bitCount(size) != 1) {
        throw new InvalidInputException("size", "size of [" + name + "] must be a power of 2 of at least 16");
      }
      fields = checkFields(fields, name);
      if (fields.size() < 2) {
        throw new InvalidInputException("fields", "[" + name + "] needs at least two fields");
      }
    }
  }

  /** {@code thetaSketchToString}: the sketch's summary. */
  record ThetaToString(@JsonProperty("name") String name, @JsonProperty("field") PostAggregatorSpec field)
      implements PostAggregatorSpec {
    public ThetaToString {
      Specs.required(field, "field", "the post-aggregator giving the sketch, usually a fieldAccess");
    }
  }

  /**
   * The quantiles sketch post-aggregators ({@code quantilesDoublesSketchTo*} and {@code KllDoublesSketchTo*}):
   * {@code ToQuantile} ({@code fraction}), {@code ToQuantiles} ({@code fractions}), {@code ToHistogram}
   * ({@code splitPoints}, or {@code numBins} equal bins between the minimum and maximum, default 10), {@code ToCDF}
   * ({@code splitPoints}), {@code ToRank} ({@code value}), {@code ToString}.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record QuantilesPostAgg(@JsonProperty("type") String type, @JsonProperty("name") String name,
                          @JsonProperty("field") PostAggregatorSpec field, @JsonProperty("fraction") Double fraction,
                          @JsonProperty("fractions") List<Double> fractions,
                          @JsonProperty("splitPoints") List<Double> splitPoints,
                          @JsonProperty("numBins") Integer numBins, @JsonProperty("value") Double value)
      implements PostAggregatorSpec {
    public QuantilesPostAgg {
      Specs.required(field, "field", "the post-aggregator giving the sketch, usually a fieldAccess");
      String op = operation(type);
      switch (op) {
        case "ToQuantile" -> {
          Specs.required(fraction, "fraction", "the fraction (0 to 1) whose quantile [" + name + "] gives");
          checkFraction(fraction, name);
        }
        case "ToQuantiles" -> {
          Specs.required(fractions, "fractions", "the fractions whose quantiles [" + name + "] gives");
          fractions.forEach(f -> checkFraction(f, name));
          fractions = List.copyOf(fractions);
        }
        case "ToCDF" -> {
          Specs.required(splitPoints, "splitPoints", "the split points of [" + name + "]");
          splitPoints = List.copyOf(splitPoints);
        }
        case "ToRank" -> Specs.required(value, "value", "the value whose rank [" + name + "] gives");
        case "ToHistogram" -> {
          if (splitPoints != null) {
            splitPoints = List.copyOf(splitPoints);
          }
          numBins = Specs.orDefault(numBins, 10);
          if (numBins < 2) {
            throw new InvalidInputException("numBins", "numBins of [" + name + "] must be at least 2");
          }
        }
        default -> {
        }
      }
    }

    /** What the post-aggregator computes: ToQuantile, ToQuantiles, ToHistogram, ToCDF, ToRank or ToString. */
    public String operation() {
      return operation(type);
    }

    private static String operation(String type) {
      return type.substring(type.indexOf("To"));
    }

    private static void checkFraction(Double f, String name) {
      if (f == null || f < 0 || f > 1) {
        throw new InvalidInputException("fraction", "fractions of [" + name + "] must be between 0 and 1, got " + f);
      }
    }
  }

  /** {@code hyperUniqueCardinality}: the estimate of a cardinality or hyperUnique aggregator {@code fieldName}. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record HyperUniqueCardinality(@JsonProperty("name") String name, @JsonProperty("fieldName") String fieldName)
      implements PostAggregatorSpec {
    public HyperUniqueCardinality {
      Specs.required(fieldName, "fieldName", "the cardinality or hyperUnique aggregator to estimate");
    }
  }
}
