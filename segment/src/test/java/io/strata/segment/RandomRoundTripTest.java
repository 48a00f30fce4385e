package io.strata.segment;

import io.strata.api.data.ColumnType;
import io.strata.api.data.CursorBuildSpec;
import io.strata.api.data.SortedRowSource;
import io.strata.api.exec.Filter;
import io.strata.api.query.AggregatorSpec;
import io.strata.api.time.Interval;
import io.strata.segment.merge.SegmentMerger;
import io.strata.segment.read.QueryableSegment;
import io.strata.segment.read.SegmentReader;
import io.strata.segment.write.SegmentWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.function.Predicate;

import static io.strata.segment.SegmentRoundTripTest.DAY;
import static io.strata.segment.SegmentRoundTripTest.ID;
import static io.strata.segment.SegmentRoundTripTest.T0;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seeded random duels: random rows are written, read back through every cursor path with random intervals and
 * filters, and merged, and each result is compared with a naive evaluation over the same rows. The seed is
 * printed; rerun with {@code -Dtests.seed=<seed>} to reproduce a failure.
 */
class RandomRoundTripTest {
  private static final String[] LOW = {null, "", "alpha", "beta", "gamma", "δέλτα"};

  @TempDir
  Path tmp;

  private static long seed() {
    String s = System.getProperty("tests.seed");
    long seed = s != null ? Long.parseLong(s) : new Random().nextLong();
    System.out.println("RandomRoundTripTest seed=" + seed);
    return seed;
  }

  private static TestRows.Builder schema(boolean rollup) {
    return TestRows.builder()
        .dim("low", ColumnType.STRING)
        .dim("high", ColumnType.STRING)
        .dim("l", ColumnType.LONG)
        .dim("d", ColumnType.DOUBLE)
        .dim("f", ColumnType.FLOAT)
        .metric(AggregatorSpec.Count.of("count"), ColumnType.LONG)
        .metric(AggregatorSpec.Numeric.of("longSum", "sum", "x"), ColumnType.LONG)
        .metric(AggregatorSpec.Numeric.of("doubleMax", "max", "y"), ColumnType.DOUBLE)
        .rollup(rollup);
  }

  private static void addRandomRows(TestRows.Builder b, Random r, int n) {
    int highCard = 1 + r.nextInt(3000);
    long span = 1 + r.nextInt(86_400_000);
    for (int i = 0; i < n; i++) {
      long t = T0 + (long) (Math.pow(r.nextDouble(), 2) * span);
      b.row(t,
          LOW[r.nextInt(LOW.length)],
          r.nextInt(20) == 0 ? null : "h" + r.nextInt(highCard),
          r.nextInt(10) == 0 ? null : (long) r.nextInt(5) - 2,
          r.nextInt(7) == 0 ? null : (double) r.nextInt(4) / 2,
          (float) r.nextInt(3),
          1L,
          r.nextInt(9) == 0 ? null : (long) r.nextInt(1000),
          r.nextInt(9) == 0 ? null : r.nextDouble());
    }
  }

  @Test
  void randomRowsReadBackThroughEveryPath() throws IOException {
    long seed = seed();
    Random r = new Random(seed);
    TestRows.Builder b = schema(false);
    addRandomRows(b, r, 1 + r.nextInt(40_000));
    TestRows rows = b.build();
    try (SortedRowSource src = rows.source()) {
      new SegmentWriter(r.nextBoolean() ? SegmentWriter.Compression.LZ4 : SegmentWriter.Compression.NONE)
          .write(src, DAY, tmp.resolve("s"));
    }
    try (QueryableSegment seg = SegmentReader.open(tmp.resolve("s"), ID)) {
      assertThat(Scans.rows(seg.cursorFactory(), CursorBuildSpec.of(DAY, null), rows.columns()))
          .as("seed %d", seed).isEqualTo(rows.flat());
      for (int q = 0; q < 25; q++) {
        long a = T0 + r.nextInt(86_400_000);
        long z = a + r.nextInt(86_400_000);
        Interval interval = r.nextInt(5) == 0 ? DAY : new Interval(a, Math.min(z, DAY.end()));
        String value = r.nextBoolean() ? LOW[r.nextInt(LOW.length)] : "h" + r.nextInt(50);
        String column = value != null && value.startsWith("h") ? "high" : "low";
        int dim = column.equals("high") ? 1 : 0;
        Filter filter;
        Predicate<TestRows.Row> keep;
        switch (r.nextInt(3)) {
          case 0 -> {
            filter = null;
            keep = row -> true;
          }
          case 1 -> {
            filter = new EqualsFilter(column, value, r.nextBoolean());
            keep = row -> Objects.equals(row.dims().get(dim), value);
          }
          default -> {
            long min = r.nextInt(5) - 2;
            filter = new LongAtLeastFilter("l", min);
            keep = row -> row.dims().get(2) != null && (Long) row.dims().get(2) >= min;
          }
        }
        List<List<Object>> want = new ArrayList<>();
        for (TestRows.Row row : rows.rows()) {
          if (interval.contains(row.time()) && keep.test(row)) {
            want.add(row.flat());
          }
        }
        String what = "seed " + seed + " query " + q + " " + interval + " " + filter;
        int vectorSize = 1 + r.nextInt(1000);
        assertThat(Scans.vectors(seg.cursorFactory(), new CursorBuildSpec(interval, filter, false, vectorSize),
            rows.columns())).as(what).isEqualTo(want);
        boolean descending = r.nextBoolean();
        if (descending) {
          Collections.reverse(want);
        }
        assertThat(Scans.rows(seg.cursorFactory(), new CursorBuildSpec(interval, filter, descending, 512),
            rows.columns())).as(what + " descending=" + descending).isEqualTo(want);
      }
    }
  }

