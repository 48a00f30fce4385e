package io.strata.input;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The lines of a file whose first byte lies in {@code [start, end)}: if {@code start} is inside a line, that line is
 * left to the previous range; the line that crosses {@code end} is read to its end. Ranges that tile a file thus
 * deliver every line exactly once, which lets several readers share one large newline-delimited file.
 */
final class LineRangeInputStream extends InputStream {
  private final FileChannel channel;
  private final long end;
  private final ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
  private long position; // absolute file offset of the next byte handed out
  private boolean lastWasNewline;
  private boolean done;

  LineRangeInputStream(Path file, long start, long end) throws IOException {
    this.channel = FileChannel.open(file, StandardOpenOption.READ);
    this.end = end;
    buffer.flip();
    try {
      if (start > 0) {
        // Read from the byte before the range: if it ends a line, the range starts on a line boundary.
        channel.position(start - 1);
        position = start - 1;
        int b;
        while ((b = nextByte()) >= 0 && b != '\n') {
          // skip the rest of the line that belongs to the previous range
        }
      }
      lastWasNewline = true;
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  private boolean fill() throws IOException {
    buffer.clear();
    int n = channel.read(buffer);
    buffer.flip();
    return n > 0;
  }

  private int nextByte() throws IOException {
    if (!buffer.hasRemaining() && !fill()) {
      return -1;
    }
    position++;
    return buffer.get() & 0xFF;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xFF;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (done || len == 0) {
      return done ? -1 : 0;
    }
    if (position >= end && lastWasNewline) {
      done = true;
      return -1;
    }
    if (!buffer.hasRemaining() && !fill()) {
      done = true;
      return -1;
    }
    int n = Math.min(len, buffer.remaining());
    if (position + n >= end) {
      // Past the end only the rest of the current line may go out.
      int limit = n;
      n = 0;
      int p = buffer.position();
      while (n < limit) {
        byte c = buffer.get(p + n);
        n++;
        if (position + n >= end && c == '\n') {
          break;
        }
      }
    }
    buffer.get(b, off, n);
    position += n;
    lastWasNewline = b[off + n - 1] == '\n';
    return n;
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
