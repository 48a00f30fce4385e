package io.strata.segment;

import io.strata.api.data.ColumnType;
import io.strata.api.data.CursorBuildSpec;
import io.strata.api.data.CursorHolder;
import io.strata.api.data.VectorCursor;
import io.strata.api.data.VectorValueSelector;
import io.strata.api.exec.Filter;
import io.strata.api.query.AggregatorSpec;
import io.strata.api.time.Interval;
import io.strata.segment.read.QueryableSegment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.strata.segment.SegmentRoundTripTest.DAY;
import static io.strata.segment.SegmentRoundTripTest.T0;
import static org.assertj.core.api.Assertions.assertThat;

class SegmentFilterTest {
  @TempDir
  Path tmp;

  private static TestRows data() {
    TestRows.Builder b = TestRows.builder()
        .dim("country", ColumnType.STRING)
        .dim("page", ColumnType.STRING)
        .metric(AggregatorSpec.Numeric.of("longSum", "added", "added"), ColumnType.LONG);
    String[] countries = {"US", "FR", null, "", "JP"};
    for (int i = 0; i < 25_000; i++) {
      // "JP" only in a few separated runs, so bitmap batches are sometimes contiguous and sometimes not
      String c = countries[i % 4];
      if (i % 1000 < 3 || (i >= 12_000 && i < 12_600)) {
        c = "JP";
      }
      b.row(T0 + i / 3, c, "p" + (i % 37), i % 11 == 0 ? null : (long) i);
    }
    return b.build();
  }

  private static List<List<Object>> expected(TestRows rows, Interval interval, int dim, String value) {
    List<List<Object>> out = new ArrayList<>();
    for (TestRows.Row r : rows.rows()) {
      if (interval.contains(r.time()) && Objects.equals(r.dims().get(dim), value)) {
        out.add(r.flat());
      }
    }
    return out;
  }

  @Test
  void bitmapAndMatcherPathsGiveIdenticalRows() throws IOException {
    TestRows rows = data();
    try (QueryableSegment seg = SegmentRoundTripTest.writeAndOpen(rows, tmp.resolve("s"))) {
      Interval[] intervals = {DAY, new Interval(T0 + 1000, T0 + 4321), new Interval(T0 + 3999, T0 + 4200)};
      String[] values = {"US", "JP", null, "", "nowhere"};
      for (Interval interval : intervals) {
        for (String value : values) {
          List<List<Object>> want = expected(rows, interval, 0, value);
          for (boolean useBitmap : new boolean[] {true, false}) {
            Filter f = new EqualsFilter("country", value, useBitmap);
            String what = interval + " country=" + value + " bitmap=" + useBitmap;
            CursorBuildSpec asc = new CursorBuildSpec(interval, f, false, 512);
            assertThat(Scans.rows(seg.cursorFactory(), asc, rows.columns())).as(what).isEqualTo(want);
            assertThat(Scans.vectors(seg.cursorFactory(), asc, rows.columns())).as("vector " + what)
                .isEqualTo(want);
            CursorBuildSpec small = new CursorBuildSpec(interval, f, false, 7);
            assertThat(Scans.vectors(seg.cursorFactory(), small, rows.columns())).as("vector/7 " + what)
                .isEqualTo(want);
            List<List<Object>> reversed = new ArrayList<>(want);
            Collections.reverse(reversed);
            CursorBuildSpec desc = new CursorBuildSpec(interval, f, true, 512);
            assertThat(Scans.rows(seg.cursorFactory(), desc, rows.columns())).as("descending " + what)
                .isEqualTo(reversed);
          }
        }
      }
    }
  }

  @Test
  void numericMatcherFilterRunsOnRowsAndBatches() throws IOException {
    TestRows rows = data();
    try (QueryableSegment seg = SegmentRoundTripTest.writeAndOpen(rows, tmp.resolve("s"))) {
      List<List<Object>> want = new ArrayList<>();
      for (TestRows.Row r : rows.rows()) {
        Long added = (Long) r.metrics().get(0);
        if (added != null && added >= 20_000) {
          want.add(r.flat());
        }
      }
      CursorBuildSpec spec = CursorBuildSpec.of(DAY, new LongAtLeastFilter("added", 20_000));
      assertThat(Scans.rows(seg.cursorFactory(), spec, rows.columns())).isEqualTo(want);
      assertThat(Scans.vectors(seg.cursorFactory(), spec, rows.columns())).isEqualTo(want);
    }
  }

