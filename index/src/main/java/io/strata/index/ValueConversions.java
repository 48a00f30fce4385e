package io.strata.index;

import java.math.BigInteger;
import java.util.List;

/**
 * How raw input values (Strings, Numbers, Booleans, Lists, nested objects) become dimension and metric values.
 *
 * <ul>
 *   <li>String dimensions: a String is kept as is ({@code ""} stays distinct from null); numbers and booleans take
 *   their {@link String#valueOf} form ({@code 12}, {@code 1.5}, {@code true}). A List is a multi-value: an empty
 *   list is null, a one-element list is that element, and a longer list is stored as one value, its
 *   {@link List#toString()} form ({@code [a, b]}). That last case is a known limitation: Strata does not store
 *   multi-value dimensions yet.</li>
 *   <li>Numbers (numeric dimensions and metric inputs): a Number is used directly (integral types as longs,
 *   others as doubles); true/false read as 1/0; a String is trimmed, thousands separators ({@code ,}) and a
 *   leading {@code +} are dropped, then it is read as a long if it is one, else as a double ({@code NaN} and
 *   {@code Infinity} included); a blank String is null. A one-element List is its element. Anything else (text
 *   that is no number, longer lists, objects) is unparseable.</li>
 * </ul>
 *
 * Stateless; {@link ParsedNumber} holders are not thread-safe.
 */
final class ValueConversions {
  /** {@link #toNumber} found no value. */
  static final int NULL = 0;
  /** {@link #toNumber} found a number. */
  static final int NUMBER = 1;
  /** {@link #toNumber} found a value that is not a number. */
  static final int UNPARSEABLE = -1;

  private ValueConversions() {
  }

  /** A reusable result of {@link #toNumber}: either a long or a double, so parsing does not box. */
  static final class ParsedNumber {
    boolean isLong;
    long longValue;
    double doubleValue;

    long asLong() {
      return isLong ? longValue : (long) doubleValue;
    }

    double asDouble() {
      return isLong ? (double) longValue : doubleValue;
    }

    void setLong(long v) {
      isLong = true;
      longValue = v;
      doubleValue = v;
    }

    void setDouble(double v) {
      isLong = false;
      doubleValue = v;
      longValue = (long) v;
    }
  }

  /** The value of a string dimension for a raw input value (null stays null). */
  static String toDimensionString(Object raw) {
    if (raw == null || raw instanceof String) {
      return (String) raw;
    }
    if (raw instanceof List<?> list) {
      if (list.isEmpty()) {
        return null;
      }
      return list.size() == 1 ? toDimensionString(list.get(0)) : list.toString();
    }
    return raw.toString();
  }

  /**
   * Reads {@code raw} as a number into {@code out}.
   *
   * @return {@link #NUMBER}, {@link #NULL} or {@link #UNPARSEABLE}
   */
  static int toNumber(Object raw, ParsedNumber out) {
    if (raw == null) {
      return NULL;
    }
    if (raw instanceof Long || raw instanceof Integer || raw instanceof Short || raw instanceof Byte) {
      out.setLong(((Number) raw).longValue());
      return NUMBER;
    }
    if (raw instanceof BigInteger b) {
      if (b.bitLength() < 64) {
        out.setLong(b.longValue());
      } else {
        out.setDouble(b.doubleValue());
      }
      return NUMBER;
    }
    if (raw instanceof Number n) {
      out.setDouble(n.doubleValue());
      return NUMBER;
    }
    if (raw instanceof String s) {
      return parse(s, out);
    }
    if (raw instanceof Boolean b) {
      out.setLong(b ? 1 : 0);
      return NUMBER;
    }
    if (raw instanceof List<?> list) {
      if (list.isEmpty()) {
        return NULL;
      }
      return list.size() == 1 ? toNumber(list.get(0), out) : UNPARSEABLE;
    }
    return UNPARSEABLE;
  }

  /** Parses text per the class rules; allocates only when the text has surrounding blanks or separators. */
  static int parse(String text, ParsedNumber out) {
    String s = text;
    if (!s.isEmpty() && (s.charAt(0) <= ' ' || s.charAt(s.length() - 1) <= ' ')) {
      s = s.trim();
    }
    if (s.isEmpty()) {
      return NULL;
    }
    if (s.indexOf(',') >= 0) {
      s = s.replace(",", "");
    }
    if (s.charAt(0) == '+') {
      s = s.substring(1);
      if (s.isEmpty() || s.charAt(0) == '-' || s.charAt(0) == '+') {
        return UNPARSEABLE;
      }
    }
    if (parseLong(s, out)) {
      return NUMBER;
    }
    if (!looksLikeDouble(s)) {
      return UNPARSEABLE;
    }
    try {
      out.setDouble(Double.parseDouble(s));
      return NUMBER;
    } catch (NumberFormatException e) {
      return UNPARSEABLE;
    }
  }

  /** Decimal integers that fit a long; no exceptions on the common paths. */
  private static boolean parseLong(String s, ParsedNumber out) {
    int len = s.length();
    int i = s.charAt(0) == '-' ? 1 : 0;
    if (i == len || len - i > 19) {
      return false;
    }
    long v = 0;
    for (int k = i; k < len; k++) {
      char ch = s.charAt(k);
      if (ch < '0' || ch > '9') {
        return false;
      }
      v = v * 10 + (ch - '0');
    }
    if (len - i == 19) {
      // May overflow: let the JDK decide exactly.
      try {
        out.setLong(Long.parseLong(s));
        return true;
      } catch (NumberFormatException e) {
        return false;
      }
    }
    out.setLong(i == 1 ? -v : v);
    return true;
  }

  /** Plain decimal or scientific notation, NaN or Infinity: rules out hex floats and type suffixes like 1.5f. */
  private static boolean looksLikeDouble(String s) {
    String body = s.charAt(0) == '-' ? s.substring(1) : s;
    if (body.equals("NaN") || body.equals("Infinity")) {
      return true;
    }
    boolean digit = false;
    for (int k = 0; k < body.length(); k++) {
      char ch = body.charAt(k);
      if (ch >= '0' && ch <= '9') {
        digit = true;
      } else if (ch != '.' && ch != 'e' && ch != 'E' && ch != '-' && ch != '+') {
        return false;
      }
    }
    return digit;
  }
}
