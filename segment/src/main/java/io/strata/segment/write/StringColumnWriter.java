package io.strata.segment.write;

import io.strata.segment.format.PackedInts;
import io.strata.segment.format.SegmentFormatV1;
import org.roaringbitmap.buffer.MutableRoaringBitmap;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Streams one string column: each row's dictionary id is bit-packed into a scratch file as it arrives and added
 * to the Roaring bitmap of its value (row numbers arrive in increasing order, so every add is an append). At the
 * end the column file is assembled: ids (re-packed if some input dictionary values never occurred, so the stored
 * dictionary and cardinality are exact), dictionary, bitmaps. Heap use is the input dictionary plus the bitmaps.
 * Not thread-safe.
 */
final class StringColumnWriter {
  private final Path file;
  private final Path scratch;
  private final String column;
  private final String[] dictionary;
  private final int bits;
  private final MutableRoaringBitmap[] bitmaps;
  private final ChecksumOutput idsOut;
  private final PackedIntsWriter ids;
  private int rows;
  private ChecksumOutput out;

  /** Result of {@link #finish()}. */
  record Result(long sizeBytes, boolean hasNulls, int cardinality) {
  }

  StringColumnWriter(Path file, String column, String[] dictionary) throws IOException {
    checkSorted(column, dictionary);
    this.file = file;
    this.scratch = file.resolveSibling(file.getFileName() + ".ids");
    this.column = column;
    this.dictionary = dictionary;
    this.bits = PackedInts.bitsRequired(Math.max(dictionary.length - 1, 0));
    this.bitmaps = new MutableRoaringBitmap[dictionary.length];
    this.idsOut = new ChecksumOutput(scratch);
    this.ids = new PackedIntsWriter(idsOut, bits);
  }

  void add(int id) throws IOException {
    if (id < 0 || id >= dictionary.length) {
      throw new IllegalArgumentException("dictionary id " + id + " of column [" + column + "] at row " + rows
          + " is outside its dictionary of " + dictionary.length + " values");
    }
    ids.add(id);
    MutableRoaringBitmap b = bitmaps[id];
    if (b == null) {
      b = new MutableRoaringBitmap();
      bitmaps[id] = b;
    }
    b.add(rows++);
  }

  Result finish() throws IOException {
    ids.finish();
    idsOut.finishRaw();
    int[] remap = new int[dictionary.length];
    int cardinality = 0;
    for (int i = 0; i < dictionary.length; i++) {
      remap[i] = bitmaps[i] == null ? -1 : cardinality++;
    }
    boolean hasNull = dictionary.length > 0 && dictionary[0] == null && bitmaps[0] != null;
    int newBits = PackedInts.bitsRequired(Math.max(cardinality - 1, 0));
    out = ChecksumOutput.withHeader(file, SegmentFormatV1.STRING_CODEC);
    long idsOffset = out.position();
    if (cardinality == dictionary.length) {
      copyScratch();
    } else {
      repack(remap, newBits);
    }
    Files.delete(scratch);
    out.align8();
    long dictionaryOffset = out.position();
    writeDictionary(cardinality);
    out.align8();
    long bitmapsOffset = out.position();
    writeBitmaps(cardinality);
    long bitmapsLength = out.position() - bitmapsOffset;
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
    idsOut.close();
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
    long mask = PackedInts.mask(bits);
    try (FileChannel in = FileChannel.open(scratch, StandardOpenOption.READ)) {
      WordReader words = new WordReader(in);
      long cur = bits == 0 ? 0 : words.next();
      int shift = 0;
      for (int r = 0; r < rows; r++) {
        int id = 0;
        if (bits > 0) {
          long v = cur >>> shift;
          shift += bits;
          if (shift >= 64) {
            cur = words.next();
            shift -= 64;
            if (shift > 0) {
              v |= cur << (bits - shift);
            }
          }
          id = (int) (v & mask);
        }
        packed.add(remap[id]);
      }
    }
    packed.finish();
  }

  private void writeDictionary(int cardinality) throws IOException {
    out.writeInt(cardinality);
    int offset = 0;
    out.writeInt(0);
    for (int i = 0; i < dictionary.length; i++) {
      if (bitmaps[i] != null) {
        offset += utf8(dictionary[i]).length;
        out.writeInt(offset);
      }
    }
    for (int i = 0; i < dictionary.length; i++) {
      if (bitmaps[i] != null) {
        byte[] b = utf8(dictionary[i]);
        out.writeBytes(b, 0, b.length);
      }
    }
  }

  private void writeBitmaps(int cardinality) throws IOException {
    int offset = 0;
    out.writeInt(0);
    for (MutableRoaringBitmap b : bitmaps) {
      if (b != null) {
        b.runOptimize();
        offset += b.serializedSizeInBytes();
        out.writeInt(offset);
      }
    }
    long start = out.position();
    ByteBuffer scratchBuffer = ByteBuffer.allocate(1024);
    for (int i = 0; i < bitmaps.length; i++) {
      MutableRoaringBitmap b = bitmaps[i];
      if (b == null) {
        continue;
      }
      int size = b.serializedSizeInBytes();
      if (scratchBuffer.capacity() < size) {
        scratchBuffer = ByteBuffer.allocate(Math.max(size, scratchBuffer.capacity() * 2));
      }
      scratchBuffer.clear();
      b.serialize(scratchBuffer);
      out.writeBytes(scratchBuffer.array(), 0, size);
      bitmaps[i] = null;
    }
    if (out.position() - start != offset) {
      throw new IllegalStateException("bitmap sizes changed while writing column [" + column + "]");
    }
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

  /** Sequential little-endian 64-bit words from a channel. */
  private static final class WordReader {
    private final FileChannel in;
    private final ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);

    WordReader(FileChannel in) {
      this.in = in;
      buf.flip();
    }

    long next() throws IOException {
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
  }
}
