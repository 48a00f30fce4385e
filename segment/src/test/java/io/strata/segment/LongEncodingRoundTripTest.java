package io.strata.segment;

import io.strata.api.data.ColumnType;
import io.strata.api.data.CursorBuildSpec;
import io.strata.api.data.CursorHolder;
import io.strata.api.data.SortedRowSource;
import io.strata.api.data.VectorCursor;
import io.strata.api.data.VectorValueSelector;
import io.strata.api.exec.Filter;
import io.strata.api.query.AggregatorSpec;
import io.strata.api.time.Interval;
import io.strata.segment.format.SegmentFormatV1;
import io.strata.segment.merge.SegmentMerger;
import io.strata.segment.read.QueryableSegment;
import io.strata.segment.read.SegmentReader;
import io.strata.segment.write.SegmentWriter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;

import static io.strata.segment.SegmentRoundTripTest.DAY;
import static io.strata.segment.SegmentRoundTripTest.ID;
import static io.strata.segment.SegmentRoundTripTest.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Long columns whose blocks use every block codec (CONST, FOR with and without exceptions, DELTA_FOR, LZ4,
 * DELTA_LZ4, RAW), with negative values, the long extremes and nulls, read back through every path: row cursor,
 * vector cursor (several vector sizes, so batches start anywhere in a block and span blocks), interval-restricted
 * cursors, bitmap-filtered batches (sparse, medium and dense gathers), matcher-filtered batches, the row source
 * (rewrite and merge), and the uncompressed writer.
 */
class LongEncodingRoundTripTest {
  private static final int B = SegmentFormatV1.BLOCK_SIZE;
  private static final int ROWS = 6 * B + 1000;

  @TempDir
  static Path tmp;

  private static TestRows rows;
  private static QueryableSegment segment;

  @BeforeAll
  static void writeSegment() throws IOException {
    SplittableRandom random = new SplittableRandom(20240601);
    TestRows.Builder b = TestRows.builder()
        .dim("tag", ColumnType.STRING)
        .dim("d", ColumnType.LONG)
        .metric(AggregatorSpec.Numeric.of("longSum", "v", "v"), ColumnType.LONG)
        .metric(AggregatorSpec.Numeric.of("longSum", "n", "n"), ColumnType.LONG);
    long t = T0;
    long[] repeated = {random.nextLong(), random.nextLong(), random.nextLong()};
    for (int i = 0; i < ROWS; i++) {
      int block = i / B;
      // __time: +1 ms (constant step), +0 or a minute (truncated time), random gaps, large gaps, ...
      // Each block starts at a new time, so sorting rows of equal time never moves a row to another block.
      t += i > 0 && i % B == 0 ? 1 : switch (block) {
        case 0 -> 1;
        case 1 -> i % 100 == 0 ? 60_000 : 0;
        case 2 -> random.nextInt(0, 300);
        case 3 -> random.nextInt(0, 3) == 0 ? random.nextInt(0, 2_000_000) / 1000 : 0;
        default -> random.nextInt(0, 5);
      };
      long v = switch (block) {
        case 0 -> 7;                                                             // CONST
        case 1 -> random.nextInt(0, 1000);                                       // FOR
        case 2 -> random.nextInt(50) == 0 ? random.nextLong(-1_000_000_000L, 1_000_000_000L)
            : random.nextInt(-20, 300);                                          // FOR with exceptions
        case 3 -> random.nextInt(10) == 0 ? (random.nextBoolean() ? Long.MIN_VALUE : Long.MAX_VALUE)
            : random.nextLong();                                                 // RAW
        case 4 -> repeated[(i / 64) % 3];                                        // LZ4
        case 5 -> -(long) random.nextInt(0, 1 << 20);                            // FOR, negative
        default -> i % 3 == 0 ? Long.MIN_VALUE + i : Long.MAX_VALUE - i;         // partial block
      };
      // A nullable column: nulls in some blocks only, FOR-friendly values otherwise.
      Long n = (block == 2 && i % 5 == 0) || (block == 5 && i % 1000 < 3) ? null
          : Long.valueOf(random.nextInt(0, 5000) - 2500);
      // A nullable dimension of small values with rare extremes (exceptions of 64 bits).
      Long d = i % 7 == 0 ? null : random.nextInt(40) != 0 ? Long.valueOf(random.nextInt(-3, 3))
          : Long.valueOf(i % 2 == 0 ? Long.MIN_VALUE : Long.MAX_VALUE);
      String tag = i % 97 == 0 ? "sparse" : i % 10 == 0 ? "medium" : "dense";
      b.row(t, tag, d, v, n);
    }
    rows = b.build();
    segment = write(rows, tmp.resolve("seg"), new SegmentWriter());
  }

