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
 * Decodes blocks of one {@link NumericColumn} into reused arrays: the block's values in their stored type
 * (exactly one of {@link #longs}, {@link #floats}, {@link #doubles} is non-null) and, when the column has nulls, a
 * null flag per row. Readers keep one decoder per column and load a block only when they move to another one, so
 * each block is decoded at most once per pass.
 *
 * <p>Two ways in: {@link #seek} makes the whole block available in the arrays (row-at-a-time readers, merges,
 * gathers); {@link #locate} only loads the block, and {@link #copyLongs} then copies a row range out of it. For a
 * {@link SegmentFormatV1#BLOCK_FOR} block the latter unpacks just the range, straight into the caller's batch
 * array, and the block is never decoded as a whole unless someone seeks into it. Not thread-safe: every cursor has
 * its own.
 */
final class BlockDecoder {
  private static final LZ4SafeDecompressor LZ4 = LZ4Factory.fastestInstance().safeDecompressor();

  private static final long[] NO_LONGS = new long[0];

  private final NumericColumn column;
  private final ByteBuffer data;
  /**
   * The decoded values of a long column (null for other types). Empty until a block is decoded whole: a vector
   * cursor over FOR blocks never needs it, so it is allocated on first use. Read it only after {@link #seek}.
   */
  long[] longs;
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
  /**
   * False while the loaded block is a FOR block (or a DELTA_FOR block with a constant step) held in
   * {@link #forBlock} and not yet decoded into the arrays.
   */
  private boolean materialized = true;
  /** LZ4 output, allocated on the first LZ4 block. */
  private ByteBuffer scratchBuffer;
  /** The FOR block loader, allocated on the first FOR or DELTA_FOR block. */
  private ForBlock forBlock;

  BlockDecoder(NumericColumn column) {
    this.column = column;
    this.data = column.data;
    int n = SegmentFormatV1.BLOCK_SIZE;
    this.longs = column.valueType == SegmentFormatV1.VALUE_LONG ? NO_LONGS : null;
    this.floats = column.valueType == SegmentFormatV1.VALUE_FLOAT ? new float[n] : null;
    this.doubles = column.valueType == SegmentFormatV1.VALUE_DOUBLE ? new double[n] : null;
    this.nulls = column.nulls != null ? new boolean[n] : null;
  }

  /**
   * Loads the block holding {@code row} unless it is loaded already, and decodes it whole into the arrays;
   * returns the row's index in the block.
   */
  int seek(int row) {
    int b = row >>> SegmentFormatV1.BLOCK_SHIFT;
    if (b != block) {
      locateBlock(b);
    }
    if (!materialized) {
      materialize();
    }
    return row & SegmentFormatV1.BLOCK_MASK;
  }

  /**
   * Loads the block holding {@code row} unless it is loaded already, without necessarily decoding it into the
   * arrays (use {@link #copyLongs} or {@link #longAt}); returns the row's index in the block.
   */
  int locate(int row) {
    int b = row >>> SegmentFormatV1.BLOCK_SHIFT;
    if (b != block) {
      locateBlock(b);
    }
    return row & SegmentFormatV1.BLOCK_MASK;
  }

  /** True if the loaded block is in the arrays (after {@link #seek}, or for any codec but FOR). */
  boolean materialized() {
    return materialized;
  }

  /**
   * Copies values {@code [from, from + len)} of the loaded long block into {@code dst[off, off + len)}, unpacking
   * only that range if the block is a FOR block that is not decoded whole.
   */
  void copyLongs(int from, long[] dst, int off, int len) {
    if (materialized) {
      System.arraycopy(longs, from, dst, off, len);
    } else {
      forBlock.decodeRange(from, len, dst, off);
    }
  }

  /** The value at index {@code i} of the loaded long block, decoding only that value if it is not decoded whole. */
  long longAt(int i) {
    return materialized ? longs[i] : forBlock.get(i);
  }

  /** Loads block {@code b} and decodes it whole into the arrays. */
  void load(int b) {
    locateBlock(b);
    if (!materialized) {
      materialize();
    }
  }

  private void locateBlock(int b) {
    int start = column.blockOffset(b);
    int payload = start + 1;
    int length = column.blockOffset(b + 1) - payload;
    int n = column.blockRows(b);
    block = -1;
    materialized = true;
    try {
      byte codec = data.get(start);
      switch (column.valueType) {
        case SegmentFormatV1.VALUE_LONG -> loadLongs(codec, payload, length, n);
        case SegmentFormatV1.VALUE_FLOAT -> loadFloats(codec, payload, length, n);
        default -> loadDoubles(codec, payload, length, n);
      }
    } catch (LZ4Exception | IndexOutOfBoundsException | IllegalStateException e) {
      throw new IllegalStateException("damaged block " + b + " of column [" + column.column + "]: "
          + e.getMessage(), e);
    }
    block = b;
    blockStart = b << SegmentFormatV1.BLOCK_SHIFT;
    blockRows = n;
    if (nulls != null) {
      loadNulls(n);
    }
  }

  private void materialize() {
    forBlock.decodeAll(longs());
    materialized = true;
  }

  /** {@link #longs}, allocated if it is still empty. */
  private long[] longs() {
    long[] l = longs;
    if (l.length == 0) {
      l = new long[SegmentFormatV1.BLOCK_SIZE];
      longs = l;
    }
    return l;
  }

  private ForBlock forBlock() {
    ForBlock f = forBlock;
    if (f == null) {
      f = new ForBlock();
      forBlock = f;
    }
    return f;
  }

  private void loadLongs(byte codec, int p, int length, int n) {
    switch (codec) {
      case SegmentFormatV1.BLOCK_FOR -> {
        forBlock().load(data, p, length, n);
        materialized = false;
      }
      case SegmentFormatV1.BLOCK_DELTA_FOR -> {
        ForBlock f = forBlock();
        f.loadDeltas(data, p, length, n);
        if (f.rangeDecodable()) {
          materialized = false;
        } else {
          f.decodeAll(longs());
        }
      }
      case SegmentFormatV1.BLOCK_CONST -> Arrays.fill(longs(), 0, n, data.getLong(p));
      case SegmentFormatV1.BLOCK_RAW -> data.slice(p, n << 3).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer()
          .get(longs(), 0, n);
      case SegmentFormatV1.BLOCK_LZ4 -> decompress(p, length, n << 3).asLongBuffer().get(longs(), 0, n);
      case SegmentFormatV1.BLOCK_DELTA_LZ4 -> {
        long[] out = longs();
        long acc = data.getLong(p);
        ByteBuffer deltas = decompress(p + 8, length - 8, (n - 1) << 2);
        out[0] = acc;
        for (int i = 1; i < n; i++) {
          acc += deltas.getInt((i - 1) << 2);
          out[i] = acc;
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
      case SegmentFormatV1.BLOCK_LZ4 -> decompress(p, length, n << 2).asFloatBuffer().get(floats, 0, n);
      default -> throw badCodec(codec);
    }
  }

  private void loadDoubles(byte codec, int p, int length, int n) {
    switch (codec) {
      case SegmentFormatV1.BLOCK_CONST -> Arrays.fill(doubles, 0, n, data.getDouble(p));
      case SegmentFormatV1.BLOCK_RAW -> data.slice(p, n << 3).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer()
          .get(doubles, 0, n);
      case SegmentFormatV1.BLOCK_LZ4 -> decompress(p, length, n << 3).asDoubleBuffer().get(doubles, 0, n);
      default -> throw badCodec(codec);
    }
  }

  /** Decompresses into the scratch buffer, which it returns (little-endian, position 0). */
  private ByteBuffer decompress(int offset, int length, int expected) {
    ByteBuffer out = scratchBuffer;
    if (out == null) {
      out = ByteBuffer.allocate(SegmentFormatV1.BLOCK_SIZE * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
      scratchBuffer = out;
    }
    if (expected == 0) {
      return out;
    }
    int got = LZ4.decompress(data, offset, length, out, 0, expected);
    if (got != expected) {
      throw new LZ4Exception("decompressed " + got + " bytes, expected " + expected);
    }
    return out;
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
