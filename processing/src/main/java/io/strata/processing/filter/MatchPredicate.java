package io.strata.processing.filter;

import io.strata.api.data.StringValueIndex;
import io.strata.processing.util.Numbers;
import org.roaringbitmap.buffer.BufferFastAggregation;
import org.roaringbitmap.buffer.ImmutableRoaringBitmap;
import org.roaringbitmap.buffer.MutableRoaringBitmap;

import java.util.ArrayList;
import java.util.List;

/**
 * What a single-column filter matches, asked per value type. A leaf filter evaluates exactly one of these
 * methods per row, chosen once from the column's type: strings (and dictionary entries) use
 * {@link #matchesString}, numeric columns {@link #matchesLong}/{@link #matchesFloat}/{@link #matchesDouble}.
 *
 * <p><b>Nulls and three-valued logic.</b> A comparison with a null value is UNKNOWN in SQL. A filter by itself
 * matches only TRUE rows; under a {@code not}, Druid (SQL-compatible mode) also excludes UNKNOWN rows, so
 * {@code NOT(x = 'a')} does not match rows where x is null. {@link #matchesNull(boolean)} receives
 * {@code includeUnknown}: predicates whose null outcome is UNKNOWN return it, predicates that decide nulls
 * (the null filter, {@code selector} with a null value, {@code in} listing null) return their definite answer.
 * The non-null methods are never UNKNOWN. Immutable and thread-safe.
 */
abstract class MatchPredicate {

  /** Whether a null value matches, given whether an UNKNOWN outcome counts as a match. */
  abstract boolean matchesNull(boolean includeUnknown);

  /** Whether a non-null string matches. */
  abstract boolean matchesString(String value);

  abstract boolean matchesLong(long value);

  abstract boolean matchesDouble(double value);

  boolean matchesFloat(float value) {
    return matchesDouble(value);
  }

  /**
   * Whether an object value matches (used for columns of unknown or complex type, and for map rows): Numbers by
   * their type, Lists (multi-values) if any element matches (an empty list is null), anything else by its string
   * form.
   */
  final boolean matchesObject(Object value, boolean includeUnknown) {
    if (value == null) {
      return matchesNull(includeUnknown);
    }
    if (value instanceof String s) {
      return matchesString(s);
    }
    if (Numbers.isIntegral(value)) {
      return matchesLong(((Number) value).longValue());
    }
    if (value instanceof Double d) {
      return matchesDouble(d);
    }
    if (value instanceof Float f) {
      return matchesFloat(f);
    }
    if (value instanceof Number n) {
      return matchesDouble(n.doubleValue());
    }
    if (value instanceof List<?> list) {
      if (list.isEmpty()) {
        return matchesNull(includeUnknown);
      }
      for (Object o : list) {
        if (matchesObject(o, includeUnknown)) {
          return true;
        }
      }
      return false;
    }
    return matchesString(String.valueOf(value));
  }

  /**
   * The matching rows of a dictionary-encoded string column. The default evaluates the predicate once per
   * dictionary value and unions the matching bitmaps; subclasses override it with exact lookups or binary search.
   */
  ImmutableRoaringBitmap fromIndex(StringValueIndex index, boolean includeUnknown) {
    int card = index.cardinality();
    List<ImmutableRoaringBitmap> matched = new ArrayList<>();
    for (int id = 0; id < card; id++) {
      String v = index.lookupName(id);
      if (v == null ? matchesNull(includeUnknown) : matchesString(v)) {
        matched.add(index.bitmap(id));
      }
    }
    return union(matched);
  }

  /** Adds the null value's bitmap to {@code into} if nulls match and the dictionary has them. */
  final void addNullBitmap(StringValueIndex index, boolean includeUnknown, List<ImmutableRoaringBitmap> into) {
    if (matchesNull(includeUnknown)) {
      int id = index.indexOf(null);
      if (id >= 0) {
        into.add(index.bitmap(id));
      }
    }
  }

  static ImmutableRoaringBitmap union(List<ImmutableRoaringBitmap> bitmaps) {
    if (bitmaps.isEmpty()) {
      return new MutableRoaringBitmap();
    }
    if (bitmaps.size() == 1) {
      return bitmaps.get(0);
    }
    return BufferFastAggregation.or(bitmaps.iterator());
  }
}
