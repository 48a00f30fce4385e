package io.strata.segment.read;

import io.strata.api.data.ColumnType;
import io.strata.api.data.CursorBuildSpec;
import io.strata.api.data.CursorHolder;
import io.strata.api.data.SegmentId;
import io.strata.api.data.SortedRowSource;
import io.strata.api.data.StringValueIndex;
import io.strata.api.data.VectorCursor;
import io.strata.api.time.Interval;
import io.strata.segment.TestRows;
import io.strata.segment.write.SegmentWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** The decoded, canonical string dictionary of a segment column and its heap budget. */
class DictionaryCacheTest {
  private static final long T0 = 1_377_907_200_000L;
  private static final Interval DAY = new Interval(T0, T0 + 86_400_000L);

  @TempDir
  Path tmp;

  private QueryableSegment write(String name, int values, String prefix) throws IOException {
    TestRows.Builder b = TestRows.builder().dim("page", ColumnType.STRING);
    for (int i = 0; i < values; i++) {
      b.row(T0 + i, i % 10 == 0 ? null : prefix + "page-" + i + "-ä€");
    }
    TestRows rows = b.build();
    Path dir = tmp.resolve(name);
    try (SortedRowSource source = rows.source()) {
      new SegmentWriter().write(source, DAY, dir);
    }
    return SegmentReader.open(dir, new SegmentId("wiki", DAY, "v1", 0));
  }

  @Test
  void lookupsReturnTheSameCanonicalStringsAcrossCallsAndSegments() throws IOException {
    try (QueryableSegment a = write("a", 2000, ""); QueryableSegment b = write("b", 3000, "")) {
      StringValueIndex ia = a.indexes().stringIndex("page");
      StringValueIndex ib = b.indexes().stringIndex("page");
      assertThat(ia.lookupName(0)).isNull();
      int id = ia.indexOf("page-1234-ä€");
      assertThat(id).isPositive();
      String first = ia.lookupName(id);
      assertThat(ia.lookupName(id)).isSameAs(first);
      assertThat(ib.lookupName(ib.indexOf("page-1234-ä€"))).isSameAs(first);
      assertThat(first).isEqualTo(new String("page-1234-ä€"));
      // Vector selectors and row selectors go through the same array.
      try (CursorHolder h = a.cursorFactory().makeCursorHolder(CursorBuildSpec.of(DAY, null))) {
        VectorCursor c = h.asVectorCursor();
        var sel = c.selectorFactory().makeSingleValueDimensionSelector("page");
        assertThat(sel.lookupName(id)).isSameAs(first);
        Object[] objects = c.selectorFactory().makeObjectSelector("page").getObjectVector();
        for (int i = 0; i < c.getCurrentVectorSize(); i++) {
          assertThat(objects[i]).isSameAs(sel.lookupName(sel.getRowVector()[i]));
        }
      }
      assertThat(a.column("page").string().cached()).isTrue();
    }
  }

  @Test
  void concurrentFirstLookupsSeeOneArray() throws Exception {
    try (QueryableSegment seg = write("s", 20_000, "c-")) {
      StringColumn column = seg.column("page").string();
      assertThat(column.cached()).isFalse();
      int threads = 8;
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<String[]>> results = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          int offset = t;
          results.add(pool.submit(() -> {
            start.await();
            String[] seen = new String[column.cardinality()];
            for (int k = 0; k < seen.length; k++) {
              int id = (k + offset * 997) % seen.length;
              seen[id] = column.lookupName(id);
            }
            return seen;
          }));
        }
        start.countDown();
        String[] reference = results.get(0).get();
        for (Future<String[]> f : results) {
          String[] seen = f.get();
          for (int id = 0; id < seen.length; id++) {
            assertThat(seen[id]).isSameAs(reference[id]);
          }
        }
        assertThat(reference[0]).isNull();
        assertThat(reference[1]).isEqualTo("c-page-1-ä€");
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @Test
  void budgetBoundsTheCacheAndClosingGivesItBack() throws IOException {
    long before = DictionaryCache.used();
    try (QueryableSegment seg = write("big", 5000, "budget-")) {
      StringColumn column = seg.column("page").string();
      long previous = DictionaryCache.setLimit(DictionaryCache.used() + 1000);
      try {
        int id = column.indexOf("budget-page-7-ä€");
        assertThat(id).isPositive();
        String v = column.lookupName(id);
        assertThat(v).isEqualTo("budget-page-7-ä€");
        assertThat(column.cached()).isFalse();
        assertThat(column.lookupName(id)).isEqualTo(v);
        assertThat(column.lookupName(0)).isNull();
        assertThat(DictionaryCache.used()).isEqualTo(before);
      } finally {
        DictionaryCache.setLimit(previous);
      }
      // Once over budget, a column stays uncached (no retry per lookup).
      assertThat(column.lookupName(column.indexOf("budget-page-8-ä€"))).isEqualTo("budget-page-8-ä€");
      assertThat(column.cached()).isFalse();
    }
    try (QueryableSegment seg = write("small", 500, "budget2-")) {
      StringColumn column = seg.column("page").string();
      // Merging reads the dictionary without caching it.
      String[] dictionary = column.dictionary();
      assertThat(dictionary).hasSize(column.cardinality());
      assertThat(column.cached()).isFalse();
      assertThat(column.lookupName(3)).isEqualTo(dictionary[3]);
      assertThat(column.cached()).isTrue();
      assertThat(DictionaryCache.used()).isEqualTo(before + DictionaryCache.bytesFor(column.cardinality(),
          sumUtf8(dictionary)));
      String[] copy = column.dictionary();
      assertThat(copy[3]).isSameAs(column.lookupName(3));
      copy[3] = "changed";
      assertThat(column.lookupName(3)).isEqualTo(dictionary[3]);
      // An open cursor holder keeps the segment (and its cache) alive after close().
      CursorHolder holder = seg.cursorFactory().makeCursorHolder(CursorBuildSpec.of(DAY, null));
      seg.close();
      assertThat(DictionaryCache.used()).isGreaterThan(before);
      holder.close();
      assertThat(DictionaryCache.used()).isEqualTo(before);
      assertThat(column.cached()).isFalse();
    }
  }

  private static long sumUtf8(String[] values) {
    long sum = 0;
    for (String v : values) {
      sum += v == null ? 0 : v.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }
    return sum;
  }
}
