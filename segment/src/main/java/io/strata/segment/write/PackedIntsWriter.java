package io.strata.segment.write;

import io.strata.segment.format.PackedInts;

import java.io.IOException;

/**
 * Appends non-negative ints of a fixed bit width to a little-endian stream of 64-bit words, in the layout of
 * {@link io.strata.segment.format.SegmentFormatV1} (string column ids). Not thread-safe.
 */
final class PackedIntsWriter {
  private final ChecksumOutput out;
  private final int bits;
  private final long mask;
  private long word;
  private int used;
  private long count;

  PackedIntsWriter(ChecksumOutput out, int bits) {
    if (bits < 0 || bits > 32) {
      throw new IllegalArgumentException("bits per value must be in [0, 32], got " + bits);
    }
    this.out = out;
    this.bits = bits;
    this.mask = PackedInts.mask(bits);
  }

  void add(int value) throws IOException {
    count++;
    if (bits == 0) {
      return;
    }
    long v = value & mask;
    word |= v << used;
    used += bits;
    if (used >= 64) {
      out.writeLong(word);
      used -= 64;
      word = used == 0 ? 0 : v >>> (bits - used);
    }
  }

  /** Writes the last partial word and the zero padding word; returns the words written in all. */
  long finish() throws IOException {
    if (used > 0) {
      out.writeLong(word);
    }
    out.writeLong(0L);
    long words = PackedInts.numWords(count, bits);
    word = 0;
    used = 0;
    return words;
  }
}
