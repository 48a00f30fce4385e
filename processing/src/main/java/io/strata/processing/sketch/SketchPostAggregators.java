package io.strata.processing.sketch;

import io.strata.api.error.InvalidInputException;
import io.strata.api.exec.PostAggregator;
import io.strata.api.query.PostAggregatorSpec;
import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.TgtHllType;
import org.apache.datasketches.hll.Union;
import org.apache.datasketches.theta.AnotB;
import org.apache.datasketches.theta.Intersection;
import org.apache.datasketches.theta.SetOperation;
import org.apache.datasketches.theta.Sketch;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The sketch post-aggregators: quantiles (`...To*`) and the HLL and theta ones ({@code HLLSketchEstimate}, {@code HLLSketchEstimateWithBounds},
 * {@code HLLSketchToString}, {@code HLLSketchUnion}, {@code thetaSketchEstimate}, {@code thetaSketchSetOp},
 * {@code thetaSketchToString}) over the sketches their fields give.
 */
public final class SketchPostAggregators {
  private SketchPostAggregators() {
  }

  private static final Comparator<Object> NUMBERS = Comparator.nullsFirst(
      Comparator.comparingDouble(v -> ((Number) v).doubleValue()));

  /**
   * The post-aggregator for a sketch spec, or null if {@code spec} is not one.
   *
   * @param fields makes the post-aggregators of nested fields
   */
  public static PostAggregator create(PostAggregatorSpec spec, Function<PostAggregatorSpec, PostAggregator> fields) {
    if (spec instanceof PostAggregatorSpec.HllEstimate e) {
      boolean round = e.round();
      return one(e.name(), fields.apply(e.field()), v -> {
        double est = hll(v, e.name()).getEstimate();
        return round ? (double) Math.round(est) : est; // Druid rounds to a whole double here (5.0)
      }, NUMBERS);
    }
    if (spec instanceof PostAggregatorSpec.HllEstimateWithBounds e) {
      int k = e.numStdDev();
      return one(e.name(), fields.apply(e.field()), v -> {
        HllSketch s = hll(v, e.name());
        return new double[] {s.getEstimate(), s.getLowerBound(k), s.getUpperBound(k)};
      }, (a, b) -> 0);
    }
    if (spec instanceof PostAggregatorSpec.HllToString e) {
      return one(e.name(), fields.apply(e.field()), v -> hll(v, e.name()).toString(), Comparator.nullsFirst(
          Comparator.comparing(Object::toString)));
    }
    if (spec instanceof PostAggregatorSpec.HllUnion u) {
      TgtHllType type = TgtHllType.valueOf(u.tgtHllType());
      return new SketchPostAggregator(u.name(), u.fields().stream().map(fields).toList(), values -> {
        Union union = new Union(u.lgK());
        for (Object v : values) {
          union.update(hll(v, u.name()));
        }
        return new HllValue(union.getResult(type));
      }, Comparator.comparingDouble(HllSketchAggregatorFactory::estimateOf));
    }
    if (spec instanceof PostAggregatorSpec.ThetaEstimate e) {
      Integer bounds = e.errorBoundsStdDev();
      return one(e.name(), fields.apply(e.field()), v -> {
        Sketch s = theta(v, e.name());
        return bounds == null ? (Object) s.getEstimate() : withBounds(s, bounds);
      }, bounds == null ? NUMBERS : (a, b) -> 0);
    }
    if (spec instanceof PostAggregatorSpec.ThetaSetOp op) {
      return new SketchPostAggregator(op.name(), op.fields().stream().map(fields).toList(),
          values -> new ThetaValue(setOp(op, values)), Comparator.comparingDouble(v -> v instanceof ThetaValue t
              ? t.sketch().getEstimate() : 0));
    }
    if (spec instanceof PostAggregatorSpec.QuantilesPostAgg q) {
      return one(q.name(), fields.apply(q.field()), v -> quantiles(q, v), q.operation().equals("ToQuantile")
          || q.operation().equals("ToRank") ? NUMBERS : (a, b) -> 0);
    }
    if (spec instanceof PostAggregatorSpec.HyperUniqueCardinality h) {
      // The aggregator's finalized estimate (rounded when the aggregator rounds), as Druid gives it.
      PostAggregator field = fields.apply(new PostAggregatorSpec.FinalizingFieldAccess(h.name(), h.fieldName()));
      return one(h.name(), field, v -> v instanceof Number ? v : CardinalityAggregatorFactory.estimateOf(v), NUMBERS);
    }
    if (spec instanceof PostAggregatorSpec.ThetaToString e) {
      return one(e.name(), fields.apply(e.field()), v -> theta(v, e.name()).toString(), Comparator.nullsFirst(
          Comparator.comparing(Object::toString)));
    }
    return null;
  }

