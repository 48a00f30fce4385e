package io.strata.segment;

import io.strata.api.data.ColumnCapabilities;
import io.strata.api.data.ColumnType;
import io.strata.api.data.CursorBuildSpec;
import io.strata.api.data.CursorFactory;
import io.strata.api.data.CursorHolder;
import io.strata.api.data.RowSignature;
import io.strata.api.data.SegmentId;
import io.strata.api.data.SortedRowSource;
import io.strata.api.data.StringValueIndex;
import io.strata.api.data.VectorCursor;
import io.strata.api.data.VectorValueSelector;
import io.strata.api.query.AggregatorSpec;
import io.strata.api.time.Granularity;
import io.strata.api.time.Interval;
import io.strata.segment.format.SegmentMetadata;
import io.strata.segment.read.QueryableSegment;
import io.strata.segment.read.SegmentReader;
import io.strata.segment.write.SegmentWriter;
import io.strata.segment.write.WrittenSegment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SegmentRoundTripTest {
  static final long T0 = 1_377_907_200_000L; // 2013-08-31T00:00:00Z
  static final Interval DAY = new Interval(T0, T0 + 86_400_000L);
  static final SegmentId ID = new SegmentId("wiki", DAY, "v1", 0);

  @TempDir
  Path tmp;

  static TestRows.Builder allTypes() {
    return TestRows.builder()
        .dim("page", ColumnType.STRING)
        .dim("added", ColumnType.LONG)
        .dim("ratio", ColumnType.FLOAT)
        .dim("score", ColumnType.DOUBLE)
        .metric(AggregatorSpec.Count.of("count"), ColumnType.LONG)
        .metric(AggregatorSpec.Numeric.of("doubleSum", "delta", "delta"), ColumnType.DOUBLE)
        .metric(AggregatorSpec.Numeric.of("floatMax", "fmax", "f"), ColumnType.FLOAT);
  }

  static QueryableSegment writeAndOpen(TestRows rows, Path dir) throws IOException {
    try (SortedRowSource source = rows.source()) {
      new SegmentWriter().write(source, DAY, dir);
    }
    return SegmentReader.open(dir, ID);
  }

  static CursorBuildSpec spec(Interval interval) {
    return CursorBuildSpec.of(interval, null);
  }

  @Test
  void allColumnTypesRoundTripThroughRowAndVectorCursors() throws IOException {
    TestRows rows = allTypes()
        .row(T0 + 5, "b", 3L, 0.5f, 1.25d, 1L, 10.5d, 2.5f)
        .row(T0 + 1, "a", null, 1.5f, null, 2L, null, 1f)
        .row(T0 + 1, null, 7L, null, -3.0d, 1L, -1d, null)
        .row(T0 + 9, "", 0L, -0.25f, 0d, 5L, 0d, 9f)
        .row(T0 + 9, "ä€𝄞", Long.MAX_VALUE, Float.MAX_VALUE, Double.MIN_VALUE, 1L, 1e300, -1f)
        .build();
    try (QueryableSegment seg = writeAndOpen(rows, tmp.resolve("s"))) {
      CursorFactory f = seg.cursorFactory();
      assertThat(Scans.rows(f, spec(DAY), rows.columns())).isEqualTo(rows.flat());
      assertThat(Scans.vectors(f, spec(DAY), rows.columns())).isEqualTo(rows.flat());
      CursorBuildSpec tiny = new CursorBuildSpec(DAY, null, false, 2);
      assertThat(Scans.vectors(f, tiny, rows.columns())).isEqualTo(rows.flat());
      assertThat(f.numRows()).isEqualTo(5);
      assertThat(f.minTime()).isEqualTo(T0 + 1);
      assertThat(f.maxTime()).isEqualTo(T0 + 9);
    }
  }

  @Test
  void signatureCapabilitiesInfoAndSizes() throws IOException {
    TestRows rows = allTypes().rollup(true).granularity(Granularity.of("minute"))
        .row(T0, "a", 1L, 1f, null, 1L, 1d, 1f)
        .build();
    try (QueryableSegment seg = writeAndOpen(rows, tmp.resolve("s"))) {
      RowSignature sig = seg.cursorFactory().signature();
      assertThat(sig.columnNames()).containsExactly("__time", "page", "added", "ratio", "score", "count", "delta",
          "fmax");
      assertThat(sig.type("page")).isEqualTo(ColumnType.STRING);
      assertThat(sig.type("fmax")).isEqualTo(ColumnType.FLOAT);
      ColumnCapabilities page = seg.cursorFactory().capabilities("page");
      assertThat(page.dictionaryEncoded()).isTrue();
      assertThat(page.sortedDictionary()).isTrue();
      assertThat(page.hasBitmapIndex()).isTrue();
      assertThat(page.hasNulls()).isFalse();
      assertThat(seg.cursorFactory().capabilities("score").hasNulls()).isTrue();
      assertThat(seg.cursorFactory().capabilities("added").hasNulls()).isFalse();
      assertThat(seg.cursorFactory().capabilities("nope")).isNull();
      assertThat(seg.indexes().stringIndex("added")).isNull();
      assertThat(seg.indexes().stringIndex("nope")).isNull();
      assertThat(seg.indexes().numRows()).isEqualTo(1);
      assertThat(seg.info().rollup()).isTrue();
      assertThat(seg.info().queryGranularity()).isEqualTo(Granularity.of("minute"));
      assertThat(seg.info().aggregators()).isEqualTo(rows.schema().metrics());
      assertThat(seg.schema()).isEqualTo(rows.schema());
      assertThat(seg.id()).isEqualTo(ID);
      long total = 0;
      for (String c : rows.columns()) {
        assertThat(seg.columnSizeBytes(c)).as(c).isPositive();
        total += seg.columnSizeBytes(c);
      }
      assertThat(seg.columnSizeBytes("nope")).isZero();
      assertThat(seg.sizeBytes()).isEqualTo(total);
      SegmentMetadata meta = SegmentReader.readMetadata(tmp.resolve("s"));
      assertThat(meta.interval()).isEqualTo(DAY);
      assertThat(meta.numRows()).isEqualTo(1);
    }
  }

  @Test
  void writtenSegmentReportsPathRowsAndBytes() throws IOException {
    TestRows rows = allTypes().row(T0, "a", 1L, 1f, 1d, 1L, 1d, 1f).row(T0 + 1, "b", 2L, 2f, 2d, 1L, 2d, 2f).build();
    WrittenSegment w = new SegmentWriter().write(rows.source(), DAY, tmp.resolve("out"));
    assertThat(w.path()).isEqualTo(tmp.resolve("out").toAbsolutePath());
    assertThat(w.numRows()).isEqualTo(2);
    try (QueryableSegment seg = SegmentReader.open(w.path(), ID)) {
      long files;
      try (var s = java.nio.file.Files.list(w.path())) {
        files = s.mapToLong(p -> p.toFile().length()).sum();
      }
      assertThat(w.sizeBytes()).isEqualTo(files);
      assertThat(seg.sizeBytes()).isLessThan(files);
    }
  }

  @Test
  void nullAndEmptyStringAreDistinctValues() throws IOException {
    TestRows rows = TestRows.builder().dim("s", ColumnType.STRING)
        .row(T0, "").row(T0 + 1, (Object) null).row(T0 + 2, "a").row(T0 + 3, "").row(T0 + 4, (Object) null)
        .build();
    try (QueryableSegment seg = writeAndOpen(rows, tmp.resolve("s"))) {
      StringValueIndex idx = seg.indexes().stringIndex("s");
      assertThat(idx.cardinality()).isEqualTo(3);
      assertThat(idx.lookupName(0)).isNull();
      assertThat(idx.lookupName(1)).isEmpty();
      assertThat(idx.lookupName(2)).isEqualTo("a");
      assertThat(idx.indexOf(null)).isZero();
      assertThat(idx.indexOf("")).isEqualTo(1);
      assertThat(idx.indexOf("0")).isEqualTo(-3);
      assertThat(idx.indexOf("b")).isEqualTo(-4);
      assertThat(idx.bitmap(0).toArray()).containsExactly(1, 4);
      assertThat(idx.bitmap(1).toArray()).containsExactly(0, 3);
      assertThat(idx.bitmap(2).toArray()).containsExactly(2);
      assertThat(seg.cursorFactory().capabilities("s").hasNulls()).isTrue();
      assertThat(Scans.rows(seg.cursorFactory(), spec(DAY), rows.columns())).isEqualTo(rows.flat());
      assertThat(Scans.vectors(seg.cursorFactory(), spec(DAY), rows.columns())).isEqualTo(rows.flat());
    }
  }

  @Test
  void columnWithoutNullsHasNoNullId() throws IOException {
    TestRows rows = TestRows.builder().dim("s", ColumnType.STRING).row(T0, "x").row(T0, "y").build();
    try (QueryableSegment seg = writeAndOpen(rows, tmp.resolve("s"))) {
      StringValueIndex idx = seg.indexes().stringIndex("s");
      assertThat(idx.cardinality()).isEqualTo(2);
      assertThat(idx.lookupName(0)).isEqualTo("x");
      assertThat(idx.indexOf(null)).isEqualTo(-1);
    }
  }

  @Test
  void highCardinalityColumnOverManyBlocks() throws IOException {
    TestRows.Builder b = TestRows.builder().dim("user", ColumnType.STRING)
        .metric(AggregatorSpec.Numeric.of("longSum", "n", "n"), ColumnType.LONG);
    int rowsCount = 100_000;
    for (int i = 0; i < rowsCount; i++) {
      b.row(T0 + i / 7, "user-" + (i * 7919L % 70_001), (long) i);
    }
    TestRows rows = b.build();
    try (QueryableSegment seg = writeAndOpen(rows, tmp.resolve("s"))) {
      StringValueIndex idx = seg.indexes().stringIndex("user");
      assertThat(idx.cardinality()).isEqualTo(70_001);
      for (int id = 1; id < idx.cardinality(); id += 997) {
        assertThat(idx.lookupName(id - 1).compareTo(idx.lookupName(id))).isNegative();
        assertThat(idx.indexOf(idx.lookupName(id))).isEqualTo(id);
      }
      assertThat(Scans.rows(seg.cursorFactory(), spec(DAY), rows.columns())).isEqualTo(rows.flat());
      assertThat(Scans.vectors(seg.cursorFactory(), spec(DAY), rows.columns())).isEqualTo(rows.flat());
    }
  }

  @Test
  void numericBlocksWithAndWithoutNulls() throws IOException {
    TestRows.Builder b = TestRows.builder()
        .dim("l", ColumnType.LONG).dim("f", ColumnType.FLOAT).dim("d", ColumnType.DOUBLE)
        .metric(AggregatorSpec.Count.of("count"), ColumnType.LONG);
    int n = 3 * 8192 + 17;
    for (int i = 0; i < n; i++) {
      boolean nullHere = i >= 8192 && i < 2 * 8192 && i % 3 == 0; // nulls only in the second block
      b.row(T0 + i, nullHere ? null : (long) i * 31, nullHere ? null : i * 0.5f, nullHere ? null : i * 0.25d, 1L);
    }
    TestRows rows = b.build();
    try (QueryableSegment seg = writeAndOpen(rows, tmp.resolve("s"))) {
      assertThat(Scans.rows(seg.cursorFactory(), spec(DAY), rows.columns())).isEqualTo(rows.flat());
      assertThat(Scans.vectors(seg.cursorFactory(), spec(DAY), rows.columns())).isEqualTo(rows.flat());
      try (CursorHolder h = seg.cursorFactory().makeCursorHolder(spec(DAY))) {
        VectorCursor vc = h.asVectorCursor();
        VectorValueSelector l = vc.selectorFactory().makeValueSelector("l");
        VectorValueSelector count = vc.selectorFactory().makeValueSelector("count");
        assertThat(l.getNullVector()).as("first batch, block without nulls").isNull();
        assertThat(count.getNullVector()).isNull();
        long sum = 0;
        for (; !vc.isDone(); vc.advance()) {
          long[] c = count.getLongVector();
          for (int i = 0; i < vc.getCurrentVectorSize(); i++) {
            sum += c[i];
          }
        }
        assertThat(sum).isEqualTo(n);
      }
    }
  }

  @Test
  void intervalStartIsInclusiveAndEndExclusive() throws IOException {
    TestRows.Builder b = TestRows.builder().dim("s", ColumnType.STRING);
    for (int i = 0; i < 30_000; i++) {
      b.row(T0 + (i / 10) * 10L, "v" + (i % 5)); // 10 rows per timestamp, timestamps 10 ms apart
    }
    TestRows rows = b.build();
    try (QueryableSegment seg = writeAndOpen(rows, tmp.resolve("s"))) {
      long[][] cases = {
          {T0, T0 + 86_400_000L}, {T0 + 10, T0 + 30}, {T0 + 81_920, T0 + 81_930}, {T0 + 15, T0 + 16},
          {T0 + 29_990, T0 + 29_991}, {T0 - 5, T0 + 1}, {T0 + 29_991, T0 + 40_000}, {T0 + 5, T0 + 5},
          {T0 + 8_190, T0 + 16_390},
      };
      for (long[] c : cases) {
        Interval interval = new Interval(c[0], c[1]);
        List<List<Object>> expected = new ArrayList<>();
        for (TestRows.Row r : rows.rows()) {
          if (interval.contains(r.time())) {
            expected.add(r.flat());
          }
        }
        assertThat(Scans.rows(seg.cursorFactory(), spec(interval), rows.columns())).as(interval.toString())
            .isEqualTo(expected);
        List<List<Object>> reversed = new ArrayList<>(expected);
        Collections.reverse(reversed);
        CursorBuildSpec desc = new CursorBuildSpec(interval, null, true, 512);
        assertThat(Scans.rows(seg.cursorFactory(), desc, rows.columns())).as("descending " + interval)
            .isEqualTo(reversed);
        if (!expected.isEmpty()) {
          assertThat(Scans.vectors(seg.cursorFactory(), spec(interval), rows.columns())).as(interval.toString())
              .isEqualTo(expected);
        }
      }
      assertThat(Scans.rows(seg.cursorFactory(), spec(new Interval(T0 + 10, T0 + 30)), List.of("__time")))
          .extracting(r -> r.get(0)).containsOnly(T0 + 10, T0 + 20).hasSize(20);
    }
  }

  @Test
  void descendingRowCursorAndNoVectorCursor() throws IOException {
    TestRows.Builder b = TestRows.builder().dim("s", ColumnType.STRING)
        .metric(AggregatorSpec.Numeric.of("longSum", "x", "x"), ColumnType.LONG);
    for (int i = 0; i < 20_000; i++) {
      b.row(T0 + i, "v" + (i % 3), (long) i);
    }
    TestRows rows = b.build();
    try (QueryableSegment seg = writeAndOpen(rows, tmp.resolve("s"))) {
      CursorBuildSpec desc = new CursorBuildSpec(DAY, null, true, 512);
      List<List<Object>> expected = rows.flat();
      Collections.reverse(expected);
      assertThat(Scans.rows(seg.cursorFactory(), desc, rows.columns())).isEqualTo(expected);
      try (CursorHolder h = seg.cursorFactory().makeCursorHolder(desc)) {
        assertThat(h.canVectorize()).isFalse();
        assertThat(h.asVectorCursor()).isNull();
      }
    }
  }

  @Test
  void missingColumnReadsAsNullEverywhere() throws IOException {
    TestRows rows = TestRows.builder().dim("s", ColumnType.STRING).row(T0, "a").row(T0 + 1, "b").build();
    try (QueryableSegment seg = writeAndOpen(rows, tmp.resolve("s"))) {
      List<String> cols = List.of("s", "ghost");
      assertThat(Scans.rows(seg.cursorFactory(), spec(DAY), cols))
          .containsExactly(java.util.Arrays.asList("a", null), java.util.Arrays.asList("b", null));
      assertThat(Scans.vectors(seg.cursorFactory(), spec(DAY), cols))
          .containsExactly(java.util.Arrays.asList("a", null), java.util.Arrays.asList("b", null));
      try (CursorHolder h = seg.cursorFactory().makeCursorHolder(spec(DAY))) {
        VectorValueSelector ghost = h.asVectorCursor().selectorFactory().makeValueSelector("ghost");
        assertThat(ghost.getNullVector()[0]).isTrue();
        assertThat(ghost.getNullVector()[1]).isTrue();
        var dim = h.asCursor().selectorFactory().makeDimensionSelector("ghost");
        assertThat(dim.getValueCardinality()).isEqualTo(1);
        assertThat(dim.idLookup(null)).isZero();
        assertThat(h.asCursor().selectorFactory().makeColumnValueSelector("ghost").isNull()).isTrue();
      }
    }
  }

  @Test
  void rowSelectorsLookUpIdsInAdvance() throws IOException {
    TestRows rows = TestRows.builder().dim("s", ColumnType.STRING)
        .row(T0, "b").row(T0 + 1, "a").row(T0 + 2, (Object) null).build();
    try (QueryableSegment seg = writeAndOpen(rows, tmp.resolve("s"));
         CursorHolder h = seg.cursorFactory().makeCursorHolder(spec(DAY))) {
      var dim = h.asCursor().selectorFactory().makeDimensionSelector("s");
      assertThat(dim.nameLookupPossibleInAdvance()).isTrue();
      assertThat(dim.getValueCardinality()).isEqualTo(3);
      assertThat(dim.idLookup("a")).isEqualTo(1);
      assertThat(dim.idLookup("zzz")).isEqualTo(-1);
      assertThat(dim.getValueId()).isEqualTo(2);
      var vdim = h.asVectorCursor().selectorFactory().makeSingleValueDimensionSelector("s");
      assertThat(vdim.getRowVector()).startsWith(2, 1, 0);
      assertThat(vdim.idLookup("b")).isEqualTo(2);
    }
  }

  @Test
  void emptySegment() throws IOException {
    TestRows rows = allTypes().build();
    try (QueryableSegment seg = writeAndOpen(rows, tmp.resolve("s"))) {
      assertThat(seg.numRows()).isZero();
      assertThat(Scans.rows(seg.cursorFactory(), spec(DAY), rows.columns())).isEmpty();
      try (CursorHolder h = seg.cursorFactory().makeCursorHolder(spec(DAY))) {
        assertThat(h.canVectorize()).isTrue();
        assertThat(h.asVectorCursor().isDone()).isTrue();
      }
    }
  }

  @Test
  void rowSourceOfSegmentRepeatsItsRows() throws IOException {
    TestRows rows = allTypes()
        .row(T0 + 5, "b", 3L, 0.5f, 1.25d, 1L, 10.5d, 2.5f)
        .row(T0 + 1, null, null, null, null, 2L, null, null)
        .build();
    try (QueryableSegment seg = writeAndOpen(rows, tmp.resolve("s"))) {
      try (SortedRowSource src = seg.openRowSource()) {
        assertThat(src.schema()).isEqualTo(rows.schema());
        assertThat(src.dictionary(0)).containsExactly(null, "b");
        new SegmentWriter().write(src, DAY, tmp.resolve("copy"));
      }
      try (QueryableSegment copy = SegmentReader.open(tmp.resolve("copy"), ID)) {
        assertThat(Scans.rows(copy.cursorFactory(), spec(DAY), rows.columns())).isEqualTo(rows.flat());
      }
    }
  }

  @Test
  void closedSegmentRefusesNewCursorsButOpenHoldersStillWork() throws IOException {
    TestRows rows = TestRows.builder().dim("s", ColumnType.STRING).row(T0, "a").build();
    QueryableSegment seg = writeAndOpen(rows, tmp.resolve("s"));
    CursorHolder h = seg.cursorFactory().makeCursorHolder(spec(DAY));
    seg.close();
    assertThatThrownBy(() -> seg.cursorFactory().makeCursorHolder(spec(DAY)))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    assertThat(Scans.rows(h.asCursor(), seg.cursorFactory(), List.of("s"))).containsExactly(List.of("a"));
    h.close();
    seg.close();
  }
}
