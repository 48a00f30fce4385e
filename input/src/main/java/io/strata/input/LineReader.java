package io.strata.input;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Splits a byte stream into lines without decoding it, so that the JSON reader can hand Jackson the raw UTF-8 bytes
 * of each line and the byte count stays exact. Lines end at {@code \n}; a {@code \r} before it is dropped, as is a
 * UTF-8 byte-order mark at the start of the stream. The last line need not end with a newline.
 *
 * <p>The current line is a window into an internal buffer ({@link #buffer()}, {@link #start()},
 * {@link #length()}) that is only valid until the next call to {@link #next()}. Not thread-safe.
 */
final class LineReader implements Closeable {
  private static final int INITIAL_BUFFER = 1 << 16;

  private final InputStream in;
  private byte[] buf = new byte[INITIAL_BUFFER];
  private int pos;
  private int limit;
  private int scanFrom;
  private boolean eof;
  private boolean bomChecked;
  private long consumed;
  private long lineNumber;
  private int lineStart;
  private int lineEnd;
  /** Raised whenever {@link #fill()} may have moved or replaced the bytes in {@link #buffer()}. */
  private int bufferGeneration;

  LineReader(InputStream in) {
    this.in = in;
  }

  /** Advances to the next line; false at the end of the stream. */
  boolean next() throws IOException {
    if (!bomChecked) {
      skipByteOrderMark();
    }
    while (true) {
      int nl = indexOfNewline(Math.max(pos, scanFrom), limit);
      if (nl >= 0) {
        setLine(pos, nl);
        consumed += nl + 1 - pos;
        pos = nl + 1;
        scanFrom = pos;
        return true;
      }
      scanFrom = limit;
      if (eof) {
        if (pos < limit) {
          setLine(pos, limit);
          consumed += limit - pos;
          pos = limit;
          return true;
        }
        return false;
      }
      fill();
    }
  }

  byte[] buffer() {
    return buf;
  }

  int start() {
    return lineStart;
  }

  int length() {
    return lineEnd - lineStart;
  }

  /**
   * The end of the complete lines that start at the current line and are already in the buffer: just after the last
   * newline there, or the end of the stream's last line. Those bytes stay where they are in {@link #buffer()} until
   * {@link #bufferGeneration()} changes, so a parser may read ahead over them.
   */
  int completeLinesEnd() {
    for (int i = limit - 1; i >= lineEnd; i--) {
      if (buf[i] == '\n') {
        return i + 1;
      }
    }
    return eof ? limit : lineEnd;
  }

  /** Changes when the bytes of {@link #buffer()} may have moved: offsets taken before then are stale. */
  int bufferGeneration() {
    return bufferGeneration;
  }

  /** Start of the current line's terminator, that is its end before a dropped {@code \r}. */
  int end() {
    return lineEnd;
  }

  /** 1-based number of the current line. */
  long lineNumber() {
    return lineNumber;
  }

  /** The current line decoded as UTF-8. */
  String text() {
    return new String(buf, lineStart, lineEnd - lineStart, StandardCharsets.UTF_8);
  }

  /** True if the current line is empty or holds only spaces and tabs. */
  boolean isBlank() {
    for (int i = lineStart; i < lineEnd; i++) {
      byte b = buf[i];
      if (b != ' ' && b != '\t') {
        return false;
      }
    }
    return true;
  }

  /** Bytes consumed so far, including line terminators and a byte-order mark. */
  long bytesRead() {
    return consumed;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }

  private void setLine(int start, int end) {
    lineNumber++;
    lineStart = start;
    lineEnd = end > start && buf[end - 1] == '\r' ? end - 1 : end;
  }

  private int indexOfNewline(int from, int to) {
    byte[] b = buf;
    for (int i = from; i < to; i++) {
      if (b[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  private void skipByteOrderMark() throws IOException {
    while (limit - pos < 3 && !eof) {
      fill();
    }
    if (limit - pos >= 3 && (buf[pos] & 0xFF) == 0xEF && (buf[pos + 1] & 0xFF) == 0xBB
        && (buf[pos + 2] & 0xFF) == 0xBF) {
      pos += 3;
      scanFrom = pos;
      consumed += 3;
    }
    bomChecked = true;
  }

  /** Reads more bytes, first moving unconsumed bytes to the front and growing the buffer if a line fills it. */
  private void fill() throws IOException {
    bufferGeneration++;
    if (pos > 0) {
      int remaining = limit - pos;
      System.arraycopy(buf, pos, buf, 0, remaining);
      scanFrom -= pos;
      limit = remaining;
      pos = 0;
    }
    if (limit == buf.length) {
      buf = Arrays.copyOf(buf, buf.length * 2);
    }
    int n = in.read(buf, limit, buf.length - limit);
    if (n < 0) {
      eof = true;
    } else {
      limit += n;
    }
  }
}
