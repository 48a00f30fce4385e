package io.strata.processing.expression;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.strata.processing.expression.Functions.VARARGS;
import static io.strata.processing.expression.Functions.define;

/**
 * String functions. A null string argument gives null (SQL-compatible), so does {@code concat} with any null
 * argument. Lengths and positions are in UTF-16 units, 0-based.
 */
final class StringFunctions {
  private StringFunctions() {
  }

  static void register() {
    define("concat", 1, VARARGS, "concat(expr, ...)", args -> Functions.nary(args, vs -> {
      StringBuilder sb = new StringBuilder();
      for (Object v : vs) {
        if (v == null) {
          return null;
        }
        sb.append(Evals.asString(v));
      }
      return sb.toString();
    }));
    define("lower", 1, 1, "lower(expr)", args -> str(args, s -> s.toLowerCase(Locale.ROOT)));
    define("upper", 1, 1, "upper(expr)", args -> str(args, s -> s.toUpperCase(Locale.ROOT)));
    define("reverse", 1, 1, "reverse(expr)", args -> str(args, s -> new StringBuilder(s).reverse().toString()));
    define("strlen", 1, 1, "strlen(expr)", args -> str(args, s -> (long) s.length()));
    define("substring", 3, 3, "substring(expr, index, length) (length -1: to the end)", args ->
        Functions.nary(args, vs -> substring(Evals.asString(vs[0]), Evals.asInt(vs[1]), Evals.asInt(vs[2]))));
    define("left", 2, 2, "left(expr, length)", args -> Functions.binary(args, (a, n) -> {
      String s = Evals.asString(a);
      Integer k = Evals.asInt(n);
      return s == null || k == null ? null : s.substring(0, Math.max(0, Math.min(k, s.length())));
    }));
    define("right", 2, 2, "right(expr, length)", args -> Functions.binary(args, (a, n) -> {
      String s = Evals.asString(a);
      Integer k = Evals.asInt(n);
      return s == null || k == null ? null : s.substring(s.length() - Math.max(0, Math.min(k, s.length())));
    }));
    define("replace", 3, 3, "replace(expr, search, replacement)", args -> Functions.nary(args, vs -> {
      String s = Evals.asString(vs[0]);
      String from = Evals.asString(vs[1]);
      String to = Evals.asString(vs[2]);
      return s == null || from == null || to == null ? null : s.replace(from, to);
    }));
    define("trim", 1, 2, "trim(expr[, chars])", args -> trim(args, true, true));
    define("ltrim", 1, 2, "ltrim(expr[, chars])", args -> trim(args, true, false));
    define("rtrim", 1, 2, "rtrim(expr[, chars])", args -> trim(args, false, true));
    define("strpos", 2, 3, "strpos(haystack, needle[, fromIndex])", args -> Functions.nary(args, vs -> {
      String s = Evals.asString(vs[0]);
      String n = Evals.asString(vs[1]);
      Integer from = vs.length > 2 ? Evals.asInt(vs[2]) : (Integer) 0;
      return s == null || n == null || from == null ? null : (Object) (long) s.indexOf(n, from);
    }));
    define("contains_string", 2, 2, "contains_string(expr, string)", args -> Functions.binary(args, (a, n) -> {
      String s = Evals.asString(a);
      String t = Evals.asString(n);
      return s == null || t == null ? null : Evals.bool(s.contains(t));
    }));
    define("icontains_string", 2, 2, "icontains_string(expr, string)", args -> Functions.binary(args, (a, n) -> {
      String s = Evals.asString(a);
      String t = Evals.asString(n);
      return s == null || t == null ? null
          : Evals.bool(s.toLowerCase(Locale.ROOT).contains(t.toLowerCase(Locale.ROOT)));
    }));
    define("repeat", 2, 2, "repeat(expr, times)", args -> Functions.binary(args, (a, n) -> {
      String s = Evals.asString(a);
      Integer k = Evals.asInt(n);
      return s == null || k == null ? null : s.repeat(Math.max(0, k));
    }));
    define("lpad", 3, 3, "lpad(expr, length, chars)", args -> Functions.nary(args, vs -> pad(vs, true)));
    define("rpad", 3, 3, "rpad(expr, length, chars)", args -> Functions.nary(args, vs -> pad(vs, false)));
    define("parse_long", 1, 2, "parse_long(string[, radix])", args -> Functions.nary(args, vs -> {
      String s = Evals.asString(vs[0]);
      Integer radix = vs.length > 1 ? Evals.asInt(vs[1]) : (Integer) 10;
      if (s == null || radix == null) {
        return null;
      }
      if (radix == 16 && (s.startsWith("0x") || s.startsWith("0X"))) {
        s = s.substring(2);
      }
      try {
        return Long.parseLong(s, radix);
      } catch (NumberFormatException e) {
        return null;
      }
    }));
    define("regexp_extract", 2, 3, "regexp_extract(expr, pattern[, index])", StringFunctions::regexpExtract);
    define("regexp_like", 2, 2, "regexp_like(expr, pattern)", args -> {
      Expr s = args.get(0);
      var pattern = Functions.prepared(args.get(1), StringFunctions::compile);
      return b -> {
        String v = Evals.asString(s.eval(b));
        Pattern p = pattern.apply(b);
        return v == null || p == null ? null : Evals.bool(p.matcher(v).find());
      };
    });
    define("regexp_replace", 3, 3, "regexp_replace(expr, pattern, replacement)", args -> {
      Expr s = args.get(0);
      Expr r = args.get(2);
      var pattern = Functions.prepared(args.get(1), StringFunctions::compile);
      return b -> {
        String v = Evals.asString(s.eval(b));
        Pattern p = pattern.apply(b);
        String rep = Evals.asString(r.eval(b));
        return v == null || p == null || rep == null ? null : p.matcher(v).replaceAll(rep);
      };
    });
  }

