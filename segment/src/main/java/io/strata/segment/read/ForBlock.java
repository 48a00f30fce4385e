package io.strata.segment.read;

import io.strata.segment.format.PackedInts;
import io.strata.segment.format.SegmentFormatV1;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.LongBuffer;
import java.util.Arrays;

/**
 * One loaded {@link SegmentFormatV1#BLOCK_FOR} payload, decodable whole, by row range or by single value, so a
 * vector cursor can unpack just its batch straight into the batch array (which stays in the L1 cache) instead of
 * decoding the whole block into a 64 KiB array and copying out of it.
 *
 * <p>{@link #load} parses the header, copies the packed words out of the mapping in bulk (one heap array per lane
 * word) and decodes the few exceptions into sorted arrays. Unpacking goes one row of
 * {@link SegmentFormatV1#FOR_LANES} values at a time: the bit offset, shift and straddle test are per row, and the
 * loop over the lanes is the same shift, mask and add for every value, reading and writing arrays from index 0,
 * the shape C2 (JDK 17) vectorizes (about twice as fast as the scalar loop); the row is then copied to its place.
 * Exceptions are patched afterwards. A DELTA_FOR block with a constant step (no packed bits) is decoded as runs,
 * by range too. Reuses its buffers; not thread-safe (one per {@link BlockDecoder}).
 */
final class ForBlock {
  private static final int LANES = SegmentFormatV1.FOR_LANES;

  /** Packed values (deltas of a DELTA_FOR block) in the loaded payload. */
  private int n;
  /** True when the payload is a DELTA_FOR block: the packed values are deltas from {@link #first}. */
  private boolean deltas;
  private long first;
  /** DELTA_FOR without packed bits: see {@link #loadDeltas}. */
  private long[] exceptionSums = new long[0];
  private long base;
  private int bits;
  private long mask;
  /** Packed words by lane word: {@code words[j][l]} is word {@code j} of lane {@code l}. */
  private long[][] words = new long[0][];
  private int exceptions;
  private int[] exceptionRows = new int[0];
  private long[] exceptionValues = new long[0];
  private short[] positionScratch = new short[0];
  private long[] exceptionWords = new long[0];
  /** {@link #unpackRange} stopped at this row, before this exception; reset by every load. */
  private int patchedTo = -1;
  private int patchedException;
  /** One unpacked row: the kernels write at offset 0 (see {@link #unpackRow}). */
  private final long[] row = new long[LANES];

  /**
   * Loads the BLOCK_FOR payload at {@code p} ({@code length} bytes, codec byte excluded) of {@code n} values.
   *
   * @throws IllegalStateException if the payload's sizes disagree
   */
  void load(ByteBuffer data, int p, int length, int n) {
    if (length < SegmentFormatV1.FOR_HEADER_BYTES) {
      throw new IllegalStateException("FOR payload of " + length + " bytes");
    }
    long base = data.getLong(p);
    int bits = data.get(p + 8) & 0xFF;
    int e = data.getShort(p + 9) & 0xFFFF;
    if (bits > 64 || e > n) {
      throw new IllegalStateException("FOR block with " + bits + " bits and " + e + " exceptions for " + n
          + " values");
    }
    int numWords = PackedInts.lanedWords(n, bits);
    int exceptionsAt = p + SegmentFormatV1.FOR_HEADER_BYTES + 8 * numWords;
    int exceptionBits = 0;
    if (e > 0) {
      if (length < exceptionsAt - p + SegmentFormatV1.FOR_EXCEPTION_HEADER_BYTES) {
        throw new IllegalStateException("FOR payload of " + length + " bytes is too short");
      }
      exceptionBits = data.get(exceptionsAt + 8) & 0xFF;
      if (exceptionBits > 64) {
        throw new IllegalStateException("FOR exceptions of " + exceptionBits + " bits");
      }
    }
    int expected = PackedInts.forPayloadBytes(n, bits, e, exceptionBits);
    if (length != expected) {
      throw new IllegalStateException("FOR payload of " + length + " bytes, expected " + expected);
    }
    int laneWords = numWords / LANES;
    if (words.length < laneWords) {
      long[][] grown = Arrays.copyOf(words, laneWords);
      for (int j = words.length; j < laneWords; j++) {
        grown[j] = new long[LANES];
      }
      words = grown;
    }
    if (numWords > 0) {
      LongBuffer packed = data.slice(p + SegmentFormatV1.FOR_HEADER_BYTES, 8 * numWords)
          .order(ByteOrder.LITTLE_ENDIAN).asLongBuffer();
      for (int j = 0; j < laneWords; j++) {
        packed.get(words[j], 0, LANES);
      }
    }
    this.n = n;
    this.deltas = false;
    this.patchedTo = -1;
    this.base = base;
    this.bits = bits;
    this.mask = PackedInts.mask(bits);
    this.exceptions = 0;
    if (e > 0) {
      loadExceptions(data, exceptionsAt, e, exceptionBits, n);
    }
  }

