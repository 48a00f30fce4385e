package io.strata.segment.read;

import org.junit.jupiter.api.Test;
import org.roaringbitmap.buffer.ImmutableRoaringBitmap;
import org.roaringbitmap.buffer.MutableRoaringBitmap;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** Bitmap batches: every set row in the range, in order, in batches of at most the vector size. */
class BatchSourceTest {

  private static ImmutableRoaringBitmap mapped(MutableRoaringBitmap b) {
    b.runOptimize();
    ByteBuffer bytes = ByteBuffer.allocate(b.serializedSizeInBytes());
    b.serialize(bytes);
    bytes.flip();
    return new ImmutableRoaringBitmap(bytes);
  }

  private static List<Integer> drain(BatchSource source, int maxSize) {
    VectorOffset offset = new VectorOffset(maxSize);
    List<Integer> out = new ArrayList<>();
    while (source.next(offset)) {
      assertThat(offset.size).isBetween(1, maxSize);
      int previous = -1;
      for (int i = 0; i < offset.size; i++) {
        int row = offset.contiguous ? offset.start + i : offset.rows[i];
        assertThat(row).isGreaterThan(previous);
        previous = row;
        out.add(row);
      }
      if (!offset.contiguous) {
        assertThat(offset.rows[offset.size - 1] - offset.rows[0]).isGreaterThan(offset.size - 1);
      }
    }
    assertThat(source.next(offset)).isFalse();
    return out;
  }

  private static void check(MutableRoaringBitmap bits, int start, int end) {
    ImmutableRoaringBitmap bitmap = mapped(bits);
    List<Integer> expected = new ArrayList<>();
    for (int row : bits.toArray()) {
      if (row >= start && row < end) {
        expected.add(row);
      }
    }
    for (int maxSize : new int[] {1, 3, 64, 100, 512, 5000}) {
      BatchSource source = BatchSource.bitmap(bitmap, start, end);
      assertThat(drain(source, maxSize)).as("[%d, %d) by %d", start, end, maxSize).isEqualTo(expected);
      source.reset();
      assertThat(drain(source, maxSize)).as("after reset").isEqualTo(expected);
    }
  }

  @Test
  void everyContainerKindAndClipping() {
    SplittableRandom random = new SplittableRandom(9);
    MutableRoaringBitmap bits = new MutableRoaringBitmap();
    // Container 0: sparse (array); 1: dense random (bitmap); 2: runs and full words; 3: empty; 4: everything.
    for (int i = 0; i < 300; i++) {
      bits.add(random.nextInt(1 << 16));
    }
    for (int i = 0; i < 40_000; i++) {
      bits.add((1 << 16) + random.nextInt(1 << 16));
    }
    bits.add((2L << 16) + 5, (2L << 16) + 3000);
    bits.add((2L << 16) + 4096, (2L << 16) + 4096 + 640);
    bits.add((2 << 16) + 65_535);
    bits.add(4L << 16, 5L << 16);
    bits.add((6 << 16) + 17);
    int last = (6 << 16) + 18;
    int[][] ranges = {
        {0, last}, {0, Integer.MAX_VALUE}, {1, last}, {64, last}, {63, 65}, {(1 << 16) - 1, (1 << 16) + 1},
        {(2 << 16) + 6, (2 << 16) + 2999}, {(2 << 16) + 4096, (2 << 16) + 4160}, {(3 << 16), (4 << 16)},
        {(3 << 16) + 5, (4 << 16) + 70}, {(4 << 16) + 1, (5 << 16) - 1}, {(4 << 16) + 64, (4 << 16) + 128},
        {(6 << 16) + 17, (6 << 16) + 18}, {(6 << 16) + 18, last + 100}, {500, 500}, {last, 0},
    };
    for (int[] r : ranges) {
      check(bits, r[0], r[1]);
    }
    for (int k = 0; k < 30; k++) {
      int a = random.nextInt(last);
      check(bits, a, a + random.nextInt(3 << 16));
    }
  }

  @Test
  void emptyAndFullBitmaps() {
    check(new MutableRoaringBitmap(), 0, 1000);
    MutableRoaringBitmap full = new MutableRoaringBitmap();
    full.add(0L, 200_000L);
    check(full, 0, 200_000);
    check(full, 3, 199_999);
    VectorOffset offset = new VectorOffset(512);
    BatchSource source = BatchSource.bitmap(mapped(full), 100, 100_000);
    assertThat(source.next(offset)).isTrue();
    assertThat(offset.contiguous).isTrue();
    assertThat(offset.start).isEqualTo(100);
    assertThat(offset.size).isEqualTo(512);
  }
}