  @Test
  void randomSpillsMergeLikeANaiveRollup() throws IOException {
    long seed = seed();
    Random r = new Random(seed);
    int parts = 1 + r.nextInt(5);
    List<TestRows> spills = new ArrayList<>();
    List<TestRows.Row> all = new ArrayList<>();
    for (int p = 0; p < parts; p++) {
      TestRows.Builder b = schema(true);
      addRandomRows(b, new Random(r.nextLong()), 1 + r.nextInt(8_000));
      TestRows t = b.build();
      spills.add(t);
      all.addAll(t.rows());
    }
    List<QueryableSegment> segments = new ArrayList<>();
    try {
      for (int p = 0; p < parts; p++) {
        segments.add(SegmentRoundTripTest.writeAndOpen(spills.get(p), tmp.resolve("spill-" + p)));
      }
      TestRows any = spills.get(0);
      try (SortedRowSource merged = SegmentMerger.mergeSegments(segments, any.schema(), true)) {
        new SegmentWriter().write(merged, DAY, tmp.resolve("rolled"));
      }
      try (SortedRowSource merged = SegmentMerger.mergeSegments(segments, any.schema(), false)) {
        new SegmentWriter().write(merged, DAY, tmp.resolve("plain"));
      }
      try (QueryableSegment rolled = SegmentReader.open(tmp.resolve("rolled"), ID);
           QueryableSegment plain = SegmentReader.open(tmp.resolve("plain"), ID)) {
        assertThat(Scans.rows(rolled.cursorFactory(), CursorBuildSpec.of(DAY, null), any.columns()))
            .as("seed %d", seed).isEqualTo(naiveRollup(all, any));
        List<List<Object>> everything = new ArrayList<>();
        all.stream().sorted(TestRows.rowOrder(any.schema())).forEach(row -> everything.add(row.flat()));
        List<List<Object>> got = Scans.rows(plain.cursorFactory(), CursorBuildSpec.of(DAY, null), any.columns());
        assertThat(got).as("seed %d", seed).containsExactlyInAnyOrderElementsOf(everything);
        assertThat(keys(got)).as("seed %d", seed).isEqualTo(keys(everything));
      }
    } finally {
      segments.forEach(QueryableSegment::close);
    }
  }

  private static List<List<Object>> keys(List<List<Object>> rows) {
    List<List<Object>> out = new ArrayList<>();
    for (List<Object> row : rows) {
      out.add(row.subList(0, 6));
    }
    return out;
  }

  private static List<List<Object>> naiveRollup(List<TestRows.Row> rows, TestRows shape) {
    List<TestRows.Row> sorted = new ArrayList<>(rows);
    sorted.sort(TestRows.rowOrder(shape.schema()));
    Map<List<Object>, Object[]> groups = new LinkedHashMap<>();
    for (TestRows.Row row : sorted) {
      List<Object> key = new ArrayList<>();
      key.add(row.time());
      key.addAll(row.dims());
      Object[] acc = groups.computeIfAbsent(key, k -> new Object[] {0L, null, null});
      acc[0] = (Long) acc[0] + (Long) row.metrics().get(0);
      Long sum = (Long) row.metrics().get(1);
      if (sum != null) {
        acc[1] = acc[1] == null ? sum : (Long) acc[1] + sum;
      }
      Double max = (Double) row.metrics().get(2);
      if (max != null) {
        acc[2] = acc[2] == null ? max : Math.max((Double) acc[2], max);
      }
    }
    List<List<Object>> out = new ArrayList<>();
    groups.forEach((key, acc) -> {
      List<Object> row = new ArrayList<>(key);
      row.add(acc[0]);
      row.add(acc[1]);
      row.add(acc[2]);
      out.add(row);
    });
    return out;
  }
}
