package io.strata.segment.write;

import io.strata.segment.format.PackedInts;
import io.strata.segment.format.SegmentFormatV1;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The writer's BLOCK_FOR payloads, decoded by a reference decoder written from the {@code SegmentFormatV1} spec
 * (one value at a time, no shortcuts), so writer and spec are checked independently of the reader.
 */
class ForEncoderTest {
  private static final int[] SIZES = {1, 2, 7, 63, 64, 127, 128, 129, 1000, 4095, 8191, 8192};

  private final ForEncoder encoder = new ForEncoder();

  /** Plans, encodes and decodes with the reference decoder; returns the payload's header fields. */
  private Header roundTrip(long[] values, int n) {
    ForEncoder.Plan plan = encoder.plan(values, n);
    int length = encoder.encode(values, n, plan);
    assertThat(length).isEqualTo(plan.payloadBytes());
    byte[] payload = Arrays.copyOf(encoder.payload(), length);
    Header h = Header.of(payload, n);
    assertThat(length).isEqualTo(PackedInts.forPayloadBytes(n, h.bits, h.exceptions, h.exceptionBits));
    long[] decoded = referenceDecode(payload, n);
    assertThat(decoded).as("n=%d bits=%d exceptions=%d", n, h.bits, h.exceptions)
        .isEqualTo(Arrays.copyOf(values, n));
    assertThat(h.exceptions).isLessThanOrEqualTo(n / 8);
    return h;
  }

  @Test
  void everyWidthFrom0To64RoundTrips() {
    SplittableRandom random = new SplittableRandom(42);
    for (int bits = 0; bits <= 64; bits++) {
      for (int n : SIZES) {
        long mask = PackedInts.mask(bits);
        // A base that does not wrap around: the writer's range is signed (min to max).
        long base = bits == 64 ? Long.MIN_VALUE : Long.MIN_VALUE + (random.nextLong() & ~mask & Long.MAX_VALUE);
        long[] values = new long[n];
        for (int i = 0; i < n; i++) {
          values[i] = base + (random.nextLong() & mask);
        }
        if (bits > 0 && n > 1) {
          values[n - 1] = base + mask; // the full width is needed
          values[0] = base;
        }
        Header h = roundTrip(values, n);
        // Uniform values leave nothing to patch: the width is the range's.
        assertThat(h.bits).as("bits for width %d, n=%d", bits, n)
            .isLessThanOrEqualTo(n > 1 ? bits : 0);
      }
    }
  }

