package io.strata.segment.format;

/**
 * Sizes of the bit-packed id stream of string columns (layout in {@link SegmentFormatV1}). The writer and reader
 * both derive the stream's size from these, so they cannot disagree.
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

  /** A mask of the low {@code bits} bits. */
  public static long mask(int bits) {
    return bits == 64 ? -1L : (1L << bits) - 1;
  }
}
