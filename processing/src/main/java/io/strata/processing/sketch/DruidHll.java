package io.strata.processing.sketch;

import org.apache.datasketches.hash.MurmurHash3;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The HyperLogLog of Druid's {@code cardinality} and {@code hyperUnique} aggregators, so that estimates agree with
 * Druid's: 2048 buckets; a value is hashed with 128-bit MurmurHash3 (seed 0) over its UTF-16LE chars (a long over
 * its 8 little-endian bytes); the bucket is the low 11 bits of the hash's last two bytes read big-endian, and the
 * register takes the 1-based position of the first set bit in its first eight bytes (low bit of each byte first).
 * The estimate is the harmonic-mean estimate with Druid's corrections: linear counting below 2.5 buckets' worth
 * when a bucket is empty, and the 64-bit large-range correction above 2^32/30.
 *
 * <p>Registers are kept whole (a byte each); Druid packs them in 4 bits above a shared offset, which only differs
 * for the rare register more than 15 above the smallest, far past the cardinalities where that matters.
 * Not thread-safe.
 */
final class DruidHll {
  static final int BUCKETS = 2048;
  private static final double ALPHA = 0.7213 / (1 + 1.079 / BUCKETS);
  private static final double TWO_TO_THE_64 = Math.pow(2, 64);
  private static final double HIGH_CORRECTION = Math.pow(2, 32) / 30;

  private final byte[] registers = new byte[BUCKETS];

  /** Adds a value already hashed ({@link #hash}). */
  void add(long[] hash) {
    byte[] bytes = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(hash[0]).putLong(hash[1]).array();
    int bucket = ((bytes[14] & 0xff) << 8 | (bytes[15] & 0xff)) & (BUCKETS - 1);
    int position = 0;
    for (int i = 0; i < 8; i++) {
      int b = bytes[i] & 0xff;
      if (b == 0) {
        position += 8;
        continue;
      }
      position += Integer.numberOfTrailingZeros(b) + 1;
      break;
    }
    if (position > registers[bucket]) {
      registers[bucket] = (byte) position;
    }
  }

  static long[] hash(String value) {
    return MurmurHash3.hash(value.toCharArray(), 0);
  }

  static long[] hash(long value) {
    return MurmurHash3.hash(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(value).array(), 0);
  }

  static long[] hash(byte[] value) {
    return MurmurHash3.hash(value, 0);
  }

  void fold(DruidHll other) {
    for (int i = 0; i < BUCKETS; i++) {
      if (other.registers[i] > registers[i]) {
        registers[i] = other.registers[i];
      }
    }
  }

  DruidHll copy() {
    DruidHll out = new DruidHll();
    System.arraycopy(registers, 0, out.registers, 0, BUCKETS);
    return out;
  }

  double estimate() {
    double sum = 0;
    int zeros = 0;
    for (byte r : registers) {
      sum += Math.scalb(1.0, -r);
      if (r == 0) {
        zeros++;
      }
    }
    if (zeros == BUCKETS) {
      return 0;
    }
    double e = ALPHA * BUCKETS * BUCKETS / sum;
    if (e <= 2.5 * BUCKETS && zeros != 0) {
      return BUCKETS * Math.log(BUCKETS / (double) zeros);
    }
    if (e > HIGH_CORRECTION) {
      return -TWO_TO_THE_64 * Math.log(1 - e / TWO_TO_THE_64);
    }
    return e;
  }

  boolean isEmpty() {
    for (byte r : registers) {
      if (r != 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * Druid's serialized form: a version byte (1), the register offset (the smallest register while none is zero),
   * the number of non-zero stored registers (2 bytes), the largest register past what 4 bits above the offset hold
   * and its bucket (1 + 2 bytes); then, for fewer than 128 non-zero registers, (position, byte) pairs of the
   * non-zero bytes of the packed registers (positions counted from the start of the buffer, header included), else
   * all 1024 of them. Two registers per byte, the even bucket in the
   * high nibble.
   */
  byte[] toBytes() {
    int offset = 0;
    boolean anyZero = false;
    int min = Integer.MAX_VALUE;
    for (byte r : registers) {
      anyZero |= r == 0;
      min = Math.min(min, r);
    }
    if (!anyZero) {
      offset = min;
    }
    byte[] packed = new byte[BUCKETS / 2];
    int nonZero = 0;
    int overflowValue = 0;
    int overflowBucket = 0;
    for (int bucket = 0; bucket < BUCKETS; bucket++) {
      int v = registers[bucket] - offset;
      if (v > 15) {
        if (registers[bucket] > overflowValue) {
          overflowValue = registers[bucket];
          overflowBucket = bucket;
        }
        v = 15;
      }
      if (v != 0) {
        nonZero++;
      }
      packed[bucket / 2] |= (byte) (bucket % 2 == 0 ? v << 4 : v);
    }
    ByteBuffer out;
    if (nonZero < 128) {
      int entries = 0;
      for (byte b : packed) {
        if (b != 0) {
          entries++;
        }
      }
      out = ByteBuffer.allocate(7 + 3 * entries);
      header(out, offset, nonZero, overflowValue, overflowBucket);
      for (int p = 0; p < packed.length; p++) {
        if (packed[p] != 0) {
          out.putShort((short) (7 + p)).put(packed[p]); // positions count from the buffer's start
        }
      }
    } else {
      out = ByteBuffer.allocate(7 + packed.length);
      header(out, offset, nonZero, overflowValue, overflowBucket);
      out.put(packed);
    }
    return out.array();
  }

  private static void header(ByteBuffer out, int offset, int nonZero, int overflowValue, int overflowBucket) {
    out.put((byte) 1).put((byte) offset).putShort((short) nonZero).put((byte) overflowValue)
        .putShort((short) overflowBucket);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DruidHll h && Arrays.equals(registers, h.registers);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(registers);
  }
}
