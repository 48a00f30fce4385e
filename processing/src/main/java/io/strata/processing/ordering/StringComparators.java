package io.strata.processing.ordering;

import io.strata.api.error.InvalidInputException;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Druid's string orderings, used by the bound filter, topN/groupBy limit specs and dimension ordering. Every
 * comparator here puts nulls first and is stateless and thread-safe.
 *
 * <ul>
 *   <li>{@code lexicographic}: UTF-8 byte order (equivalently, Unicode code point order).</li>
 *   <li>{@code numeric}: values parsed as decimal numbers compare numerically. As Druid documents it, values that
 *       do not parse are treated like nulls and precede all numbers; two unparseable values compare
 *       lexicographically. Order: null, unparseable (lexicographic), numbers (numeric).</li>
 *   <li>{@code alphanumeric}: natural order: runs of digits compare as numbers (fewer leading zeros first on a
 *       tie), other runs as text, and a run of digits sorts before other text ({@code "file2" < "file12"},
 *       {@code "1.3" < "1.15"}, {@code "2" < "-1"}).</li>
 *   <li>{@code strlen}: by length in UTF-16 units, ties broken lexicographically.</li>
 *   <li>{@code version}: Maven-like version order: {@code 1.2 < 1.10}, {@code 1.0-alpha < 1.0}.</li>
 * </ul>
 */
public final class StringComparators {
  public static final Comparator<String> LEXICOGRAPHIC = nullsFirst(StringComparators::compareUtf8);
  public static final Comparator<String> NUMERIC = nullsFirst(StringComparators::compareNumeric);
  public static final Comparator<String> ALPHANUMERIC = nullsFirst(StringComparators::compareAlphanumeric);
  public static final Comparator<String> STRLEN = nullsFirst(StringComparators::compareStrlen);
  public static final Comparator<String> VERSION = nullsFirst(StringComparators::compareVersion);

  private StringComparators() {
  }

  /**
   * The comparator for an ordering name (case-insensitive); null means lexicographic.
   *
   * @throws InvalidInputException for an unknown name
   */
  public static Comparator<String> forName(String ordering) {
    if (ordering == null) {
      return LEXICOGRAPHIC;
    }
    return switch (ordering.trim().toLowerCase(Locale.ROOT)) {
      case "lexicographic" -> LEXICOGRAPHIC;
      case "numeric" -> NUMERIC;
      case "alphanumeric" -> ALPHANUMERIC;
      case "strlen" -> STRLEN;
      case "version" -> VERSION;
      default -> throw new InvalidInputException("ordering", "unknown ordering [" + ordering
          + "]; use lexicographic, numeric, alphanumeric, strlen or version");
    };
  }

  /** True if {@code ordering} names the lexicographic ordering (null counts as lexicographic). */
  public static boolean isLexicographic(String ordering) {
    return ordering == null || ordering.trim().equalsIgnoreCase("lexicographic");
  }

  private static Comparator<String> nullsFirst(Comparator<String> c) {
    return (a, b) -> {
      if (a == null) {
        return b == null ? 0 : -1;
      }
      if (b == null) {
        return 1;
      }
      return c.compare(a, b);
    };
  }

  /** UTF-8 byte order without encoding: UTF-16 units are remapped so surrogates sort above U+E000..U+FFFF. */
  public static int compareUtf8(String a, String b) {
    int n = Math.min(a.length(), b.length());
    for (int i = 0; i < n; i++) {
      char x = a.charAt(i);
      char y = b.charAt(i);
      if (x != y) {
        return codePointOrder(x) - codePointOrder(y);
      }
    }
    return a.length() - b.length();
  }

  private static int codePointOrder(char c) {
    if (c < 0xD800) {
      return c;
    }
    return c >= 0xE000 ? c - 0x800 : c + 0x2000;
  }

  private static int compareNumeric(String a, String b) {
    BigDecimal x = parseDecimal(a);
    BigDecimal y = parseDecimal(b);
    if (x != null && y != null) {
      return x.compareTo(y);
    }
    if (x == null && y == null) {
      return compareUtf8(a, b);
    }
    return x == null ? -1 : 1;
  }

