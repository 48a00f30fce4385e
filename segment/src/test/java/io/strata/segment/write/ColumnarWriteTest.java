package io.strata.segment.write;

import io.strata.api.data.ColumnType;
import io.strata.api.data.SortedRowSource;
import io.strata.api.query.AggregatorSpec;
import io.strata.api.time.Interval;
import io.strata.segment.TestRows;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The column-at-a-time write path (sources that hold their rows in memory) must write exactly the files the
 * row-at-a-time path writes from the same rows: every file of every segment is compared byte for byte, over
 * seeded random data with nulls in every column type, metrics out of name order, several blocks per column,
 * small bitmap passes, both compressions and partitioning into several segments.
 */
class ColumnarWriteTest {
  private static final long T0 = 1_377_907_200_000L; // 2013-08-31T00:00:00Z
  private static final long DAY = 86_400_000L;
  private static final Interval CHUNK = new Interval(T0, T0 + DAY);
  private static final String[] LOW = {null, "", "alpha", "beta", "gamma", "δέλτα", "😀"};

  @TempDir
  Path tmp;

  private static TestRows randomRows(Random r, int n) {
    TestRows.Builder b = TestRows.builder()
        .dim("low", ColumnType.STRING)
        .dim("high", ColumnType.STRING)
        .dim("l", ColumnType.LONG)
        .dim("d", ColumnType.DOUBLE)
        .dim("f", ColumnType.FLOAT)
        .metric(AggregatorSpec.Count.of("count"), ColumnType.LONG)
        .metric(AggregatorSpec.Numeric.of("longSum", "sum", "x"), ColumnType.LONG)
        .metric(AggregatorSpec.Numeric.of("doubleMax", "max", "y"), ColumnType.DOUBLE)
        .metric(AggregatorSpec.Numeric.of("floatMin", "a_min", "z"), ColumnType.FLOAT)
        .rollup(r.nextBoolean());
    int highCard = 1 + r.nextInt(5000);
    long span = 1 + r.nextInt((int) DAY);
    for (int i = 0; i < n; i++) {
      b.row(T0 + (long) (Math.pow(r.nextDouble(), 2) * span),
          LOW[r.nextInt(LOW.length)],
          r.nextInt(20) == 0 ? null : "h" + r.nextInt(highCard),
          r.nextInt(10) == 0 ? null : (long) r.nextInt(5) - 2,
          r.nextInt(7) == 0 ? null : (double) r.nextInt(4) / 2,
          r.nextInt(5) == 0 ? null : (float) r.nextInt(3),
          1L,
          r.nextInt(9) == 0 ? null : (long) r.nextInt(1000) - 500,
          r.nextInt(9) == 0 ? null : r.nextDouble(),
          r.nextInt(3) == 0 ? null : r.nextFloat());
    }
    return b.build();
  }

  @Test
  void columnarWriteMatchesRowWriteByteForByte() throws IOException {
    Random seeds = new Random(20261121);
    for (int round = 0; round < 24; round++) {
      long seed = seeds.nextLong();
      Random r = new Random(seed);
      int n = round == 0 ? 0 : r.nextInt(round % 4 == 0 ? 40_000 : 3_000);
      TestRows rows = randomRows(r, n);
      SegmentWriter.Compression compression = r.nextInt(4) == 0 ? SegmentWriter.Compression.NONE
          : SegmentWriter.Compression.LZ4;
      int chunkRows = r.nextBoolean() ? StringColumnWriter.CHUNK_ROWS : 1 + r.nextInt(2_000);
      SegmentWriter writer = new SegmentWriter(compression, chunkRows);
      String what = "seed " + seed + ", " + n + " rows, " + compression + ", bitmap passes of " + chunkRows;

      Path byRows = tmp.resolve("rows-" + round);
      Path byColumns = tmp.resolve("columns-" + round);
      WrittenSegment a = writer.write(rows.source(), CHUNK, byRows);
      SortedRowSource columnar = rows.columnarSource();
      WrittenSegment b = writer.write(columnar, CHUNK, byColumns);
      assertThat(columnar.next()).as("the columnar source is consumed").isFalse();
      assertThat(b.numRows()).as(what).isEqualTo(a.numRows()).isEqualTo(rows.rows().size());
      assertThat(b.sizeBytes()).as(what).isEqualTo(a.sizeBytes());
      assertSameFiles(byRows, byColumns, what);

      int maxRows = 1 + r.nextInt(Math.max(1, n));
      List<WrittenSegment> partsA = writer.writePartitioned(rows.source(), CHUNK, maxRows,
          p -> tmp.resolve("rows-" + seed + "-part-" + p));
      List<WrittenSegment> partsB = writer.writePartitioned(rows.columnarSource(), CHUNK, maxRows,
          p -> tmp.resolve("columns-" + seed + "-part-" + p));
      assertThat(partsB).as(what).hasSameSizeAs(partsA);
      for (int p = 0; p < partsA.size(); p++) {
        assertThat(partsB.get(p).numRows()).as(what).isEqualTo(partsA.get(p).numRows());
        assertSameFiles(partsA.get(p).path(), partsB.get(p).path(), what + ", part " + p + " of at most " + maxRows);
      }
    }
  }

  @Test
  void rowsOutsideTheIntervalFailTheSameWayAndLeaveNothing() throws IOException {
    TestRows rows = randomRows(new Random(7), 500);
    Interval tooShort = new Interval(T0, rows.rows().get(250).time());
    Path parentA = Files.createDirectories(tmp.resolve("a"));
    Path parentB = Files.createDirectories(tmp.resolve("b"));
    SegmentWriter writer = new SegmentWriter();
    Throwable byRows = catchFailure(() -> writer.write(rows.source(), tooShort, parentA.resolve("seg")));
    Throwable byColumns = catchFailure(() -> writer.write(rows.columnarSource(), tooShort, parentB.resolve("seg")));
    assertThat(byRows).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outside the segment interval");
    assertThat(byColumns).isInstanceOf(IllegalArgumentException.class).hasMessage(byRows.getMessage());
    try (Stream<Path> left = Files.list(parentB)) {
      assertThat(left).as("no segment and no temporary directory is left").isEmpty();
    }
    assertThatThrownBy(() -> writer.writePartitioned(rows.columnarSource(), CHUNK, 0, p -> tmp.resolve("x")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1");
  }

  private interface Write {
    void run() throws IOException;
  }

  private static Throwable catchFailure(Write w) {
    try {
      w.run();
    } catch (Throwable t) {
      return t;
    }
    throw new AssertionError("expected a failure");
  }

  private static void assertSameFiles(Path expected, Path actual, String what) throws IOException {
    List<String> names;
    try (Stream<Path> files = Files.list(expected)) {
      names = files.map(p -> p.getFileName().toString()).sorted().toList();
    }
    try (Stream<Path> files = Files.list(actual)) {
      assertThat(files.map(p -> p.getFileName().toString()).sorted().toList()).as(what).isEqualTo(names);
    }
    for (String name : names) {
      assertThat(Files.readAllBytes(actual.resolve(name))).as(what + ": file " + name)
          .isEqualTo(Files.readAllBytes(expected.resolve(name)));
    }
  }
}
