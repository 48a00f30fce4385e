package io.strata.processing.filter;

import io.strata.api.data.ColumnType;
import io.strata.api.data.StringValueIndex;
import io.strata.api.error.InvalidInputException;
import io.strata.processing.util.Numbers;
import org.roaringbitmap.buffer.ImmutableRoaringBitmap;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Equality with one of a set of values: {@code selector}, {@code in} and {@code equals}.
 *
 * <p>String values match by their exact string form. Numeric values (long, float, double columns) match
 * numerically against the match values that parse as numbers ({@code "10"} and {@code "10.0"} both match the long
 * 10; float columns compare in float precision as Druid does). A null match value (selector without value,
 * {@code in} listing null) makes nulls match; otherwise a null value is UNKNOWN.
 *
 * <p>For {@code equals} with a numeric {@code matchValueType}, string values are parsed and compared numerically
 * too (so {@code equals LONG 1} matches the strings {@code "1"} and {@code "1.0"}); Druid instead compares the
 * match value's string form ({@code "1"}) with the strings. Documented deviation: it is the more useful reading.
 */
final class ValueSetPredicate extends MatchPredicate {
  private final List<String> strings;   // exact string forms, sorted, no null
  private final Set<String> stringSet;  // for membership when more than one
  private final boolean stringsNumeric; // compare string values numerically instead of by string form
  private final boolean nullMatches;
  private final long[] longs;
  private final double[] doubles;
  private final float[] floats;

  private ValueSetPredicate(Collection<String> strings, boolean stringsNumeric, boolean nullMatches,
                            Collection<Long> longs, Collection<Double> doubles) {
    this.strings = List.copyOf(new TreeSet<>(strings));
    this.stringSet = new HashSet<>(this.strings);
    this.stringsNumeric = stringsNumeric;
    this.nullMatches = nullMatches;
    this.longs = longs.stream().mapToLong(Long::longValue).distinct().sorted().toArray();
    this.doubles = doubles.stream().mapToDouble(d -> d + 0.0).distinct().sorted().toArray();
    float[] f = new float[this.doubles.length];
    for (int i = 0; i < f.length; i++) {
      f[i] = (float) this.doubles[i] + 0.0f;
    }
    Arrays.sort(f);
    this.floats = f;
  }

  /** {@code selector} and {@code in}: string values; a null among them makes nulls match. */
  static ValueSetPredicate ofStrings(Collection<String> values) {
    boolean nullMatches = false;
    List<String> strings = new ArrayList<>();
    List<Long> longs = new ArrayList<>();
    List<Double> doubles = new ArrayList<>();
    for (String v : values) {
      if (v == null) {
        nullMatches = true;
        continue;
      }
      strings.add(v);
      addNumericForms(v, longs, doubles);
    }
    return new ValueSetPredicate(strings, false, nullMatches, longs, doubles);
  }

  private static void addNumericForms(String v, List<Long> longs, List<Double> doubles) {
    Long l = Numbers.tryParseLong(v);
    if (l != null) {
      longs.add(l);
      doubles.add(l.doubleValue());
      return;
    }
    Double d = Numbers.tryParseDouble(v);
    if (d != null) {
      doubles.add(d);
      if (isIntegral(d)) {
        longs.add(d.longValue());
      }
    }
  }

  private static boolean isIntegral(double d) {
    return d == Math.rint(d) && d >= -0x1p63 && d < 0x1p63;
  }

  /** {@code equals}: one typed value; never matches null. */
  static ValueSetPredicate ofTyped(String column, ColumnType type, Object matchValue) {
    switch (type) {
      case STRING: {
        String s = matchValue instanceof Number || matchValue instanceof String || matchValue instanceof Boolean
            ? String.valueOf(matchValue) : null;
        if (s == null) {
          throw invalid(column, type, matchValue);
        }
        return ofStrings(List.of(s));
      }
      case LONG: {
        Number n = Numbers.asNumber(matchValue);
        if (n == null) {
          throw invalid(column, type, matchValue);
        }
        long l = n.longValue();
        return new ValueSetPredicate(List.of(Long.toString(l)), true, false, List.of(l), List.of((double) l));
      }
      case FLOAT:
      case DOUBLE: {
        Number n = Numbers.asNumber(matchValue);
        if (n == null) {
          throw invalid(column, type, matchValue);
        }
        double d = n.doubleValue();
        List<Long> longs = isIntegral(d) ? List.of((long) d) : List.of();
        return new ValueSetPredicate(List.of(Double.toString(d)), true, false, longs, List.of(d));
      }
      default:
        throw new InvalidInputException("matchValueType", "equals filter on column [" + column
            + "]: matchValueType " + type + " is not supported; use STRING, LONG, FLOAT or DOUBLE");
    }
  }

  private static InvalidInputException invalid(String column, ColumnType type, Object value) {
    return new InvalidInputException("matchValue", "equals filter on column [" + column + "]: matchValue [" + value
        + "] cannot be read as " + type);
  }

  @Override
  boolean matchesNull(boolean includeUnknown) {
    return nullMatches || includeUnknown;
  }

  @Override
  boolean matchesString(String value) {
    if (stringsNumeric) {
      Number n = Numbers.tryParseNumber(value);
      if (n == null) {
        return false;
      }
      return n instanceof Long l ? matchesLong(l) : matchesDouble(n.doubleValue());
    }
    return strings.size() == 1 ? strings.get(0).equals(value) : stringSet.contains(value);
  }

  @Override
  boolean matchesLong(long value) {
    long[] a = longs;
    if (a.length == 1) {
      return a[0] == value;
    }
    return a.length > 1 && Arrays.binarySearch(a, value) >= 0;
  }

  @Override
  boolean matchesDouble(double value) {
    double[] a = doubles;
    double v = value + 0.0;
    if (a.length == 1) {
      return Double.compare(a[0], v) == 0;
    }
    return a.length > 1 && Arrays.binarySearch(a, v) >= 0;
  }

  @Override
  boolean matchesFloat(float value) {
    float[] a = floats;
    float v = value + 0.0f;
    if (a.length == 1) {
      return Float.compare(a[0], v) == 0;
    }
    return a.length > 1 && Arrays.binarySearch(a, v) >= 0;
  }

  @Override
  ImmutableRoaringBitmap fromIndex(StringValueIndex index, boolean includeUnknown) {
    if (stringsNumeric || strings.size() > index.cardinality()) {
      return super.fromIndex(index, includeUnknown);
    }
    List<ImmutableRoaringBitmap> matched = new ArrayList<>(strings.size() + 1);
    for (String s : strings) {
      int id = index.indexOf(s);
      if (id >= 0) {
        matched.add(index.bitmap(id));
      }
    }
    addNullBitmap(index, includeUnknown, matched);
    return union(matched);
  }

  @Override
  public String toString() {
    return (nullMatches ? "IN (null, " : "IN (") + String.join(", ", strings) + ")";
  }
}
