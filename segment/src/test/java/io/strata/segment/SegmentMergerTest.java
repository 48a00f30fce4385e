package io.strata.segment;

import io.strata.api.data.ColumnType;
import io.strata.api.data.CursorBuildSpec;
import io.strata.api.data.SegmentSchema;
import io.strata.api.data.SortedRowSource;
import io.strata.api.query.AggregatorSpec;
import io.strata.segment.merge.SegmentMerger;
import io.strata.segment.read.QueryableSegment;
import io.strata.segment.read.SegmentReader;
import io.strata.segment.write.RowLimitedSource;
import io.strata.segment.write.SegmentWriter;
import io.strata.segment.write.WrittenSegment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static io.strata.segment.SegmentRoundTripTest.DAY;
import static io.strata.segment.SegmentRoundTripTest.ID;
import static io.strata.segment.SegmentRoundTripTest.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SegmentMergerTest {
  @TempDir
  Path tmp;

  private static TestRows.Builder metrics(TestRows.Builder b) {
    return b.metric(AggregatorSpec.Count.of("count"), ColumnType.LONG)
        .metric(AggregatorSpec.Numeric.of("longSum", "sum", "x"), ColumnType.LONG)
        .metric(AggregatorSpec.Numeric.of("doubleMin", "min", "y"), ColumnType.DOUBLE)
        .metric(AggregatorSpec.Numeric.of("floatMax", "max", "z"), ColumnType.FLOAT)
        .rollup(true);
  }

  private QueryableSegment write(TestRows rows, String name) throws IOException {
    return SegmentRoundTripTest.writeAndOpen(rows, tmp.resolve(name));
  }

  private static List<Object> row(Object... values) {
    return Arrays.asList(values);
  }

  @Test
  void rollupCombinesCountsSumsMinsAndMaxes() throws IOException {
    TestRows a = metrics(TestRows.builder().dim("page", ColumnType.STRING))
        .row(T0, "x", 2L, 10L, 1.5d, 3f)
        .row(T0, "y", 1L, 5L, null, null)
        .row(T0 + 1, "x", 1L, 1L, 0.5d, 1f)
        .build();
    TestRows b = metrics(TestRows.builder().dim("page", ColumnType.STRING))
        .row(T0, "x", 3L, 7L, -2d, 1f)
        .row(T0, "y", 4L, null, 9d, 8f)
        .row(T0, "z", 1L, 1L, 1d, 1f)
        .build();
    try (QueryableSegment sa = write(a, "a"); QueryableSegment sb = write(b, "b")) {
      try (SortedRowSource merged = SegmentMerger.mergeSegments(List.of(sa, sb), a.schema(), true)) {
        assertThat(merged.dictionary(0)).containsExactly("x", "y", "z");
        new SegmentWriter().write(merged, DAY, tmp.resolve("merged"));
      }
      try (QueryableSegment m = SegmentReader.open(tmp.resolve("merged"), ID)) {
        assertThat(Scans.rows(m.cursorFactory(), CursorBuildSpec.of(DAY, null), a.columns())).containsExactly(
            row(T0, "x", 5L, 17L, -2d, 3f),
            row(T0, "y", 5L, 5L, 9d, 8f),
            row(T0, "z", 1L, 1L, 1d, 1f),
            row(T0 + 1, "x", 1L, 1L, 0.5d, 1f));
        assertThat(m.info().rollup()).isTrue();
      }
    }
  }

  @Test
  void inputsWithDifferentDimensionsReadMissingOnesAsNull() throws IOException {
    TestRows a = metrics(TestRows.builder().dim("page", ColumnType.STRING).dim("user", ColumnType.STRING))
        .row(T0, "p", "u1", 1L, 1L, 1d, 1f)
        .row(T0, "p", null, 1L, 2L, 2d, 2f)
        .build();
    TestRows b = metrics(TestRows.builder().dim("page", ColumnType.STRING).dim("country", ColumnType.STRING)
        .dim("n", ColumnType.LONG))
        .row(T0, "p", "FR", 3L, 1L, 4L, 4d, 4f)
        .row(T0, "p", null, null, 1L, 8L, 8d, 8f)
        .build();
    SegmentSchema target = SegmentMerger.unionSchema(List.of(a.schema(), b.schema()));
    assertThat(target.dimensions()).extracting(SegmentSchema.Column::name)
        .containsExactly("page", "user", "country", "n");
    try (QueryableSegment sa = write(a, "a"); QueryableSegment sb = write(b, "b")) {
      try (SortedRowSource merged = SegmentMerger.mergeSegments(List.of(sa, sb), target, true)) {
        assertThat(merged.dictionary(1)).containsExactly(null, "u1");
        assertThat(merged.dictionary(2)).containsExactly(null, "FR");
        new SegmentWriter().write(merged, DAY, tmp.resolve("merged"));
      }
      try (QueryableSegment m = SegmentReader.open(tmp.resolve("merged"), ID)) {
        List<String> cols = List.of("__time", "page", "user", "country", "n", "count", "sum");
        assertThat(Scans.rows(m.cursorFactory(), CursorBuildSpec.of(DAY, null), cols)).containsExactly(
            // page=p, user=null, country=null, n=null: a's second row and b's second row roll up
            row(T0, "p", null, null, null, 2L, 10L),
            row(T0, "p", null, "FR", 3L, 1L, 4L),
            row(T0, "p", "u1", null, null, 1L, 1L));
      }
    }
  }

  @Test
  void withoutRollupEveryRowIsKeptInOrder() throws IOException {
    TestRows a = metrics(TestRows.builder().dim("page", ColumnType.STRING)).rollup(false)
        .row(T0, "x", 1L, 1L, 1d, 1f).row(T0, "x", 1L, 2L, 2d, 2f).row(T0 + 5, "a", 1L, 3L, 3d, 3f).build();
    TestRows b = metrics(TestRows.builder().dim("page", ColumnType.STRING)).rollup(false)
        .row(T0, "x", 1L, 4L, 4d, 4f).row(T0 + 1, "b", 1L, 5L, 5d, 5f).build();
    try (QueryableSegment sa = write(a, "a"); QueryableSegment sb = write(b, "b");
         SortedRowSource merged = SegmentMerger.mergeSegments(List.of(sa, sb), a.schema(), false)) {
      assertThat(merged.schema().rollup()).isFalse();
      List<List<Object>> out = new ArrayList<>();
      while (merged.next()) {
        out.add(row(merged.time(), merged.dictionary(0)[merged.stringId(0)], merged.metricLong(1)));
      }
      assertThat(out).containsExactly(
          row(T0, "x", 1L), row(T0, "x", 2L), row(T0, "x", 4L), row(T0 + 1, "b", 5L), row(T0 + 5, "a", 3L));
    }
  }

  @Test
  void numericDimensionsOrderNullsFirstAndRollUp() {
    TestRows a = TestRows.builder().dim("n", ColumnType.DOUBLE)
        .metric(AggregatorSpec.Count.of("count"), ColumnType.LONG)
        .row(T0, 2.5d, 1L).row(T0, (Object) null, 1L).row(T0, -1d, 1L).build();
    TestRows b = TestRows.builder().dim("n", ColumnType.DOUBLE)
        .metric(AggregatorSpec.Count.of("count"), ColumnType.LONG)
        .row(T0, 2.5d, 2L).row(T0, (Object) null, 5L).build();
    try (SortedRowSource merged = SegmentMerger.merge(List.of(a.source(), b.source()), a.schema(), true)) {
      List<List<Object>> out = new ArrayList<>();
      while (merged.next()) {
        out.add(row(merged.isNull(0) ? null : merged.doubleValue(0), merged.metricLong(0)));
      }
      assertThat(out).containsExactly(row(null, 6L), row(-1d, 1L), row(2.5d, 3L));
    }
  }

  @Test
  void inputsSortedInAnotherDimensionOrderAreRefused() {
    TestRows a = TestRows.builder().dim("page", ColumnType.STRING).dim("user", ColumnType.STRING)
        .row(T0, "p", "u").build();
    TestRows b = TestRows.builder().dim("user", ColumnType.STRING).dim("page", ColumnType.STRING)
        .row(T0, "u", "p").build();
    assertThatThrownBy(() -> SegmentMerger.merge(List.of(a.source(), b.source()), a.schema(), true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot merge input 1: its rows are sorted by dimensions [user, page]");
  }

  @Test
  void stringAndNumericVersionsOfADimensionCannotMerge() {
    TestRows a = TestRows.builder().dim("n", ColumnType.STRING).row(T0, "1").build();
    TestRows b = TestRows.builder().dim("n", ColumnType.LONG).row(T0, 1L).build();
    assertThatThrownBy(() -> SegmentMerger.merge(List.of(a.source(), b.source()), a.schema(), true))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot merge dimension [n]");
  }

  @Test
  void partitionedWriteSplitsByMaxRowsAndKeepsOnlyUsedDictionaryValues() throws IOException {
    TestRows.Builder b = TestRows.builder().dim("page", ColumnType.STRING)
        .metric(AggregatorSpec.Count.of("count"), ColumnType.LONG);
    for (int i = 0; i < 2_500; i++) {
      b.row(T0 + i, i < 1_000 ? "early-" + (i % 10) : "late-" + (i % 20), 1L);
    }
    TestRows rows = b.build();
    List<WrittenSegment> parts = new SegmentWriter().writePartitioned(rows.source(), DAY, 1_000,
        p -> tmp.resolve("part-" + p));
    assertThat(parts).extracting(WrittenSegment::numRows).containsExactly(1_000, 1_000, 500);
    List<List<Object>> all = new ArrayList<>();
    for (WrittenSegment w : parts) {
      try (QueryableSegment s = SegmentReader.open(w.path(), ID)) {
        all.addAll(Scans.rows(s.cursorFactory(), CursorBuildSpec.of(DAY, null), rows.columns()));
      }
    }
    assertThat(all).isEqualTo(rows.flat());
    try (QueryableSegment first = SegmentReader.open(parts.get(0).path(), ID);
         QueryableSegment last = SegmentReader.open(parts.get(2).path(), ID)) {
      assertThat(first.indexes().stringIndex("page").cardinality()).isEqualTo(10);
      assertThat(last.indexes().stringIndex("page").cardinality()).isEqualTo(20);
      assertThat(last.metadata().column("page").cardinality()).isEqualTo(20);
    }
  }

  @Test
  void rowLimitedSourceEndsEachPartAndContinues() throws IOException {
    TestRows.Builder b = TestRows.builder();
    for (int i = 0; i < 5; i++) {
      b.row(T0 + i);
    }
    RowLimitedSource parts = new RowLimitedSource(b.build().source(), 2);
    List<List<Long>> seen = new ArrayList<>();
    while (parts.nextPart()) {
      List<Long> part = new ArrayList<>();
      while (parts.next()) {
        part.add(parts.time() - T0);
      }
      assertThat(parts.next()).isFalse();
      seen.add(part);
    }
    assertThat(seen).containsExactly(List.of(0L, 1L), List.of(2L, 3L), List.of(4L));
    assertThat(parts.nextPart()).isFalse();
    assertThat(new SegmentWriter().writePartitioned(TestRows.builder().build().source(), DAY, 10,
        p -> tmp.resolve("never-" + p))).isEmpty();
  }
}