  /** Decodes the exception section at {@code at}: positions and packed values are copied out in bulk first. */
  private void loadExceptions(ByteBuffer data, int at, int e, int exceptionBits, int n) {
    int numWords = PackedInts.plainWords(e, exceptionBits);
    if (exceptionRows.length < e) {
      int size = Math.max(e, Math.min(2 * exceptionRows.length, SegmentFormatV1.BLOCK_SIZE));
      exceptionRows = new int[size];
      exceptionValues = new long[size];
      positionScratch = new short[size];
    }
    if (exceptionWords.length < numWords + 1) {
      exceptionWords = new long[Math.max(numWords + 1, Math.min(2 * exceptionWords.length,
          SegmentFormatV1.BLOCK_SIZE + 1))];
    }
    long exceptionBase = data.getLong(at);
    int positions = at + SegmentFormatV1.FOR_EXCEPTION_HEADER_BYTES;
    short[] pos = positionScratch;
    data.slice(positions, 2 * e).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(pos, 0, e);
    long[] ew = exceptionWords;
    data.slice(positions + 2 * e, 8 * numWords).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(ew, 0, numWords);
    ew[numWords] = 0;
    int[] rows = exceptionRows;
    long[] values = exceptionValues;
    int previous = -1;
    for (int j = 0; j < e; j++) {
      int r = pos[j] & 0xFFFF;
      if (r <= previous) {
        throw new IllegalStateException("FOR exception at row " + r + " after row " + previous);
      }
      rows[j] = r;
      previous = r;
    }
    if (previous >= n) {
      throw new IllegalStateException("FOR exception at row " + previous + " of " + n);
    }
    if (exceptionBits == 0) {
      Arrays.fill(values, 0, e, exceptionBase);
    } else {
      long m = PackedInts.mask(exceptionBits);
      long bit = 0;
      for (int j = 0; j < e; j++, bit += exceptionBits) {
        int word = (int) (bit >>> 6);
        int shift = (int) (bit & 63);
        // The zero word after the last lets every value read two words; (x << 1) << (63 - shift) is 0 at shift 0.
        long v = (ew[word] >>> shift) | ((ew[word + 1] << 1) << (63 - shift));
        values[j] = exceptionBase + (v & m);
      }
    }
    exceptions = e;
  }

  /**
   * Loads the BLOCK_DELTA_FOR payload at {@code p} ({@code length} bytes, codec byte excluded) of {@code n}
   * values. When the deltas have no packed bits (a constant step, typically 0 for a {@code __time} truncated to the
   * query granularity, with exceptions where the time moves on), the values are runs of an arithmetic sequence
   * between exceptions and {@link #rangeDecodable()} is true; otherwise only {@link #decodeAll} may be used.
   */
  void loadDeltas(ByteBuffer data, int p, int length, int n) {
    if (length < 8 || n < 1) {
      throw new IllegalStateException("DELTA_FOR payload of " + length + " bytes for " + n + " values");
    }
    long first = data.getLong(p);
    load(data, p + 8, length - 8, n - 1);
    deltas = true;
    this.first = first;
    if (bits == 0) {
      // Prefix sums of what the exceptions add beyond the constant step: value[k] is
      // first + k * base + exceptionSums[number of exceptions before delta k].
      if (exceptionSums.length < exceptions + 1) {
        exceptionSums = new long[Math.max(exceptions + 1, Math.min(2 * exceptionSums.length,
            SegmentFormatV1.BLOCK_SIZE + 1))];
      }
      long sum = 0;
      for (int j = 0; j < exceptions; j++) {
        exceptionSums[j] = sum;
        sum += exceptionValues[j] - base;
      }
      exceptionSums[exceptions] = sum;
    }
  }

  /** Values in the loaded block (one more than the deltas of a DELTA_FOR block). */
  int values() {
    return deltas ? n + 1 : n;
  }

  /** True unless the block is a DELTA_FOR block with packed deltas, which only {@link #decodeAll} decodes. */
  boolean rangeDecodable() {
    return !deltas || bits == 0;
  }

  /**
   * Decodes all {@link #values()} values into {@code out[0, values)}; slots up to the end of the last row may be
   * overwritten.
   */
  void decodeAll(long[] out) {
    if (!deltas) {
      unpackAll(out);
      return;
    }
    if (bits == 0) {
      decodeRuns(0, n + 1, out, 0);
      return;
    }
    unpackAll(out);
    // In place: out[i] holds delta i until it is replaced by value i.
    long acc = first;
    int m = n;
    for (int i = 0; i < m; i++) {
      long d = out[i];
      out[i] = acc;
      acc += d;
    }
    out[m] = acc;
  }

  /** Decodes values {@code [from, from + len)} of the block into {@code dst[off, off + len)}. */
  void decodeRange(int from, int len, long[] dst, int off) {
    if (!deltas) {
      unpackRange(from, len, dst, off);
    } else if (bits == 0) {
      decodeRuns(from, len, dst, off);
    } else {
      throw new IllegalStateException("a DELTA_FOR block with packed deltas decodes only whole");
    }
  }

