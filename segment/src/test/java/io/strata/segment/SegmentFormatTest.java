package io.strata.segment;

import io.strata.api.data.ColumnType;
import io.strata.api.data.SegmentSchema;
import io.strata.api.data.SortedRowSource;
import io.strata.api.query.AggregatorSpec;
import io.strata.segment.format.CorruptSegmentException;
import io.strata.segment.format.Framing;
import io.strata.segment.format.SegmentFormatTooNewException;
import io.strata.segment.format.SegmentFormatTooOldException;
import io.strata.segment.format.SegmentFormatV1;
import io.strata.segment.read.QueryableSegment;
import io.strata.segment.read.SegmentReader;
import io.strata.segment.write.SegmentWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.stream.Stream;

import static io.strata.segment.SegmentRoundTripTest.DAY;
import static io.strata.segment.SegmentRoundTripTest.ID;
import static io.strata.segment.SegmentRoundTripTest.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SegmentFormatTest {
  @TempDir
  Path tmp;

  private Path writeSample(String name) throws IOException {
    TestRows.Builder b = TestRows.builder().dim("page", ColumnType.STRING)
        .metric(AggregatorSpec.Numeric.of("longSum", "added", "added"), ColumnType.LONG);
    for (int i = 0; i < 10_000; i++) {
      b.row(T0 + i, "p" + (i % 100), (long) i * i);
    }
    Path dir = tmp.resolve(name);
    new SegmentWriter().write(b.build().source(), DAY, dir);
    return dir;
  }

  private static void flipByte(Path file, long position) throws IOException {
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.seek(position);
      int b = f.read();
      f.seek(position);
      f.write(b ^ 0x5A);
    }
  }

  private static void putInt(Path file, long position, int value) throws IOException {
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.seek(position);
      f.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value).array());
    }
  }

  @Test
  void layoutIsMetaFileAndOneFilePerColumn() throws IOException {
    Path dir = writeSample("s");
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("segment.meta", "c0.col", "c1.col", "c2.col");
    }
    byte[] head = Files.readAllBytes(dir.resolve("c1.col"));
    assertThat(new String(head, 0, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("STRA");
  }

  @Test
  void flippedByteInAnyFileIsAChecksumMismatch() throws IOException {
    for (String file : new String[] {"c0.col", "c1.col", "c2.col", "segment.meta"}) {
      Path dir = writeSample("s-" + file);
      Path target = dir.resolve(file);
      flipByte(target, Files.size(target) / 2);
      assertThatThrownBy(() -> SegmentReader.open(dir, ID)).as(file)
          .isInstanceOf(CorruptSegmentException.class)
          .hasMessageContaining("checksum mismatch in " + dir.getFileName() + "/" + file);
    }
  }

  @Test
  void wrongMagicIsAFormatMismatch() throws IOException {
    Path dir = writeSample("s");
    putInt(dir.resolve("c2.col"), 0, 0x4B415350);
    assertThatThrownBy(() -> SegmentReader.open(dir, ID))
        .isInstanceOf(CorruptSegmentException.class)
        .hasMessageContaining("segment format mismatch: actual=0x4b415350 expected=0x41525453");
  }

  @Test
  void wrongCodecIsAFormatMismatch() {
    ByteBuffer file = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
    file.put(Framing.header(SegmentFormatV1.LONG_CODEC));
    assertThatThrownBy(() -> Framing.checkHeader(file, "x.col", SegmentFormatV1.FLOAT_CODEC))
        .isInstanceOf(CorruptSegmentException.class)
        .hasMessage("segment format mismatch: actual=StrataLongColumn expected=StrataFloatColumn (in x.col)");
  }

  @Test
  void versionsOutsideTheSupportedRangeAreTooOldOrTooNew() throws IOException {
    Path dir = writeSample("s");
    Path column = dir.resolve("c1.col");
    int versionPos = 4 + 1 + SegmentFormatV1.STRING_CODEC.length();
    putInt(column, versionPos, SegmentFormatV1.VERSION_CURRENT + 1);
    assertThatThrownBy(() -> SegmentReader.open(dir, ID))
        .isInstanceOf(SegmentFormatTooNewException.class)
        .hasMessageContaining("version=" + (SegmentFormatV1.VERSION_CURRENT + 1));
    putInt(column, versionPos, SegmentFormatV1.VERSION_START - 1);
    assertThatThrownBy(() -> SegmentReader.open(dir, ID))
        .isInstanceOf(SegmentFormatTooOldException.class)
        .hasMessageContaining("too old");
  }

  @Test
  void truncatedOrMissingFilesAreRefused() throws IOException {
    Path dir = writeSample("s");
    Path column = dir.resolve("c2.col");
    long size = Files.size(column);
    try (RandomAccessFile f = new RandomAccessFile(column.toFile(), "rw")) {
      f.setLength(size - 3);
    }
    assertThatThrownBy(() -> SegmentReader.open(dir, ID))
        .isInstanceOf(CorruptSegmentException.class).hasMessageContaining("truncated or replaced");
    Files.delete(column);
    assertThatThrownBy(() -> SegmentReader.open(dir, ID)).isInstanceOf(NoSuchFileException.class);
  }

  @Test
  void checksumVerificationCanBeSkippedButStructureIsStillChecked() throws IOException {
    Path dir = writeSample("s");
    Path column = dir.resolve("c1.col");
    flipByte(column, 0);
    assertThatThrownBy(() -> SegmentReader.open(dir, ID, false))
        .isInstanceOf(CorruptSegmentException.class).hasMessageContaining("segment format mismatch");
  }

  @Test
  void existingOutputIsNeverOverwritten() throws IOException {
    Path dir = writeSample("s");
    TestRows rows = TestRows.builder().dim("page", ColumnType.STRING).row(T0, "x").build();
    assertThatThrownBy(() -> new SegmentWriter().write(rows.source(), DAY, dir))
        .isInstanceOf(FileAlreadyExistsException.class);
    try (QueryableSegment seg = SegmentReader.open(dir, ID)) {
      assertThat(seg.numRows()).isEqualTo(10_000);
    }
  }

  @Test
  void failedWriteLeavesNothingBehind() throws IOException {
    TestRows rows = TestRows.builder().dim("page", ColumnType.STRING)
        .metric(AggregatorSpec.Count.of("count"), ColumnType.LONG)
        .row(T0, "a", 1L).row(T0 + 1, "b", 1L).row(T0 + 2, "c", 1L).build();
    Path parent = tmp.resolve("parent");
    Files.createDirectories(parent);
    try (SortedRowSource failing = new FailingSource(rows.source(), 2)) {
      assertThatThrownBy(() -> new SegmentWriter().write(failing, DAY, parent.resolve("seg")))
          .isInstanceOf(IllegalStateException.class).hasMessage("input broke");
    }
    assertThatThrownBy(() -> new SegmentWriter().write(rows.source(), new io.strata.api.time.Interval(T0 + 1,
        T0 + 100), parent.resolve("seg"))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("outside the segment interval");
    try (Stream<Path> left = Files.list(parent)) {
      assertThat(left).isEmpty();
    }
  }

  @Test
  void unsortedDictionaryOrOutOfOrderTimeIsRefused() {
    TestRows ok = TestRows.builder().dim("page", ColumnType.STRING).row(T0, "a").row(T0 + 1, "b").build();
    SortedRowSource badDictionary = new FailingSource(ok.source(), Integer.MAX_VALUE) {
      @Override
      public String[] dictionary(int dim) {
        return new String[] {"b", "a"};
      }
    };
    assertThatThrownBy(() -> new SegmentWriter().write(badDictionary, DAY, tmp.resolve("x")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not strictly ascending");
    SortedRowSource backwards = new FailingSource(ok.source(), Integer.MAX_VALUE) {
      private int calls;

      @Override
      public long time() {
        return T0 + 10 - (calls++);
      }
    };
    assertThatThrownBy(() -> new SegmentWriter().write(backwards, DAY, tmp.resolve("y")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not in time order");
  }

  @Test
  void complexMetricsAreRefusedWithAClearMessage() {
    SegmentSchema schema = new SegmentSchema(java.util.List.of(),
        java.util.List.of(AggregatorSpec.Count.of("sketch")), java.util.List.of(ColumnType.COMPLEX), null, false);
    TestRows rows = TestRows.builder().row(T0).build();
    SortedRowSource source = new FailingSource(rows.source(), Integer.MAX_VALUE) {
      @Override
      public SegmentSchema schema() {
        return schema;
      }
    };
    assertThatThrownBy(() -> new SegmentWriter().write(source, DAY, tmp.resolve("z")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("COMPLEX");
  }

  /** Delegates to a source and throws from {@code next()} after {@code rowsBeforeFailure} rows. */
  private static class FailingSource implements SortedRowSource {
    private final SortedRowSource d;
    private final int rowsBeforeFailure;
    private int rows;

    FailingSource(SortedRowSource d, int rowsBeforeFailure) {
      this.d = d;
      this.rowsBeforeFailure = rowsBeforeFailure;
    }

    @Override
    public SegmentSchema schema() {
      return d.schema();
    }

    @Override
    public String[] dictionary(int dim) {
      return d.dictionary(dim);
    }

    @Override
    public boolean next() {
      if (rows++ == rowsBeforeFailure) {
        throw new IllegalStateException("input broke");
      }
      return d.next();
    }

    @Override
    public long time() {
      return d.time();
    }

    @Override
    public int stringId(int dim) {
      return d.stringId(dim);
    }

    @Override
    public boolean isNull(int dim) {
      return d.isNull(dim);
    }

    @Override
    public long longValue(int dim) {
      return d.longValue(dim);
    }

    @Override
    public float floatValue(int dim) {
      return d.floatValue(dim);
    }

    @Override
    public double doubleValue(int dim) {
      return d.doubleValue(dim);
    }

    @Override
    public boolean metricIsNull(int metric) {
      return d.metricIsNull(metric);
    }

    @Override
    public long metricLong(int metric) {
      return d.metricLong(metric);
    }

    @Override
    public float metricFloat(int metric) {
      return d.metricFloat(metric);
    }

    @Override
    public double metricDouble(int metric) {
      return d.metricDouble(metric);
    }

    @Override
    public Object metricObject(int metric) {
      return d.metricObject(metric);
    }

    @Override
    public void close() {
      d.close();
    }
  }
}
