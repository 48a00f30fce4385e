package io.strata.stream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Rejected rows as JSON lines in one file per task:
 * {@code {"reason":"late","detail":...,"dataSource":...,"taskId":...,"rowTimestamp":"2013-08-31T01:02:33.000Z",
 * "rejectedAt":...,"stream":...,"partition":...,"offset":...,"record":{...the message...}}}. A message that is a JSON
 * object is embedded as one (so a batch spec with a {@code flattenSpec} on {@code $.record} can backfill it); any
 * other message is a string.
 */
public final class FileDeadLetter implements DeadLetter {
  private final Path file;
  private final String dataSource;
  private final String taskId;
  private final ByteArrayOutputStream line = new ByteArrayOutputStream(512);
  private FileChannel channel;
  private OutputStream out;
  private long written;

  public FileDeadLetter(Path file, String dataSource, String taskId) {
    this.file = file;
    this.dataSource = dataSource;
    this.taskId = taskId;
  }

  @Override
  public void write(Rejected row) throws IOException {
    if (out == null) {
      Files.createDirectories(file.getParent());
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          StandardOpenOption.APPEND);
      out = new java.io.BufferedOutputStream(java.nio.channels.Channels.newOutputStream(channel), 64 * 1024);
    }
    line.reset();
    DeadLetter.writeJson(row, dataSource, taskId, line);
    line.write('\n');
    line.writeTo(out);
    written++;
  }

  @Override
  public void flush() throws IOException {
    if (out != null) {
      out.flush();
      channel.force(false);
    }
  }

  @Override
  public long written() {
    return written;
  }

  @Override
  public String destination() {
    return file.toString();
  }

  @Override
  public void close() {
    if (out != null) {
      try {
        out.close();
      } catch (IOException ignored) {
        // flushed at every hand-off; what is lost here was not committed and will be read again
      }
      out = null;
    }
  }
}
