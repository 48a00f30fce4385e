package io.strata.segment.write;

import io.strata.api.data.ColumnType;
import io.strata.api.data.CursorBuildSpec;
import io.strata.api.data.StringValueIndex;
import io.strata.api.query.AggregatorSpec;
import io.strata.segment.Scans;
import io.strata.segment.TestRows;
import io.strata.segment.read.QueryableSegment;
import io.strata.segment.read.SegmentReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roaringbitmap.buffer.MutableRoaringBitmap;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The string writer builds bitmaps in bounded passes; with a tiny pass size, many passes, multi-value runs and
 * values larger than a pass (streamed) all occur on small data.
 */
class BitmapChunkingTest {
  private static final long T0 = 1_377_907_200_000L;
  private static final io.strata.api.time.Interval DAY = new io.strata.api.time.Interval(T0, T0 + 86_400_000L);

  @TempDir
  Path tmp;

  @Test
  void bitmapsAreIdenticalWhateverThePassSize() throws IOException {
    TestRows.Builder b = TestRows.builder().dim("skewed", ColumnType.STRING).dim("spread", ColumnType.STRING)
        .metric(AggregatorSpec.Count.of("count"), ColumnType.LONG);
    for (int i = 0; i < 20_000; i++) {
      String skewed = i % 10 < 7 ? "common" : i % 10 == 7 ? null : "rare-" + (i % 97);
      b.row(T0 + i, skewed, "v" + (i * 31 % 5003), 1L);
    }
    TestRows rows = b.build();
    for (int chunk : new int[] {1, 7, 1000, 1 << 22}) {
      Path dir = tmp.resolve("chunk-" + chunk);
      new SegmentWriter(SegmentWriter.Compression.LZ4, chunk).write(rows.source(), DAY, dir);
      try (QueryableSegment seg = SegmentReader.open(dir, new io.strata.api.data.SegmentId("ds", DAY, "v", 0))) {
        for (int d = 0; d < 2; d++) {
          String column = rows.schema().dimensions().get(d).name();
          StringValueIndex idx = seg.indexes().stringIndex(column);
          for (int id = 0; id < idx.cardinality(); id++) {
            MutableRoaringBitmap want = new MutableRoaringBitmap();
            for (int r = 0; r < rows.rows().size(); r++) {
              if (Objects.equals(rows.rows().get(r).dims().get(d), idx.lookupName(id))) {
                want.add(r);
              }
            }
            assertThat(idx.bitmap(id).toMutableRoaringBitmap()).as("chunk %d %s id %d", chunk, column, id)
                .isEqualTo(want);
          }
        }
        assertThat(Scans.rows(seg.cursorFactory(), CursorBuildSpec.of(DAY, null), rows.columns()))
            .isEqualTo(rows.flat());
      }
    }
  }
}
