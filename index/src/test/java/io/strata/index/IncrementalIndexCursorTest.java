package io.strata.index;

import io.strata.api.data.ColumnSelectorFactory;
import io.strata.api.data.ColumnValueSelector;
import io.strata.api.data.Cursor;
import io.strata.api.data.CursorHolder;
import io.strata.api.data.DimensionSelector;
import io.strata.api.data.SingleValueDimensionVectorSelector;
import io.strata.api.data.VectorCursor;
import io.strata.api.data.VectorObjectSelector;
import io.strata.api.data.VectorValueSelector;
import io.strata.api.exec.Filter;
import io.strata.api.time.Granularity;
import io.strata.api.time.Interval;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Predicate;

import static io.strata.index.TestRows.T0;
import static io.strata.index.TestRows.agg;
import static io.strata.index.TestRows.dims;
import static io.strata.index.TestRows.index;
import static io.strata.index.TestRows.row;
import static io.strata.index.TestRows.spec;
import static io.strata.index.TestRows.values;
import static org.assertj.core.api.Assertions.assertThat;

class IncrementalIndexCursorTest {
  private static final List<String> COLUMNS = List.of("__time", "country", "device", "userId", "rows", "bytes",
      "price", "maxPrice", "minBytes");
  private static final String[] COUNTRIES = {"us", "nz", "fr", "de", null, ""};
  private static final String[] DEVICES = {"ios", "android", "web"};

  /** Reference aggregates of one rolled-up row. */
  private static final class Expected {
    long rows;
    Long bytes;
    Double price;
    Double maxPrice;
    Long minBytes;
  }

  private static final Comparator<Object> NULLS_FIRST = Comparator.nullsFirst((a, b) -> {
    @SuppressWarnings({"unchecked", "rawtypes"})
    int c = ((Comparable) a).compareTo(b);
    return c;
  });

  private static final Comparator<List<Object>> KEY_ORDER = (a, b) -> {
    for (int i = 0; i < a.size(); i++) {
      int c = NULLS_FIRST.compare(a.get(i), b.get(i));
      if (c != 0) {
        return c;
      }
    }
    return 0;
  };