  @AfterAll
  static void close() {
    if (segment != null) {
      segment.close();
    }
  }

  private static QueryableSegment write(TestRows rows, Path dir, SegmentWriter writer) throws IOException {
    try (SortedRowSource source = rows.source()) {
      writer.write(source, DAY, dir);
    }
    return SegmentReader.open(dir, ID);
  }

  /** The block codecs of a numeric column file, in block order (read from its trailer and block table). */
  static List<Byte> blockCodecs(Path columnFile) throws IOException {
    ByteBuffer d = ByteBuffer.wrap(Files.readAllBytes(columnFile)).order(ByteOrder.LITTLE_ENDIAN);
    int lengthPos = d.limit() - SegmentFormatV1.FOOTER_LENGTH - 4;
    int t = lengthPos - d.getInt(lengthPos);
    int numBlocks = d.getInt(t + 12);
    int table = (int) d.getLong(t + 24);
    List<Byte> out = new ArrayList<>();
    for (int b = 0; b < numBlocks; b++) {
      out.add(d.get((int) d.getLong(table + 8 * b)));
    }
    return out;
  }

  private static Path file(QueryableSegment seg, String column) {
    String name = seg.metadata().columns().stream().filter(c -> c.name().equals(column)).findFirst().orElseThrow()
        .file();
    return seg.path().resolve(name);
  }

  @Test
  void blocksUseEveryCodec() throws IOException {
    List<Byte> v = blockCodecs(file(segment, "v"));
    assertThat(v).hasSize(7);
    assertThat(v.subList(0, 6)).containsExactly(SegmentFormatV1.BLOCK_CONST, SegmentFormatV1.BLOCK_FOR,
        SegmentFormatV1.BLOCK_FOR, SegmentFormatV1.BLOCK_RAW, SegmentFormatV1.BLOCK_LZ4, SegmentFormatV1.BLOCK_FOR);
    List<Byte> time = blockCodecs(file(segment, "__time"));
    assertThat(time.subList(0, 3)).containsOnly(SegmentFormatV1.BLOCK_DELTA_FOR);
    assertThat(Set.copyOf(blockCodecs(file(segment, "n")))).contains(SegmentFormatV1.BLOCK_FOR);
    assertThat(Set.copyOf(blockCodecs(file(segment, "d")))).contains(SegmentFormatV1.BLOCK_FOR);
  }

  @Test
  void rowAndVectorCursorsOfEverySize() {
    List<List<Object>> expected = rows.flat();
    assertThat(Scans.rows(segment.cursorFactory(), CursorBuildSpec.of(DAY, null), rows.columns()))
        .isEqualTo(expected);
    for (int size : new int[] {512, 1, 3, 127, 1000, B, B + 5, 3 * B}) {
      assertThat(Scans.vectors(segment.cursorFactory(), new CursorBuildSpec(DAY, null, false, size),
          rows.columns())).as("vector size %d", size).isEqualTo(expected);
    }
  }

