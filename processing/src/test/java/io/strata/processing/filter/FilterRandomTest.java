package io.strata.processing.filter;

import io.strata.api.data.ColumnType;
import io.strata.api.query.ExtractionFnSpec;
import io.strata.api.query.FilterSpec;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seeded random duel: random tables and random filter trees, every access path of the real filters against a
 * naive row-by-row evaluator of SQL three-valued logic written independently here. The seed is in every
 * failure message; set -Dstrata.test.seed=N to replay one.
 */
class FilterRandomTest {
  private static final String[] STRINGS = {null, "", "a", "b", "ab", "B", "10", "9", "-1", "1.5", "\u00e9",
      "\uD83D\uDE00", "\uFF5E", "zz"};
  private static final Long[] LONGS = {null, -3L, 0L, 1L, 2L, 5L, 9L, 10L, 12L};
  private static final Double[] DOUBLES = {null, -1.5, 0.0, 0.5, 2.0, 2.5, 10.0};
  private static final String[] NUMBER_TEXT = {"-3", "0", "1", "1.5", "2", "2.5", "5", "9", "10", "12", "-1.5"};

  private enum T3 { TRUE, FALSE, UNKNOWN }

  /** Extraction functions the filters may go through, each with its meaning written out naively. */
  private static final Map<ExtractionFnSpec, java.util.function.Function<String, String>> EXTRACTIONS =
      new LinkedHashMap<>();

  static {
    EXTRACTIONS.put(new ExtractionFnSpec.Upper(null), v -> v == null ? null : v.toUpperCase(java.util.Locale.ROOT));
    // Substrings that never split the table's one surrogate pair (a lone surrogate has no agreed order).
    EXTRACTIONS.put(new ExtractionFnSpec.Substring(0, 2), v -> v == null || v.isEmpty() ? null
        : v.substring(0, Math.min(2, v.length())));
    EXTRACTIONS.put(new ExtractionFnSpec.Substring(2, null), v -> v == null || v.length() <= 2 ? null
        : v.substring(2));
    EXTRACTIONS.put(new ExtractionFnSpec.Strlen(), v -> v == null ? null : String.valueOf(v.length()));
    EXTRACTIONS.put(new ExtractionFnSpec.Lookup(new ExtractionFnSpec.MapLookup("map", Map.of("a", "b", "10", "9",
        "", "zz"), false), true, null, null, null), v -> v == null ? null
        : Map.of("a", "b", "10", "9", "", "zz").getOrDefault(v, v));
    EXTRACTIONS.put(new ExtractionFnSpec.Lookup(new ExtractionFnSpec.MapLookup("map", Map.of("b", "1"), false),
        false, "9", null, null), v -> "b".equals(v) ? "1" : "9");
    EXTRACTIONS.put(new ExtractionFnSpec.Partial("b"), v -> v != null && v.contains("b") ? v : null);
    EXTRACTIONS.put(new ExtractionFnSpec.StringFormat("[%s]", "returnNull"), v -> v == null ? null
        : "[" + v + "]");
    EXTRACTIONS.put(new ExtractionFnSpec.StringFormat("%s0", "nullString"), v -> (v == null ? "null" : v) + "0");
  }

  private static ExtractionFnSpec maybeExtraction(Random random) {
    if (random.nextInt(3) != 0) {
      return null;
    }
    List<ExtractionFnSpec> all = new ArrayList<>(EXTRACTIONS.keySet());
    return all.get(random.nextInt(all.size()));
  }

  /** A row's value as a filter with {@code fn} sees it: numbers by their text, then the naive function. */
  private static Object seen(Map<String, Object> row, String column, ExtractionFnSpec fn) {
    Object v = row.get(column);
    if (fn == null) {
      return v;
    }
    return EXTRACTIONS.get(fn).apply(v == null ? null : String.valueOf(v));
  }

  @Test
  void realFiltersAgreeWithNaiveEvaluation() {
    long base = Long.getLong("strata.test.seed", 20240601L);
    int partial = 0;
    int total = 0;
    for (int round = 0; round < 30; round++) {
      long seed = base + round;
      Random random = new Random(seed);
      List<Map<String, Object>> rows = randomRows(random, 1 + random.nextInt(40));
      Map<String, ColumnType> types = new LinkedHashMap<>();
      types.put("s", ColumnType.STRING);
      types.put("t", ColumnType.STRING);
      types.put("n", ColumnType.LONG);
      types.put("x", ColumnType.DOUBLE);
      // alternate dictionary orders: UTF-8 (as the lexicographic ordering) and UTF-16 (as the segment format)
      TestSegment segment = new TestSegment(types, rows, round % 2 == 0
          ? io.strata.processing.ordering.StringComparators.LEXICOGRAPHIC
          : java.util.Comparator.nullsFirst(java.util.Comparator.<String>naturalOrder()));
      for (int k = 0; k < 60; k++) {
        FilterSpec spec = randomFilter(random, 3);
        String what = "seed " + seed + " filter " + spec;
        List<Integer> actual = segment.matchAllPaths(Filters.create(spec), what);
        List<Integer> expected = new ArrayList<>();
        for (int r = 0; r < rows.size(); r++) {
          if (eval(spec, rows.get(r)) == T3.TRUE) {
            expected.add(r);
          }
        }
        assertThat(actual).as(what).isEqualTo(expected);
        total++;
        if (!actual.isEmpty() && actual.size() < rows.size()) {
          partial++;
        }
      }
    }
    assertThat(partial).as("filters that matched some but not all rows, of " + total).isGreaterThan(total / 4);
  }

