package io.strata.segment.write;

import io.strata.api.data.SortedRowSource;
import io.strata.api.json.Json;
import io.strata.api.time.DateTimes;
import io.strata.api.time.Interval;
import io.strata.segment.format.ColumnMetadata;
import io.strata.segment.format.SegmentFormatV1;
import io.strata.segment.format.SegmentMetadata;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntFunction;

/**
 * Writes segments in {@link SegmentFormatV1}: the writing half of the format, paired with
 * {@code io.strata.segment.read.SegmentReader}.
 *
 * <p>Streaming: rows are consumed once, in order, and each column is encoded block by block as rows arrive, so
 * memory does not grow with the row count (only with string dictionaries and their bitmaps). Atomic: the segment
 * is built in a hidden temporary directory next to {@code outputDir}, every file and the directory are fsynced,
 * and only then is it renamed to {@code outputDir}; a crash leaves either nothing or a whole segment (plus perhaps
 * a {@code .*.tmp-*} directory to delete). Thread-safe: each call writes its own directory.
 */
public final class SegmentWriter {
  /** How numeric column blocks are compressed (Druid's indexSpec {@code metricCompression}). */
  public enum Compression {
    /** LZ4 per block, falling back to raw when LZ4 does not help; the default. */
    LZ4,
    /** Raw blocks (constant blocks are still stored once). */
    NONE
  }

  private final Compression compression;
  private final int bitmapChunkRows;

  public SegmentWriter() {
    this(Compression.LZ4);
  }

  public SegmentWriter(Compression compression) {
    this(compression, StringColumnWriter.CHUNK_ROWS);
  }

  /** For tests: a small {@code bitmapChunkRows} exercises the multi-pass bitmap build on small data. */
  SegmentWriter(Compression compression, int bitmapChunkRows) {
    this.compression = compression;
    this.bitmapChunkRows = bitmapChunkRows;
  }

  /**
   * Writes every remaining row of {@code rows} as one segment in {@code outputDir}, which must not exist yet. The
   * source is read to its end but not closed.
   *
   * @param interval the segment's time chunk; every row's time must lie in it
   * @throws IllegalArgumentException if rows are out of time order, outside the interval, or the schema cannot be
   *                                  stored
   */
  public WrittenSegment write(SortedRowSource source, Interval interval, Path outputDir) throws IOException {
    SortedRowSource rows = MetricsByName.wrap(source);
    Path target = outputDir.toAbsolutePath();
    Path parent = target.getParent();
    Files.createDirectories(parent);
    if (Files.exists(target)) {
      throw new FileAlreadyExistsException(target.toString(), null,
          "segments are immutable; write to a new directory");
    }
    Path tmp = parent.resolve("." + target.getFileName() + ".tmp-"
        + Long.toHexString(ThreadLocalRandom.current().nextLong()));
    Files.createDirectory(tmp);
    ColumnsBuild columns = null;
    try {
      columns = new ColumnsBuild(tmp, rows, compression == Compression.LZ4, bitmapChunkRows);
      int numRows = 0;
      long minTime = 0;
      long maxTime = 0;
      while (rows.next()) {
        long t = rows.time();
        if (numRows > 0 && t < maxTime) {
          throw new IllegalArgumentException("rows are not in time order: row " + numRows + " has time "
              + DateTimes.format(t) + " after " + DateTimes.format(maxTime));
        }
        if (!interval.contains(t)) {
          throw new IllegalArgumentException("row " + numRows + " has time " + DateTimes.format(t)
              + ", outside the segment interval " + interval);
        }
        if (numRows == 0) {
          minTime = t;
        }
        maxTime = t;
        columns.add(t, rows);
        numRows++;
      }
      List<ColumnMetadata> columnMetadata = columns.finish();
      SegmentMetadata meta = new SegmentMetadata(interval, numRows, minTime, maxTime, rows.schema().rollup(),
          rows.schema().queryGranularity(), columnMetadata);
      long size = writeMeta(tmp.resolve(SegmentFormatV1.META_FILE), meta);
      for (ColumnMetadata c : columnMetadata) {
        size += c.sizeBytes();
      }
      fsyncDirectory(tmp);
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
      fsyncDirectory(parent);
      return new WrittenSegment(target, numRows, size);
    } catch (IOException | RuntimeException | Error e) {
      if (columns != null) {
        columns.abort();
      }
      deleteQuietly(tmp, e);
      throw e;
    }
  }

  /**
   * Writes the rows of {@code rows} as consecutive segments of at most {@code maxRowsPerSegment} rows, part
   * {@code p} in {@code outputDirs.apply(p)}. Writes nothing when the source is empty.
   */
  public List<WrittenSegment> writePartitioned(SortedRowSource rows, Interval interval, int maxRowsPerSegment,
                                              IntFunction<Path> outputDirs) throws IOException {
    RowLimitedSource parts = new RowLimitedSource(rows, maxRowsPerSegment);
    List<WrittenSegment> out = new ArrayList<>();
    while (parts.nextPart()) {
      out.add(write(parts, interval, outputDirs.apply(out.size())));
    }
    return out;
  }

  private static long writeMeta(Path file, SegmentMetadata meta) throws IOException {
    byte[] json = Json.MAPPER.writeValueAsBytes(meta);
    ChecksumOutput out = ChecksumOutput.withHeader(file, SegmentFormatV1.META_CODEC);
    try {
      out.writeInt(json.length);
      out.writeBytes(json, 0, json.length);
      return out.finish(0);
    } finally {
      out.close();
    }
  }

  private static void fsyncDirectory(Path dir) throws IOException {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      // Some platforms cannot open or sync directories; the files themselves are already synced.
      if (Files.isDirectory(dir) && System.getProperty("os.name", "").startsWith("Windows")) {
        return;
      }
      throw e;
    }
  }

  private static void deleteQuietly(Path dir, Throwable cause) {
    try {
      if (Files.isDirectory(dir)) {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
          for (Path f : files) {
            Files.deleteIfExists(f);
          }
        }
      }
      Files.deleteIfExists(dir);
    } catch (IOException e) {
      cause.addSuppressed(e);
    }
  }
}
