package io.strata.segment.read;

import io.strata.api.data.StringValueIndex;
import io.strata.segment.format.CorruptSegmentException;
import io.strata.segment.format.PackedInts;
import io.strata.segment.format.SegmentFormatV1;
import org.roaringbitmap.buffer.ImmutableRoaringBitmap;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A mapped string column (layout in {@link SegmentFormatV1}): bit-packed dictionary ids read in place, the sorted
 * dictionary, and one Roaring bitmap per value mapped without copying. Immutable apart from a small cache of
 * decoded values, and thread-safe; it is also the column's {@link StringValueIndex}.
 */
final class StringColumn implements StringValueIndex {
  /** Dictionaries up to this size keep decoded values on the heap once looked up. */
  private static final int CACHE_LIMIT = 1 << 16;

  final String column;
  final int numRows;
  final int cardinality;
  final boolean hasNull;
  private final ByteBuffer data;
  private final int bits;
  private final long mask;
  private final int idsOffset;
  private final int dictOffsets;
  private final int dictBytes;
  private final int bitmapOffsets;
  private final int bitmapBytes;
  private volatile String[] cache;

  private StringColumn(String column, MappedFile file, int numRows, int cardinality, int bits, boolean hasNull,
                       int idsOffset, int dictOffsets, int dictBytes, int bitmapOffsets, int bitmapBytes) {
    this.column = column;
    this.data = file.data;
    this.numRows = numRows;
    this.cardinality = cardinality;
    this.bits = bits;
    this.mask = PackedInts.mask(bits);
    this.hasNull = hasNull;
    this.idsOffset = idsOffset;
    this.dictOffsets = dictOffsets;
    this.dictBytes = dictBytes;
    this.bitmapOffsets = bitmapOffsets;
    this.bitmapBytes = bitmapBytes;
  }

  /** Reads the trailer of {@code file} and checks its sections. */
  static StringColumn open(String column, MappedFile file, int expectedRows) throws CorruptSegmentException {
    ByteBuffer d = file.data;
    int t = file.trailer;
    int numRows = d.getInt(t);
    int cardinality = d.getInt(t + 4);
    int bits = d.getInt(t + 8);
    int flags = d.getInt(t + 12);
    long idsOffset = d.getLong(t + 16);
    long dictOffset = d.getLong(t + 24);
    long bitmapsOffset = d.getLong(t + 32);
    long bitmapsLength = d.getLong(t + 40);
    if (numRows != expectedRows || cardinality < 0 || bits != PackedInts.bitsRequired(Math.max(cardinality - 1, 0))
        || (numRows > 0 && cardinality == 0)) {
      throw new CorruptSegmentException("damaged segment file " + file.name + ": column [" + column + "] has "
          + numRows + " rows, cardinality " + cardinality + ", " + bits + " bits per id; expected " + expectedRows
          + " rows");
    }
    int ids = file.checkRange(idsOffset, 8 * PackedInts.numWords(numRows, bits), "ids");
    int dict = file.checkRange(dictOffset, 4L * (cardinality + 2), "dictionary");
    if (d.getInt(dict) != cardinality) {
      throw new CorruptSegmentException("damaged segment file " + file.name + ": dictionary size differs");
    }
    int dictBytes = dict + 4 + 4 * (cardinality + 1);
    file.checkRange(dictBytes, d.getInt(dict + 4 + 4 * cardinality), "dictionary values");
    int bitmapBytes = file.checkRange(bitmapsOffset, bitmapsLength, "bitmaps");
    long tableLength = 4L * (cardinality + 1);
    int bitmaps = (int) (bitmapBytes + bitmapsLength - tableLength);
    if (bitmapsLength < tableLength || d.getInt(bitmaps + 4 * cardinality) != bitmapsLength - tableLength) {
      throw new CorruptSegmentException("damaged segment file " + file.name + ": bitmap section size differs");
    }
    boolean hasNull = (flags & SegmentFormatV1.FLAG_HAS_NULL_VALUE) != 0;
    return new StringColumn(column, file, numRows, cardinality, bits, hasNull, ids, dict + 4, dictBytes, bitmaps,
        bitmapBytes);
  }

