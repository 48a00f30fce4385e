package io.strata.segment.write;

import io.strata.segment.format.PackedInts;
import io.strata.segment.format.SegmentFormatV1;
import org.roaringbitmap.RoaringBitmap;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Streams one string column: each row's dictionary id is bit-packed into a scratch file as it arrives and counted.
 * At the end the column file is assembled: ids (re-packed if some input dictionary values never occurred, so the
 * stored dictionary and cardinality are exact), dictionary, then one Roaring bitmap per value. Bitmaps are built
 * from the scratch ids in passes over runs of consecutive ids, each pass placing the row numbers of its ids in a
 * buffer of at most {@link #CHUNK_ROWS} rows by default (a counting sort, so each id's rows are in increasing
 * order), then building, serializing and dropping one bitmap at a time. Heap use is therefore the input
 * dictionary, a count per value and the bounded row buffer, whatever the row count or cardinality. A column whose
 * ids are all in memory already ({@link #ofIds}, from a persist of the in-memory index) skips the scratch file:
 * its ids are packed and its bitmaps built straight from the array, giving the same file. Not thread-safe.
 */
final class StringColumnWriter {
  /** Default for the most row numbers held in memory while bitmaps are built (16 MiB of ints). */
  static final int CHUNK_ROWS = 1 << 22;
  /**
   * Roaring's portable format (RoaringFormatSpec), for bitmaps of one array container: the cookie of a bitmap
   * without run containers, the container count, then per container its key and cardinality - 1 (two 16-bit
   * values) and its offset, then the container's values as 16-bit little-endian numbers.
   */
  private static final int ROARING_COOKIE_NO_RUN_CONTAINER = 12346;
  private static final int ROARING_ONE_ARRAY_HEADER = 4 + 4 + 4 + 4;
  /** The most values a Roaring array container holds; larger containers are bitmaps. */
  private static final int ROARING_ARRAY_MAX = 4096;

  private final Path file;
  private final Path scratch;
  private final String column;
  private final String[] dictionary;
  private final int bits;
  private final int[] counts;
  private final int chunkRows;
  /** Streaming mode: the scratch file of packed ids and its writer; null when the ids are in memory. */
  private final ChecksumOutput idsOut;
  private final PackedIntsWriter ids;
  /** In-memory mode: every row's id; null when streaming. */
  private final int[] memoryIds;
  private int rows;
  private ChecksumOutput out;

  /** Result of {@link #finish()}. */
  record Result(long sizeBytes, boolean hasNulls, int cardinality) {
  }

  StringColumnWriter(Path file, String column, String[] dictionary, int chunkRows) throws IOException {
    checkSorted(column, dictionary);
    this.chunkRows = chunkRows;
    this.file = file;
    this.scratch = file.resolveSibling(file.getFileName() + ".ids");
    this.column = column;
    this.dictionary = dictionary;
    this.bits = PackedInts.bitsRequired(Math.max(dictionary.length - 1, 0));
    this.counts = new int[dictionary.length];
    this.idsOut = new ChecksumOutput(scratch);
    this.ids = new PackedIntsWriter(idsOut, bits);
    this.memoryIds = null;
  }

  private StringColumnWriter(Path file, String column, String[] dictionary, int chunkRows, int[] ids, int rows) {
    checkSorted(column, dictionary);
    this.chunkRows = chunkRows;
    this.file = file;
    this.scratch = null;
    this.column = column;
    this.dictionary = dictionary;
    this.bits = PackedInts.bitsRequired(Math.max(dictionary.length - 1, 0));
    this.counts = new int[dictionary.length];
    this.idsOut = null;
    this.ids = null;
    this.memoryIds = ids;
    for (int r = 0; r < rows; r++) {
      int id = ids[r];
      checkId(id, r);
      counts[id]++;
    }
    this.rows = rows;
  }

  /**
   * A writer of a column whose ids are all in memory, {@code ids[0, rows)} (kept, not copied); call
   * {@link #finish()} to write the file. No scratch file: the ids are packed and the bitmaps built straight from the
   * array. Writes the same file as streaming the ids through {@link #add}.
   */
  static StringColumnWriter ofIds(Path file, String column, String[] dictionary, int[] ids, int rows,
                                  int chunkRows) {
    return new StringColumnWriter(file, column, dictionary, chunkRows, ids, rows);
  }

  void add(int id) throws IOException {
    checkId(id, rows);
    ids.add(id);
    counts[id]++;
    rows++;
  }

  private void checkId(int id, int row) {
    if (id < 0 || id >= dictionary.length) {
      throw new IllegalArgumentException("dictionary id " + id + " of column [" + column + "] at row " + row
          + " is outside its dictionary of " + dictionary.length + " values");
    }
  }

  Result finish() throws IOException {
    if (memoryIds == null) {
      ids.finish();
      idsOut.finishRaw();
    }
    int[] remap = new int[dictionary.length];
    int cardinality = 0;
    for (int i = 0; i < dictionary.length; i++) {
      remap[i] = counts[i] == 0 ? -1 : cardinality++;
    }
    boolean hasNull = dictionary.length > 0 && dictionary[0] == null && counts[0] > 0;
    int newBits = PackedInts.bitsRequired(Math.max(cardinality - 1, 0));
    out = ChecksumOutput.withHeader(file, SegmentFormatV1.STRING_CODEC);
    long idsOffset = out.position();
    if (memoryIds != null) {
      PackedIntsWriter packed = new PackedIntsWriter(out, newBits);
      for (int r = 0; r < rows; r++) {
        packed.add(remap[memoryIds[r]]);
      }
      packed.finish();
    } else if (cardinality == dictionary.length) {
      copyScratch();
    } else {
      repack(remap, newBits);
    }
    out.align8();
    long dictionaryOffset = out.position();
    writeDictionary(cardinality);
    out.align8();
    long bitmapsOffset = out.position();
    writeBitmaps(cardinality);
    long bitmapsLength = out.position() - bitmapsOffset;
    if (scratch != null) {
      Files.delete(scratch);
    }
    out.writeInt(rows);
    out.writeInt(cardinality);
    out.writeInt(newBits);
    out.writeInt(hasNull ? SegmentFormatV1.FLAG_HAS_NULL_VALUE : 0);
    out.writeLong(idsOffset);
    out.writeLong(dictionaryOffset);
    out.writeLong(bitmapsOffset);
    out.writeLong(bitmapsLength);
    long size = out.finish(SegmentFormatV1.STRING_TRAILER_LENGTH);
    return new Result(size, hasNull, cardinality);
  }

  void abort() throws IOException {
    if (idsOut != null) {
      idsOut.close();
    }
    if (out != null) {
      out.close();
    }
  }

  private void copyScratch() throws IOException {
    byte[] chunk = new byte[1 << 16];
    ByteBuffer buf = ByteBuffer.wrap(chunk);
    try (FileChannel in = FileChannel.open(scratch, StandardOpenOption.READ)) {
      int n;
      while ((n = in.read(buf.clear())) > 0) {
        out.writeBytes(chunk, 0, n);
      }
    }
  }

  /** Re-packs the scratch ids through {@code remap} at {@code newBits} bits per value. */
  private void repack(int[] remap, int newBits) throws IOException {
    PackedIntsWriter packed = new PackedIntsWriter(out, newBits);
    try (IdScanner scan = new IdScanner(scratch, bits)) {
      for (int r = 0; r < rows; r++) {
        packed.add(remap[scan.next()]);
      }
    }
    packed.finish();
  }

  private void writeDictionary(int cardinality) throws IOException {
    // Each used value is encoded once: the offsets come first in the file, so the bytes are kept until then.
    byte[][] encoded = new byte[cardinality][];
    int k = 0;
    for (int i = 0; i < dictionary.length; i++) {
      if (counts[i] > 0) {
        encoded[k++] = utf8(dictionary[i]);
      }
    }
    out.writeInt(cardinality);
    int offset = 0;
    out.writeInt(0);
    for (byte[] b : encoded) {
      offset += b.length;
      out.writeInt(offset);
    }
    for (byte[] b : encoded) {
      out.writeBytes(b, 0, b.length);
    }
  }

  /**
   * Writes the bitmap of every used value, then their offsets. Values are taken in runs whose rows fit
   * {@code chunkRows}; a value with more rows than that gets a run of its own, built by streaming adds.
   */
  private void writeBitmaps(int cardinality) throws IOException {
    long start = out.position();
    int[] offsets = new int[cardinality + 1];
    int written = 0;
    int capacity = Math.max(1, Math.min(rows, chunkRows));
    int[] rowBuffer = null;
    ByteBuffer serialized = ByteBuffer.allocate(1024);
    int lo = 0;
    while (lo < dictionary.length) {
      if (counts[lo] == 0) {
        lo++;
        continue;
      }
      int hi = lo + 1;
      long total = counts[lo];
      while (hi < dictionary.length && total + counts[hi] <= capacity) {
        total += counts[hi++];
      }
      if (total > capacity) {
        serialized = write(streamBitmap(lo), serialized);
        offsets[++written] = (int) (out.position() - start);
      } else {
        if (rowBuffer == null) {
          rowBuffer = new int[capacity];
        }
        int[] next = sortRows(lo, hi, rowBuffer);
        int from = 0;
        for (int id = lo; id < hi; id++) {
          if (counts[id] == 0) {
            continue;
          }
          serialized = writeRows(rowBuffer, from, counts[id], serialized);
          from = next[id - lo];
          offsets[++written] = (int) (out.position() - start);
        }
      }
      lo = hi;
    }
    if (written != cardinality) {
      throw new IllegalStateException("wrote " + written + " bitmaps for " + cardinality + " values of [" + column
          + "]");
    }
    for (int o : offsets) {
      out.writeInt(o);
    }
  }

  /** Places the rows of ids {@code [lo, hi)} in {@code buffer}, grouped by id, ascending; returns group ends. */
  private int[] sortRows(int lo, int hi, int[] buffer) throws IOException {
    int[] next = new int[hi - lo];
    int pos = 0;
    for (int id = lo; id < hi; id++) {
      next[id - lo] = pos;
      pos += counts[id];
    }
    if (memoryIds != null) {
      for (int r = 0; r < rows; r++) {
        int id = memoryIds[r];
        if (id >= lo && id < hi) {
          buffer[next[id - lo]++] = r;
        }
      }
      return next;
    }
    try (IdScanner scan = new IdScanner(scratch, bits)) {
      for (int r = 0; r < rows; r++) {
        int id = scan.next();
        if (id >= lo && id < hi) {
          buffer[next[id - lo]++] = r;
        }
      }
    }
    return next;
  }

  private RoaringBitmap streamBitmap(int id) throws IOException {
    RoaringBitmap b = new RoaringBitmap();
    if (memoryIds != null) {
      for (int r = 0; r < rows; r++) {
        if (memoryIds[r] == id) {
          b.add(r);
        }
      }
      return b;
    }
    try (IdScanner scan = new IdScanner(scratch, bits)) {
      for (int r = 0; r < rows; r++) {
        if (scan.next() == id) {
          b.add(r);
        }
      }
    }
    return b;
  }

  /** Writes the bitmap of the {@code count} ascending row numbers at {@code rows[from]} (see {@link #serialize}). */
  private ByteBuffer writeRows(int[] rows, int from, int count, ByteBuffer scratchBuffer) throws IOException {
    ByteBuffer buf = serialize(rows, from, count, scratchBuffer);
    out.writeBytes(buf.array(), 0, buf.position());
    return buf;
  }

  /**
   * Serializes the bitmap of the {@code count} ascending row numbers at {@code rows[from]}, run-optimized, into
   * {@code scratchBuffer} (or a larger buffer, returned) from 0 to its position. When the rows fit one Roaring array
   * container that run-length encoding would not shrink (a value in a few rows, the common case in a column of many
   * values) the portable format is written directly, without building a bitmap; the bytes are the ones
   * RoaringBitmap writes ({@code StringColumnBitmapTest} compares them).
   */
  static ByteBuffer serialize(int[] rows, int from, int count, ByteBuffer scratchBuffer) {
    int to = from + count;
    int key = rows[from] >>> 16;
    if (count > ROARING_ARRAY_MAX || rows[to - 1] >>> 16 != key || 2 * count > 2 + 4 * runs(rows, from, to)) {
      RoaringBitmap b = new RoaringBitmap();
      b.addN(rows, from, count);
      return serialize(b, scratchBuffer);
    }
    ByteBuffer buf = ensure(scratchBuffer, ROARING_ONE_ARRAY_HEADER + 2 * count);
    buf.putInt(ROARING_COOKIE_NO_RUN_CONTAINER).putInt(1);
    buf.putChar((char) key).putChar((char) (count - 1));
    buf.putInt(ROARING_ONE_ARRAY_HEADER);
    for (int i = from; i < to; i++) {
      buf.putChar((char) rows[i]);
    }
    return buf;
  }

  /** {@code buf}, or a larger one if it holds fewer than {@code size} bytes, cleared and little-endian. */
  private static ByteBuffer ensure(ByteBuffer buf, int size) {
    ByteBuffer b = buf.capacity() >= size ? buf : ByteBuffer.allocate(Math.max(size, buf.capacity() * 2));
    b.clear();
    return b.order(ByteOrder.LITTLE_ENDIAN);
  }

  /** Runs of consecutive numbers in the ascending {@code rows[from, to)}. */
  private static int runs(int[] rows, int from, int to) {
    int runs = 1;
    for (int i = from + 1; i < to; i++) {
      if (rows[i] != rows[i - 1] + 1) {
        runs++;
      }
    }
    return runs;
  }

  /** Serializes {@code b} (run-optimized) to the output; returns the scratch buffer, grown if needed. */
  private ByteBuffer write(RoaringBitmap b, ByteBuffer scratchBuffer) throws IOException {
    ByteBuffer buf = serialize(b, scratchBuffer);
    out.writeBytes(buf.array(), 0, buf.position());
    return buf;
  }

  /**
   * Serializes {@code b}, run-optimized, into {@code scratchBuffer} (or a larger buffer, returned) from 0 to its
   * position. Bitmaps are built on the heap classes, which are faster to fill than the buffer ones; both serialize
   * to the same portable format, which readers map as {@code ImmutableRoaringBitmap}s.
   */
  private static ByteBuffer serialize(RoaringBitmap b, ByteBuffer scratchBuffer) {
    b.runOptimize();
    ByteBuffer buf = ensure(scratchBuffer, b.serializedSizeInBytes());
    b.serialize(buf);
    return buf;
  }

  private static byte[] utf8(String s) {
    return s == null ? new byte[0] : s.getBytes(StandardCharsets.UTF_8);
  }

  private static void checkSorted(String column, String[] dictionary) {
    for (int i = 1; i < dictionary.length; i++) {
      String prev = dictionary[i - 1];
      String cur = dictionary[i];
      if (cur == null || (prev != null && prev.compareTo(cur) >= 0)) {
        throw new IllegalArgumentException("dictionary of column [" + column + "] is not strictly ascending with "
            + "null first at id " + i + ": [" + prev + "] then [" + cur + "]");
      }
    }
  }

  /** Decodes the scratch file's packed ids in row order. */
  private static final class IdScanner implements AutoCloseable {
    private final FileChannel in;
    private final ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
    private final int bits;
    private final long mask;
    private long word;
    private int shift;

    IdScanner(Path file, int bits) throws IOException {
      this.in = FileChannel.open(file, StandardOpenOption.READ);
      this.bits = bits;
      this.mask = PackedInts.mask(bits);
      buf.flip();
      if (bits > 0) {
        word = nextWord();
      }
    }

    int next() throws IOException {
      if (bits == 0) {
        return 0;
      }
      long v = word >>> shift;
      shift += bits;
      if (shift >= 64) {
        word = nextWord();
        shift -= 64;
        if (shift > 0) {
          v |= word << (bits - shift);
        }
      }
      return (int) (v & mask);
    }

    private long nextWord() throws IOException {
      if (buf.remaining() < Long.BYTES) {
        buf.compact();
        while (buf.position() < Long.BYTES) {
          if (in.read(buf) < 0) {
            throw new IOException("scratch id file ended early");
          }
        }
        buf.flip();
      }
      return buf.getLong();
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
