package io.strata.processing.filter;

import io.strata.api.data.ColumnType;
import io.strata.api.data.StringValueIndex;
import io.strata.api.error.InvalidInputException;
import io.strata.api.query.FilterSpec;
import io.strata.processing.ordering.StringComparators;
import io.strata.processing.util.Numbers;
import org.roaringbitmap.buffer.ImmutableRoaringBitmap;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Range comparisons: the legacy {@code bound} filter and the typed {@code range} filter. Nulls are UNKNOWN.
 *
 * <p>Strings: {@code bound} compares with its ordering; {@code range} with a STRING match type compares
 * lexicographically (UTF-8 byte order; on a sorted dictionary, a binary search for the id range);
 * {@code range} with a numeric match type parses each string and compares numerically (strings that are not
 * numbers do not match).
 *
 * <p>Numbers (long/float/double columns): {@code bound} with numeric ordering and {@code range} compare
 * numerically. A bound that is not a number follows the numeric ordering, where text sorts before every number:
 * a textual lower bound admits every number and a textual upper bound admits none. {@code bound} with any other
 * ordering compares the number's string form ({@code Long.toString}, {@code Double.toString}) with that ordering.
 * Float columns compare in float precision (bounds rounded to float, as the stored values were), so
 * {@code <= 1.1} matches a stored {@code 1.1f}.
 */
final class RangePredicate extends MatchPredicate {
  private final Comparator<String> order; // null: strings are parsed and compared numerically
  private final boolean lexicographic;
  private final String lower;
  private final String upper;
  private final boolean lowerStrict;
  private final boolean upperStrict;
  private final boolean numbersByString;
  private final NumericBounds numeric;

  private RangePredicate(Comparator<String> order, boolean lexicographic, String lower, String upper,
                         boolean lowerStrict, boolean upperStrict, boolean numbersByString, NumericBounds numeric) {
    this.order = order;
    this.lexicographic = lexicographic;
    this.lower = lower;
    this.upper = upper;
    this.lowerStrict = lowerStrict;
    this.upperStrict = upperStrict;
    this.numbersByString = numbersByString;
    this.numeric = numeric;
  }

  static RangePredicate forBound(FilterSpec.Bound b) {
    String name = b.orderingName();
    Comparator<String> order = StringComparators.forName(name);
    boolean numericOrder = "numeric".equals(name);
    NumericBounds nb = NumericBounds.fromText(b.lower(), b.upper(), b.lowerStrict(), b.upperStrict());
    return new RangePredicate(order, StringComparators.isLexicographic(name), b.lower(), b.upper(),
        b.lowerStrict(), b.upperStrict(), !numericOrder, nb);
  }

  static RangePredicate forRange(FilterSpec.Range r) {
    ColumnType type = r.matchValueType();
    if (type == ColumnType.STRING) {
      String lo = r.lower() == null ? null : String.valueOf(r.lower());
      String hi = r.upper() == null ? null : String.valueOf(r.upper());
      NumericBounds nb = NumericBounds.fromText(lo, hi, r.lowerOpen(), r.upperOpen());
      return new RangePredicate(StringComparators.LEXICOGRAPHIC, true, lo, hi, r.lowerOpen(), r.upperOpen(),
          false, nb);
    }
    if (!type.isNumeric()) {
      throw new InvalidInputException("matchValueType", "range filter on column [" + r.column()
          + "]: matchValueType " + type + " is not supported; use STRING, LONG, FLOAT or DOUBLE");
    }
    BigDecimal lo = typedBound(r, r.lower(), "lower");
    BigDecimal hi = typedBound(r, r.upper(), "upper");
    NumericBounds nb = new NumericBounds(lo, hi, r.lowerOpen(), r.upperOpen(), false);
    return new RangePredicate(null, false, null, null, r.lowerOpen(), r.upperOpen(), false, nb);
  }

  private static BigDecimal typedBound(FilterSpec.Range r, Object bound, String field) {
    if (bound == null) {
      return null;
    }
    BigDecimal d = null;
    if (bound instanceof BigDecimal b) {
      d = b;
    } else if (Numbers.isIntegral(bound)) {
      d = BigDecimal.valueOf(((Number) bound).longValue());
    } else if (bound instanceof Number n && Double.isFinite(n.doubleValue())) {
      d = new BigDecimal(n.toString());
    } else if (bound instanceof String s) {
      d = StringComparators.parseDecimal(s);
    }
    if (d == null) {
      throw new InvalidInputException(field, "range filter on column [" + r.column() + "]: " + field + " bound ["
          + bound + "] cannot be read as " + r.matchValueType());
    }
    return d;
  }

  @Override
  boolean matchesNull(boolean includeUnknown) {
    return includeUnknown;
  }

  @Override
  boolean matchesString(String value) {
    if (order == null) {
      BigDecimal d = StringComparators.parseDecimal(value);
      return d != null && numeric.matchesDecimal(d);
    }
    if (lower != null) {
      int c = order.compare(lower, value);
      if (lowerStrict ? c >= 0 : c > 0) {
        return false;
      }
    }
    if (upper != null) {
      int c = order.compare(value, upper);
      return upperStrict ? c < 0 : c <= 0;
    }
    return true;
  }

  @Override
  boolean matchesLong(long value) {
    return numbersByString ? matchesString(Long.toString(value)) : numeric.matchesLong(value);
  }

  @Override
  boolean matchesDouble(double value) {
    return numbersByString ? matchesString(Double.toString(value)) : numeric.matchesDouble(value);
  }

  @Override
  boolean matchesFloat(float value) {
    return numbersByString ? matchesString(Float.toString(value)) : numeric.matchesFloat(value);
  }

