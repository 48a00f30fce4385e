package io.strata.segment.read;

import io.strata.segment.format.PackedInts;
import io.strata.segment.format.SegmentFormatV1;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The reader's BLOCK_FOR / BLOCK_DELTA_FOR decoding against payloads built by a reference encoder written from the
 * {@code SegmentFormatV1} spec (bit by bit, any width and any exceptions, not only what the writer would choose):
 * whole blocks, every kind of row range (unaligned, across rows, single values) and random access.
 */
class ForBlockTest {
  private static final int LANES = SegmentFormatV1.FOR_LANES;

  /**
   * Encodes {@code values} with {@code bits} packed bits from {@code base}; the rows in {@code exceptionRows} (and
   * only those) are exceptions of {@code exceptionBits} bits from {@code exceptionBase}. The payload starts at
   * {@code offset} in a direct buffer filled with garbage around it, like a block inside a mapped file.
   */
  static ByteBuffer encode(long[] values, int n, long base, int bits, int[] exceptionRows, long exceptionBase,
                           int exceptionBits, int offset, byte[] prefix) {
    int e = exceptionRows.length;
    int length = prefix.length + PackedInts.forPayloadBytes(n, bits, e, exceptionBits);
    ByteBuffer b = ByteBuffer.allocateDirect(offset + length + 16).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < b.capacity(); i++) {
      b.put(i, (byte) 0xA5);
    }
    b.position(offset);
    b.put(prefix);
    int p = b.position();
    b.putLong(base).put((byte) bits).putShort((short) e);
    int packed = b.position();
    int numWords = PackedInts.lanedWords(n, bits);
    for (int w = 0; w < numWords; w++) {
      b.putLong(packed + 8 * w, 0L);
    }
    boolean[] isException = new boolean[n];
    for (int r : exceptionRows) {
      isException[r] = true;
    }
    for (int i = 0; i < n; i++) {
      long v = isException[i] ? 0 : values[i] - base;
      assertThat(isException[i] || Long.compareUnsigned(v, PackedInts.mask(bits)) <= 0).isTrue();
      for (int k = 0; k < bits; k++) {
        long streamBit = (long) (i / LANES) * bits + k;
        int word = packed + 8 * ((int) (streamBit / 64) * LANES + i % LANES);
        long bit = ((v >>> k) & 1L) << (streamBit % 64);
        b.putLong(word, b.getLong(word) | bit);
      }
    }
    b.position(packed + 8 * numWords);
    if (e > 0) {
      b.putLong(exceptionBase).put((byte) exceptionBits);
      for (int r : exceptionRows) {
        b.putShort((short) r);
      }
      int words = b.position();
      int exceptionWords = PackedInts.plainWords(e, exceptionBits);
      for (int w = 0; w < exceptionWords; w++) {
        b.putLong(words + 8 * w, 0L);
      }
      for (int j = 0; j < e; j++) {
        long v = values[exceptionRows[j]] - exceptionBase;
        assertThat(Long.compareUnsigned(v, PackedInts.mask(exceptionBits))).isLessThanOrEqualTo(0);
        for (int k = 0; k < exceptionBits; k++) {
          long streamBit = (long) j * exceptionBits + k;
          int word = words + 8 * (int) (streamBit / 64);
          b.putLong(word, b.getLong(word) | (((v >>> k) & 1L) << (streamBit % 64)));
        }
      }
      b.position(words + 8 * exceptionWords);
    }
    assertThat(b.position() - p + prefix.length).isEqualTo(length);
    return b;
  }

  /** Checks every way of reading a loaded FOR block against the expected values. */
  private static void checkReads(ForBlock block, long[] expected, int n, SplittableRandom random) {
    assertThat(block.values()).isEqualTo(n);
    long[] all = new long[SegmentFormatV1.BLOCK_SIZE];
    block.decodeAll(all);
    assertThat(Arrays.copyOf(all, n)).isEqualTo(Arrays.copyOf(expected, n));
    if (!block.rangeDecodable()) {
      return;
    }
    for (int i = 0; i < n; i += 1 + random.nextInt(97)) {
      assertThat(block.get(i)).as("get(%d)", i).isEqualTo(expected[i]);
    }
    assertThat(block.get(n - 1)).isEqualTo(expected[n - 1]);
    // Consecutive batches of several sizes (the patching cursor), then random ranges.
    for (int size : new int[] {1, 3, 100, 128, 512, 1000, n}) {
      long[] dst = new long[size + 5];
      for (int from = 0; from < n; from += size) {
        int len = Math.min(size, n - from);
        Arrays.fill(dst, 77);
        block.decodeRange(from, len, dst, 2);
        assertThat(Arrays.copyOfRange(dst, 2, 2 + len)).as("range %d+%d", from, len)
            .isEqualTo(Arrays.copyOfRange(expected, from, from + len));
        assertThat(dst[1]).isEqualTo(77);
        assertThat(dst[2 + len]).isEqualTo(77);
      }
    }
    for (int k = 0; k < 50; k++) {
      int from = random.nextInt(n);
      int len = 1 + random.nextInt(n - from);
      long[] dst = new long[len + 3];
      block.decodeRange(from, len, dst, 3);
      assertThat(Arrays.copyOfRange(dst, 3, 3 + len)).isEqualTo(Arrays.copyOfRange(expected, from, from + len));
    }
  }

  @Test
  void everyWidthWithAndWithoutExceptions() {
    SplittableRandom random = new SplittableRandom(1);
    ForBlock block = new ForBlock();
    for (int bits = 0; bits <= 64; bits++) {
      for (int n : new int[] {1, 5, 127, 128, 129, 300, 4097, 8191, 8192}) {
        long mask = PackedInts.mask(bits);
        long base = random.nextLong();
        long[] values = new long[n];
        for (int i = 0; i < n; i++) {
          values[i] = base + (random.nextLong() & mask);
        }
        // No exceptions.
        ByteBuffer b = encode(values, n, base, bits, new int[0], 0, 0, 3, new byte[0]);
        block.load(b, 3, b.capacity() - 16 - 3, n);
        checkReads(block, values, n, random);
        // Exceptions anywhere (first and last rows included), of any width, with values outside the window.
        int e = Math.min(n, 1 + random.nextInt(20));
        TreeMap<Integer, Boolean> rows = new TreeMap<>();
        rows.put(0, true);
        rows.put(n - 1, true);
        while (rows.size() < e) {
          rows.put(random.nextInt(n), true);
        }
        int[] exceptionRows = rows.keySet().stream().mapToInt(Integer::intValue).toArray();
        int exceptionBits = random.nextInt(65);
        long exceptionBase = random.nextLong();
        for (int r : exceptionRows) {
          values[r] = exceptionBase + (random.nextLong() & PackedInts.mask(exceptionBits));
        }
        b = encode(values, n, base, bits, exceptionRows, exceptionBase, exceptionBits, 0, new byte[0]);
        block.load(b, 0, b.capacity() - 16, n);
        checkReads(block, values, n, random);
      }
    }
  }

  @Test
  void extremeValuesWrapAroundModulo2To64() {
    long[] values = {Long.MIN_VALUE, Long.MAX_VALUE, 0, -1, 1, Long.MIN_VALUE + 1, Long.MAX_VALUE - 1};
    int n = values.length;
    ForBlock block = new ForBlock();
    // Full width from MIN_VALUE.
    ByteBuffer b = encode(values, n, Long.MIN_VALUE, 64, new int[0], 0, 0, 0, new byte[0]);
    block.load(b, 0, b.capacity() - 16, n);
    checkReads(block, values, n, new SplittableRandom(2));
    // A base in the middle: values below it are stored as their wrapped difference.
    b = encode(values, n, 5, 64, new int[0], 0, 0, 0, new byte[0]);
    block.load(b, 0, b.capacity() - 16, n);
    checkReads(block, values, n, new SplittableRandom(3));
    // All of them exceptions of 64 bits over a 0-bit packing.
    b = encode(values, n, 0, 0, new int[] {0, 1, 3, 4, 5, 6}, Long.MAX_VALUE, 64, 0, new byte[0]);
    block.load(b, 0, b.capacity() - 16, n);
    checkReads(block, values, n, new SplittableRandom(4));
  }

  @Test
  void deltaBlocksWithAndWithoutPackedBits() {
    SplittableRandom random = new SplittableRandom(5);
    ForBlock block = new ForBlock();
    for (int round = 0; round < 60; round++) {
      int n = 1 + random.nextInt(SegmentFormatV1.BLOCK_SIZE);
      long first = random.nextBoolean() ? 1_377_907_200_000L : random.nextLong();
      int m = n - 1;
      long[] deltas = new long[Math.max(m, 1)];
      List<Integer> exceptionRows = new ArrayList<>();
      int bits = round % 3 == 0 ? 0 : random.nextInt(1, 20);
      long step = switch (round % 4) {
        case 0 -> 0;
        case 1 -> 60_000;
        case 2 -> -3;
        default -> random.nextLong();
      };
      long exceptionBase = random.nextInt(-5, 5) * 60_000L;
      int exceptionBits = random.nextInt(0, 40);
      for (int i = 0; i < m; i++) {
        if (random.nextInt(100) < 3 || i == m - 1) {
          exceptionRows.add(i);
          deltas[i] = exceptionBase + (random.nextLong() & PackedInts.mask(exceptionBits));
        } else {
          deltas[i] = step + (random.nextLong() & PackedInts.mask(bits));
        }
      }
      long[] values = new long[n];
      values[0] = first;
      for (int i = 1; i < n; i++) {
        values[i] = values[i - 1] + deltas[i - 1];
      }
      byte[] prefix = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(first).array();
      int[] er = m == 0 ? new int[0] : exceptionRows.stream().mapToInt(Integer::intValue).toArray();
      ByteBuffer b = encode(deltas, m, step, bits, er, exceptionBase, exceptionBits, 1, prefix);
      block.loadDeltas(b, 1, b.capacity() - 16 - 1, n);
      assertThat(block.rangeDecodable()).isEqualTo(bits == 0);
      checkReads(block, values, n, random);
    }
  }

  @Test
  void inconsistentPayloadsAreRefused() {
    long[] values = new long[200];
    Arrays.setAll(values, i -> i);
    ByteBuffer b = encode(values, 200, 0, 8, new int[0], 0, 0, 0, new byte[0]);
    int length = PackedInts.forPayloadBytes(200, 8, 0, 0);
    ForBlock block = new ForBlock();
    assertThatThrownBy(() -> block.load(b, 0, length - 8, 200)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("expected");
    assertThatThrownBy(() -> block.load(b, 0, length, 1200)).isInstanceOf(IllegalStateException.class);
    ByteBuffer wide = encode(values, 200, 0, 8, new int[0], 0, 0, 0, new byte[0]);
    wide.put(8, (byte) 65);
    assertThatThrownBy(() -> block.load(wide, 0, length, 200)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("65 bits");
    values[150] = 1_000_000;
    values[10] = 2_000_000;
    ByteBuffer unordered = encode(values, 200, 0, 8, new int[] {10, 150}, 0, 21, 0, new byte[0]);
    int at = 11 + 8 * PackedInts.lanedWords(200, 8) + 9;
    unordered.putShort(at, (short) 150);
    unordered.putShort(at + 2, (short) 10);
    int exLength = PackedInts.forPayloadBytes(200, 8, 2, 21);
    assertThatThrownBy(() -> block.load(unordered, 0, exLength, 200)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("exception at row 10 after row 150");
  }
}
