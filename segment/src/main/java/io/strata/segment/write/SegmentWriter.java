package io.strata.segment.write;

import io.strata.api.data.ColumnarRows;
import io.strata.api.data.SegmentSchema;
import io.strata.api.data.SortedRowSource;
import io.strata.api.json.Json;
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
 * memory does not grow with the row count (only with string dictionaries and their bitmaps). A source that holds its
 * rows in memory ({@link SortedRowSource#columnar()}) is written a column at a time instead ({@link ColumnarBuild}):
 * the same files, in less time. Atomic: the segment
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
    ColumnarRows columns = rows.columnar();
    if (columns != null) {
      return writeColumns(rows, columns, 0, columns.rowCount(), interval, outputDir);
    }
    return writeStaged(outputDir, rows.schema(), tmp -> {
      ColumnsBuild build = new ColumnsBuild(tmp, rows, compression == Compression.LZ4, bitmapChunkRows);
      try {
        RowTimes times = new RowTimes(interval);
        while (rows.next()) {
          long t = rows.time();
          times.add(t);
          build.add(t, rows);
        }
        return new ColumnarBuild.Written(times.count(), times.min(), times.max(), build.finish());
      } catch (IOException | RuntimeException | Error e) {
        build.abort();
        throw e;
      }
    }, interval);
  }

  /**
   * Writes the rows of {@code rows} as consecutive segments of at most {@code maxRowsPerSegment} rows, part
   * {@code p} in {@code outputDirs.apply(p)}. Writes nothing when the source is empty.
   */
  public List<WrittenSegment> writePartitioned(SortedRowSource rows, Interval interval, int maxRowsPerSegment,
                                              IntFunction<Path> outputDirs) throws IOException {
    if (maxRowsPerSegment < 1) {
      throw new IllegalArgumentException("maxRows must be at least 1, got " + maxRowsPerSegment);
    }
    List<WrittenSegment> out = new ArrayList<>();
    SortedRowSource named = MetricsByName.wrap(rows);
    ColumnarRows columns = named.columnar();
    if (columns != null) {
      int n = columns.rowCount();
      for (int from = 0, to; from < n; from = to) {
        to = (int) Math.min(n, (long) from + maxRowsPerSegment);
        out.add(writeColumns(named, columns, from, to, interval, outputDirs.apply(out.size())));
      }
      return out;
    }
    RowLimitedSource parts = new RowLimitedSource(rows, maxRowsPerSegment);
    while (parts.nextPart()) {
      out.add(write(parts, interval, outputDirs.apply(out.size())));
    }
    return out;
  }

  /** Writes rows {@code [from, to)} of {@code columns} (taken from {@code source}) as one segment. */
  private WrittenSegment writeColumns(SortedRowSource source, ColumnarRows columns, int from, int to,
                                      Interval interval, Path outputDir) throws IOException {
    return writeStaged(outputDir, source.schema(), tmp -> new ColumnarBuild(tmp, source, columns, from, to,
        compression == Compression.LZ4, bitmapChunkRows).write(interval), interval);
  }

  /** Builds the column files of a segment in a directory given to it. */
  @FunctionalInterface
  private interface ColumnFiles {
    ColumnarBuild.Written writeInto(Path tmp) throws IOException;
  }

  /**
   * Has {@code columns} write the column files into a hidden temporary directory next to {@code outputDir}, adds
   * the metadata file, syncs, and renames the directory to {@code outputDir}; deletes it on failure.
   */
  private static WrittenSegment writeStaged(Path outputDir, SegmentSchema schema, ColumnFiles columns,
                                            Interval interval) throws IOException {
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
    try {
      ColumnarBuild.Written written = columns.writeInto(tmp);
      SegmentMetadata meta = new SegmentMetadata(interval, written.numRows(), written.minTime(), written.maxTime(),
          schema.rollup(), schema.queryGranularity(), written.columns());
      long size = writeMeta(tmp.resolve(SegmentFormatV1.META_FILE), meta);
      for (ColumnMetadata c : written.columns()) {
        size += c.sizeBytes();
      }
      fsyncDirectory(tmp);
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
      fsyncDirectory(parent);
      return new WrittenSegment(target, written.numRows(), size);
    } catch (IOException | RuntimeException | Error e) {
      deleteQuietly(tmp, e);
      throw e;
    }
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