  /** The dictionary id of one row (random access into the packed stream). */
  int id(int row) {
    if (bits == 0) {
      return 0;
    }
    long bitPos = (long) row * bits;
    int word = idsOffset + (int) ((bitPos >>> 6) << 3);
    int shift = (int) (bitPos & 63);
    long lo = data.getLong(word) >>> shift;
    long hi = (data.getLong(word + 8) << 1) << (63 - shift);
    return (int) ((lo | hi) & mask);
  }

  /** Decodes the ids of rows {@code [start, start + n)} into {@code out[0, n)}, reading each word once. */
  void ids(int start, int n, int[] out) {
    if (bits == 0) {
      Arrays.fill(out, 0, n, 0);
      return;
    }
    int b = bits;
    long m = mask;
    long bitPos = (long) start * b;
    int word = idsOffset + (int) ((bitPos >>> 6) << 3);
    int shift = (int) (bitPos & 63);
    ByteBuffer d = data;
    long cur = d.getLong(word);
    for (int i = 0; i < n; i++) {
      long v = cur >>> shift;
      shift += b;
      if (shift >= 64) {
        word += 8;
        cur = d.getLong(word);
        shift -= 64;
        if (shift > 0) {
          v |= cur << (b - shift);
        }
      }
      out[i] = (int) (v & m);
    }
  }

  /** Decodes the ids of the listed rows into {@code out[0, n)}. */
  void ids(int[] rows, int n, int[] out) {
    if (bits == 0) {
      Arrays.fill(out, 0, n, 0);
      return;
    }
    for (int i = 0; i < n; i++) {
      out[i] = id(rows[i]);
    }
  }

  @Override
  public int cardinality() {
    return cardinality;
  }

  @Override
  public String lookupName(int id) {
    if (id < 0 || id >= cardinality) {
      throw new IndexOutOfBoundsException("id " + id + " outside the dictionary of [" + column + "] ("
          + cardinality + " values)");
    }
    if (hasNull && id == 0) {
      return null;
    }
    if (cardinality > CACHE_LIMIT) {
      return decode(id);
    }
    String[] c = cache;
    if (c == null) {
      c = new String[cardinality];
      cache = c;
    }
    String s = c[id];
    if (s == null) {
      s = decode(id);
      c[id] = s;
    }
    return s;
  }

  private String decode(int id) {
    int from = data.getInt(dictOffsets + (id << 2));
    int to = data.getInt(dictOffsets + ((id + 1) << 2));
    byte[] bytes = new byte[to - from];
    data.get(dictBytes + from, bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  @Override
  public int indexOf(String value) {
    if (value == null) {
      return hasNull ? 0 : -1;
    }
    int lo = hasNull ? 1 : 0;
    int hi = cardinality - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int c = lookupName(mid).compareTo(value);
      if (c < 0) {
        lo = mid + 1;
      } else if (c > 0) {
        hi = mid - 1;
      } else {
        return mid;
      }
    }
    return -(lo + 1);
  }

  @Override
  public ImmutableRoaringBitmap bitmap(int id) {
    if (id < 0 || id >= cardinality) {
      throw new IndexOutOfBoundsException("id " + id + " outside the dictionary of [" + column + "] ("
          + cardinality + " values)");
    }
    int from = data.getInt(bitmapOffsets + (id << 2));
    int to = data.getInt(bitmapOffsets + ((id + 1) << 2));
    return new ImmutableRoaringBitmap(data.slice(bitmapBytes + from, to - from));
  }

  /** The whole dictionary on the heap, null first if present (for merging). */
  String[] dictionary() {
    String[] out = new String[cardinality];
    for (int i = 0; i < cardinality; i++) {
      out[i] = lookupName(i);
    }
    return out;
  }
}
