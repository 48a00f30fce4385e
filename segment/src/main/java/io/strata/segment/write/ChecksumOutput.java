package io.strata.segment.write;

import io.strata.segment.format.Framing;
import io.strata.segment.format.SegmentFormatV1;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * A buffered, little-endian, append-only file writer that keeps a running CRC32C of everything written, so the
 * footer's checksum costs no second pass. Also used without header and footer for the writer's scratch files.
 * Not thread-safe.
 */
final class ChecksumOutput implements Closeable {
  private final Path path;
  private final FileChannel channel;
  private final ByteBuffer buffer = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
  private final CRC32C crc = new CRC32C();
  private long flushed;
  private boolean closed;

  ChecksumOutput(Path path) throws IOException {
    this.path = path;
    this.channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
  }

  /** Opens {@code path} and writes the header of {@code codec}. */
  static ChecksumOutput withHeader(Path path, String codec) throws IOException {
    ChecksumOutput out = new ChecksumOutput(path);
    byte[] header = Framing.header(codec);
    out.writeBytes(header, 0, header.length);
    return out;
  }

  Path path() {
    return path;
  }

  /** Bytes written so far: the offset the next write lands at. */
  long position() {
    return flushed + buffer.position();
  }

  void writeByte(int b) throws IOException {
    ensure(1);
    buffer.put((byte) b);
  }

  void writeInt(int v) throws IOException {
    ensure(Integer.BYTES);
    buffer.putInt(v);
  }

  void writeLong(long v) throws IOException {
    ensure(Long.BYTES);
    buffer.putLong(v);
  }

  void writeFloat(float v) throws IOException {
    ensure(Float.BYTES);
    buffer.putFloat(v);
  }

  void writeDouble(double v) throws IOException {
    ensure(Double.BYTES);
    buffer.putDouble(v);
  }

  void writeBytes(byte[] b, int off, int len) throws IOException {
    while (len > 0) {
      if (!buffer.hasRemaining()) {
        flush();
      }
      int n = Math.min(len, buffer.remaining());
      buffer.put(b, off, n);
      off += n;
      len -= n;
    }
  }

  /** Pads with zero bytes to a multiple of 8. */
  void align8() throws IOException {
    while ((position() & 7) != 0) {
      writeByte(0);
    }
  }

  /**
   * Writes {@code trailerLength} and the footer, forces the file to disk and closes it.
   *
   * @return the file's length
   */
  long finish(int trailerLength) throws IOException {
    writeInt(trailerLength);
    writeInt(SegmentFormatV1.FOOTER_MAGIC);
    writeInt(SegmentFormatV1.CHECKSUM_CRC32C);
    flush();
    buffer.putLong(crc.getValue());
    buffer.flip();
    writeFully();
    channel.force(true);
    close();
    return flushed;
  }

  /** Flushes and closes without a footer (scratch files). */
  void finishRaw() throws IOException {
    flush();
    close();
  }

  @Override
  public void close() throws IOException {
    if (!closed) {
      closed = true;
      channel.close();
    }
  }

  private void ensure(int bytes) throws IOException {
    if (buffer.remaining() < bytes) {
      flush();
    }
  }

  private void flush() throws IOException {
    buffer.flip();
    crc.update(buffer);
    buffer.rewind();
    writeFully();
  }

  private void writeFully() throws IOException {
    while (buffer.hasRemaining()) {
      flushed += channel.write(buffer);
    }
    buffer.clear();
    if (flushed > SegmentFormatV1.MAX_FILE_BYTES) {
      throw new IOException("segment file " + path + " exceeds " + SegmentFormatV1.MAX_FILE_BYTES
          + " bytes, the most format v1 maps per column; write fewer rows per segment (maxRowsPerSegment)");
    }
  }
}
