package io.strata.processing.postagg;

import io.strata.processing.util.Numbers;

import java.util.Comparator;

/** Orderings of result values. Nulls first. */
final class ValueComparators {
  private ValueComparators() {
  }

  /** Numbers numerically (longs exactly), other comparables naturally, mixed kinds by string form. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static final Comparator<Object> NATURAL_NULLS_FIRST = (a, b) -> {
    if (a == null) {
      return b == null ? 0 : -1;
    }
    if (b == null) {
      return 1;
    }
    if (a instanceof Number x && b instanceof Number y) {
      if (Numbers.isIntegral(x) && Numbers.isIntegral(y)) {
        return Long.compare(x.longValue(), y.longValue());
      }
      return Double.compare(x.doubleValue(), y.doubleValue());
    }
    if (a.getClass() == b.getClass() && a instanceof Comparable c) {
      return c.compareTo(b);
    }
    return String.valueOf(a).compareTo(String.valueOf(b));
  };

  /** Finite numbers first (in order), then NaN, then the infinities; nulls before all. */
  static final Comparator<Object> NUMERIC_FIRST = (a, b) -> {
    if (a == null) {
      return b == null ? 0 : -1;
    }
    if (b == null) {
      return 1;
    }
    double x = ((Number) a).doubleValue();
    double y = ((Number) b).doubleValue();
    int rx = rank(x);
    int ry = rank(y);
    if (rx != ry) {
      return Integer.compare(rx, ry);
    }
    return Double.compare(x, y);
  };

  private static int rank(double d) {
    if (Double.isFinite(d)) {
      return 0;
    }
    return Double.isNaN(d) ? 1 : 2;
  }
}