  @Test
  void rowAndVectorCursorsMatchAReferenceRollup() {
    long seed = Long.getLong("test.seed", System.nanoTime());
    System.out.println("IncrementalIndexCursorTest seed=" + seed);
    Random random = new Random(seed);
    Granularity granularity = Granularity.of(random.nextBoolean() ? "minute" : "ten_minute");
    IncrementalIndex index = index(dims("country", "device", "long:userId"), granularity, true,
        agg("count", "rows", null), agg("longSum", "bytes", "bytes"), agg("doubleSum", "price", "price"),
        agg("doubleMax", "maxPrice", "price"), agg("longMin", "minBytes", "bytes"));
    TreeMap<List<Object>, Expected> reference = new TreeMap<>(KEY_ORDER);

    int n = 2_000 + random.nextInt(3_000);
    for (int i = 0; i < n; i++) {
      long t = T0 + random.nextInt(6 * 3_600_000);
      String country = COUNTRIES[random.nextInt(COUNTRIES.length)];
      String device = random.nextInt(4) == 0 ? "d" + random.nextInt(200) : DEVICES[random.nextInt(DEVICES.length)];
      Long user = random.nextInt(10) == 0 ? null : (long) random.nextInt(20);
      Long bytes = random.nextInt(8) == 0 ? null : (long) random.nextInt(1000) - 100;
      Double price = random.nextInt(8) == 0 ? null : random.nextInt(10_000) / 100.0;
      Object userInput = user != null && random.nextBoolean() ? String.valueOf(user) : user;
      Object bytesInput = bytes != null && random.nextBoolean() ? String.valueOf(bytes) : bytes;
      index.add(row(t, "country", country, "device", device, "userId", userInput, "bytes", bytesInput,
          "price", price));

      Expected e = reference.computeIfAbsent(values(granularity.bucketStart(t), country, device, user),
          k -> new Expected());
      e.rows++;
      if (bytes != null) {
        e.bytes = e.bytes == null ? bytes : e.bytes + bytes;
        e.minBytes = e.minBytes == null ? bytes : Math.min(e.minBytes, bytes);
      }
      if (price != null) {
        e.price = e.price == null ? price : e.price + price;
        e.maxPrice = e.maxPrice == null ? price : Math.max(e.maxPrice, price);
      }
      if (i % 700 == 0) {
        // Holders made between adds: the kept row order and dictionary orders are extended, not rebuilt.
        try (CursorHolder h = index.cursorFactory().makeCursorHolder(spec(Interval.ETERNITY, null, false, 64))) {
          assertThat(TestRows.readRows(h, COLUMNS)).as("seed %d after %d rows", seed, i + 1)
              .isEqualTo(expectedRows(reference));
        }
        // In any order: the rows added since the last holder are not in the kept order, and need not be.
        try (CursorHolder h = index.cursorFactory().makeCursorHolder(
            new io.strata.api.data.CursorBuildSpec(Interval.ETERNITY, null, false, 64, true))) {
          assertThat(sortedByKey(TestRows.readRows(h, COLUMNS))).as("seed %d after %d rows, any order", seed, i + 1)
              .isEqualTo(expectedRows(reference));
        }
      }
    }
    List<List<Object>> expected = expectedRows(reference);
    assertThat(index.numRows()).as("seed %d", seed).isEqualTo(expected.size());

    long start = T0 + random.nextInt(3 * 3_600_000);
    Interval interval = new Interval(start, start + random.nextInt(3 * 3_600_000));
    List<Filter> filters = new ArrayList<>();
    filters.add(null);
    filters.add(new TestFilters.Equals("country", "us"));
    filters.add(new TestFilters.Equals("country", null));
    filters.add(new TestFilters.Equals("country", "absent"));
    filters.add(new TestFilters.AtLeast("bytes", 300));
    filters.add(new TestFilters.AtLeast("userId", 10));
    for (Filter filter : filters) {
      Predicate<List<Object>> matches = r -> filter == null || matchesReference(filter, r);
      for (Interval i : List.of(Interval.ETERNITY, interval)) {
        List<List<Object>> want = expected.stream()
            .filter(r -> i.contains((Long) r.get(0)) && matches.test(r)).toList();
        // Any order first: an ordered holder made right after it must not be handed its (slot-ordered) rows.
        int anyVectorSize = 1 + random.nextInt(700);
        try (CursorHolder h = index.cursorFactory().makeCursorHolder(
            new io.strata.api.data.CursorBuildSpec(i, filter, false, anyVectorSize, true))) {
          String what = "seed " + seed + ", filter " + filter + ", interval " + i + ", any order";
          assertThat(sortedByKey(TestRows.readRows(h, COLUMNS))).as(what).isEqualTo(want);
          assertThat(sortedByKey(TestRows.readVectors(h, COLUMNS))).as(what).isEqualTo(want);
        }
        for (boolean descending : new boolean[]{false, true}) {
          List<List<Object>> ordered = new ArrayList<>(want);
          if (descending) {
            Collections.reverse(ordered);
          }
          int vectorSize = 1 + random.nextInt(700);
          try (CursorHolder h = index.cursorFactory().makeCursorHolder(spec(i, filter, descending, vectorSize))) {
            String what = "seed " + seed + ", filter " + filter + ", interval " + i + ", descending " + descending
                + ", vectorSize " + vectorSize;
            assertThat(TestRows.readRows(h, COLUMNS)).as(what).isEqualTo(ordered);
            assertThat(h.canVectorize()).isTrue();
            assertThat(TestRows.readVectors(h, COLUMNS)).as(what).isEqualTo(ordered);
          }
        }
      }
    }
  }

  /** Rows in the reference's order (their keys are unique, so comparing whole rows orders them by key). */
  private static List<List<Object>> sortedByKey(List<List<Object>> rows) {
    List<List<Object>> out = new ArrayList<>(rows);
    out.sort(KEY_ORDER);
    return out;
  }

