package io.strata.segment.read;

import io.strata.segment.format.SegmentFormatV1;
import net.jpountz.lz4.LZ4Exception;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;
import org.roaringbitmap.PeekableIntIterator;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Decodes whole blocks of one {@link NumericColumn} into reused arrays: the block's values in their stored type
 * (exactly one of {@link #longs}, {@link #floats}, {@link #doubles} is non-null) and, when the column has nulls, a
 * null flag per row. Readers keep one decoder per column and call {@link #load} only when they move to another
 * block, so each block is decompressed once per pass. Not thread-safe: every cursor has its own.
 */
final class BlockDecoder {
  private static final LZ4SafeDecompressor LZ4 = LZ4Factory.fastestInstance().safeDecompressor();

  private final NumericColumn column;
  private final ByteBuffer data;
  final long[] longs;
  final float[] floats;
  final double[] doubles;
  /** Per row of the block, true if null; null when the column has no nulls at all. */
  final boolean[] nulls;
  /** The loaded block, or -1. */
  int block = -1;
  /** First row of the loaded block. */
  int blockStart;
  /** Rows in the loaded block. */
  int blockRows;
  /** Null rows in the loaded block. */
  int blockNullCount;
  private final byte[] scratch = new byte[SegmentFormatV1.BLOCK_SIZE * Long.BYTES];
  private final ByteBuffer scratchBuffer = ByteBuffer.wrap(scratch).order(ByteOrder.LITTLE_ENDIAN);

  BlockDecoder(NumericColumn column) {
    this.column = column;
    this.data = column.data;
    int n = SegmentFormatV1.BLOCK_SIZE;
    this.longs = column.valueType == SegmentFormatV1.VALUE_LONG ? new long[n] : null;
    this.floats = column.valueType == SegmentFormatV1.VALUE_FLOAT ? new float[n] : null;
    this.doubles = column.valueType == SegmentFormatV1.VALUE_DOUBLE ? new double[n] : null;
    this.nulls = column.nulls != null ? new boolean[n] : null;
  }

  /** Loads the block holding {@code row} unless it is loaded already; returns the row's index in the block. */
  int seek(int row) {
    int b = row >>> SegmentFormatV1.BLOCK_SHIFT;
    if (b != block) {
      load(b);
    }
    return row & SegmentFormatV1.BLOCK_MASK;
  }

  void load(int b) {
    int start = column.blockOffset(b);
    int payload = start + 1;
    int length = column.blockOffset(b + 1) - payload;
    int n = column.blockRows(b);
    byte codec = data.get(start);
    try {
      switch (column.valueType) {
        case SegmentFormatV1.VALUE_LONG -> loadLongs(codec, payload, length, n);
        case SegmentFormatV1.VALUE_FLOAT -> loadFloats(codec, payload, length, n);
        default -> loadDoubles(codec, payload, length, n);
      }
    } catch (LZ4Exception | IndexOutOfBoundsException e) {
      throw new IllegalStateException("damaged block " + b + " of column [" + column.column + "]", e);
    }
    block = b;
    blockStart = b << SegmentFormatV1.BLOCK_SHIFT;
    blockRows = n;
    if (nulls != null) {
      loadNulls(n);
    }
  }

  private void loadLongs(byte codec, int p, int length, int n) {
    switch (codec) {
      case SegmentFormatV1.BLOCK_CONST -> Arrays.fill(longs, 0, n, data.getLong(p));
      case SegmentFormatV1.BLOCK_RAW -> data.slice(p, n << 3).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer()
          .get(longs, 0, n);
      case SegmentFormatV1.BLOCK_LZ4 -> {
        decompress(p, length, n << 3);
        scratchBuffer.asLongBuffer().get(longs, 0, n);
      }
      case SegmentFormatV1.BLOCK_DELTA_LZ4 -> {
        long acc = data.getLong(p);
        decompress(p + 8, length - 8, (n - 1) << 2);
        longs[0] = acc;
        ByteBuffer deltas = scratchBuffer;
        for (int i = 1; i < n; i++) {
          acc += deltas.getInt((i - 1) << 2);
          longs[i] = acc;
        }
      }
      default -> throw badCodec(codec);
    }
  }

  private void loadFloats(byte codec, int p, int length, int n) {
    switch (codec) {
      case SegmentFormatV1.BLOCK_CONST -> Arrays.fill(floats, 0, n, data.getFloat(p));
      case SegmentFormatV1.BLOCK_RAW -> data.slice(p, n << 2).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer()
          .get(floats, 0, n);
      case SegmentFormatV1.BLOCK_LZ4 -> {
        decompress(p, length, n << 2);
        scratchBuffer.asFloatBuffer().get(floats, 0, n);
      }
      default -> throw badCodec(codec);
    }
  }

  private void loadDoubles(byte codec, int p, int length, int n) {
    switch (codec) {
      case SegmentFormatV1.BLOCK_CONST -> Arrays.fill(doubles, 0, n, data.getDouble(p));
      case SegmentFormatV1.BLOCK_RAW -> data.slice(p, n << 3).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer()
          .get(doubles, 0, n);
      case SegmentFormatV1.BLOCK_LZ4 -> {
        decompress(p, length, n << 3);
        scratchBuffer.asDoubleBuffer().get(doubles, 0, n);
      }
      default -> throw badCodec(codec);
    }
  }

  private void decompress(int offset, int length, int expected) {
    if (expected == 0) {
      return;
    }
    int got = LZ4.decompress(data, offset, length, scratchBuffer, 0, expected);
    if (got != expected) {
      throw new LZ4Exception("decompressed " + got + " bytes, expected " + expected);
    }
  }

  private void loadNulls(int n) {
    Arrays.fill(nulls, 0, n, false);
    int start = block << SegmentFormatV1.BLOCK_SHIFT;
    int end = start + n;
    int count = 0;
    if (column.nulls.rangeCardinality(start, end) > 0) {
      PeekableIntIterator it = column.nulls.getIntIterator();
      it.advanceIfNeeded(start);
      while (it.hasNext()) {
        int r = it.next();
        if (r >= end) {
          break;
        }
        nulls[r - start] = true;
        count++;
      }
    }
    blockNullCount = count;
  }

  private IllegalStateException badCodec(byte codec) {
    return new IllegalStateException("unknown block codec " + codec + " in column [" + column.column + "]");
  }
}
