package io.strata.processing.expression;

import java.util.function.DoubleUnaryOperator;

import static io.strata.processing.expression.Functions.VARARGS;
import static io.strata.processing.expression.Functions.define;

/**
 * Math functions. Text arguments are read as numbers; null (or text that is not a number) gives null. Functions
 * Druid types as double ({@code floor}, {@code ceil}, {@code sqrt}, ...) return Double even for long inputs.
 */
final class MathFunctions {
  private MathFunctions() {
  }

  static void register() {
    define("abs", 1, 1, "abs(x)", args -> Functions.unary(args, v -> {
      Number n = Evals.asNumber(v);
      if (n == null) {
        return null;
      }
      return n instanceof Long l ? (Object) Math.abs(l) : (Object) Math.abs(n.doubleValue());
    }));
    doubleFn("floor", Math::floor);
    doubleFn("ceil", Math::ceil);
    doubleFn("sqrt", Math::sqrt);
    doubleFn("exp", Math::exp);
    doubleFn("log", Math::log);
    doubleFn("log10", Math::log10);
    doubleFn("signum", Math::signum);
    doubleFn("rint", Math::rint);
    define("round", 1, 2, "round(x[, scale])", args -> Functions.nary(args, vs -> {
      Integer scale = vs.length > 1 ? Evals.asInt(vs[1]) : (Integer) 0;
      return scale == null ? null : Evals.round(vs[0], scale);
    }));
    define("div", 2, 2, "div(x, y): integer division", args -> Functions.binary(args, (a, b) -> {
      Long x = Evals.asLong(a);
      Long y = Evals.asLong(b);
      return x == null || y == null || y == 0 ? null : (Object) (x / y);
    }));
    define("safe_divide", 2, 2, "safe_divide(x, y): null when y is 0", args -> Functions.binary(args, (a, b) -> {
      Number y = Evals.asNumber(b);
      if (y == null || y.doubleValue() == 0) {
        return null;
      }
      return Operators.arithmetic(Operators.Op.DIV, a, b);
    }));
    define("pow", 2, 2, "pow(x, y)", args -> Functions.binary(args, (a, b) -> {
      Double x = Evals.asDouble(a);
      Double y = Evals.asDouble(b);
      return x == null || y == null ? null : (Object) Math.pow(x, y);
    }));
    define("max", 2, 2, "max(x, y)", args -> Functions.binary(args, (a, b) -> minMax(a, b, true)));
    define("min", 2, 2, "min(x, y)", args -> Functions.binary(args, (a, b) -> minMax(a, b, false)));
    define("greatest", 0, VARARGS, "greatest(expr, ...)", args -> Functions.nary(args, vs -> reduce(vs, true)));
    define("least", 0, VARARGS, "least(expr, ...)", args -> Functions.nary(args, vs -> reduce(vs, false)));
    // The rest of java.lang.Math that Druid's expression language exposes, double-typed as in Druid.
    doubleFn("acos", Math::acos);
    doubleFn("asin", Math::asin);
    doubleFn("atan", Math::atan);
    doubleFn("cbrt", Math::cbrt);
    doubleFn("cos", Math::cos);
    doubleFn("cosh", Math::cosh);
    doubleFn("cot", x -> Math.cos(x) / Math.sin(x));
    doubleFn("expm1", Math::expm1);
    doubleFn("log1p", Math::log1p);
    doubleFn("nextUp", Math::nextUp);
    doubleFn("sin", Math::sin);
    doubleFn("sinh", Math::sinh);
    doubleFn("tan", Math::tan);
    doubleFn("tanh", Math::tanh);
    doubleFn("todegrees", Math::toDegrees);
    doubleFn("toradians", Math::toRadians);
    doubleFn("ulp", Math::ulp);
    define("getExponent", 1, 1, "getExponent(x)", args -> Functions.unary(args, v -> {
      Double d = Evals.asDouble(v);
      return d == null ? null : (Object) (long) Math.getExponent(d);
    }));
    doubleFn2("atan2", Math::atan2);
    doubleFn2("copysign", Math::copySign);
    doubleFn2("hypot", Math::hypot);
    doubleFn2("nextafter", Math::nextAfter);
    doubleFn2("remainder", Math::IEEEremainder);
    define("scalb", 2, 2, "scalb(d, sf)", args -> Functions.binary(args, (a, b) -> {
      Double d = Evals.asDouble(a);
      Long f = Evals.asLong(b);
      return d == null || f == null ? null : (Object) Math.scalb(d, (int) (long) f);
    }));
    define("pi", 0, 0, "pi()", args -> b -> Math.PI);
    // Bitwise operations on longs; doubles are cast to long first, as in Druid.
    longFn2("bitwiseAnd", (x, y) -> x & y);
    longFn2("bitwiseOr", (x, y) -> x | y);
    longFn2("bitwiseXor", (x, y) -> x ^ y);
    longFn2("bitwiseShiftLeft", (x, y) -> x << y);
    longFn2("bitwiseShiftRight", (x, y) -> x >> y);
    define("bitwiseComplement", 1, 1, "bitwiseComplement(x)", args -> Functions.unary(args, v -> {
      Long x = Evals.asLong(v);
      return x == null ? null : (Object) ~x;
    }));
    define("bitwiseConvertDoubleToLongBits", 1, 1, "bitwiseConvertDoubleToLongBits(x)", args ->
        Functions.unary(args, v -> {
          Double d = Evals.asDouble(v);
          return d == null ? null : (Object) Double.doubleToLongBits(d);
        }));
    define("bitwiseConvertLongBitsToDouble", 1, 1, "bitwiseConvertLongBitsToDouble(x)", args ->
        Functions.unary(args, v -> {
          Long x = Evals.asLong(v);
          return x == null ? null : (Object) Double.longBitsToDouble(x);
        }));
  }

