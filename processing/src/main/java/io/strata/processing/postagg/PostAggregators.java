package io.strata.processing.postagg;

import io.strata.api.error.InvalidInputException;
import io.strata.api.exec.AggregatorFactory;
import io.strata.api.exec.PostAggregator;
import io.strata.api.query.PostAggregatorSpec;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns post-aggregator specs into executable {@link PostAggregator}s. Post-aggregators are computed in order over
 * a result row holding the aggregators' values (intermediate, as combined) and the earlier post-aggregators'
 * results; a later post-aggregator may read an earlier one by name. Everything made here is immutable and
 * thread-safe.
 */
public final class PostAggregators {
  private PostAggregators() {
  }

  /**
   * One post-aggregator. Field names are not validated here (see {@link #createAll}).
   *
   * @param aggregatorsByName the query's aggregators, used by {@code finalizingFieldAccess} to finalize and by
   *                          {@code fieldAccess} for its ordering
   */
  public static PostAggregator create(PostAggregatorSpec spec, Map<String, AggregatorFactory> aggregatorsByName) {
    if (spec instanceof PostAggregatorSpec.Arithmetic a) {
      return new ArithmeticPostAggregator(a.name(), a.fn(), createEach(a.fields(), aggregatorsByName), a.ordering());
    }
    if (spec instanceof PostAggregatorSpec.FieldAccess f) {
      return new FieldAccessPostAggregator(f.name(), f.fieldName(), aggregatorsByName.get(f.fieldName()), false);
    }
    if (spec instanceof PostAggregatorSpec.FinalizingFieldAccess f) {
      return new FieldAccessPostAggregator(f.name(), f.fieldName(), aggregatorsByName.get(f.fieldName()), true);
    }
    if (spec instanceof PostAggregatorSpec.Constant c) {
      return new ConstantPostAggregator(c.name(), c.value());
    }
    if (spec instanceof PostAggregatorSpec.Expression e) {
      return new ExpressionPostAggregator(e.name(), e.expression(), e.ordering(), e.outputType(), aggregatorsByName);
    }
    if (spec instanceof PostAggregatorSpec.Extremum e) {
      return new ExtremumPostAggregator(e.name(), createEach(e.fields(), aggregatorsByName), e.greatest(), e.longs());
    }
    PostAggregator sketch = io.strata.processing.sketch.SketchPostAggregators.create(spec,
        f -> create(f, aggregatorsByName));
    if (sketch != null) {
      return sketch;
    }
    throw new IllegalArgumentException("unknown post-aggregator spec " + spec);
  }

  private static List<PostAggregator> createEach(List<PostAggregatorSpec> specs,
                                                 Map<String, AggregatorFactory> aggregatorsByName) {
    List<PostAggregator> out = new ArrayList<>(specs.size());
    for (PostAggregatorSpec f : specs) {
      out.add(create(f, aggregatorsByName));
    }
    return out;
  }

  /** What a post-aggregator over {@code fields} reads: every field's dependencies. */
  static Set<String> dependentFieldsOf(List<PostAggregator> fields) {
    Set<String> deps = new LinkedHashSet<>();
    for (PostAggregator f : fields) {
      deps.addAll(f.dependentFields());
    }
    return Set.copyOf(deps);
  }

  /**
   * All of a query's post-aggregators, in order. Each may read the aggregators and the post-aggregators before
   * it; any other field is an error naming the post-aggregator and the missing fields.
   */
  public static List<PostAggregator> createAll(List<PostAggregatorSpec> specs, List<AggregatorFactory> aggregators) {
    return createAll(specs, aggregators, List.of());
  }

  /**
   * As {@link #createAll(List, List)}, also allowing reads of {@code otherOutputNames} (for example groupBy's
   * dimension output names).
   */
  public static List<PostAggregator> createAll(List<PostAggregatorSpec> specs, List<AggregatorFactory> aggregators,
                                               Collection<String> otherOutputNames) {
    if (specs == null || specs.isEmpty()) {
      return List.of();
    }
    Map<String, AggregatorFactory> byName = new LinkedHashMap<>();
    for (AggregatorFactory f : aggregators) {
      byName.put(f.name(), f);
    }
    Set<String> available = new HashSet<>(byName.keySet());
    available.addAll(otherOutputNames);
    List<PostAggregator> out = new ArrayList<>(specs.size());
    for (PostAggregatorSpec spec : specs) {
      if (spec.name() == null) {
        throw new InvalidInputException("postAggregations", "every top-level post-aggregator needs a name: " + spec);
      }
      PostAggregator p = create(spec, byName);
      List<String> missing = new ArrayList<>();
      for (String d : p.dependentFields()) {
        if (!available.contains(d)) {
          missing.add(d);
        }
      }
      if (!missing.isEmpty()) {
        throw new InvalidInputException("postAggregations", "Missing fields " + missing + " for postAggregator ["
            + spec.name() + "]; a post-aggregator can read aggregators and earlier post-aggregators");
      }
      available.add(spec.name());
      out.add(p);
    }
    return out;
  }

  /** Computes every post-aggregator in order, adding each result to {@code row} under its name. */
  public static void computeAll(List<PostAggregator> postAggregators, Map<String, Object> row) {
    for (PostAggregator p : postAggregators) {
      row.put(p.name(), p.compute(row));
    }
  }
}