  @Test
  void vectorSelectorsReturnOnlyMatchingRowsAfterCompaction() throws IOException {
    TestRows rows = data();
    try (QueryableSegment seg = SegmentRoundTripTest.writeAndOpen(rows, tmp.resolve("s"));
         CursorHolder h = seg.cursorFactory().makeCursorHolder(
             CursorBuildSpec.of(DAY, new EqualsFilter("country", "FR", false)))) {
      VectorCursor vc = h.asVectorCursor();
      VectorValueSelector added = vc.selectorFactory().makeValueSelector("added");
      var country = vc.selectorFactory().makeSingleValueDimensionSelector("country");
      int frId = country.idLookup("FR");
      long sum = 0;
      int count = 0;
      for (; !vc.isDone(); vc.advance()) {
        int[] ids = country.getRowVector();
        long[] v = added.getLongVector();
        boolean[] nulls = added.getNullVector();
        for (int i = 0; i < vc.getCurrentVectorSize(); i++) {
          assertThat(ids[i]).isEqualTo(frId);
          if (nulls == null || !nulls[i]) {
            sum += v[i];
          }
          count++;
        }
      }
      long wantSum = 0;
      int wantCount = 0;
      for (TestRows.Row r : rows.rows()) {
        if ("FR".equals(r.dims().get(0))) {
          wantCount++;
          wantSum += r.metrics().get(0) == null ? 0 : (Long) r.metrics().get(0);
        }
      }
      assertThat(count).isEqualTo(wantCount);
      assertThat(sum).isEqualTo(wantSum);
    }
  }

  @Test
  void concurrentCursorsOnOneSegmentSeeTheSameRows() throws Exception {
    TestRows rows = data();
    try (QueryableSegment seg = SegmentRoundTripTest.writeAndOpen(rows, tmp.resolve("s"))) {
      String[] values = {"US", "FR", "JP", null, ""};
      List<List<List<Object>>> want = new ArrayList<>();
      for (String v : values) {
        want.add(expected(rows, DAY, 0, v));
      }
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        List<Future<Boolean>> results = new ArrayList<>();
        for (int task = 0; task < 40; task++) {
          int k = task % values.length;
          boolean vector = task % 2 == 0;
          Filter f = new EqualsFilter("country", values[k], task % 3 == 0);
          results.add(pool.submit(() -> {
            CursorBuildSpec spec = CursorBuildSpec.of(DAY, f);
            List<List<Object>> got = vector
                ? Scans.vectors(seg.cursorFactory(), spec, rows.columns())
                : Scans.rows(seg.cursorFactory(), spec, rows.columns());
            return got.equals(want.get(k));
          }));
        }
        for (Future<Boolean> r : results) {
          assertThat(r.get()).isTrue();
        }
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @Test
  void resetReplaysTheSameRows() throws IOException {
    TestRows rows = data();
    try (QueryableSegment seg = SegmentRoundTripTest.writeAndOpen(rows, tmp.resolve("s"));
         CursorHolder h = seg.cursorFactory().makeCursorHolder(
             CursorBuildSpec.of(DAY, new EqualsFilter("country", "JP", true)))) {
      var rowsOnce = Scans.rows(h.asCursor(), seg.cursorFactory(), rows.columns());
      h.asCursor().reset();
      assertThat(Scans.rows(h.asCursor(), seg.cursorFactory(), rows.columns())).isEqualTo(rowsOnce);
      var batchesOnce = Scans.vectors(h.asVectorCursor(), seg.cursorFactory(), rows.columns());
      h.asVectorCursor().reset();
      assertThat(Scans.vectors(h.asVectorCursor(), seg.cursorFactory(), rows.columns())).isEqualTo(batchesOnce)
          .isEqualTo(rowsOnce);
    }
  }
}
