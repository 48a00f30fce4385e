package io.strata.processing.aggregation;

import io.strata.api.error.InvalidInputException;
import io.strata.api.exec.AggregatorFactory;
import io.strata.api.query.AggregatorSpec;
import io.strata.processing.expression.Expression;
import io.strata.processing.expression.Expressions;

import java.util.ArrayList;
import java.util.List;

/** Turns aggregator specs into executable factories. */
public final class Aggregators {
  private Aggregators() {
  }

  public static AggregatorFactory create(AggregatorSpec spec) {
    if (spec instanceof AggregatorSpec.Count c) {
      return new CountAggregatorFactory(c.name());
    }
    if (spec instanceof AggregatorSpec.Filtered f) {
      return new FilteredAggregatorFactory(f, create(f.namedAggregator()),
          io.strata.processing.filter.Filters.create(f.filter()));
    }
    if (spec instanceof AggregatorSpec.FirstLast f) {
      return new FirstLastAggregatorFactory(f);
    }
    if (spec instanceof AggregatorSpec.Any a) {
      return new AnyAggregatorFactory(a);
    }
    if (spec instanceof AggregatorSpec.DoubleMean m) {
      return new DoubleMeanAggregatorFactory(m);
    }
    if (spec instanceof AggregatorSpec.HllSketch h) {
      return new io.strata.processing.sketch.HllSketchAggregatorFactory(h);
    }
    if (spec instanceof AggregatorSpec.QuantilesSketch q) {
      return new io.strata.processing.sketch.QuantilesSketchAggregatorFactory(q);
    }
    if (spec instanceof AggregatorSpec.Cardinality c) {
      return new io.strata.processing.sketch.CardinalityAggregatorFactory(c);
    }
    if (spec instanceof AggregatorSpec.HyperUnique h) {
      return new io.strata.processing.sketch.CardinalityAggregatorFactory(h);
    }
    if (spec instanceof AggregatorSpec.ThetaSketch t) {
      return new io.strata.processing.sketch.ThetaSketchAggregatorFactory(t);
    }
    AggregatorSpec.Numeric n = (AggregatorSpec.Numeric) spec;
    if (n.expression() != null && n.fieldName() != null) {
      throw new InvalidInputException("expression", "aggregator [" + n.name()
          + "] has both fieldName and expression; give exactly one of them");
    }
    Expression expression = null;
    if (n.expression() != null) {
      try {
        expression = Expressions.parse(n.expression());
      } catch (IllegalArgumentException e) {
        throw new InvalidInputException("expression", "aggregator [" + n.name() + "]: cannot parse expression ["
            + n.expression() + "]: " + e.getMessage(), e);
      }
    }
    return NumericAggregatorFactory.of(n.type(), n.name(), n.fieldName(), expression);
  }

  public static List<AggregatorFactory> createAll(List<AggregatorSpec> specs) {
    List<AggregatorFactory> out = new ArrayList<>(specs.size());
    for (AggregatorSpec s : specs) {
      out.add(create(s));
    }
    return out;
  }
}