  private static void doubleFn2(String name, java.util.function.DoubleBinaryOperator f) {
    define(name, 2, 2, name + "(x, y)", args -> Functions.binary(args, (a, b) -> {
      Double x = Evals.asDouble(a);
      Double y = Evals.asDouble(b);
      return x == null || y == null ? null : (Object) f.applyAsDouble(x, y);
    }));
  }

  private static void longFn2(String name, java.util.function.LongBinaryOperator f) {
    define(name, 2, 2, name + "(x, y)", args -> Functions.binary(args, (a, b) -> {
      Long x = Evals.asLong(a);
      Long y = Evals.asLong(b);
      return x == null || y == null ? null : (Object) f.applyAsLong(x, y);
    }));
  }

  private static void doubleFn(String name, DoubleUnaryOperator f) {
    define(name, 1, 1, name + "(x)", args -> Functions.unary(args, v -> {
      Double d = Evals.asDouble(v);
      return d == null ? null : (Object) f.applyAsDouble(d);
    }));
  }

  private static Object minMax(Object a, Object b, boolean max) {
    Number x = Evals.asNumber(a);
    Number y = Evals.asNumber(b);
    if (x == null || y == null) {
      return null;
    }
    if (x instanceof Long lx && y instanceof Long ly) {
      return max ? Math.max(lx, ly) : Math.min(lx, ly);
    }
    return max ? Math.max(x.doubleValue(), y.doubleValue()) : Math.min(x.doubleValue(), y.doubleValue());
  }

  /**
   * greatest/least: nulls are ignored (all null gives null); with any string the values compare as strings; all
   * longs compare as longs; otherwise as doubles.
   */
  private static Object reduce(Object[] vs, boolean greatest) {
    boolean anyString = false;
    boolean allLong = true;
    boolean any = false;
    for (Object v : vs) {
      if (v == null) {
        continue;
      }
      any = true;
      if (v instanceof String) {
        anyString = true;
      } else if (!(v instanceof Long)) {
        allLong = false;
      }
    }
    if (!any) {
      return null;
    }
    Object best = null;
    for (Object v : vs) {
      if (v == null) {
        continue;
      }
      Object c = anyString ? Evals.asString(v) : allLong ? v : (Object) Evals.asDouble(v);
      if (best == null) {
        best = c;
        continue;
      }
      int cmp = compare(c, best);
      if (greatest ? cmp > 0 : cmp < 0) {
        best = c;
      }
    }
    return best;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static int compare(Object a, Object b) {
    return ((Comparable) a).compareTo(b);
  }
}
