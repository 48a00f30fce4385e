package io.strata.segment.write;

import io.strata.segment.format.SegmentFormatV1;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Factory;
import org.roaringbitmap.RoaringBitmap;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Streams one long, float or double column into its file: values are buffered one block at a time
 * ({@link SegmentFormatV1#BLOCK_SIZE}) and each full block is encoded and written at once, so memory stays at one
 * block whatever the row count. Null rows go into a Roaring bitmap. The subclass per value type keeps the per-row
 * {@code add} monomorphic. Not thread-safe.
 */
abstract class NumericColumnWriter {
  private static final LZ4Compressor LZ4 = LZ4Factory.fastestInstance().fastCompressor();

  final ChecksumOutput out;
  final boolean compress;
  /** Raw little-endian bytes of the current block, and their compressed form. */
  final byte[] raw = new byte[SegmentFormatV1.BLOCK_SIZE * Long.BYTES];
  final ByteBuffer rawBuffer = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
  final byte[] compressed = new byte[LZ4.maxCompressedLength(raw.length)];
  private final int valueType;
  private long[] blockOffsets = new long[16];
  private int numBlocks;
  private RoaringBitmap nulls;
  private int nullCount;
  /** Rows added so far; also the row number of the next add. */
  int rows;
  /** Values in the current block. */
  int inBlock;

  NumericColumnWriter(Path file, int valueType, boolean compress) throws IOException {
    this.out = ChecksumOutput.withHeader(file, SegmentFormatV1.numericCodec(valueType));
    this.valueType = valueType;
    this.compress = compress;
  }

  /**
   * @param forEncoder the bit-packing planner shared by the segment's long columns; null without compression
   */
  static Longs longs(Path file, boolean sorted, boolean compress, ForEncoder forEncoder) throws IOException {
    return new Longs(file, sorted, compress, forEncoder);
  }

  static Floats floats(Path file, boolean compress) throws IOException {
    return new Floats(file, compress);
  }

  static Doubles doubles(Path file, boolean compress) throws IOException {
    return new Doubles(file, compress);
  }

  /** Marks the row about to be added as null; the caller then adds 0 for it. */
  final void markNull() {
    if (nulls == null) {
      nulls = new RoaringBitmap();
    }
    nulls.add(rows);
    nullCount++;
  }

  final boolean hasNulls() {
    return nullCount > 0;
  }

  /** Called by subclasses after each added value. */
  final void afterAdd() throws IOException {
    rows++;
    if (rows < 0) {
      throw new IllegalArgumentException("too many rows for one segment (more than " + Integer.MAX_VALUE + ")");
    }
    if (++inBlock == SegmentFormatV1.BLOCK_SIZE) {
      flushBlock();
    }
  }

  /**
   * Called by subclasses after copying {@code count} values into the current block from {@code inBlock} on (at
   * most up to the block's end): marks the rows whose {@code nulls[nullsFrom + k]} is set as null (their values
   * must be 0, as {@link #markNull} callers add), then advances and flushes a full block.
   *
   * @param nulls null flags, or null when no row is null
   */
  final void afterAddAll(int count, boolean[] nulls, int nullsFrom) throws IOException {
    if (nulls != null) {
      for (int k = 0; k < count; k++) {
        if (nulls[nullsFrom + k]) {
          if (this.nulls == null) {
            this.nulls = new RoaringBitmap();
          }
          this.nulls.add(rows + k);
          nullCount++;
        }
      }
    }
    rows += count;
    if (rows < 0) {
      throw new IllegalArgumentException("too many rows for one segment (more than " + Integer.MAX_VALUE + ")");
    }
    inBlock += count;
    if (inBlock == SegmentFormatV1.BLOCK_SIZE) {
      flushBlock();
    }
  }

  /** Values that fit in the current block, of {@code remaining} to add. */
  final int room(int remaining) {
    return Math.min(remaining, SegmentFormatV1.BLOCK_SIZE - inBlock);
  }

  private void flushBlock() throws IOException {
    if (numBlocks + 1 >= blockOffsets.length) {
      blockOffsets = Arrays.copyOf(blockOffsets, blockOffsets.length * 2);
    }
    blockOffsets[numBlocks++] = out.position();
    encodeBlock(inBlock);
    inBlock = 0;
  }

  /** Writes block codec and payload for the first {@code n} buffered values. */
  abstract void encodeBlock(int n) throws IOException;

  /** The block minimums of a sorted column, or null. */
  long[] blockMins() {
    return null;
  }

  /** Writes the first {@code len} bytes of {@link #raw} LZ4-compressed, or raw if LZ4 saves less than 1/8. */
  final void writeRawOrLz4(int len) throws IOException {
    int c = compress ? compressRaw(len) : len;
    writeRawOrCompressed(len, c);
  }

  /** LZ4-compresses the first {@code len} bytes of {@link #raw} into {@link #compressed}; returns its length. */
  final int compressRaw(int len) {
    return LZ4.compress(raw, 0, len, compressed, 0, compressed.length);
  }

  /** Bytes (payload only) of what {@link #writeRawOrCompressed} writes for these lengths. */
  static int rawOrCompressedBytes(int len, int compressedLength) {
    return useLz4(len, compressedLength) ? compressedLength : len;
  }

  private static boolean useLz4(int len, int compressedLength) {
    return compressedLength < len - (len >>> 3);
  }

  /**
   * Writes {@link #compressed} ({@code compressedLength} bytes, from {@link #compressRaw}) as an LZ4 block, or
   * the first {@code len} bytes of {@link #raw} as a raw block if LZ4 saves less than 1/8.
   */
  final void writeRawOrCompressed(int len, int compressedLength) throws IOException {
    if (useLz4(len, compressedLength)) {
      out.writeByte(SegmentFormatV1.BLOCK_LZ4);
      out.writeBytes(compressed, 0, compressedLength);
      return;
    }
    out.writeByte(SegmentFormatV1.BLOCK_RAW);
    out.writeBytes(raw, 0, len);
  }

  /**
   * Flushes the last block and writes the block table, block minimums, null bitmap, trailer and footer.
   *
   * @return the file's length
   */
  final long finish() throws IOException {
    if (inBlock > 0) {
      flushBlock();
    }
    long blocksEnd = out.position();
    out.align8();
    long tableOffset = out.position();
    for (int b = 0; b < numBlocks; b++) {
      out.writeLong(blockOffsets[b]);
    }
    out.writeLong(blocksEnd);
    long[] mins = blockMins();
    long minsOffset = -1;
    if (mins != null) {
      minsOffset = out.position();
      for (int b = 0; b < numBlocks; b++) {
        out.writeLong(mins[b]);
      }
    }
    long nullsOffset = 0;
    long nullsLength = 0;
    if (nulls != null) {
      nulls.runOptimize();
      byte[] bytes = new byte[nulls.serializedSizeInBytes()];
      nulls.serialize(ByteBuffer.wrap(bytes));
      nullsOffset = out.position();
      nullsLength = bytes.length;
      out.writeBytes(bytes, 0, bytes.length);
      nulls = null;
    }
    out.writeInt(rows);
    out.writeInt(valueType);
    out.writeInt(SegmentFormatV1.BLOCK_SHIFT);
    out.writeInt(numBlocks);
    int flags = mins != null ? SegmentFormatV1.FLAG_SORTED : 0;
    out.writeInt(nullCount > 0 ? flags | SegmentFormatV1.FLAG_HAS_NULLS : flags);
    out.writeInt(nullCount);
    out.writeLong(tableOffset);
    out.writeLong(minsOffset);
    out.writeLong(nullsOffset);
    out.writeLong(nullsLength);
    return out.finish(SegmentFormatV1.NUMERIC_TRAILER_LENGTH);
  }

  final void abort() throws IOException {
    out.close();
  }

  /**
   * Long values; the {@code __time} column is written sorted, with block minimums and delta blocks. Blocks are
   * CONST, FOR/DELTA_FOR when that is no larger than the LZ4 candidate (for sorted columns: at most twice as large
   * plus 64 bytes), else DELTA_LZ4/LZ4/RAW (see {@link SegmentFormatV1}).
   */
  static final class Longs extends NumericColumnWriter {
    private final long[] values = new long[SegmentFormatV1.BLOCK_SIZE];
    private final boolean sorted;
    private long[] mins;
    private int minCount;
    /**
     * A sorted column ({@code __time}) keeps the bit-packed encoding unless the LZ4 one is smaller than half of its
     * size less this: a time block is small either way, and every bucketed query reads it, where a DELTA_FOR block
     * of truncated timestamps decodes as a few {@code Arrays.fill} runs instead of an LZ4 pass plus a running sum.
     */
    private static final int SORTED_SLACK_BYTES = 64;
    /** The FOR planner (shared with the segment's other long columns); null without compression. */
    private final ForEncoder forEncoder;
    /** Deltas of the block of a sorted column. */
    private final long[] deltas;

    private Longs(Path file, boolean sorted, boolean compress, ForEncoder forEncoder) throws IOException {
      super(file, SegmentFormatV1.VALUE_LONG, compress);
      if (compress && forEncoder == null) {
        throw new IllegalArgumentException("a compressed long column needs a FOR encoder");
      }
      this.sorted = sorted;
      this.mins = sorted ? new long[16] : null;
      this.forEncoder = forEncoder;
      this.deltas = compress && sorted ? new long[SegmentFormatV1.BLOCK_SIZE] : null;
    }

    void add(long v) throws IOException {
      values[inBlock] = v;
      afterAdd();
    }

    /** Adds {@code v[0, n)}; {@code nulls} (or null for none) flags null rows, whose values must be 0. */
    void addAll(long[] v, boolean[] nulls, int n) throws IOException {
      for (int i = 0; i < n; ) {
        int take = room(n - i);
        System.arraycopy(v, i, values, inBlock, take);
        afterAddAll(take, nulls, i);
        i += take;
      }
    }

    void addNull() throws IOException {
      markNull();
      add(0L);
    }

    @Override
    long[] blockMins() {
      return sorted ? Arrays.copyOf(mins, minCount) : null;
    }

    @Override
    void encodeBlock(int n) throws IOException {
      long first = values[0];
      if (sorted) {
        if (minCount == mins.length) {
          mins = Arrays.copyOf(mins, minCount * 2);
        }
        mins[minCount++] = first;
      }
      boolean constant = true;
      for (int i = 1; i < n && constant; i++) {
        constant = values[i] == first;
      }
      if (constant) {
        out.writeByte(SegmentFormatV1.BLOCK_CONST);
        out.writeLong(first);
        return;
      }
      if (!compress) {
        rawBuffer.asLongBuffer().put(0, values, 0, n);
        writeRawOrLz4(n << 3);
        return;
      }
      // The bit-packed candidate: FOR of the values, or for sorted columns DELTA_FOR when smaller.
      ForEncoder.Plan plan = forEncoder.plan(values, n);
      int forBytes = plan.payloadBytes();
      boolean deltaFor = false;
      if (sorted) {
        for (int i = 1; i < n; i++) {
          deltas[i - 1] = values[i] - values[i - 1];
        }
        ForEncoder.Plan deltaPlan = forEncoder.plan(deltas, n - 1);
        if (8 + deltaPlan.payloadBytes() < forBytes) {
          plan = deltaPlan;
          forBytes = 8 + deltaPlan.payloadBytes();
          deltaFor = true;
        }
      }
      // The LZ4 candidate: DELTA_LZ4 for sorted columns whose deltas fit an int, else LZ4 or RAW.
      boolean deltaLz4 = sorted && deltasFitInt(n);
      int lz4Bytes;
      int compressedLength;
      if (deltaLz4) {
        for (int i = 1; i < n; i++) {
          rawBuffer.putInt((i - 1) << 2, (int) (values[i] - values[i - 1]));
        }
        compressedLength = compressRaw((n - 1) << 2);
        lz4Bytes = 8 + compressedLength;
      } else {
        rawBuffer.asLongBuffer().put(0, values, 0, n);
        compressedLength = compressRaw(n << 3);
        lz4Bytes = rawOrCompressedBytes(n << 3, compressedLength);
      }
      if (forBytes <= lz4Bytes || (sorted && forBytes <= 2L * lz4Bytes + SORTED_SLACK_BYTES)) {
        if (deltaFor) {
          out.writeByte(SegmentFormatV1.BLOCK_DELTA_FOR);
          out.writeLong(first);
          forEncoder.write(deltas, n - 1, plan, out);
        } else {
          out.writeByte(SegmentFormatV1.BLOCK_FOR);
          forEncoder.write(values, n, plan, out);
        }
      } else if (deltaLz4) {
        out.writeByte(SegmentFormatV1.BLOCK_DELTA_LZ4);
        out.writeLong(first);
        out.writeBytes(compressed, 0, compressedLength);
      } else {
        writeRawOrCompressed(n << 3, compressedLength);
      }
    }

    private boolean deltasFitInt(int n) {
      for (int i = 1; i < n; i++) {
        long a = values[i - 1];
        long b = values[i];
        long d = b - a;
        if (((a ^ b) & (b ^ d)) < 0 || d != (int) d) {
          return false;
        }
      }
      return true;
    }
  }

  /** Float values, stored as 4-byte IEEE floats. */
  static final class Floats extends NumericColumnWriter {
    private final float[] values = new float[SegmentFormatV1.BLOCK_SIZE];

    private Floats(Path file, boolean compress) throws IOException {
      super(file, SegmentFormatV1.VALUE_FLOAT, compress);
    }

    void add(float v) throws IOException {
      values[inBlock] = v;
      afterAdd();
    }

    /** Adds {@code v[0, n)}; {@code nulls} (or null for none) flags null rows, whose values must be 0. */
    void addAll(float[] v, boolean[] nulls, int n) throws IOException {
      for (int i = 0; i < n; ) {
        int take = room(n - i);
        System.arraycopy(v, i, values, inBlock, take);
        afterAddAll(take, nulls, i);
        i += take;
      }
    }

    void addNull() throws IOException {
      markNull();
      add(0f);
    }

    @Override
    void encodeBlock(int n) throws IOException {
      int first = Float.floatToRawIntBits(values[0]);
      boolean constant = true;
      for (int i = 1; i < n && constant; i++) {
        constant = Float.floatToRawIntBits(values[i]) == first;
      }
      if (constant) {
        out.writeByte(SegmentFormatV1.BLOCK_CONST);
        out.writeFloat(values[0]);
        return;
      }
      rawBuffer.asFloatBuffer().put(0, values, 0, n);
      writeRawOrLz4(n << 2);
    }
  }

  /** Double values, stored as 8-byte IEEE doubles. */
  static final class Doubles extends NumericColumnWriter {
    private final double[] values = new double[SegmentFormatV1.BLOCK_SIZE];

    private Doubles(Path file, boolean compress) throws IOException {
      super(file, SegmentFormatV1.VALUE_DOUBLE, compress);
    }

    void add(double v) throws IOException {
      values[inBlock] = v;
      afterAdd();
    }

    /** Adds {@code v[0, n)}; {@code nulls} (or null for none) flags null rows, whose values must be 0. */
    void addAll(double[] v, boolean[] nulls, int n) throws IOException {
      for (int i = 0; i < n; ) {
        int take = room(n - i);
        System.arraycopy(v, i, values, inBlock, take);
        afterAddAll(take, nulls, i);
        i += take;
      }
    }

    void addNull() throws IOException {
      markNull();
      add(0d);
    }

    @Override
    void encodeBlock(int n) throws IOException {
      long first = Double.doubleToRawLongBits(values[0]);
      boolean constant = true;
      for (int i = 1; i < n && constant; i++) {
        constant = Double.doubleToRawLongBits(values[i]) == first;
      }
      if (constant) {
        out.writeByte(SegmentFormatV1.BLOCK_CONST);
        out.writeDouble(values[0]);
        return;
      }
      rawBuffer.asDoubleBuffer().put(0, values, 0, n);
      writeRawOrLz4(n << 3);
    }
  }
}
