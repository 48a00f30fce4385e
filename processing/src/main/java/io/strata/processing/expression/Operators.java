package io.strata.processing.expression;

import java.util.function.Function;

/**
 * The operators. Arithmetic: long with long stays long (Java overflow), anything with a double is double, text is
 * read as a number ({@code '1' + 1} is 2.0) except that {@code +} of two strings concatenates; a null operand, or
 * text that is not a number, gives null. Long division or modulo by zero gives null; double division follows
 * IEEE 754. Comparisons give 1 or 0 (null with a null operand); two strings compare lexicographically, anything
 * else numerically. {@code &&} and {@code ||} use SQL three-valued logic.
 */
final class Operators {
  private Operators() {
  }

  enum Op {
    PLUS("+"), MINUS("-"), MUL("*"), DIV("/"), MOD("%"), POW("^"),
    LT("<"), LE("<="), GT(">"), GE(">="), EQ("=="), NE("!=");

    final String symbol;

    Op(String symbol) {
      this.symbol = symbol;
    }

    boolean isComparison() {
      return ordinal() >= LT.ordinal();
    }
  }

  static Expr binary(Op op, Expr left, Expr right) {
    if (op.isComparison()) {
      return b -> compare(op, left.eval(b), right.eval(b));
    }
    return b -> arithmetic(op, left.eval(b), right.eval(b));
  }

  static Object arithmetic(Op op, Object a, Object b) {
    if (a == null || b == null) {
      return null;
    }
    if (op == Op.PLUS && a instanceof String x && b instanceof String y) {
      return x + y;
    }
    if (a instanceof Long x && b instanceof Long y) {
      return longOp(op, x, y);
    }
    Number x = a instanceof String && !(b instanceof String) ? Evals.asDouble(a) : Evals.asNumber(a);
    Number y = b instanceof String && !(a instanceof String) ? Evals.asDouble(b) : Evals.asNumber(b);
    if (x == null || y == null) {
      return null;
    }
    if (x instanceof Long lx && y instanceof Long ly) {
      return longOp(op, lx, ly);
    }
    return doubleOp(op, x.doubleValue(), y.doubleValue());
  }

  private static Object longOp(Op op, long x, long y) {
    switch (op) {
      case PLUS:
        return x + y;
      case MINUS:
        return x - y;
      case MUL:
        return x * y;
      case DIV:
        return y == 0 ? null : (Object) (x / y);
      case MOD:
        return y == 0 ? null : (Object) (x % y);
      case POW:
        return y >= 0 ? (Object) longPow(x, y) : (Object) Math.pow(x, y);
      default:
        throw new IllegalStateException(op.symbol);
    }
  }

  private static long longPow(long base, long exp) {
    long result = 1;
    long b = base;
    long e = exp;
    while (e > 0) {
      if ((e & 1) == 1) {
        result *= b;
      }
      e >>= 1;
      if (e > 0) {
        b *= b;
      }
    }
    return result;
  }

  private static Object doubleOp(Op op, double x, double y) {
    return switch (op) {
      case PLUS -> x + y;
      case MINUS -> x - y;
      case MUL -> x * y;
      case DIV -> x / y;
      case MOD -> x % y;
      case POW -> Math.pow(x, y);
      default -> throw new IllegalStateException(op.symbol);
    };
  }

  static Object compare(Op op, Object a, Object b) {
    if (a == null || b == null) {
      return null;
    }
    int c;
    if (a instanceof String x && b instanceof String y) {
      c = x.compareTo(y);
    } else if (a instanceof Long x && b instanceof Long y) {
      c = Long.compare(x, y);
    } else {
      Double x = Evals.asDouble(a);
      Double y = Evals.asDouble(b);
      if (x == null || y == null) {
        return null;
      }
      c = Double.compare(x, y);
    }
    boolean r = switch (op) {
      case LT -> c < 0;
      case LE -> c <= 0;
      case GT -> c > 0;
      case GE -> c >= 0;
      case EQ -> c == 0;
      case NE -> c != 0;
      default -> throw new IllegalStateException(op.symbol);
    };
    return Evals.bool(r);
  }

  /** SQL AND: false wins over null. */
  static Expr and(Expr left, Expr right) {
    return b -> {
      Boolean x = Evals.truth(left.eval(b));
      if (Boolean.FALSE.equals(x)) {
        return Evals.FALSE;
      }
      Boolean y = Evals.truth(right.eval(b));
      if (Boolean.FALSE.equals(y)) {
        return Evals.FALSE;
      }
      return x == null || y == null ? null : Evals.TRUE;
    };
  }

  /** SQL OR: true wins over null. */
  static Expr or(Expr left, Expr right) {
    return b -> {
      Boolean x = Evals.truth(left.eval(b));
      if (Boolean.TRUE.equals(x)) {
        return Evals.TRUE;
      }
      Boolean y = Evals.truth(right.eval(b));
      if (Boolean.TRUE.equals(y)) {
        return Evals.TRUE;
      }
      return x == null || y == null ? null : Evals.FALSE;
    };
  }

  static Expr not(Expr e) {
    return b -> {
      Boolean x = Evals.truth(e.eval(b));
      return x == null ? null : Evals.bool(!x);
    };
  }

  static Expr negate(Expr e) {
    return b -> negate(e.eval(b));
  }

  static Object negate(Object v) {
    Number n = Evals.asNumber(v);
    if (n == null) {
      return null;
    }
    return n instanceof Long l ? (Object) (-l) : (Object) (-n.doubleValue());
  }

  /** Evaluates with no binding (for constant folding). */
  static final Function<String, Object> NO_BINDING = name -> null;
}