  private static List<Map<String, Object>> randomRows(Random random, int n) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Map<String, Object> row = new HashMap<>();
      row.put("s", pick(random, STRINGS));
      row.put("t", pick(random, STRINGS));
      row.put("n", pick(random, LONGS));
      row.put("x", pick(random, DOUBLES));
      rows.add(row);
    }
    return rows;
  }

  private static <T> T pick(Random random, T[] values) {
    return values[random.nextInt(values.length)];
  }

  // ------------------------------------------------------------------ random filters

  private static FilterSpec randomFilter(Random random, int depth) {
    int kind = random.nextInt(depth > 0 ? 13 : 9);
    String[] columns = {"s", "t", "n", "x", "missing"};
    String col = pick(random, columns);
    boolean numericCol = col.equals("n") || col.equals("x");
    switch (kind) {
      case 0:
      case 1:
        return new FilterSpec.Selector(col, value(random, numericCol), maybeExtraction(random));
      case 2: {
        List<String> values = new ArrayList<>();
        for (int i = random.nextInt(4); i >= 0; i--) {
          values.add(value(random, numericCol));
        }
        return new FilterSpec.In(col, values, maybeExtraction(random));
      }
      case 3:
      case 4: {
        String ordering = numericCol ? (random.nextInt(4) == 0 ? "lexicographic" : "numeric")
            : (random.nextBoolean() ? "lexicographic" : "numeric");
        String lower = random.nextInt(3) == 0 ? null : value(random, numericCol, false);
        String upper = lower != null && random.nextBoolean() ? null : value(random, numericCol, false);
        return new FilterSpec.Bound(col, lower, upper, random.nextBoolean(), random.nextBoolean(), ordering, null,
            maybeExtraction(random));
      }
      case 5:
        return new FilterSpec.IsNull(col);
      case 6: {
        if (numericCol) {
          Long lo = random.nextInt(3) == 0 ? null : LONGS[1 + random.nextInt(LONGS.length - 1)];
          Long hi = lo != null && random.nextBoolean() ? null : LONGS[1 + random.nextInt(LONGS.length - 1)];
          return new FilterSpec.Range(col, ColumnType.LONG, lo, hi, random.nextBoolean(), random.nextBoolean());
        }
        String lo = random.nextInt(3) == 0 ? null : value(random, false, false);
        String hi = lo != null && random.nextBoolean() ? null : value(random, false, false);
        return new FilterSpec.Range(col, ColumnType.STRING, lo, hi, random.nextBoolean(), random.nextBoolean());
      }
      case 7:
        if (numericCol) {
          return new FilterSpec.Equality(col, ColumnType.LONG, LONGS[1 + random.nextInt(LONGS.length - 1)]);
        }
        return new FilterSpec.Equality(col, ColumnType.STRING, value(random, false, false));
      case 8:
        return random.nextBoolean() ? new FilterSpec.True() : new FilterSpec.False();
      case 9:
      case 10: {
        List<FilterSpec> fields = new ArrayList<>();
        for (int i = 1 + random.nextInt(3); i > 0; i--) {
          fields.add(randomFilter(random, depth - 1));
        }
        return kind == 9 ? new FilterSpec.And(fields) : new FilterSpec.Or(fields);
      }
      default:
        return new FilterSpec.Not(randomFilter(random, depth - 1));
    }
  }

  private static String value(Random random, boolean numeric) {
    return value(random, numeric, true);
  }

  private static String value(Random random, boolean numeric, boolean allowNull) {
    String v = numeric && random.nextInt(4) != 0 ? pick(random, NUMBER_TEXT) : pick(random, STRINGS);
    return v == null && !allowNull ? "a" : v;
  }

  // ------------------------------------------------------------------ naive evaluator

  private static T3 of(boolean b) {
    return b ? T3.TRUE : T3.FALSE;
  }

  private static T3 eval(FilterSpec spec, Map<String, Object> row) {
    if (spec instanceof FilterSpec.Selector s) {
      Object v = seen(row, s.dimension(), s.extractionFn());
      if (v == null) {
        return s.value() == null ? T3.TRUE : T3.UNKNOWN;
      }
      return of(s.value() != null && same(v, s.value()));
    }
    if (spec instanceof FilterSpec.In in) {
      Object v = seen(row, in.dimension(), in.extractionFn());
      if (v == null) {
        return in.values().contains(null) ? T3.TRUE : in.values().isEmpty() ? T3.FALSE : T3.UNKNOWN;
      }
      for (String s : in.values()) {
        if (s != null && same(v, s)) {
          return T3.TRUE;
        }
      }
      return T3.FALSE;
    }
    if (spec instanceof FilterSpec.IsNull n) {
      return of(row.get(n.column()) == null);
    }
    if (spec instanceof FilterSpec.Bound b) {
      Object v = seen(row, b.dimension(), b.extractionFn());
      if (v == null) {
        return T3.UNKNOWN;
      }
      boolean numeric = b.orderingName().equals("numeric");
      String text = String.valueOf(v);
      int lo = b.lower() == null ? 1 : numeric ? numericOrder(text, b.lower()) : bytesOrder(text, b.lower());
      int hi = b.upper() == null ? -1 : numeric ? numericOrder(text, b.upper()) : bytesOrder(text, b.upper());
      return of((b.lowerStrict() ? lo > 0 : lo >= 0) && (b.upperStrict() ? hi < 0 : hi <= 0));
    }
    if (spec instanceof FilterSpec.Range r) {
      Object v = row.get(r.column());
      if (v == null) {
        return T3.UNKNOWN;
      }
      int lo;
      int hi;
      if (r.matchValueType() == ColumnType.STRING && v instanceof String s) {
        lo = r.lower() == null ? 1 : bytesOrder(s, (String) r.lower());
        hi = r.upper() == null ? -1 : bytesOrder(s, (String) r.upper());
      } else {
        BigDecimal d = decimal(String.valueOf(v));
        if (d == null) {
          return T3.FALSE;
        }
        lo = r.lower() == null ? 1 : numericOrder(String.valueOf(v), String.valueOf(r.lower()));
        hi = r.upper() == null ? -1 : numericOrder(String.valueOf(v), String.valueOf(r.upper()));
      }
      return of((r.lowerOpen() ? lo > 0 : lo >= 0) && (r.upperOpen() ? hi < 0 : hi <= 0));
    }
    if (spec instanceof FilterSpec.Equality e) {
      Object v = row.get(e.column());
      if (v == null) {
        return T3.UNKNOWN;
      }
      return of(same(v, String.valueOf(e.matchValue())));
    }
    if (spec instanceof FilterSpec.And a) {
      T3 out = T3.TRUE;
      for (FilterSpec f : a.fields()) {
        T3 r = eval(f, row);
        if (r == T3.FALSE) {
          return T3.FALSE;
        }
        if (r == T3.UNKNOWN) {
          out = T3.UNKNOWN;
        }
      }
      return out;
    }
    if (spec instanceof FilterSpec.Or o) {
      T3 out = T3.FALSE;
      for (FilterSpec f : o.fields()) {
        T3 r = eval(f, row);
        if (r == T3.TRUE) {
          return T3.TRUE;
        }
        if (r == T3.UNKNOWN) {
          out = T3.UNKNOWN;
        }
      }
      return out;
    }
    if (spec instanceof FilterSpec.Not n) {
      T3 r = eval(n.field(), row);
      return r == T3.UNKNOWN ? T3.UNKNOWN : of(r == T3.FALSE);
    }
    if (spec instanceof FilterSpec.True) {
      return T3.TRUE;
    }
    if (spec instanceof FilterSpec.False) {
      return T3.FALSE;
    }
    throw new AssertionError(spec);
  }

  /** A value equals a match string: strings exactly, numbers numerically. */
  private static boolean same(Object v, String match) {
    if (v instanceof String s) {
      return s.equals(match);
    }
    BigDecimal m = decimal(match);
    return m != null && decimal(String.valueOf(v)).compareTo(m) == 0;
  }

  /** A number as Druid's numeric ordering reads one (BigDecimal's syntax, without exponents): "1.5", ".5", "-3". */
  private static BigDecimal decimal(String s) {
    return s.matches("-?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)") ? new BigDecimal(s) : null;
  }

  private static int bytesOrder(String a, String b) {
    return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }

  /** Numbers numerically; text that is not a number before all numbers, among itself by bytes. */
  private static int numericOrder(String a, String b) {
    BigDecimal x = decimal(a);
    BigDecimal y = decimal(b);
    if (x != null && y != null) {
      return x.compareTo(y);
    }
    if (x == null && y == null) {
      return bytesOrder(a, b);
    }
    return x == null ? -1 : 1;
  }
}
