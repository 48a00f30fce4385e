package io.strata.segment.read;

import io.strata.segment.format.CorruptSegmentException;
import io.strata.segment.format.SegmentFormatV1;
import org.roaringbitmap.buffer.ImmutableRoaringBitmap;

import java.nio.ByteBuffer;

/**
 * A mapped long, float or double column (layout in {@link SegmentFormatV1}): block table, optional block minimums
 * and null bitmap. Immutable and shared by all cursors; decoding happens in a {@link BlockDecoder}, one per reader,
 * which owns the buffers.
 */
final class NumericColumn {
  final String column;
  final ByteBuffer data;
  final int valueType;
  final int numRows;
  final int numBlocks;
  final int nullCount;
  /** Null rows, or null when the column has none. */
  final ImmutableRoaringBitmap nulls;
  private final int tableOffset;
  private final int minsOffset;

  private NumericColumn(String column, MappedFile file, int valueType, int numRows, int numBlocks, int nullCount,
                        ImmutableRoaringBitmap nulls, int tableOffset, int minsOffset) {
    this.column = column;
    this.data = file.data;
    this.valueType = valueType;
    this.numRows = numRows;
    this.numBlocks = numBlocks;
    this.nullCount = nullCount;
    this.nulls = nulls;
    this.tableOffset = tableOffset;
    this.minsOffset = minsOffset;
  }

  /** Reads the trailer of {@code file} and checks it against the segment's row count and expected type. */
  static NumericColumn open(String column, MappedFile file, int expectedValueType, int expectedRows)
      throws CorruptSegmentException {
    ByteBuffer d = file.data;
    int t = file.trailer;
    int numRows = d.getInt(t);
    int valueType = d.getInt(t + 4);
    int blockShift = d.getInt(t + 8);
    int numBlocks = d.getInt(t + 12);
    int flags = d.getInt(t + 16);
    int nullCount = d.getInt(t + 20);
    long tableOffset = d.getLong(t + 24);
    long minsOffset = d.getLong(t + 32);
    long nullsOffset = d.getLong(t + 40);
    long nullsLength = d.getLong(t + 48);
    if (numRows != expectedRows || valueType != expectedValueType || blockShift != SegmentFormatV1.BLOCK_SHIFT
        || numBlocks != (numRows + SegmentFormatV1.BLOCK_SIZE - 1) >>> SegmentFormatV1.BLOCK_SHIFT) {
      throw new CorruptSegmentException("damaged segment file " + file.name + ": column [" + column + "] has "
          + numRows + " rows of type " + valueType + " in " + numBlocks + " blocks of 2^" + blockShift
          + ", expected " + expectedRows + " rows of type " + expectedValueType);
    }
    int table = file.checkRange(tableOffset, 8L * (numBlocks + 1), "block table");
    for (int b = 0; b <= numBlocks; b++) {
      long offset = d.getLong(table + 8 * b);
      file.checkRange(offset, 0, "block " + b);
      if (b > 0 && offset <= d.getLong(table + 8 * (b - 1))) {
        throw new CorruptSegmentException("damaged segment file " + file.name + ": block table not ascending");
      }
    }
    int mins = -1;
    if ((flags & SegmentFormatV1.FLAG_SORTED) != 0) {
      mins = file.checkRange(minsOffset, 8L * numBlocks, "block minimums");
    }
    ImmutableRoaringBitmap nulls = null;
    if ((flags & SegmentFormatV1.FLAG_HAS_NULLS) != 0) {
      int off = file.checkRange(nullsOffset, nullsLength, "null bitmap");
      nulls = new ImmutableRoaringBitmap(d.slice(off, (int) nullsLength));
    }
    return new NumericColumn(column, file, valueType, numRows, numBlocks, nullCount, nulls, table, mins);
  }

  /** File offset of block {@code b}; {@code blockOffset(numBlocks)} is the end of the last block. */
  int blockOffset(int b) {
    return (int) data.getLong(tableOffset + (b << 3));
  }

  /** Rows in block {@code b}. */
  int blockRows(int b) {
    return Math.min(SegmentFormatV1.BLOCK_SIZE, numRows - (b << SegmentFormatV1.BLOCK_SHIFT));
  }

  boolean sorted() {
    return minsOffset >= 0;
  }

  /** The first value of block {@code b}; only for sorted columns. */
  long blockMin(int b) {
    return data.getLong(minsOffset + (b << 3));
  }

  BlockDecoder decoder() {
    return new BlockDecoder(this);
  }

  /**
   * The first row whose value is {@code >= target}, or {@code numRows} if none; only for sorted columns. Binary
   * search over the block minimums, then within the one block that can hold the answer.
   */
  int lowerBound(long target, BlockDecoder decoder) {
    int lo = 0;
    int hi = numBlocks - 1;
    int block = -1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if (blockMin(mid) < target) {
        block = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    if (block < 0) {
      return 0;
    }
    decoder.load(block);
    long[] values = decoder.longs;
    int a = 0;
    int b = decoder.blockRows - 1;
    while (a <= b) {
      int mid = (a + b) >>> 1;
      if (values[mid] < target) {
        a = mid + 1;
      } else {
        b = mid - 1;
      }
    }
    return decoder.blockStart + a;
  }
}
