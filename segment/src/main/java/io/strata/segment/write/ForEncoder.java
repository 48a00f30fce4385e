package io.strata.segment.write;

import io.strata.segment.format.PackedInts;
import io.strata.segment.format.SegmentFormatV1;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Plans and writes {@link SegmentFormatV1#BLOCK_FOR} payloads (frame of reference, lane-interleaved bit packing,
 * exceptions) for blocks of longs. {@link #plan} picks the cheapest encoding: plain FOR over {@code [min, max]},
 * or, for each narrower width {@code w}, the window of {@code 2^w} values holding most of the block (found by two
 * pointers over a radix-sorted copy) with the values outside it as exceptions, up to {@code n / 8} of them; the
 * cost is the size plus {@link #EXCEPTION_PENALTY} per exception. {@link #write} then writes a planned payload.
 * One encoder (about 300 KiB of buffers) serves all long columns of a segment being written, as blocks are encoded
 * one at a time; not thread-safe.
 */
final class ForEncoder {
  private static final int LANES = SegmentFormatV1.FOR_LANES;
  /**
   * Bytes added to an encoding's size per exception when comparing widths: an exception costs a reader a few
   * nanoseconds to place, about as much as unpacking ten values, so a slightly wider packing with far fewer
   * exceptions wins (on heavy-tailed metrics: about 2% more bytes for a decode about 15% faster).
   */
  static final int EXCEPTION_PENALTY = 4;

  /** At most this many exceptions per block (an eighth of a full block). */
  private static final int MAX_EXCEPTIONS = SegmentFormatV1.BLOCK_SIZE / 8;
  private static final int RADIX_BITS = 11;
  private static final int RADIX = 1 << RADIX_BITS;
  private static final int RADIX_MASK = RADIX - 1;

  private final long[] sorted = new long[SegmentFormatV1.BLOCK_SIZE];
  private final long[] radixScratch = new long[SegmentFormatV1.BLOCK_SIZE];
  private final int[] radixCounts = new int[RADIX + 1];
  private final long[] words = new long[PackedInts.lanedWords(SegmentFormatV1.BLOCK_SIZE, 64)];
  private final short[] positions = new short[MAX_EXCEPTIONS];
  private final long[] exceptionValues = new long[MAX_EXCEPTIONS];
  private final long[] exceptionWords = new long[PackedInts.plainWords(MAX_EXCEPTIONS, 64)];
  private final byte[] bytes = new byte[PackedInts.forPayloadBytes(SegmentFormatV1.BLOCK_SIZE, 64,
      MAX_EXCEPTIONS, 64)];
  private final ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);

  /**
   * How to encode one block: values in {@code [base, base + 2^bits)} packed, the others exceptions of
   * {@code exceptionBits} bits from {@code exceptionBase}; {@code payloadBytes} without the codec byte.
   */
  record Plan(long base, int bits, int exceptions, long exceptionBase, int exceptionBits, int payloadBytes) {
  }

  /** Plans the payload of {@code values[0, n)} ({@code n} in {@code 1..BLOCK_SIZE}). */
  Plan plan(long[] values, int n) {
    if (n < 1 || n > SegmentFormatV1.BLOCK_SIZE) {
      throw new IllegalArgumentException("block of " + n + " values");
    }
    long min = values[0];
    long max = min;
    for (int i = 1; i < n; i++) {
      long v = values[i];
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    int fullBits = PackedInts.bitsRequiredUnsigned(max - min);
    Plan best = new Plan(min, fullBits, 0, 0, 0, PackedInts.forPayloadBytes(n, fullBits, 0, 0));
    int bestCost = best.payloadBytes();
    int maxExceptions = n >>> 3;
    if (fullBits == 0 || maxExceptions == 0) {
      return best;
    }
    long[] s = sortedOffsets(values, n, min, fullBits);
    for (int w = fullBits - 1; w >= 0; w--) {
      // Narrower windows hold fewer values: once the exceptions exceed the limit, they do for every smaller w.
      long mask = (1L << w) - 1;
      // A window holding at least n - maxExceptions values starts at one of the maxExceptions + 1 smallest.
      int bestCount = 0;
      int bestStart = 0;
      int j = windowEnd(s, 0, n, mask);
      for (int i = 0; i <= maxExceptions; i++) {
        long lo = s[i];
        while (j < n && Long.compareUnsigned(s[j] - lo, mask) <= 0) {
          j++;
        }
        if (j - i > bestCount) {
          bestCount = j - i;
          bestStart = i;
        }
        if (j == n) {
          break;
        }
      }
      int e = n - bestCount;
      if (e > maxExceptions) {
        break;
      }
      int end = bestStart + bestCount;
      int eBits = 0;
      long eBase = 0;
      if (e > 0) {
        eBase = bestStart > 0 ? s[0] : s[end];
        long eMax = end < n ? s[n - 1] : s[bestStart - 1];
        eBits = PackedInts.bitsRequiredUnsigned(eMax - eBase);
        eBase += min;
      }
      int size = PackedInts.forPayloadBytes(n, w, e, eBits);
      if (size + EXCEPTION_PENALTY * e < bestCost) {
        bestCost = size + EXCEPTION_PENALTY * e;
        best = new Plan(min + s[bestStart], w, e, eBase, eBits, size);
      }
    }
    return best;
  }

  /** The first index in {@code [from, n)} of ascending {@code s} with {@code s[index] - s[from] > mask}, or n. */
  private static int windowEnd(long[] s, int from, int n, long mask) {
    long lo = s[from];
    int a = from;
    int b = n;
    while (a < b) {
      int mid = (a + b) >>> 1;
      if (Long.compareUnsigned(s[mid] - lo, mask) <= 0) {
        a = mid + 1;
      } else {
        b = mid;
      }
    }
    return a;
  }

  /**
   * {@code values[0, n) - min} (unsigned, below {@code 2^bits}) in ascending order: an LSD radix sort of 11-bit
   * digits, as many passes as the bits need (two for the usual metric block), several times faster than a
   * comparison sort of a block.
   */
  private long[] sortedOffsets(long[] values, int n, long min, int bits) {
    long[] src = sorted;
    long[] dst = radixScratch;
    for (int i = 0; i < n; i++) {
      src[i] = values[i] - min;
    }
    int[] count = radixCounts;
    for (int shift = 0; shift < bits; shift += RADIX_BITS) {
      Arrays.fill(count, 0);
      for (int i = 0; i < n; i++) {
        count[(int) ((src[i] >>> shift) & RADIX_MASK) + 1]++;
      }
      for (int d = 0; d < RADIX; d++) {
        count[d + 1] += count[d];
      }
      for (int i = 0; i < n; i++) {
        long v = src[i];
        dst[count[(int) ((v >>> shift) & RADIX_MASK)]++] = v;
      }
      long[] t = src;
      src = dst;
      dst = t;
    }
    return src;
  }

  /** Writes the payload of {@code values[0, n)} as {@code plan} (made for them) says. */
  void write(long[] values, int n, Plan plan, ChecksumOutput out) throws java.io.IOException {
    out.writeBytes(bytes, 0, encode(values, n, plan));
  }

  /**
   * Encodes the payload of {@code values[0, n)} as {@code plan} (made for them) says into {@link #payload()}.
   *
   * @return the payload's length
   */
  int encode(long[] values, int n, Plan plan) {
    long base = plan.base();
    int bits = plan.bits();
    int exceptions = plan.exceptions();
    long exceptionBase = plan.exceptionBase();
    int exceptionBits = plan.exceptionBits();
    int payloadBytes = plan.payloadBytes();
    ByteBuffer b = buffer;
    b.clear();
    b.putLong(base).put((byte) bits).putShort((short) exceptions);
    int numWords = PackedInts.lanedWords(n, bits);
    long[] packed = words;
    Arrays.fill(packed, 0, numWords, 0L);
    long mask = PackedInts.mask(bits);
    int e = 0;
    for (int i = 0; i < n; i++) {
      long d = values[i] - base;
      // As planned: packed are the values in [base, base + mask] without wrapping around (a wrapped value would
      // decode as well, but the plan counted it as an exception).
      if (values[i] < base || Long.compareUnsigned(d, mask) > 0) {
        positions[e] = (short) i;
        exceptionValues[e++] = values[i] - exceptionBase;
        continue;
      }
      if (bits == 0) {
        continue;
      }
      long bit = (long) (i / LANES) * bits;
      int word = (int) (bit >>> 6) * LANES + (i % LANES);
      int shift = (int) (bit & 63);
      packed[word] |= d << shift;
      if (shift + bits > 64) {
        packed[word + LANES] |= d >>> (64 - shift);
      }
    }
    if (e != exceptions) {
      throw new IllegalStateException("planned " + exceptions + " exceptions, found " + e);
    }
    b.asLongBuffer().put(packed, 0, numWords);
    b.position(b.position() + 8 * numWords);
    if (e > 0) {
      b.putLong(exceptionBase).put((byte) exceptionBits);
      for (int j = 0; j < e; j++) {
        b.putShort(positions[j]);
      }
      int eWords = PackedInts.plainWords(e, exceptionBits);
      long[] ew = exceptionWords;
      Arrays.fill(ew, 0, eWords, 0L);
      long eMask = PackedInts.mask(exceptionBits);
      if (exceptionBits > 0) {
        for (int j = 0; j < e; j++) {
          long v = exceptionValues[j] & eMask;
          long bit = (long) j * exceptionBits;
          int word = (int) (bit >>> 6);
          int shift = (int) (bit & 63);
          ew[word] |= v << shift;
          if (shift + exceptionBits > 64) {
            ew[word + 1] |= v >>> (64 - shift);
          }
        }
      }
      b.asLongBuffer().put(ew, 0, eWords);
      b.position(b.position() + 8 * eWords);
    }
    if (b.position() != payloadBytes) {
      throw new IllegalStateException("FOR payload is " + b.position() + " bytes, planned " + payloadBytes);
    }
    return payloadBytes;
  }

  /** The buffer {@link #encode} writes to (valid until the next call). */
  byte[] payload() {
    return bytes;
  }
}