  private static List<List<Object>> expectedRows(TreeMap<List<Object>, Expected> reference) {
    List<List<Object>> expected = new ArrayList<>();
    reference.forEach((key, e) -> {
      List<Object> r = new ArrayList<>(key);
      r.addAll(values(e.rows, e.bytes, e.price, e.maxPrice, e.minBytes));
      expected.add(r);
    });
    return expected;
  }

  private static boolean matchesReference(Filter filter, List<Object> row) {
    if (filter instanceof TestFilters.Equals eq) {
      return Objects.equals(row.get(COLUMNS.indexOf(eq.column())), eq.value());
    }
    TestFilters.AtLeast atLeast = (TestFilters.AtLeast) filter;
    Object v = row.get(COLUMNS.indexOf(atLeast.column()));
    return v != null && ((Number) v).doubleValue() >= atLeast.min();
  }

  @Test
  void cursorResetAndBatchesRespectTheVectorSize() {
    IncrementalIndex index = index(dims("page"), Granularity.NONE, false, agg("count", "rows", null));
    for (int i = 0; i < 10; i++) {
      index.add(row(T0 + i, "page", i % 2 == 0 ? "even" : "odd"));
    }
    try (CursorHolder h = index.cursorFactory().makeCursorHolder(
        spec(Interval.ETERNITY, new TestFilters.Equals("page", "odd"), false, 3))) {
      Cursor cursor = h.asCursor();
      ColumnValueSelector time = cursor.selectorFactory().makeColumnValueSelector("__time");
      List<Long> times = new ArrayList<>();
      for (; !cursor.isDone(); cursor.advance()) {
        times.add(time.getLong());
      }
      assertThat(times).containsExactly(T0 + 1, T0 + 3, T0 + 5, T0 + 7, T0 + 9);
      cursor.reset();
      assertThat(time.getLong()).isEqualTo(T0 + 1);

      VectorCursor vectors = h.asVectorCursor();
      assertThat(vectors.getMaxVectorSize()).isEqualTo(3);
      VectorValueSelector vtime = vectors.selectorFactory().makeValueSelector("__time");
      List<Long> vtimes = new ArrayList<>();
      for (; !vectors.isDone(); vectors.advance()) {
        assertThat(vectors.getCurrentVectorSize()).isBetween(1, 3);
        assertThat(vtime.getNullVector()).isNull();
        for (int i = 0; i < vectors.getCurrentVectorSize(); i++) {
          vtimes.add(vtime.getLongVector()[i]);
        }
      }
      assertThat(vtimes).isEqualTo(times);
      vectors.reset();
      assertThat(vectors.isDone()).isFalse();
      assertThat(vtime.getLongVector()[0]).isEqualTo(T0 + 1);
    }
  }

  @Test
  void dimensionSelectorsUseTheIndexDictionary() {
    IncrementalIndex index = index(dims("page"), Granularity.NONE, true, agg("count", "rows", null));
    index.add(row(T0, "page", "zebra"));
    index.add(row(T0 + 1, "page", "apple"));
    index.add(row(T0 + 2));
    try (CursorHolder h = index.cursorFactory().makeCursorHolder(spec(Interval.ETERNITY, null, false, 8))) {
      index.add(row(T0 + 3, "page", "later"));
      DimensionSelector page = h.asCursor().selectorFactory().makeDimensionSelector("page");
      assertThat(page.nameLookupPossibleInAdvance()).isTrue();
      // null, zebra, apple: insertion order, null first; "later" came after the holder was made.
      assertThat(page.getValueCardinality()).isEqualTo(3);
      assertThat(page.lookupName(0)).isNull();
      assertThat(page.idLookup("zebra")).isEqualTo(1);
      assertThat(page.idLookup("apple")).isEqualTo(2);
      assertThat(page.idLookup("later")).isEqualTo(-1);
      assertThat(page.idLookup(null)).isZero();
      assertThat(page.getValue()).isEqualTo("zebra");

      SingleValueDimensionVectorSelector vpage = h.asVectorCursor().selectorFactory()
          .makeSingleValueDimensionSelector("page");
      assertThat(vpage.getRowVector()).startsWith(1, 2, 0);
      assertThat(vpage.getValueCardinality()).isEqualTo(3);
      assertThat(h.asVectorCursor().getCurrentVectorSize()).isEqualTo(3);

      DimensionSelector missing = h.asCursor().selectorFactory().makeDimensionSelector("missing");
      assertThat(missing.getValue()).isNull();
      assertThat(missing.getValueCardinality()).isOne();
      VectorValueSelector missingNumbers = h.asVectorCursor().selectorFactory().makeValueSelector("missing");
      assertThat(missingNumbers.getNullVector()).startsWith(true, true, true);
    }
    assertThat(index.numRows()).isEqualTo(4);
  }

