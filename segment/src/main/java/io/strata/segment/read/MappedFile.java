package io.strata.segment.read;

import io.strata.segment.format.CorruptSegmentException;
import io.strata.segment.format.Framing;
import io.strata.segment.format.SegmentFormatException;
import io.strata.segment.format.SegmentFormatV1;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One segment file, memory-mapped read-only and checked: header (magic, codec, version), footer and, if asked, the
 * CRC32C of the whole file. {@link #data} is little-endian and only ever read with absolute accessors, so it is
 * shared by all threads without copies.
 */
final class MappedFile {
  final String name;
  final ByteBuffer data;
  /** Offset of the first body byte (after the header). */
  final int bodyStart;
  /** Offset of the first trailer field. */
  final int trailer;

  private MappedFile(String name, ByteBuffer data, int bodyStart, int trailer) {
    this.name = name;
    this.data = data;
    this.bodyStart = bodyStart;
    this.trailer = trailer;
  }

  /**
   * Maps and checks {@code path}.
   *
   * @param expectedSize the size recorded in the segment metadata, or -1 if unknown
   */
  static MappedFile open(Path path, String codec, int minTrailerLength, long expectedSize, boolean verifyChecksum)
      throws IOException {
    String name = path.getParent().getFileName() + "/" + path.getFileName();
    MappedByteBuffer mapped;
    try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
      long size = ch.size();
      if (size > SegmentFormatV1.MAX_FILE_BYTES) {
        throw new CorruptSegmentException("segment file " + name + " is " + size + " bytes, more than format v1 "
            + "allows");
      }
      if (expectedSize >= 0 && size != expectedSize) {
        throw new CorruptSegmentException("segment file " + name + " is " + size + " bytes but the segment "
            + "metadata says " + expectedSize + " (truncated or replaced)");
      }
      mapped = ch.map(FileChannel.MapMode.READ_ONLY, 0, size);
    }
    mapped.order(ByteOrder.LITTLE_ENDIAN);
    try {
      int bodyStart = Framing.checkHeader(mapped, name, codec);
      Framing.checkFooter(mapped, name, verifyChecksum);
      int trailer = Framing.trailerOffset(mapped, name, bodyStart, minTrailerLength);
      return new MappedFile(name, mapped, bodyStart, trailer);
    } catch (SegmentFormatException | RuntimeException e) {
      Unmapper.unmap(mapped);
      throw e;
    }
  }

  /** Checks that {@code [offset, offset + length)} lies within the body. */
  int checkRange(long offset, long length, String what) throws CorruptSegmentException {
    if (offset < bodyStart || length < 0 || offset + length > trailer) {
      throw new CorruptSegmentException("damaged segment file " + name + ": " + what + " at " + offset
          + " (+" + length + ") lies outside the file body");
    }
    return (int) offset;
  }

  void unmap() {
    Unmapper.unmap(data);
  }
}
