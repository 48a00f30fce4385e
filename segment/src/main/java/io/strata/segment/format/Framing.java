package io.strata.segment.format;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * The header, trailer-length and footer framing shared by every segment file (see {@link SegmentFormatV1}): the
 * writer asks for the header bytes, the reader checks a mapped file against them. Internal to the segment module.
 */
public final class Framing {
  private Framing() {
  }

  /** The header of a file of {@code codec}, zero-padded to a multiple of 8 bytes. */
  public static byte[] header(String codec) {
    byte[] name = codec.getBytes(StandardCharsets.US_ASCII);
    if (name.length > 255) {
      throw new IllegalArgumentException("codec name too long: " + codec);
    }
    int unpadded = 4 + 1 + name.length + 4;
    ByteBuffer b = ByteBuffer.allocate(align8(unpadded)).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(SegmentFormatV1.MAGIC).put((byte) name.length).put(name).putInt(SegmentFormatV1.VERSION_CURRENT);
    return b.array();
  }

  /**
   * Checks the header of {@code file} (little-endian, position 0 = file start).
   *
   * @return the header length, where the body starts
   */
  public static int checkHeader(ByteBuffer file, String fileName, String expectedCodec)
      throws SegmentFormatException {
    int size = file.limit();
    if (size < 4 + 1 + 4 + SegmentFormatV1.FOOTER_LENGTH) {
      throw new CorruptSegmentException("truncated segment file " + fileName + ": " + size + " bytes");
    }
    int magic = file.getInt(0);
    if (magic != SegmentFormatV1.MAGIC) {
      throw new CorruptSegmentException(String.format("segment format mismatch: actual=0x%08x expected=0x%08x "
          + "(magic of %s; not a Strata segment file)", magic, SegmentFormatV1.MAGIC, fileName));
    }
    int nameLen = file.get(4) & 0xFF;
    if (4 + 1 + nameLen + 4 > size) {
      throw new CorruptSegmentException("truncated segment file " + fileName + ": header runs past the end");
    }
    byte[] name = new byte[nameLen];
    file.get(5, name);
    String codec = new String(name, StandardCharsets.US_ASCII);
    if (!codec.equals(expectedCodec)) {
      throw new CorruptSegmentException("segment format mismatch: actual=" + codec + " expected=" + expectedCodec
          + " (in " + fileName + ")");
    }
    int version = file.getInt(5 + nameLen);
    if (version < SegmentFormatV1.VERSION_START) {
      throw new SegmentFormatTooOldException(fileName, version);
    }
    if (version > SegmentFormatV1.VERSION_CURRENT) {
      throw new SegmentFormatTooNewException(fileName, version);
    }
    return align8(4 + 1 + nameLen + 4);
  }

  /** Checks the footer magic and algorithm and, if asked, the CRC32C of everything before the checksum. */
  public static void checkFooter(ByteBuffer file, String fileName, boolean verifyChecksum)
      throws SegmentFormatException {
    int size = file.limit();
    int footer = size - SegmentFormatV1.FOOTER_LENGTH;
    int footerMagic = file.getInt(footer);
    if (footerMagic != SegmentFormatV1.FOOTER_MAGIC) {
      throw new CorruptSegmentException(String.format("truncated or damaged segment file %s: footer magic "
          + "actual=0x%08x expected=0x%08x", fileName, footerMagic, SegmentFormatV1.FOOTER_MAGIC));
    }
    int algorithm = file.getInt(footer + 4);
    if (algorithm != SegmentFormatV1.CHECKSUM_CRC32C) {
      throw new CorruptSegmentException("unknown checksum algorithm " + algorithm + " in " + fileName);
    }
    if (verifyChecksum) {
      long expected = file.getLong(footer + 8);
      CRC32C crc = new CRC32C();
      crc.update(file.duplicate().position(0).limit(footer + 8));
      long actual = crc.getValue();
      if (actual != expected) {
        throw new CorruptSegmentException(String.format("checksum mismatch in %s: actual=0x%08x expected=0x%08x",
            fileName, actual, expected));
      }
    }
  }

  /**
   * Locates the trailer fields, which end right before the int32 trailer length that precedes the footer.
   *
   * @param minLength the least trailer length this reader needs (newer writers may append fields)
   * @return the offset of the first trailer field
   */
  public static int trailerOffset(ByteBuffer file, String fileName, int headerLength, int minLength)
      throws SegmentFormatException {
    int lengthPos = file.limit() - SegmentFormatV1.FOOTER_LENGTH - 4;
    if (lengthPos < headerLength) {
      throw new CorruptSegmentException("truncated segment file " + fileName + ": no trailer");
    }
    int length = file.getInt(lengthPos);
    if (length < minLength || lengthPos - length < headerLength) {
      throw new CorruptSegmentException("damaged segment file " + fileName + ": trailer length " + length
          + " (need at least " + minLength + ")");
    }
    return lengthPos - length;
  }

  /** {@code n} rounded up to a multiple of 8. */
  public static int align8(int n) {
    return (n + 7) & ~7;
  }
}