  @Test
  void intervalsStartingAnywhere() {
    List<TestRows.Row> all = rows.rows();
    SplittableRandom random = new SplittableRandom(3);
    for (int k = 0; k < 12; k++) {
      int a = random.nextInt(all.size());
      int z = Math.min(all.size() - 1, a + random.nextInt(3 * B));
      Interval interval = new Interval(all.get(a).time(), all.get(z).time() + 1);
      List<List<Object>> expected = new ArrayList<>();
      for (TestRows.Row r : all) {
        if (interval.contains(r.time())) {
          expected.add(r.flat());
        }
      }
      for (int size : new int[] {512, 77}) {
        assertThat(Scans.vectors(segment.cursorFactory(), new CursorBuildSpec(interval, null, false, size),
            rows.columns())).as("%s by %d", interval, size).isEqualTo(expected);
      }
      assertThat(Scans.rows(segment.cursorFactory(), CursorBuildSpec.of(interval, null), rows.columns()))
          .isEqualTo(expected);
    }
  }

  @Test
  void filteredBatchesGatherSparseMediumAndDenseRows() {
    Map<String, List<List<Object>>> byTag = new TreeMap<>();
    for (TestRows.Row r : rows.rows()) {
      byTag.computeIfAbsent((String) r.dims().get(0), x -> new ArrayList<>()).add(r.flat());
    }
    for (var e : byTag.entrySet()) {
      for (boolean bitmap : new boolean[] {true, false}) {
        Filter f = new EqualsFilter("tag", e.getKey(), bitmap);
        for (int size : new int[] {512, 5, 4096}) {
          assertThat(Scans.vectors(segment.cursorFactory(), new CursorBuildSpec(DAY, f, false, size),
              rows.columns())).as("%s bitmap=%s size=%d", e.getKey(), bitmap, size).isEqualTo(e.getValue());
        }
        assertThat(Scans.rows(segment.cursorFactory(), CursorBuildSpec.of(DAY, f), rows.columns()))
            .isEqualTo(e.getValue());
      }
    }
    List<List<Object>> positive = new ArrayList<>();
    for (TestRows.Row r : rows.rows()) {
      if (r.metrics().get(1) != null && (Long) r.metrics().get(1) >= 2000) {
        positive.add(r.flat());
      }
    }
    CursorBuildSpec spec = CursorBuildSpec.of(DAY, new LongAtLeastFilter("n", 2000));
    assertThat(Scans.vectors(segment.cursorFactory(), spec, rows.columns())).isEqualTo(positive);
  }

  @Test
  void sumsAndNullVectors() {
    long sumV = 0;
    long sumN = 0;
    int nullN = 0;
    for (TestRows.Row r : rows.rows()) {
      sumV += (Long) r.metrics().get(0);
      Object n = r.metrics().get(1);
      if (n == null) {
        nullN++;
      } else {
        sumN += (Long) n;
      }
    }
    try (CursorHolder h = segment.cursorFactory().makeCursorHolder(CursorBuildSpec.of(DAY, null))) {
      VectorCursor c = h.asVectorCursor();
      VectorValueSelector v = c.selectorFactory().makeValueSelector("v");
      VectorValueSelector n = c.selectorFactory().makeValueSelector("n");
      long gotV = 0;
      long gotN = 0;
      int gotNull = 0;
      for (; !c.isDone(); c.advance()) {
        long[] vv = v.getLongVector();
        long[] nv = n.getLongVector();
        boolean[] nulls = n.getNullVector();
        for (int i = 0; i < c.getCurrentVectorSize(); i++) {
          gotV += vv[i];
          if (nulls != null && nulls[i]) {
            gotNull++;
            assertThat(nv[i]).isZero();
          } else {
            gotN += nv[i];
          }
        }
      }
      assertThat(gotV).isEqualTo(sumV);
      assertThat(gotN).isEqualTo(sumN);
      assertThat(gotNull).isEqualTo(nullN).isPositive();
    }
  }

