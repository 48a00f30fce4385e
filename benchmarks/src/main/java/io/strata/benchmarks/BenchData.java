package io.strata.benchmarks;

import io.strata.api.data.SegmentId;
import io.strata.api.data.SortedRowSource;
import io.strata.api.input.InputRow;
import io.strata.api.json.Json;
import io.strata.api.spec.DataSchema;
import io.strata.api.spec.InputFormatSpec;
import io.strata.api.spec.TaskSpec;
import io.strata.api.time.Granularity;
import io.strata.api.time.Interval;
import io.strata.index.IncrementalIndex;
import io.strata.index.IndexSchema;
import io.strata.input.InputFormats;
import io.strata.input.InputRowReader;
import io.strata.input.InputSplit;
import io.strata.segment.read.QueryableSegment;
import io.strata.segment.read.SegmentReader;
import io.strata.segment.write.SegmentWriter;
import io.strata.testkit.gen.WikipediaGenerator;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Shared fixtures of the benchmarks (not a benchmark): the Druid tutorial's Wikipedia ingestion spec (the same
 * dataSchema as {@code CliSpecs.wikipediaSpec}), generated data, and helpers that build in-memory indexes and
 * persisted segments through the same public APIs an ingestion task uses.
 */
final class BenchData {
  /** 2013-08-31T00:00:00Z, where the tutorial data and {@code strata bench} start. */
  static final long START = WikipediaGenerator.DEFAULT_START_MILLIS;
  static final long HOUR = 3_600_000L;
  static final String DATA_SOURCE = "jmh_wikipedia";

  private BenchData() {
  }

  /** The parsed tutorial task spec: 12 string dimensions, count + 3 longSum, day segments, the given rollup. */
  static TaskSpec.IndexTask wikipediaTask(String queryGranularity, boolean rollup) {
    String json = """
        {
          "type": "index_parallel",
          "spec": {
            "dataSchema": {
              "dataSource": "%s",
              "timestampSpec": {"column": "timestamp", "format": "iso"},
              "dimensionsSpec": {"dimensions": ["page", "language", "user", "unpatrolled", "newPage", "robot",
                "anonymous", "namespace", "continent", "country", "region", "city"]},
              "metricsSpec": [
                {"type": "count", "name": "count"},
                {"type": "longSum", "name": "added", "fieldName": "added"},
                {"type": "longSum", "name": "deleted", "fieldName": "deleted"},
                {"type": "longSum", "name": "delta", "fieldName": "delta"}
              ],
              "granularitySpec": {"segmentGranularity": "day", "queryGranularity": "%s", "rollup": %s}
            },
            "ioConfig": {
              "type": "index_parallel",
              "inputSource": {"type": "local", "baseDir": ".", "filter": "*.json"},
              "inputFormat": {"type": "json"}
            },
            "tuningConfig": {"type": "index_parallel", "maxNumConcurrentSubTasks": 2}
          }
        }
        """.formatted(DATA_SOURCE, queryGranularity, rollup);
    try {
      return (TaskSpec.IndexTask) Json.MAPPER.readValue(json, TaskSpec.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The tutorial schema as {@code strata bench} ingests it: minute query granularity, rollup. */
  static TaskSpec.IndexTask wikipediaTask() {
    return wikipediaTask("minute", true);
  }

  /** {@code rows} generated Wikipedia edits as newline-delimited JSON, time-ordered over {@code hours}. */
  static byte[] wikipediaJson(long seed, long rows, int hours) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream((int) Math.min(Integer.MAX_VALUE - 8, rows * 360));
    try (Writer w = new OutputStreamWriter(bytes, StandardCharsets.UTF_8)) {
      new WikipediaGenerator(seed, START, hours).write(rows, WikipediaGenerator.Format.JSON, w);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** Writes generated Wikipedia edits as newline-delimited JSON to {@code file} (like {@code strata bench}). */
  static void writeWikipediaJson(Path file, long seed, long rows, int hours) throws IOException {
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      new WikipediaGenerator(seed, START, hours).write(rows, WikipediaGenerator.Format.JSON, w);
    }
  }

  /** Opens the task's input format over one split. */
  static InputRowReader open(TaskSpec.IndexTask task, InputSplit split) throws IOException {
    InputFormatSpec format = task.spec().ioConfig().inputFormat();
    return InputFormats.open(format, task.spec().dataSchema().timestampSpec(), split);
  }

  /** Parses all rows of newline-delimited JSON with the task's input format. */
  static List<InputRow> parseAll(TaskSpec.IndexTask task, byte[] json) throws IOException {
    List<InputRow> rows = new ArrayList<>();
    try (InputRowReader reader = open(task, new BytesSplit(json))) {
      for (InputRow r = reader.next(); r != null; r = reader.next()) {
        rows.add(r);
      }
    }
    return rows;
  }

  static IncrementalIndex newIndex(DataSchema schema, Interval interval) {
    return new IncrementalIndex(new SegmentId(schema.dataSource(), interval, "jmh", 0), IndexSchema.from(schema));
  }

  static QueryableSegment persist(IncrementalIndex index, Path dir) throws IOException {
    Interval interval = index.id().interval();
    try (SortedRowSource rows = index.toSortedRowSource()) {
      new SegmentWriter().write(rows, interval, dir);
    }
    index.close();
    return SegmentReader.open(dir, index.id());
  }

  /**
   * Reads a JSON file through the task's input format into one in-memory index per segmentGranularity chunk, persisting
   * each chunk as soon as the (time-ordered) input moves past it, and opens the persisted segments. This is the
   * layout a native batch task produces for time-ordered input that fits in memory.
   */
  static List<QueryableSegment> ingestToSegments(TaskSpec.IndexTask task, Path json, Path segmentsDir)
      throws IOException {
    DataSchema schema = task.spec().dataSchema();
    Granularity segmentGranularity = schema.granularitySpec().segmentGranularity();
    List<QueryableSegment> out = new ArrayList<>();
    IncrementalIndex index = null;
    try (InputRowReader reader = open(task, new FileSplit(json))) {
      for (InputRow r = reader.next(); r != null; r = reader.next()) {
        if (index == null || !index.id().interval().contains(r.timestamp())) {
          if (index != null) {
            out.add(persist(index, segmentsDir.resolve("seg-" + out.size())));
          }
          long start = segmentGranularity.bucketStart(r.timestamp());
          index = newIndex(schema, new Interval(start, segmentGranularity.next(start)));
        }
        index.add(r);
      }
    }
    if (index != null && index.numRows() > 0) {
      out.add(persist(index, segmentsDir.resolve("seg-" + out.size())));
    }
    return out;
  }

  static void deleteRecursively(Path dir) throws IOException {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** An in-memory split, so that parsing is measured without file I/O. */
  static final class BytesSplit implements InputSplit {
    private final byte[] data;

    BytesSplit(byte[] data) {
      this.data = data;
    }

    @Override
    public String name() {
      return "memory";
    }

    @Override
    public long sizeBytes() {
      return data.length;
    }

    @Override
    public InputStream open() {
      return new ByteArrayInputStream(data);
    }
  }

  /** A local file split (what the local input source gives for a plain file). */
  record FileSplit(Path path) implements InputSplit {
    @Override
    public String name() {
      return path.toString();
    }

    @Override
    public long sizeBytes() {
      try {
        return Files.size(path);
      } catch (IOException e) {
        return 0;
      }
    }

    @Override
    public InputStream open() throws IOException {
      return Files.newInputStream(path);
    }
  }
}
