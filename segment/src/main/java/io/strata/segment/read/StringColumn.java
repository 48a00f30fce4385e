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
 * dictionary, and one Roaring bitmap per value mapped without copying. It is also the column's
 * {@link StringValueIndex}.
 *
 * <p><b>Decoded dictionary.</b> The first {@link #lookupName} (or {@link #indexOf}) decodes the whole dictionary
 * into one {@code String[]}, built once under this column's lock and published through a volatile field; from
 * then on a lookup is an array read. The values are canonicalized with {@link String#intern()}, so every caller,
 * on any thread, for the life of the segment, and across segments, gets the same {@code String} object for the
 * same value: engines merging groups of several segments compare keys by identity ({@code Objects.equals} checks
 * {@code ==} first) and hash each value once (the hash is cached in the shared object), and a value present in
 * many segments is on the heap once. The JVM's string table holds interned strings weakly, so values leave the
 * heap once no segment caches them. The heap this takes is bounded by the process-wide {@link DictionaryCache}
 * budget (by default an eighth of the heap, counting about 48 bytes plus the UTF-8 length per value); a column that
 * does not fit decodes each lookup from the mapping instead, as does every column while the budget is exhausted.
 * The memory is given back when the segment is unmapped ({@link #releaseCache}). {@link #dictionary()} (merging)
 * copies the cached array when there is one but never builds it, so merges do not fill the cache.
 *
 * <p>Immutable apart from that cache, and thread-safe.
 */
final class StringColumn implements StringValueIndex {

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
  /** Estimated heap bytes of the decoded dictionary. */
  private final long cacheBytes;
  /** The decoded dictionary, once built. */
  private volatile String[] cache;
  /** True once the cache may not be built: over budget at the first try, or the segment is released. */
  private volatile boolean uncached;
  /** Bytes reserved from {@link DictionaryCache} for {@link #cache}; guarded by this. */
  private long reserved;

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
    this.cacheBytes = DictionaryCache.bytesFor(cardinality, data.getInt(dictOffsets + 4 * cardinality));
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

  /**
   * Decodes the ids of the listed (ascending) rows into {@code out[0, n)}: rows close together through one range
   * decode of their span into {@code spanScratch}, rows far apart one by one.
   */
  void ids(int[] rows, int n, int[] out, int[] spanScratch) {
    if (bits == 0) {
      Arrays.fill(out, 0, n, 0);
      return;
    }
    if (n == 0) {
      return;
    }
    int first = rows[0];
    int span = rows[n - 1] - first + 1;
    if (span <= spanScratch.length && span <= 4 * n) {
      ids(first, span, spanScratch);
      for (int i = 0; i < n; i++) {
        out[i] = spanScratch[rows[i] - first];
      }
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
    String[] c = cache;
    if (c != null && id >= 0 && id < c.length) {
      return c[id];
    }
    return lookupUncached(id);
  }

  private String lookupUncached(int id) {
    if (id < 0 || id >= cardinality) {
      throw new IndexOutOfBoundsException("id " + id + " outside the dictionary of [" + column + "] ("
          + cardinality + " values)");
    }
    if (!uncached) {
      String[] c = buildCache();
      if (c != null) {
        return c[id];
      }
    }
    return hasNull && id == 0 ? null : decode(id);
  }

  /** Builds the decoded dictionary once, if the budget allows; null if it does not. */
  private synchronized String[] buildCache() {
    String[] c = cache;
    if (c != null || uncached) {
      return c;
    }
    if (!DictionaryCache.reserve(cacheBytes)) {
      uncached = true;
      return null;
    }
    try {
      c = decodeAll(true);
    } catch (RuntimeException | Error e) {
      DictionaryCache.release(cacheBytes);
      throw e;
    }
    reserved = cacheBytes;
    cache = c;
    return c;
  }

  /**
   * Drops the decoded dictionary and gives its bytes back to the budget; called once the segment's files are
   * unmapped (nothing may look values up after that). Idempotent.
   */
  synchronized void releaseCache() {
    uncached = true;
    cache = null;
    if (reserved > 0) {
      DictionaryCache.release(reserved);
      reserved = 0;
    }
  }

  /** True if the decoded dictionary is on the heap. */
  boolean cached() {
    return cache != null;
  }

  /** Decodes every value; {@code canonical}: through {@link String#intern()} (see the class comment). */
  private String[] decodeAll(boolean canonical) {
    String[] out = new String[cardinality];
    for (int i = hasNull ? 1 : 0; i < cardinality; i++) {
      String v = decode(i);
      out[i] = canonical ? v.intern() : v;
    }
    return out;
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

  /**
   * The whole dictionary on the heap, null first if present, as a fresh array (for merging): a copy of the cached
   * one if there is one; otherwise decoded without building the cache.
   */
  String[] dictionary() {
    String[] c = cache;
    return c != null ? c.clone() : decodeAll(false);
  }
}