  /**
   * Lexicographic ranges binary-search the dictionary for the id range. The dictionary may be sorted in UTF-16
   * order ({@link String#compareTo}) or in UTF-8 order: the two agree on which side of a bound every value falls
   * unless the bound has a character at or above U+D800, so only then is the dictionary scanned instead.
   */
  @Override
  ImmutableRoaringBitmap fromIndex(StringValueIndex index, boolean includeUnknown) {
    if (!lexicographic || hasHighChars(lower) || hasHighChars(upper)) {
      return super.fromIndex(index, includeUnknown);
    }
    int card = index.cardinality();
    int start = 0;
    int end = card;
    if (lower != null) {
      int i = index.indexOf(lower);
      start = i >= 0 ? (lowerStrict ? i + 1 : i) : -(i + 1);
    }
    if (upper != null) {
      int i = index.indexOf(upper);
      end = i >= 0 ? (upperStrict ? i : i + 1) : -(i + 1);
    }
    if (start == 0 && card > 0 && index.lookupName(0) == null) {
      start = 1;
    }
    List<ImmutableRoaringBitmap> matched = new ArrayList<>(Math.max(0, end - start) + 1);
    for (int id = start; id < end; id++) {
      matched.add(index.bitmap(id));
    }
    addNullBitmap(index, includeUnknown, matched);
    return union(matched);
  }

  private static boolean hasHighChars(String s) {
    if (s == null) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) >= 0xD800) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return (lowerStrict ? "(" : "[") + lower + ", " + upper + (upperStrict ? ")" : "]");
  }

  /** Numeric bounds, with long bounds precomputed as an inclusive [lo, hi] so long columns compare exactly. */
  static final class NumericBounds {
    private final BigDecimal lower;
    private final BigDecimal upper;
    private final boolean lowerStrict;
    private final boolean upperStrict;
    private final boolean empty;      // no number can match
    private final boolean longEmpty;  // no long can match
    private final long lo;
    private final long hi;
    private final double dLo;
    private final double dHi;
    private final float fLo;
    private final float fHi;

    NumericBounds(BigDecimal lower, BigDecimal upper, boolean lowerStrict, boolean upperStrict, boolean empty) {
      this.lower = lower;
      this.upper = upper;
      this.lowerStrict = lowerStrict;
      this.upperStrict = upperStrict;
      long l = Long.MIN_VALUE;
      long h = Long.MAX_VALUE;
      boolean e = empty;
      if (lower != null) {
        BigInteger b = lowerStrict ? lower.setScale(0, RoundingMode.FLOOR).toBigInteger().add(BigInteger.ONE)
            : lower.setScale(0, RoundingMode.CEILING).toBigInteger();
        if (b.compareTo(BigInteger.valueOf(Long.MAX_VALUE)) > 0) {
          e = true;
        } else if (b.compareTo(BigInteger.valueOf(Long.MIN_VALUE)) > 0) {
          l = b.longValue();
        }
      }
      if (upper != null) {
        BigInteger b = upperStrict ? upper.setScale(0, RoundingMode.CEILING).toBigInteger().subtract(BigInteger.ONE)
            : upper.setScale(0, RoundingMode.FLOOR).toBigInteger();
        if (b.compareTo(BigInteger.valueOf(Long.MIN_VALUE)) < 0) {
          e = true;
        } else if (b.compareTo(BigInteger.valueOf(Long.MAX_VALUE)) < 0) {
          h = b.longValue();
        }
      }
      this.empty = empty;
      this.longEmpty = e || l > h;
      this.lo = l;
      this.hi = h;
      this.dLo = lower == null ? Double.NEGATIVE_INFINITY : lower.doubleValue();
      this.dHi = upper == null ? Double.POSITIVE_INFINITY : upper.doubleValue();
      this.fLo = (float) dLo;
      this.fHi = (float) dHi;
    }

    /** Bounds given as text under the numeric ordering (text sorts before numbers). */
    static NumericBounds fromText(String lower, String upper, boolean lowerStrict, boolean upperStrict) {
      BigDecimal lo = StringComparators.parseDecimal(lower);
      BigDecimal hi = StringComparators.parseDecimal(upper);
      // a textual lower bound is below every number: no constraint; a textual upper bound is below every number
      boolean empty = upper != null && hi == null;
      return new NumericBounds(lo, hi, lowerStrict, upperStrict, empty);
    }

    boolean matchesLong(long v) {
      return !longEmpty && v >= lo && v <= hi;
    }

    boolean matchesDouble(double v) {
      if (empty || Double.isNaN(v)) {
        return false;
      }
      if (lower != null && (lowerStrict ? v <= dLo : v < dLo)) {
        return false;
      }
      return upper == null || (upperStrict ? v < dHi : v <= dHi);
    }

    /** Float columns compare in float precision: the bounds are rounded to floats, as the stored values were. */
    boolean matchesFloat(float v) {
      if (empty || Float.isNaN(v)) {
        return false;
      }
      if (lower != null && (lowerStrict ? v <= fLo : v < fLo)) {
        return false;
      }
      return upper == null || (upperStrict ? v < fHi : v <= fHi);
    }

    boolean matchesDecimal(BigDecimal v) {
      if (empty) {
        return false;
      }
      if (lower != null) {
        int c = v.compareTo(lower);
        if (lowerStrict ? c <= 0 : c < 0) {
          return false;
        }
      }
      if (upper != null) {
        int c = v.compareTo(upper);
        return upperStrict ? c < 0 : c <= 0;
      }
      return true;
    }
  }
}
