package io.strata.processing.util;

/** Lenient number parsing shared by filters, having clauses and expressions. Never throws. */
public final class Numbers {
  private Numbers() {
  }

  /** A base-10 integer (optional sign, digits only) that fits a long, or null. */
  public static Long tryParseLong(String s) {
    if (s == null) {
      return null;
    }
    int n = s.length();
    int i = 0;
    if (n == 0) {
      return null;
    }
    char c0 = s.charAt(0);
    if (c0 == '-' || c0 == '+') {
      i = 1;
      if (n == 1) {
        return null;
      }
    }
    if (n - i > 19) {
      return null;
    }
    for (int k = i; k < n; k++) {
      char c = s.charAt(k);
      if (c < '0' || c > '9') {
        return null;
      }
    }
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /**
   * A decimal or scientific number, {@code NaN} or {@code Infinity} (Java's grammar without surrounding blanks
   * and without the {@code d}/{@code f} suffixes), or null.
   */
  public static Double tryParseDouble(String s) {
    if (s == null || s.isEmpty()) {
      return null;
    }
    char first = s.charAt(0);
    char last = s.charAt(s.length() - 1);
    if (first <= ' ' || last <= ' ' || last == 'd' || last == 'D' || last == 'f' || last == 'F') {
      return null;
    }
    if (!(first == '-' || first == '+' || first == '.' || first == 'N' || first == 'I'
        || (first >= '0' && first <= '9'))) {
      return null;
    }
    try {
      return Double.parseDouble(s);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** The string as a Long if it is an integer, else as a Double if it is a number, else null. */
  public static Number tryParseNumber(String s) {
    Long l = tryParseLong(s);
    if (l != null) {
      return l;
    }
    return tryParseDouble(s);
  }

  /**
   * A value read as a number: Numbers as they are, Booleans as 1/0, Strings parsed; anything else (or text that
   * is not a number) gives null.
   */
  public static Number asNumber(Object o) {
    if (o == null || o instanceof Number) {
      return (Number) o;
    }
    if (o instanceof String s) {
      return tryParseNumber(s);
    }
    if (o instanceof Boolean b) {
      return b ? 1L : 0L;
    }
    return null;
  }

  /** True for the integral boxed types (Long, Integer, Short, Byte). */
  public static boolean isIntegral(Object o) {
    return o instanceof Long || o instanceof Integer || o instanceof Short || o instanceof Byte;
  }
}