  @Test
  void rowSourceRewriteAndMerge() throws IOException {
    try (SortedRowSource src = segment.openRowSource()) {
      new SegmentWriter().write(src, DAY, tmp.resolve("copy"));
    }
    try (QueryableSegment copy = SegmentReader.open(tmp.resolve("copy"), ID)) {
      assertThat(Scans.vectors(copy.cursorFactory(), CursorBuildSpec.of(DAY, null), rows.columns()))
          .isEqualTo(rows.flat());
      assertThat(blockCodecs(file(copy, "v"))).isEqualTo(blockCodecs(file(segment, "v")));
    }
    try (SortedRowSource merged = SegmentMerger.mergeSegments(List.of(segment, segment), rows.schema(), false)) {
      new SegmentWriter().write(merged, DAY, tmp.resolve("merged"));
    }
    try (QueryableSegment merged = SegmentReader.open(tmp.resolve("merged"), ID)) {
      // Rows of equal time and dimensions keep input order: the run of the first input, then the second's.
      List<List<Object>> flat = rows.flat();
      List<List<Object>> expected = new ArrayList<>();
      for (int start = 0; start < flat.size(); ) {
        int end = start + 1;
        while (end < flat.size() && flat.get(end).subList(0, 3).equals(flat.get(start).subList(0, 3))) {
          end++;
        }
        expected.addAll(flat.subList(start, end));
        expected.addAll(flat.subList(start, end));
        start = end;
      }
      assertThat(merged.numRows()).isEqualTo(2 * ROWS);
      assertThat(Scans.vectors(merged.cursorFactory(), CursorBuildSpec.of(DAY, null), rows.columns()))
          .isEqualTo(expected);
    }
  }

  @Test
  void damagedForBlockFailsWithTheColumnAndBlock() throws IOException {
    Path copy = tmp.resolve("damaged");
    Files.createDirectories(copy);
    try (var files = Files.list(segment.path())) {
      for (Path f : files.toList()) {
        Files.copy(f, copy.resolve(f.getFileName()));
      }
    }
    Path v = copy.resolve(file(segment, "v").getFileName());
    ByteBuffer d = ByteBuffer.wrap(Files.readAllBytes(v)).order(ByteOrder.LITTLE_ENDIAN);
    int lengthPos = d.limit() - SegmentFormatV1.FOOTER_LENGTH - 4;
    int t = lengthPos - d.getInt(lengthPos);
    int block1 = (int) d.getLong((int) d.getLong(t + 24) + 8);
    assertThat(d.get(block1)).isEqualTo(SegmentFormatV1.BLOCK_FOR);
    d.put(block1 + 1 + 8, (byte) 99); // bits
    Files.write(v, d.array());
    try (QueryableSegment damaged = SegmentReader.open(copy, ID, false)) {
      assertThatThrownBy(() -> Scans.vectors(damaged.cursorFactory(), CursorBuildSpec.of(DAY, null),
          rows.columns())).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("damaged block 1 of column [v]").hasMessageContaining("99 bits");
    }
  }

  @Test
  void uncompressedWriterUsesOnlyRawAndConstantBlocks() throws IOException {
    try (QueryableSegment raw = write(rows, tmp.resolve("raw"), new SegmentWriter(SegmentWriter.Compression.NONE))) {
      for (String c : List.of("__time", "v", "n", "d")) {
        assertThat(Set.copyOf(blockCodecs(file(raw, c)))).as(c)
            .isSubsetOf(SegmentFormatV1.BLOCK_RAW, SegmentFormatV1.BLOCK_CONST);
      }
      assertThat(Scans.vectors(raw.cursorFactory(), CursorBuildSpec.of(DAY, null), rows.columns()))
          .isEqualTo(rows.flat());
      assertThat(raw.columnSizeBytes("v")).isGreaterThan(segment.columnSizeBytes("v"));
    }
  }
}