  /** The value at index {@code i} of the block ({@link #rangeDecodable()} blocks only). */
  long get(int i) {
    if (!deltas) {
      return packedAt(i);
    }
    if (bits != 0) {
      throw new IllegalStateException("a DELTA_FOR block with packed deltas decodes only whole");
    }
    return first + i * base + exceptionSums[firstException(i)];
  }

  /** Values {@code [from, from + len)} of a DELTA_FOR block without packed bits: runs with step {@link #base}. */
  private void decodeRuns(int from, int len, long[] dst, int off) {
    int end = from + len;
    int j = firstException(from);
    long v = first + from * base + exceptionSums[j];
    int k = from;
    int[] er = exceptionRows;
    long[] ev = exceptionValues;
    long step = base;
    while (k < end) {
      // Deltas k .. er[j] - 1 are the step; delta er[j] is exception j, so values up to er[j] follow the step.
      int stop = j < exceptions ? Math.min(end, er[j] + 1) : end;
      int o = off + (k - from);
      int runEnd = off + (stop - from);
      if (step == 0) {
        Arrays.fill(dst, o, runEnd, v);
      } else {
        long x = v;
        for (int i = o; i < runEnd; i++) {
          dst[i] = x;
          x += step;
        }
        v = x - step;
      }
      if (j < exceptions && stop == er[j] + 1) {
        v += ev[j];
        j++;
      }
      k = stop;
    }
  }

  /** FOR: all {@link #n} values into {@code out[0, n)}; slots up to the end of the last row may be overwritten. */
  private void unpackAll(long[] out) {
    int rows = (n + LANES - 1) / LANES;
    if (bits == 0) {
      Arrays.fill(out, 0, n, base);
    } else {
      for (int r = 0; r < rows; r++) {
        unpackRow(r);
        System.arraycopy(row, 0, out, r * LANES, LANES);
      }
    }
    int[] er = exceptionRows;
    long[] ev = exceptionValues;
    for (int j = 0; j < exceptions; j++) {
      out[er[j]] = ev[j];
    }
  }

  /** FOR: values {@code [from, from + len)} into {@code dst[off, off + len)}. */
  private void unpackRange(int from, int len, long[] dst, int off) {
    int end = from + len;
    if (bits == 0) {
      Arrays.fill(dst, off, off + len, base);
    } else {
      int r = from / LANES;
      int rowStart = r * LANES;
      int pos = from;
      while (pos < end) {
        int rowEnd = rowStart + LANES;
        unpackRow(r);
        int hi = Math.min(end, rowEnd);
        System.arraycopy(row, pos - rowStart, dst, off + (pos - from), hi - pos);
        pos = hi;
        r++;
        rowStart = rowEnd;
      }
    }
    if (exceptions > 0) {
      int[] er = exceptionRows;
      long[] ev = exceptionValues;
      // Batches usually follow each other: start where the last range stopped.
      int j = from == patchedTo ? patchedException : firstException(from);
      for (; j < exceptions && er[j] < end; j++) {
        dst[off + er[j] - from] = ev[j];
      }
      patchedTo = end;
      patchedException = j;
    }
  }

  /** FOR: the value at index {@code i}. */
  private long packedAt(int i) {
    if (exceptions > 0) {
      int j = firstException(i);
      if (j < exceptions && exceptionRows[j] == i) {
        return exceptionValues[j];
      }
    }
    if (bits == 0) {
      return base;
    }
    int b = (i / LANES) * bits;
    int j = b >>> 6;
    int l = i % LANES;
    int s = b & 63;
    long v = words[j][l] >>> s;
    if (s + bits > 64) {
      v |= words[j + 1][l] << (64 - s);
    }
    return base + (v & mask);
  }

  /** The first exception at a row {@code >= row}, or {@link #exceptions}. */
  private int firstException(int row) {
    int[] er = exceptionRows;
    int lo = 0;
    int hi = exceptions;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (er[mid] < row) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /**
   * Unpacks row {@code r} (values {@code r × LANES ..}) into {@link #row}. The kernels index every array from 0:
   * C2 (JDK 17) vectorizes a loop only when its loads and stores share the same index expression, so the lane
   * words are kept as one array per lane word and the row goes through {@link #row} (one bulk copy after).
   */
  private void unpackRow(int r) {
    int bit = r * bits;
    int j = bit >>> 6;
    int s = bit & 63;
    if (s + bits <= 64) {
      unpackWithin(words[j], s, mask, base, row);
    } else {
      unpackStraddling(words[j], words[j + 1], s, mask, base, row);
    }
  }

  private static void unpackWithin(long[] in, int s, long mask, long base, long[] out) {
    for (int l = 0; l < LANES; l++) {
      out[l] = base + ((in[l] >>> s) & mask);
    }
  }

  private static void unpackStraddling(long[] lo, long[] hi, int s, long mask, long base, long[] out) {
    int s2 = 64 - s;
    for (int l = 0; l < LANES; l++) {
      out[l] = base + (((lo[l] >>> s) | (hi[l] << s2)) & mask);
    }
  }
}
