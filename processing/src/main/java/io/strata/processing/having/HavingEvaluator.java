package io.strata.processing.having;

import io.strata.api.exec.ValueMatcher;
import io.strata.api.query.HavingSpec;
import io.strata.processing.filter.Filters;
import io.strata.processing.filter.MapColumnSelectorFactory;
import io.strata.processing.util.Numbers;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Evaluates groupBy {@code having} clauses over result rows: maps from output name (dimensions, aggregators,
 * post-aggregators) to value, with aggregators finalized.
 *
 * <ul>
 *   <li>{@code greaterThan}, {@code lessThan}, {@code equalTo}: numeric comparison of the named value with
 *       {@code value} (longs exactly, otherwise as decimals); a null or non-numeric value never matches;</li>
 *   <li>{@code dimSelector}: the value's string form equals {@code value} (a null value matches a null or
 *       missing {@code value}; any element of a multi-value list may match);</li>
 *   <li>{@code filter}: the filter evaluated with the row's entries as columns;</li>
 *   <li>{@code and} (empty: true), {@code or} (empty: false), {@code not}.</li>
 * </ul>
 *
 * <p>The predicates are thread-safe.
 */
public final class HavingEvaluator {
  private HavingEvaluator() {
  }

  /** The predicate for a having clause; a null clause keeps every row. */
  public static Predicate<Map<String, Object>> create(HavingSpec spec) {
    if (spec == null) {
      return row -> true;
    }
    if (spec instanceof HavingSpec.GreaterThan g) {
      return compare(g.aggregation(), g.value(), c -> c > 0);
    }
    if (spec instanceof HavingSpec.LessThan l) {
      return compare(l.aggregation(), l.value(), c -> c < 0);
    }
    if (spec instanceof HavingSpec.EqualTo e) {
      return compare(e.aggregation(), e.value(), c -> c == 0);
    }
    if (spec instanceof HavingSpec.DimSelector d) {
      String dim = d.dimension();
      String value = d.value();
      if (d.extractionFn() != null) {
        io.strata.processing.extraction.ExtractionFn fn =
            io.strata.processing.extraction.ExtractionFns.create(d.extractionFn());
        return row -> {
          Object v = row.get(dim);
          Object extracted = v instanceof List<?> list ? list.stream().map(fn::apply).toList() : fn.apply(v);
          return dimMatches(extracted, value);
        };
      }
      return row -> dimMatches(row.get(dim), value);
    }
    if (spec instanceof HavingSpec.Filter f) {
      var filter = Filters.create(f.filter());
      ThreadLocal<Bound> bound = ThreadLocal.withInitial(() -> {
        MapColumnSelectorFactory factory = new MapColumnSelectorFactory();
        return new Bound(factory, filter.makeMatcher(factory));
      });
      return row -> {
        Bound b = bound.get();
        b.factory.setRow(row);
        return b.matcher.matches();
      };
    }
    if (spec instanceof HavingSpec.And a) {
      List<Predicate<Map<String, Object>>> ps = a.havingSpecs().stream().map(HavingEvaluator::create).toList();
      return row -> {
        for (Predicate<Map<String, Object>> p : ps) {
          if (!p.test(row)) {
            return false;
          }
        }
        return true;
      };
    }
    if (spec instanceof HavingSpec.Or o) {
      List<Predicate<Map<String, Object>>> ps = o.havingSpecs().stream().map(HavingEvaluator::create).toList();
      return row -> {
        for (Predicate<Map<String, Object>> p : ps) {
          if (p.test(row)) {
            return true;
          }
        }
        return false;
      };
    }
    if (spec instanceof HavingSpec.Not n) {
      return create(n.havingSpec()).negate();
    }
    throw new IllegalArgumentException("unknown having spec " + spec);
  }

  private record Bound(MapColumnSelectorFactory factory, ValueMatcher matcher) {
  }

  private interface IntTest {
    boolean test(int comparison);
  }

  private static Predicate<Map<String, Object>> compare(String name, Number value, IntTest test) {
    final boolean valueIntegral = Numbers.isIntegral(value);
    final long longValue = value.longValue();
    final double doubleValue = value.doubleValue();
    final BigDecimal decimal = toDecimal(value);
    return row -> {
      Number n = Numbers.asNumber(row.get(name));
      if (n == null) {
        return false;
      }
      if (valueIntegral && Numbers.isIntegral(n)) {
        return test.test(Long.compare(n.longValue(), longValue));
      }
      BigDecimal x = toDecimal(n);
      if (x == null || decimal == null) {
        double d = n.doubleValue();
        return !Double.isNaN(d) && !Double.isNaN(doubleValue) && test.test(Double.compare(d, doubleValue));
      }
      return test.test(x.compareTo(decimal));
    };
  }

  /** The decimal a number prints as (so 0.1f, 0.1d and 0.1 compare equal); null for NaN and infinities. */
  private static BigDecimal toDecimal(Number v) {
    if (Numbers.isIntegral(v)) {
      return BigDecimal.valueOf(v.longValue());
    }
    if (v instanceof BigDecimal b) {
      return b;
    }
    if (v instanceof Float f) {
      return Float.isFinite(f) ? new BigDecimal(Float.toString(f)) : null;
    }
    double d = v.doubleValue();
    return Double.isFinite(d) ? BigDecimal.valueOf(d) : null;
  }

  private static boolean dimMatches(Object v, String value) {
    if (v instanceof List<?> list) {
      if (list.isEmpty()) {
        return value == null;
      }
      for (Object o : list) {
        if (dimMatches(o, value)) {
          return true;
        }
      }
      return false;
    }
    return Objects.equals(v == null ? null : String.valueOf(v), value);
  }
}