  @Test
  void extremesAndNegativeValues() {
    long[][] cases = {
        {Long.MIN_VALUE, Long.MAX_VALUE},
        {Long.MAX_VALUE, Long.MIN_VALUE, 0, -1, 1},
        {-1, -2, -3, -4, -5, -6, -7, -8, -9, -10},
        {Long.MIN_VALUE, Long.MIN_VALUE + 1, Long.MIN_VALUE},
        {Long.MAX_VALUE - 3, Long.MAX_VALUE},
        {0},
        {Long.MIN_VALUE},
        {-5, 5},
    };
    for (long[] c : cases) {
      roundTrip(c, c.length);
    }
    // Mostly small values around zero with a few extremes of both signs: extremes become exceptions of 64 bits.
    long[] values = new long[8192];
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < values.length; i++) {
      values[i] = random.nextInt(-100, 100);
    }
    values[17] = Long.MIN_VALUE;
    values[4000] = Long.MAX_VALUE;
    values[8191] = Long.MIN_VALUE + 12345;
    values[0] = Long.MAX_VALUE - 1;
    Header h = roundTrip(values, values.length);
    assertThat(h.bits).isEqualTo(8);
    assertThat(h.exceptions).isEqualTo(4);
    assertThat(h.exceptionBits).isEqualTo(64);
  }

  @Test
  void heavyTailedValuesPatchTheOutliers() {
    SplittableRandom random = new SplittableRandom(3);
    long[] values = new long[8192];
    for (int i = 0; i < values.length; i++) {
      double u = random.nextDouble();
      values[i] = (long) (40 * (Math.pow(1 - u, -1 / 1.1) - 1)); // Lomax, like edit sizes
    }
    Header h = roundTrip(values, values.length);
    assertThat(h.exceptions).isPositive();
    assertThat(h.bits).isLessThan(PackedInts.bitsRequiredUnsigned(Arrays.stream(values).max().getAsLong()));
    // Outliers on both sides of a cluster far from zero: the window is in the middle, not at the minimum.
    for (int i = 0; i < values.length; i++) {
      values[i] = 1_000_000 + random.nextInt(256);
    }
    values[5] = -7_000_000_000L;
    values[6] = 9_000_000_000L;
    h = roundTrip(values, values.length);
    assertThat(h.bits).isEqualTo(8);
    assertThat(h.exceptions).isEqualTo(2);
    assertThat(h.base).isBetween(1_000_000L, 1_000_255L);
  }

  @Test
  void constantAndNearlyConstantBlocks() {
    long[] values = new long[8192];
    Arrays.fill(values, -42);
    Header h = roundTrip(values, values.length);
    assertThat(h.bits).isZero();
    assertThat(h.exceptions).isZero();
    // Mostly one value (a rolled-up count of 1) with a few others: width 0, the rest as exceptions.
    values[3] = -41;
    values[900] = -40;
    values[8191] = 1000;
    h = roundTrip(values, values.length);
    assertThat(h.bits).isZero();
    assertThat(h.exceptions).isEqualTo(3);
    assertThat(h.base).isEqualTo(-42);
    assertThat(PackedInts.forPayloadBytes(8192, 0, 3, h.exceptionBits)).isLessThan(64);
  }

  @Test
  void randomBlocksOfMixedShapes() {
    SplittableRandom random = new SplittableRandom(11);
    for (int round = 0; round < 300; round++) {
      int n = 1 + random.nextInt(SegmentFormatV1.BLOCK_SIZE);
      long[] values = new long[n];
      int shape = random.nextInt(5);
      long base = random.nextBoolean() ? random.nextLong() : random.nextInt(-1000, 1000);
      int bits = random.nextInt(65);
      for (int i = 0; i < n; i++) {
        long v = base + (random.nextLong() & PackedInts.mask(bits));
        if (shape == 1 && random.nextInt(50) == 0) {
          v = random.nextLong(); // rare outliers anywhere
        } else if (shape == 2) {
          v = base + random.nextInt(3); // tiny range
        } else if (shape == 3) {
          v = i == 0 ? base : values[i - 1] + random.nextInt(0, 1 << random.nextInt(1, 20)); // ascending
        } else if (shape == 4 && random.nextInt(20) == 0) {
          v = random.nextBoolean() ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        values[i] = v;
      }
      roundTrip(values, n);
    }
  }

  private record Header(long base, int bits, int exceptions, long exceptionBase, int exceptionBits) {
    static Header of(byte[] payload, int n) {
      ByteBuffer b = ByteBuffer.wrap(payload).order(ByteOrder.LITTLE_ENDIAN);
      int bits = b.get(8) & 0xFF;
      int e = b.getShort(9) & 0xFFFF;
      int at = 11 + 8 * PackedInts.lanedWords(n, bits);
      return new Header(b.getLong(0), bits, e, e == 0 ? 0 : b.getLong(at), e == 0 ? 0 : b.get(at + 8) & 0xFF);
    }
  }

  /** The spec, read literally: value i is in lane i mod 128 at row i / 128; exceptions replace their rows. */
  static long[] referenceDecode(byte[] payload, int n) {
    ByteBuffer b = ByteBuffer.wrap(payload).order(ByteOrder.LITTLE_ENDIAN);
    long base = b.getLong(0);
    int bits = b.get(8) & 0xFF;
    int e = b.getShort(9) & 0xFFFF;
    int lanes = SegmentFormatV1.FOR_LANES;
    int packedAt = 11;
    long[] out = new long[n];
    for (int i = 0; i < n; i++) {
      int lane = i % lanes;
      int row = i / lanes;
      long v = 0;
      for (int k = 0; k < bits; k++) {
        long streamBit = (long) row * bits + k;
        int word = (int) (streamBit / 64) * lanes + lane;
        long w = b.getLong(packedAt + 8 * word);
        v |= ((w >>> (streamBit % 64)) & 1L) << k;
      }
      out[i] = base + v;
    }
    if (e > 0) {
      int at = packedAt + 8 * PackedInts.lanedWords(n, bits);
      long exceptionBase = b.getLong(at);
      int exceptionBits = b.get(at + 8) & 0xFF;
      int positions = at + 9;
      int words = positions + 2 * e;
      int previous = -1;
      for (int j = 0; j < e; j++) {
        int pos = b.getShort(positions + 2 * j) & 0xFFFF;
        assertThat(pos).isGreaterThan(previous).isLessThan(n);
        previous = pos;
        long v = 0;
        for (int k = 0; k < exceptionBits; k++) {
          long streamBit = (long) j * exceptionBits + k;
          long w = b.getLong(words + 8 * (int) (streamBit / 64));
          v |= ((w >>> (streamBit % 64)) & 1L) << k;
        }
        out[pos] = exceptionBase + v;
      }
      assertThat(words + 8 * PackedInts.plainWords(e, exceptionBits)).isEqualTo(payload.length);
    }
    return out;
  }
}
