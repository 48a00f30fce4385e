package io.strata.processing.expression;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import static io.strata.processing.expression.Functions.VARARGS;
import static io.strata.processing.expression.Functions.define;

/** cast, if, nvl, coalesce, case_searched, case_simple, isnull, notnull, like. */
final class GeneralFunctions {
  private GeneralFunctions() {
  }

  static void register() {
    define("cast", 2, 2, "cast(expr, 'LONG' | 'DOUBLE' | 'STRING')", GeneralFunctions::cast);
    define("if", 3, 3, "if(predicate, then, else)", args -> {
      Expr p = args.get(0);
      Expr t = args.get(1);
      Expr e = args.get(2);
      return b -> Evals.isTrue(p.eval(b)) ? t.eval(b) : e.eval(b);
    });
    define("nvl", 2, 2, "nvl(expr, expr-for-null)", args -> {
      Expr a = args.get(0);
      Expr d = args.get(1);
      return b -> {
        Object v = a.eval(b);
        return v != null ? v : d.eval(b);
      };
    });
    define("coalesce", 1, VARARGS, "coalesce(expr, ...)", args -> {
      Expr[] as = args.toArray(new Expr[0]);
      return b -> {
        for (Expr a : as) {
          Object v = a.eval(b);
          if (v != null) {
            return v;
          }
        }
        return null;
      };
    });
    define("case_searched", 2, VARARGS, "case_searched(cond1, result1, [cond2, result2, ...], [else])", args -> {
      Expr[] as = args.toArray(new Expr[0]);
      return b -> {
        int i = 0;
        for (; i + 1 < as.length; i += 2) {
          if (Evals.isTrue(as[i].eval(b))) {
            return as[i + 1].eval(b);
          }
        }
        return i < as.length ? as[i].eval(b) : null;
      };
    });
    define("case_simple", 3, VARARGS, "case_simple(expr, value1, result1, [value2, result2, ...], [else])",
        args -> {
          Expr[] as = args.toArray(new Expr[0]);
          return b -> {
            Object v = as[0].eval(b);
            int i = 1;
            for (; i + 1 < as.length; i += 2) {
              if (Evals.isTrue(Operators.compare(Operators.Op.EQ, v, as[i].eval(b)))) {
                return as[i + 1].eval(b);
              }
            }
            return i < as.length ? as[i].eval(b) : null;
          };
        });
    define("isnull", 1, 1, "isnull(expr)", args -> Functions.unary(args, v -> Evals.bool(v == null)));
    define("notnull", 1, 1, "notnull(expr)", args -> Functions.unary(args, v -> Evals.bool(v != null)));
    define("like", 2, 3, "like(expr, pattern[, escape])", GeneralFunctions::like);
  }

  private static Expr cast(List<Expr> args) {
    Object type = Functions.literal(args.get(1));
    if (type == Functions.NOT_LITERAL || !(type instanceof String t)) {
      throw new IllegalArgumentException("cast needs a literal type name: 'LONG', 'DOUBLE' or 'STRING'");
    }
    Expr a = args.get(0);
    switch (t.trim().toUpperCase(Locale.ROOT)) {
      case "LONG":
        return b -> Evals.asLong(a.eval(b));
      case "DOUBLE":
      case "FLOAT":
        return b -> Evals.asDouble(a.eval(b));
      case "STRING":
        return b -> Evals.asString(a.eval(b));
      default:
        throw new IllegalArgumentException("cast to [" + t + "] is not supported; use 'LONG', 'DOUBLE' or 'STRING'");
    }
  }

  private static Expr like(List<Expr> args) {
    Expr s = args.get(0);
    Object escapeLit = args.size() > 2 ? Functions.literal(args.get(2)) : null;
    if (escapeLit == Functions.NOT_LITERAL) {
      throw new IllegalArgumentException("like needs a literal escape character");
    }
    String escape = (String) escapeLit;
    if (escape != null && escape.length() != 1) {
      throw new IllegalArgumentException("like escape must be a single character, got [" + escape + "]");
    }
    var pattern = Functions.prepared(args.get(1), p -> p == null ? null : likeToRegex(Evals.asString(p), escape));
    return b -> {
      String v = Evals.asString(s.eval(b));
      Pattern p = pattern.apply(b);
      if (v == null || p == null) {
        return null;
      }
      return Evals.bool(p.matcher(v).matches());
    };
  }

  /** SQL LIKE to a regex: {@code %} any run, {@code _} any one character, the escape char quotes the next. */
  static Pattern likeToRegex(String like, String escape) {
    StringBuilder re = new StringBuilder();
    char esc = escape == null ? 0 : escape.charAt(0);
    for (int i = 0; i < like.length(); i++) {
      char c = like.charAt(i);
      if (escape != null && c == esc && i + 1 < like.length()) {
        re.append(Pattern.quote(String.valueOf(like.charAt(++i))));
      } else if (c == '%') {
        re.append(".*");
      } else if (c == '_') {
        re.append('.');
      } else {
        re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(re.toString(), Pattern.DOTALL);
  }
}