  private static Expr str(List<Expr> args, java.util.function.Function<String, Object> f) {
    return Functions.unary(args, v -> {
      String s = Evals.asString(v);
      return s == null ? null : f.apply(s);
    });
  }

  /** Java's substring from {@code index} for {@code length} characters (clamped); null if index is past the end. */
  static String substring(String s, Integer index, Integer length) {
    if (s == null || index == null || length == null) {
      return null;
    }
    int from = Math.max(0, index);
    if (from >= s.length()) {
      return null;
    }
    if (length < 0) {
      return s.substring(from);
    }
    return s.substring(from, (int) Math.min((long) from + length, s.length()));
  }

  private static Expr trim(List<Expr> args, boolean left, boolean right) {
    return Functions.nary(args, vs -> {
      String s = Evals.asString(vs[0]);
      String chars = vs.length > 1 ? Evals.asString(vs[1]) : " ";
      if (s == null || chars == null) {
        return null;
      }
      int start = 0;
      int end = s.length();
      if (left) {
        while (start < end && chars.indexOf(s.charAt(start)) >= 0) {
          start++;
        }
      }
      if (right) {
        while (end > start && chars.indexOf(s.charAt(end - 1)) >= 0) {
          end--;
        }
      }
      return s.substring(start, end);
    });
  }

  private static Object pad(Object[] vs, boolean left) {
    String s = Evals.asString(vs[0]);
    Integer len = Evals.asInt(vs[1]);
    String chars = Evals.asString(vs[2]);
    if (s == null || len == null || chars == null) {
      return null;
    }
    int n = Math.max(0, len);
    if (n <= s.length() || chars.isEmpty()) {
      return s.substring(0, Math.min(n, s.length()));
    }
    StringBuilder padding = new StringBuilder(n - s.length());
    while (padding.length() < n - s.length()) {
      padding.append(chars.charAt(padding.length() % chars.length()));
    }
    return left ? padding + s : s + padding;
  }

  private static Pattern compile(Object p) {
    return p == null ? null : Pattern.compile(Evals.asString(p));
  }

  private static Expr regexpExtract(List<Expr> args) {
    Expr s = args.get(0);
    Expr idx = args.size() > 2 ? args.get(2) : null;
    var pattern = Functions.prepared(args.get(1), StringFunctions::compile);
    Object idxLit = idx == null ? 0L : Functions.literal(idx);
    Object patLit = Functions.literal(args.get(1));
    if (idxLit instanceof Long k && patLit instanceof String) {
      int groups = pattern.apply(Operators.NO_BINDING).matcher("").groupCount();
      if (k < 0 || k > groups) {
        throw new IllegalArgumentException("regexp_extract group index " + k + " is out of range: the pattern has "
            + groups + " groups");
      }
    }
    return b -> {
      String v = Evals.asString(s.eval(b));
      Pattern p = pattern.apply(b);
      Integer k = idx == null ? (Integer) 0 : Evals.asInt(idx.eval(b));
      if (v == null || p == null || k == null) {
        return null;
      }
      Matcher m = p.matcher(v);
      if (!m.find() || k < 0 || k > m.groupCount()) {
        return null;
      }
      return m.group(k);
    };
  }
}