  private static PostAggregator one(String name, PostAggregator field, Function<Object, Object> fn,
                                    Comparator<Object> comparator) {
    return new SketchPostAggregator(name, List.of(field), values -> fn.apply(values.get(0)), comparator);
  }

  private static Sketch setOp(PostAggregatorSpec.ThetaSetOp op, List<Object> values) {
    switch (op.func()) {
      case "UNION" -> {
        org.apache.datasketches.theta.Union union = SetOperation.builder().setNominalEntries(op.size()).buildUnion();
        values.forEach(v -> union.union(theta(v, op.name())));
        return union.getResult();
      }
      case "INTERSECT" -> {
        Intersection intersection = SetOperation.builder().setNominalEntries(op.size()).buildIntersection();
        values.forEach(v -> intersection.intersect(theta(v, op.name())));
        return intersection.getResult();
      }
      default -> {
        AnotB anotb = SetOperation.builder().setNominalEntries(op.size()).buildANotB();
        Sketch result = theta(values.get(0), op.name());
        for (int i = 1; i < values.size(); i++) {
          result = anotb.aNotB(result, theta(values.get(i), op.name()));
        }
        return result;
      }
    }
  }

  private static Object quantiles(PostAggregatorSpec.QuantilesPostAgg q, Object v) {
    if (!(v instanceof QuantilesValue value)) {
      throw new InvalidInputException("field", "post-aggregator [" + q.name() + "] needs a quantiles sketch (a "
          + "fieldAccess of a quantilesDoublesSketch or KllDoublesSketch aggregator), got "
          + (v == null ? "null" : v.getClass().getSimpleName()));
    }
    org.apache.datasketches.quantilescommon.QuantilesDoublesAPI s = value.sketch();
    String op = q.operation();
    if (op.equals("ToString")) {
      return s.toString();
    }
    if (s.isEmpty()) {
      // Nothing was sketched: no quantile, rank or distribution exists.
      return switch (op) {
        case "ToQuantile", "ToRank" -> Double.NaN;
        case "ToQuantiles" -> nans(q.fractions().size());
        case "ToCDF" -> nans(q.splitPoints().size() + 1);
        default -> nans(q.splitPoints() != null ? q.splitPoints().size() + 1 : q.numBins());
      };
    }
    return switch (op) {
      case "ToQuantile" -> s.getQuantile(q.fraction());
      case "ToQuantiles" -> s.getQuantiles(toArray(q.fractions()));
      case "ToCDF" -> s.getCDF(toArray(q.splitPoints()));
      case "ToRank" -> s.getRank(q.value());
      default -> histogram(s, q);
    };
  }

  /** Counts per bin: the PMF over the split points (or {@code numBins} equal bins from min to max) times N. */
  private static double[] histogram(org.apache.datasketches.quantilescommon.QuantilesDoublesAPI s,
                                    PostAggregatorSpec.QuantilesPostAgg q) {
    double[] splits;
    if (q.splitPoints() != null) {
      splits = toArray(q.splitPoints());
    } else {
      double min = s.getMinItem();
      double max = s.getMaxItem();
      int bins = q.numBins();
      splits = new double[bins - 1];
      double width = (max - min) / bins;
      for (int i = 0; i < splits.length; i++) {
        splits[i] = min + width * (i + 1);
      }
      if (width == 0) {
        splits = new double[0];
      }
    }
    double[] pmf = s.getPMF(splits);
    for (int i = 0; i < pmf.length; i++) {
      pmf[i] *= s.getN();
    }
    return pmf;
  }

  private static double[] toArray(List<Double> values) {
    double[] out = new double[values.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = values.get(i);
    }
    return out;
  }

  private static double[] nans(int n) {
    double[] out = new double[n];
    java.util.Arrays.fill(out, Double.NaN);
    return out;
  }

  private static HllSketch hll(Object v, String name) {
    if (v instanceof HllValue h) {
      return h.sketch();
    }
    throw new InvalidInputException("field", "post-aggregator [" + name + "] needs an HLL sketch (a fieldAccess "
        + "of an HLLSketchBuild aggregator), got " + (v == null ? "null" : v.getClass().getSimpleName()));
  }

  private static Sketch theta(Object v, String name) {
    if (v instanceof ThetaValue t) {
      return t.sketch();
    }
    throw new InvalidInputException("field", "post-aggregator [" + name + "] needs a theta sketch (a fieldAccess "
        + "of a thetaSketch aggregator), got " + (v == null ? "null" : v.getClass().getSimpleName()));
  }

  /** A theta estimate with its error bounds, as Druid prints it. */
  static Map<String, Object> withBounds(Sketch s, int numStdDev) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("estimate", s.getEstimate());
    out.put("highBound", s.getUpperBound(numStdDev));
    out.put("lowBound", s.getLowerBound(numStdDev));
    out.put("numStdDev", numStdDev);
    return out;
  }
}