  /** Parses a decimal number (optional sign, digits, fraction, exponent), or returns null. */
  public static BigDecimal parseDecimal(String s) {
    if (s == null || s.isEmpty()) {
      return null;
    }
    char first = s.charAt(0);
    if (!(first == '-' || first == '+' || first == '.' || (first >= '0' && first <= '9'))) {
      return null;
    }
    try {
      return new BigDecimal(s);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static int compareStrlen(String a, String b) {
    int c = Integer.compare(a.length(), b.length());
    return c != 0 ? c : a.compareTo(b);
  }

  private static int compareAlphanumeric(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      boolean da = isDigit(a.charAt(i));
      boolean db = isDigit(b.charAt(j));
      if (da != db) {
        return da ? -1 : 1; // digits sort before other characters, so "2" < "-1"
      }
      int ei = chunkEnd(a, i, da);
      int ej = chunkEnd(b, j, db);
      int c;
      if (da) {
        c = compareDigitRuns(a, i, ei, b, j, ej);
      } else {
        c = compareUtf8(a.substring(i, ei), b.substring(j, ej));
      }
      if (c != 0) {
        return c;
      }
      i = ei;
      j = ej;
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static int chunkEnd(String s, int from, boolean digits) {
    int k = from;
    while (k < s.length() && isDigit(s.charAt(k)) == digits) {
      k++;
    }
    return k;
  }

  /** Compares two runs of digits by numeric value (any length), then by fewer leading zeros first. */
  private static int compareDigitRuns(String a, int i, int ei, String b, int j, int ej) {
    int zi = i;
    while (zi < ei - 1 && a.charAt(zi) == '0') {
      zi++;
    }
    int zj = j;
    while (zj < ej - 1 && b.charAt(zj) == '0') {
      zj++;
    }
    int c = Integer.compare(ei - zi, ej - zj);
    if (c != 0) {
      return c;
    }
    for (int k = 0; k < ei - zi; k++) {
      c = Character.compare(a.charAt(zi + k), b.charAt(zj + k));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(ei - i, ej - j);
  }

  // ---- version ordering: items split on '.', '-' and digit/letter transitions ----

  private static int compareVersion(String a, String b) {
    List<Object> x = versionItems(a);
    List<Object> y = versionItems(b);
    int n = Math.max(x.size(), y.size());
    for (int k = 0; k < n; k++) {
      Object p = k < x.size() ? x.get(k) : null;
      Object q = k < y.size() ? y.get(k) : null;
      int c = compareVersionItem(p, q);
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  /** Items are BigDecimal (numbers) or String (qualifiers, lower-cased). */
  private static List<Object> versionItems(String v) {
    List<Object> items = new ArrayList<>();
    String s = v.toLowerCase(Locale.ROOT);
    int k = 0;
    while (k < s.length()) {
      char c = s.charAt(k);
      if (c == '.' || c == '-' || c == '_') {
        k++;
        continue;
      }
      boolean digits = isDigit(c);
      int e = k;
      while (e < s.length() && s.charAt(e) != '.' && s.charAt(e) != '-' && s.charAt(e) != '_'
          && isDigit(s.charAt(e)) == digits) {
        e++;
      }
      String item = s.substring(k, e);
      items.add(digits ? new BigDecimal(item) : item);
      k = e;
    }
    // trailing zeros and release markers do not count: 1.0 == 1 == 1.0.0
    while (!items.isEmpty() && isNullItem(items.get(items.size() - 1))) {
      items.remove(items.size() - 1);
    }
    return items;
  }

  private static boolean isNullItem(Object o) {
    return o instanceof BigDecimal d ? d.signum() == 0 : qualifierRank((String) o) == QUALIFIER_RELEASE;
  }

  private static final List<String> QUALIFIERS = List.of("alpha", "beta", "milestone", "rc", "snapshot", "", "sp");
  private static final int QUALIFIER_RELEASE = 5;

  private static int qualifierRank(String q) {
    String s = switch (q) {
      case "a" -> "alpha";
      case "b" -> "beta";
      case "m" -> "milestone";
      case "cr" -> "rc";
      case "ga", "final", "release" -> "";
      default -> q;
    };
    int r = QUALIFIERS.indexOf(s);
    return r < 0 ? QUALIFIERS.size() : r;
  }

  private static int compareVersionItem(Object p, Object q) {
    if (p == null && q == null) {
      return 0;
    }
    if (p == null) {
      return -compareVersionItem(q, null);
    }
    if (p instanceof BigDecimal x) {
      if (q == null) {
        return x.signum() == 0 ? 0 : 1;
      }
      return q instanceof BigDecimal y ? x.compareTo(y) : 1; // numbers sort after qualifiers
    }
    String s = (String) p;
    if (q == null) {
      return Integer.compare(qualifierRank(s), QUALIFIER_RELEASE);
    }
    if (q instanceof BigDecimal) {
      return -1;
    }
    String t = (String) q;
    int rs = qualifierRank(s);
    int rt = qualifierRank(t);
    if (rs != rt) {
      return Integer.compare(rs, rt);
    }
    return rs == QUALIFIERS.size() ? s.compareTo(t) : 0;
  }
}
