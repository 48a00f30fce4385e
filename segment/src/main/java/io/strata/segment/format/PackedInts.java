package io.strata.segment.format;

/**
 * Sizes of the bit-packed streams of the format (layouts in {@link SegmentFormatV1}): the id stream of string
 * columns and the frame-of-reference blocks of long columns ({@link SegmentFormatV1#BLOCK_FOR}). The writer and
 * reader both derive sizes from these, so they cannot disagree.
 */
public final class PackedInts {
  private PackedInts() {
  }

  /** Bits needed to store every value in {@code [0, maxValue]}; 0 when {@code maxValue} is 0. */
  public static int bitsRequired(int maxValue) {
    if (maxValue < 0) {
      throw new IllegalArgumentException("negative max value " + maxValue);
    }
    return 32 - Integer.numberOfLeadingZeros(maxValue);
  }

  /** 64-bit words holding {@code numValues} values of {@code bits} bits, plus the one zero padding word. */
  public static long numWords(long numValues, int bits) {
    return (numValues * bits + 63) / 64 + 1;
  }

  /** Bits needed to store every value in {@code [0, maxValue]}, {@code maxValue} read as unsigned; 0..64. */
  public static int bitsRequiredUnsigned(long maxValue) {
    return 64 - Long.numberOfLeadingZeros(maxValue);
  }

  /**
   * 64-bit words of the lane-interleaved packing of {@code n} values of {@code bits} bits
   * ({@link SegmentFormatV1#FOR_LANES} lanes, each a stream of {@code ceil(n / lanes)} values).
   */
  public static int lanedWords(int n, int bits) {
    int lanes = SegmentFormatV1.FOR_LANES;
    long rows = (n + lanes - 1) / lanes;
    return (int) (lanes * ((rows * bits + 63) >>> 6));
  }

  /** 64-bit words of {@code n} values of {@code bits} bits packed back to back (no padding word). */
  public static int plainWords(int n, int bits) {
    return (int) (((long) n * bits + 63) >>> 6);
  }

  /**
   * Bytes of a {@link SegmentFormatV1#BLOCK_FOR} payload of {@code n} values packed with {@code bits} bits and
   * {@code exceptions} exceptions of {@code exceptionBits} bits (codec byte not included).
   */
  public static int forPayloadBytes(int n, int bits, int exceptions, int exceptionBits) {
    int bytes = SegmentFormatV1.FOR_HEADER_BYTES + 8 * lanedWords(n, bits);
    if (exceptions > 0) {
      bytes += SegmentFormatV1.FOR_EXCEPTION_HEADER_BYTES + 2 * exceptions + 8 * plainWords(exceptions, exceptionBits);
    }
    return bytes;
  }

  /** A mask of the low {@code bits} bits. */
  public static long mask(int bits) {
    return bits == 64 ? -1L : (1L << bits) - 1;
  }
}
