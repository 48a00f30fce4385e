package io.strata.segment.write;

import org.junit.jupiter.api.Test;
import org.roaringbitmap.RoaringBitmap;
import org.roaringbitmap.buffer.ImmutableRoaringBitmap;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Random;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The string column writer serializes small bitmaps itself. Its bytes must be exactly RoaringBitmap's (run-optimized,
 * portable format) for every row set: one row, rows in runs, rows across a 65,536 boundary, array-sized and larger
 * sets, at any offset of the row buffer.
 */
class StringColumnBitmapTest {
  @Test
  void serializesExactlyAsRoaringBitmapDoes() {
    Random random = new Random(42);
    ByteBuffer scratch = ByteBuffer.allocate(8);
    int direct = 0;
    for (int round = 0; round < 3_000; round++) {
      int[] rows = randomRows(random);
      int pad = random.nextInt(3);
      int[] buffer = new int[pad + rows.length + random.nextInt(3)];
      System.arraycopy(rows, 0, buffer, pad, rows.length);
      Arrays.fill(buffer, 0, pad, -7);

      scratch = StringColumnWriter.serialize(buffer, pad, rows.length, scratch);
      byte[] ours = Arrays.copyOf(scratch.array(), scratch.position());

      RoaringBitmap expected = RoaringBitmap.bitmapOf(rows);
      expected.runOptimize();
      ByteBuffer theirs = ByteBuffer.allocate(expected.serializedSizeInBytes()).order(ByteOrder.LITTLE_ENDIAN);
      expected.serialize(theirs);
      int currentRound = round;
      assertThat(ours).as(() -> "round " + currentRound + ": " + rows.length + " rows from " + rows[0])
          .isEqualTo(theirs.array());
      assertThat(new ImmutableRoaringBitmap(ByteBuffer.wrap(ours)).toArray()).isEqualTo(rows);
      if (!expected.hasRunCompression() && rows.length <= 4096 && rows[0] >>> 16 == rows[rows.length - 1] >>> 16) {
        direct++;
      }
    }
    // Most rounds take the direct path, the rest RoaringBitmap's: both are compared.
    assertThat(direct).isBetween(1_000, 2_900);
  }

  private static int[] randomRows(Random random) {
    TreeSet<Integer> rows = new TreeSet<>();
    int base = switch (random.nextInt(4)) {
      case 0 -> 0;
      case 1 -> 65_536 - random.nextInt(40);
      case 2 -> random.nextInt(200_000);
      default -> 65_536 * (1 + random.nextInt(3));
    };
    int count = switch (random.nextInt(6)) {
      case 0 -> 1;
      case 1 -> 4_090 + random.nextInt(12);
      case 2 -> 5_000 + random.nextInt(5_000);
      default -> 1 + random.nextInt(60);
    };
    boolean runs = random.nextInt(4) == 0;
    int next = base;
    while (rows.size() < count) {
      rows.add(next);
      next += runs && random.nextInt(4) != 0 ? 1 : 1 + random.nextInt(random.nextBoolean() ? 3 : 40);
    }
    return rows.stream().mapToInt(Integer::intValue).toArray();
  }
}
