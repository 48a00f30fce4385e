package io.strata.processing.expression;

import io.strata.processing.util.Numbers;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;

/**
 * Conversions between the expression value types (Long, Double, String, null). Follows Druid: numbers print with
 * {@link Long#toString}/{@link Double#toString}; text reads as a number if it parses; a number is true when
 * positive and text when it is {@code "true"} (any case); booleans results are the longs 1 and 0.
 */
final class Evals {
  static final Long TRUE = 1L;
  static final Long FALSE = 0L;

  private Evals() {
  }

  /** An input value in expression form: integral numbers as Long, other numbers as Double, booleans as 1/0. */
  static Object normalize(Object v) {
    if (v == null || v instanceof Long || v instanceof Double || v instanceof String) {
      return v;
    }
    if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
      return ((Number) v).longValue();
    }
    if (v instanceof Float f) {
      return f.doubleValue();
    }
    if (v instanceof BigInteger b) {
      return b.bitLength() < 64 ? (Object) b.longValue() : (Object) b.doubleValue();
    }
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    if (v instanceof Boolean b) {
      return b ? TRUE : FALSE;
    }
    if (v instanceof List<?> list) {
      return list.isEmpty() ? null : list.size() == 1 ? normalize(list.get(0)) : list;
    }
    return v.toString();
  }

  static Long bool(boolean b) {
    return b ? TRUE : FALSE;
  }

  /** Truthiness, or null for null. */
  static Boolean truth(Object v) {
    if (v == null) {
      return null;
    }
    if (v instanceof Long l) {
      return l > 0;
    }
    if (v instanceof Double d) {
      return d > 0;
    }
    if (v instanceof String s) {
      return s.equalsIgnoreCase("true");
    }
    return false;
  }

  /** True only for a non-null true value. */
  static boolean isTrue(Object v) {
    return Boolean.TRUE.equals(truth(v));
  }

  static String asString(Object v) {
    if (v == null || v instanceof String) {
      return (String) v;
    }
    return String.valueOf(v);
  }

  /** The value as a number (Long or Double), or null if it is null or text that is not a number. */
  static Number asNumber(Object v) {
    if (v == null || v instanceof Long || v instanceof Double) {
      return (Number) v;
    }
    if (v instanceof String s) {
      return Numbers.tryParseNumber(s);
    }
    if (v instanceof Number n) {
      return n;
    }
    return null;
  }

  static Long asLong(Object v) {
    Number n = asNumber(v);
    if (n == null) {
      return null;
    }
    return n instanceof Long l ? l : (Long) n.longValue();
  }

  static Double asDouble(Object v) {
    Number n = asNumber(v);
    if (n == null) {
      return null;
    }
    return n instanceof Double d ? d : (Double) n.doubleValue();
  }

  static Integer asInt(Object v) {
    Long l = asLong(v);
    return l == null ? null : (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, l));
  }

  /** Rounds half up to {@code scale} decimal places (negative: left of the point). */
  static Object round(Object v, int scale) {
    Number n = asNumber(v);
    if (n == null) {
      return null;
    }
    if (n instanceof Long l) {
      if (scale >= 0) {
        return l;
      }
      return BigDecimal.valueOf(l).setScale(scale, java.math.RoundingMode.HALF_UP).longValue();
    }
    double d = n.doubleValue();
    if (Double.isNaN(d)) {
      return 0.0;
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? Double.MAX_VALUE : -Double.MAX_VALUE;
    }
    return BigDecimal.valueOf(d).setScale(scale, java.math.RoundingMode.HALF_UP).doubleValue();
  }
}