  @Test
  void columnsCanBeReadAsTheOtherKind() {
    IncrementalIndex index = index(dims("code", "double:score"), Granularity.NONE, false,
        agg("count", "rows", null), agg("floatSum", "f", "f"));
    index.add(row(T0, "code", "12", "score", 2.5, "f", 1));
    index.add(row(T0 + 1, "code", "abc", "score", null, "f", 2));
    index.add(row(T0 + 2, "code", "7", "score", -1.0, "f", 1));
    try (CursorHolder h = index.cursorFactory().makeCursorHolder(spec(Interval.ETERNITY, null, false, 8))) {
      ColumnSelectorFactory f = h.asCursor().selectorFactory();
      ColumnValueSelector code = f.makeColumnValueSelector("code");
      DimensionSelector score = f.makeDimensionSelector("score");
      DimensionSelector flt = f.makeDimensionSelector("f");
      assertThat(code.getObject()).isEqualTo("12");
      assertThat(code.isNull()).isFalse();
      assertThat(code.getLong()).isEqualTo(12);
      assertThat(score.getValue()).isEqualTo("2.5");
      // Numbers read as strings: null, then distinct values ascending.
      assertThat(score.getValueCardinality()).isEqualTo(3);
      assertThat(score.lookupName(1)).isEqualTo("-1.0");
      assertThat(score.idLookup("2.5")).isEqualTo(2);
      assertThat(flt.getValue()).isEqualTo("1.0");
      h.asCursor().advance();
      assertThat(code.isNull()).isTrue();
      assertThat(code.getObject()).isEqualTo("abc");
      assertThat(score.getValue()).isNull();

      VectorCursor v = h.asVectorCursor();
      VectorValueSelector codes = v.selectorFactory().makeValueSelector("code");
      assertThat(codes.getLongVector()).startsWith(12L, 0L, 7L);
      assertThat(codes.getNullVector()).startsWith(false, true, false);
      VectorObjectSelector objects = v.selectorFactory().makeObjectSelector("score");
      assertThat(objects.getObjectVector()).startsWith(2.5, null, -1.0);
      VectorObjectSelector codeObjects = v.selectorFactory().makeObjectSelector("code");
      assertThat(codeObjects.getObjectVector()).startsWith("12", "abc", "7");
      SingleValueDimensionVectorSelector scoreIds = v.selectorFactory().makeSingleValueDimensionSelector("score");
      assertThat(scoreIds.getRowVector()).startsWith(2, 0, 1);
    }
  }

  @Test
  void aFilterWithoutABatchMatcherIsAppliedRowByRowBeforeTheCursorsSeeTheRows() {
    IncrementalIndex index = index(dims("page"), Granularity.NONE, true, agg("count", "rows", null));
    index.add(row(T0, "page", "a"));
    index.add(row(T0, "page", "b"));
    index.add(row(T0 + 1, "page", "c"));
    index.add(row(T0 + 2, "page", "b"));
    Filter rowOnly = new TestFilters.RowOnly(new TestFilters.Equals("page", "b"));
    try (CursorHolder h = index.cursorFactory().makeCursorHolder(spec(Interval.ETERNITY, rowOnly, false, 8))) {
      // The holder filtered its rows up front, so both of its cursors hold only the matching rows.
      assertThat(TestRows.readRows(h, List.of("page"))).containsExactly(values("b"), values("b"));
      assertThat(h.canVectorize()).isTrue();
      VectorCursor v = h.asVectorCursor();
      assertThat(v.getCurrentVectorSize()).isEqualTo(2);
      assertThat(v.selectorFactory().makeSingleValueDimensionSelector("page").lookupName(
          v.selectorFactory().makeSingleValueDimensionSelector("page").getRowVector()[0])).isEqualTo("b");
    }
  }

