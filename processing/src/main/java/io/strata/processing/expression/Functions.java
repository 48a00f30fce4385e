package io.strata.processing.expression;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The function registry: every function name, its number of arguments, and how a call is built. Builders may
 * look at literal arguments (patterns, periods, type names) once, at parse time. Names are matched in lower
 * case.
 */
final class Functions {
  /** Builds a call from its arguments; throws IllegalArgumentException with a user-facing message. */
  @FunctionalInterface
  interface Builder {
    Expr build(List<Expr> args);
  }

  private record Def(int minArgs, int maxArgs, String usage, Builder builder) {
  }

  static final int VARARGS = Integer.MAX_VALUE;

  private static final Map<String, Def> DEFS = new HashMap<>();

  static {
    GeneralFunctions.register();
    StringFunctions.register();
    MathFunctions.register();
    TimeFunctions.register();
  }

  private Functions() {
  }

  /** Function names are case-insensitive, as in Druid ({@code bitwiseAnd} and {@code BITWISEAND} alike). */
  static void define(String name, int minArgs, int maxArgs, String usage, Builder builder) {
    DEFS.put(name.toLowerCase(java.util.Locale.ROOT), new Def(minArgs, maxArgs, usage, builder));
  }

  static Expr make(String name, List<Expr> args) {
    Def def = DEFS.get(name.toLowerCase(java.util.Locale.ROOT));
    if (def == null) {
      throw new IllegalArgumentException("unknown function " + name + "(); known functions: "
          + String.join(", ", new TreeSet<>(DEFS.keySet())));
    }
    if (args.size() < def.minArgs || args.size() > def.maxArgs) {
      throw new IllegalArgumentException("function " + name + " takes " + arity(def) + ", got " + args.size()
          + ": " + def.usage);
    }
    return def.builder.build(args);
  }

  private static String arity(Def d) {
    if (d.minArgs == d.maxArgs) {
      return d.minArgs + (d.minArgs == 1 ? " argument" : " arguments");
    }
    if (d.maxArgs == VARARGS) {
      return "at least " + d.minArgs + " arguments";
    }
    return d.minArgs + " to " + d.maxArgs + " arguments";
  }

  // ------------------------------------------------------------------ helpers for builders

  /** The literal value of an argument, or {@code NOT_LITERAL}. */
  static final Object NOT_LITERAL = new Object();

  static Object literal(Expr e) {
    return e instanceof Expr.Literal l ? l.value() : NOT_LITERAL;
  }

  static Expr unary(List<Expr> args, Function<Object, Object> f) {
    Expr a = args.get(0);
    return b -> f.apply(a.eval(b));
  }

  @FunctionalInterface
  interface Fn2 {
    Object apply(Object a, Object b);
  }

  static Expr binary(List<Expr> args, Fn2 f) {
    Expr a = args.get(0);
    Expr c = args.get(1);
    return b -> f.apply(a.eval(b), c.eval(b));
  }

  /** Evaluates all arguments, then applies {@code f}. */
  static Expr nary(List<Expr> args, Function<Object[], Object> f) {
    Expr[] as = args.toArray(new Expr[0]);
    return b -> {
      Object[] vs = new Object[as.length];
      for (int i = 0; i < as.length; i++) {
        vs[i] = as[i].eval(b);
      }
      return f.apply(vs);
    };
  }

  /**
   * An argument that configures the call (pattern, period, type name): prepared once if literal, else per row
   * (with a one-entry cache).
   */
  static <T> Function<Function<String, Object>, T> prepared(Expr arg, Function<Object, T> prepare) {
    Object lit = literal(arg);
    if (lit != NOT_LITERAL) {
      T value = prepare.apply(lit);
      return b -> value;
    }
    return new Function<>() {
      private volatile Object[] last; // {key, value}, replaced as a whole so readers need no lock

      @Override
      @SuppressWarnings("unchecked")
      public T apply(Function<String, Object> b) {
        Object key = arg.eval(b);
        Object[] l = last;
        if (l != null && java.util.Objects.equals(key, l[0])) {
          return (T) l[1];
        }
        T value = prepare.apply(key);
        last = new Object[] {key, value};
        return value;
      }
    };
  }
}