  @Test
  void emptyIndexAndEmptyIntervalGiveNoRows() {
    IncrementalIndex index = index(dims("page"), Granularity.NONE, true, agg("count", "rows", null));
    try (CursorHolder h = index.cursorFactory().makeCursorHolder(spec(Interval.ETERNITY, null, false, 8))) {
      assertThat(h.asCursor().isDone()).isTrue();
      assertThat(h.asVectorCursor().isDone()).isTrue();
    }
    index.add(row(T0, "page", "a"));
    try (CursorHolder h = index.cursorFactory().makeCursorHolder(
        spec(new Interval(T0 + 1, T0 + 10), null, false, 8))) {
      assertThat(TestRows.readRows(h, List.of("page"))).isEmpty();
      assertThat(TestRows.readVectors(h, List.of("page"))).isEmpty();
    }
    try (CursorHolder h = index.cursorFactory().makeCursorHolder(spec(new Interval(T0, T0 + 1), null, false, 8))) {
      assertThat(TestRows.readRows(h, List.of("page"))).containsExactly(values("a"));
    }
  }

  /**
   * Holders of an unchanged index share one snapshot; any add (a new row, or a fold that changes only an aggregate)
   * must be seen by the next holder.
   */
  @Test
  void holdersOfAnUnchangedIndexShareASnapshotButSeeEveryLaterAdd() {
    IncrementalIndex index = index(dims("page"), Granularity.of("hour"), true, agg("longSum", "bytes", "bytes"));
    index.add(row(T0, "page", "a", "bytes", 5L));
    index.add(row(T0, "page", "b", "bytes", 7L));
    List<String> columns = List.of("page", "bytes");
    List<List<Object>> first;
    try (CursorHolder h = index.cursorFactory().makeCursorHolder(spec(Interval.ETERNITY, null, false, 4))) {
      first = TestRows.readRows(h, columns);
    }
    assertThat(first).containsExactly(values("a", 5L), values("b", 7L));
    try (CursorHolder h = index.cursorFactory().makeCursorHolder(spec(Interval.ETERNITY, null, false, 4))) {
      assertThat(TestRows.readVectors(h, columns)).isEqualTo(first);
    }
    // A fold: the row count stays, an aggregate changes.
    index.add(row(T0 + 1, "page", "a", "bytes", 10L));
    try (CursorHolder h = index.cursorFactory().makeCursorHolder(spec(Interval.ETERNITY, null, false, 4))) {
      assertThat(TestRows.readRows(h, columns)).containsExactly(values("a", 15L), values("b", 7L));
    }
    index.add(row(T0 + 2, "page", "c", "bytes", 1L));
    try (CursorHolder h = index.cursorFactory().makeCursorHolder(spec(Interval.ETERNITY, null, true, 4))) {
      assertThat(TestRows.readRows(h, columns)).containsExactly(values("c", 1L), values("b", 7L), values("a", 15L));
    }
    try (CursorHolder h = index.cursorFactory().makeCursorHolder(
        spec(Interval.ETERNITY, new TestFilters.Equals("page", "a"), false, 4))) {
      assertThat(TestRows.readRows(h, columns)).containsExactly(values("a", 15L));
    }
    // Another interval is another snapshot.
    try (CursorHolder h = index.cursorFactory().makeCursorHolder(
        spec(new Interval(T0 + 3_600_000, T0 + 7_200_000), null, false, 4))) {
      assertThat(TestRows.readRows(h, columns)).isEmpty();
    }
  }
}
