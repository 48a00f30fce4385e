package io.strata.benchmarks;

import io.strata.api.data.SortedRowSource;
import io.strata.api.input.InputRow;
import io.strata.api.spec.DataSchema;
import io.strata.api.spec.TaskSpec;
import io.strata.api.time.Interval;
import io.strata.index.IncrementalIndex;
import io.strata.input.InputRowReader;
import io.strata.segment.write.SegmentWriter;
import io.strata.segment.write.WrittenSegment;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Ingestion throughput, one stage at a time, in input rows per second (each operation is one row). The stages are
 * the ones an ingestion task chains on each reader thread, so a drop in {@code strata bench}'s ingest rows/s can be
 * traced to the stage that caused it:
 * <ul>
 *   <li>{@link #parseJson}: newline-delimited JSON to {@code InputRow}s through {@code InputFormats} (Jackson
 *       streaming parse, flattening, ISO timestamp parsing), over an in-memory split so no I/O is measured.</li>
 *   <li>{@link #indexAdd}: {@code IncrementalIndex.add} of pre-parsed rows with the tutorial schema (12 string
 *       dimensions, count + 3 longSum, minute query granularity, rollup): truncation, dictionary encoding, the
 *       rollup hash table, aggregation. Each invocation fills a fresh index.</li>
 *   <li>{@link #parseAndAdd}: both of the above, as a reader thread chains them: the JSON rows go straight into the
 *       index, so what one stage leaves behind (garbage, caches, shared strings) is paid or reaped by the other.</li>
 *   <li>{@link #persist}: {@code toSortedRowSource} (sorting the rows, remapping dictionary ids to sorted ranks)
 *       plus {@code SegmentWriter.write} (column encoding, LZ4, bitmaps, fsync) of a 500,000-row index: the cost of
 *       every spill and of the final segment build. The index is one day chunk; rows per second here are index rows,
 *       after rollup.</li>
 * </ul>
 * The data has the density of {@code strata bench} (about 70 edits per minute), so rollup folds rows as it would
 * there.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g"})
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
public class IngestBenchmark {
  /** Input rows per {@link #parseJson} / {@link #indexAdd} invocation: one day at {@code strata bench}'s density. */
  static final int ROWS = 100_000;
  static final int ROWS_HOURS = 24;
  /** Index rows of the {@link #persist} index. */
  static final int PERSIST_ROWS = 500_000;

  /** The generated JSON bytes, for {@link #parseJson}. */
  @State(Scope.Benchmark)
  public static class JsonInput {
    TaskSpec.IndexTask task;
    byte[] json;

    @Setup(Level.Trial)
    public void setUp() {
      task = BenchData.wikipediaTask();
      json = BenchData.wikipediaJson(11, ROWS, ROWS_HOURS);
      System.out.printf("[setup] %,d rows of JSON, %,d bytes%n", ROWS, json.length);
    }
  }

  /** Pre-parsed rows, for {@link #indexAdd}. */
  @State(Scope.Benchmark)
  public static class ParsedRows {
    DataSchema schema;
    Interval interval;
    InputRow[] rows;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
      TaskSpec.IndexTask task = BenchData.wikipediaTask();
      schema = task.spec().dataSchema();
      interval = new Interval(BenchData.START, BenchData.START + ROWS_HOURS * BenchData.HOUR);
      List<InputRow> parsed = BenchData.parseAll(task, BenchData.wikipediaJson(11, ROWS, ROWS_HOURS));
      if (parsed.size() != ROWS) {
        throw new IllegalStateException("expected " + ROWS + " rows, parsed " + parsed.size());
      }
      rows = parsed.toArray(new InputRow[0]);
      IncrementalIndex index = BenchData.newIndex(schema, interval);
      for (InputRow r : rows) {
        index.add(r);
      }
      System.out.printf("[setup] %,d input rows roll up to %,d index rows%n", rows.length, index.numRows());
      index.close();
    }
  }

  /** A filled 500,000-row index and a scratch directory for the segments {@link #persist} writes. */
  @State(Scope.Benchmark)
  public static class FullIndex {
    IncrementalIndex index;
    Path dir;
    Path written;
    int next;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
      dir = Files.createTempDirectory("strata-jmh-persist");
      TaskSpec.IndexTask task = BenchData.wikipediaTask();
      // One day chunk, as a task's index is; generate more than enough and stop at PERSIST_ROWS index rows.
      int hours = 24;
      Path json = dir.resolve("input.json");
      BenchData.writeWikipediaJson(json, 13, 800_000, hours);
      index = BenchData.newIndex(task.spec().dataSchema(),
          new Interval(BenchData.START, BenchData.START + hours * BenchData.HOUR));
      try (InputRowReader reader = BenchData.open(task, new BenchData.FileSplit(json))) {
        for (InputRow r = reader.next(); r != null && index.numRows() < PERSIST_ROWS; r = reader.next()) {
          index.add(r);
        }
      }
      Files.delete(json);
      System.out.printf("[setup] persist index: %,d rows, ~%,d MB estimated in memory%n", index.numRows(),
          index.estimatedBytesInMemory() >> 20);
      if (index.numRows() != PERSIST_ROWS) {
        throw new IllegalStateException("index has " + index.numRows() + " rows, wanted " + PERSIST_ROWS);
      }
    }

    @TearDown(Level.Invocation)
    public void deleteWritten() throws IOException {
      // A persist takes far longer than a millisecond, so per-invocation teardown does not skew the timing.
      BenchData.deleteRecursively(written);
      written = null;
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
      index.close();
      BenchData.deleteRecursively(dir);
    }
  }

  @Benchmark
  @OperationsPerInvocation(ROWS)
  public void parseJson(JsonInput in, Blackhole bh) throws IOException {
    try (InputRowReader reader = BenchData.open(in.task, new BenchData.BytesSplit(in.json))) {
      for (InputRow r = reader.next(); r != null; r = reader.next()) {
        bh.consume(r);
      }
    }
  }

  @Benchmark
  @OperationsPerInvocation(ROWS)
  public int parseAndAdd(JsonInput in) throws IOException {
    DataSchema schema = in.task.spec().dataSchema();
    IncrementalIndex index = BenchData.newIndex(schema,
        new Interval(BenchData.START, BenchData.START + ROWS_HOURS * BenchData.HOUR));
    try (InputRowReader reader = BenchData.open(in.task, new BenchData.BytesSplit(in.json))) {
      for (InputRow r = reader.next(); r != null; r = reader.next()) {
        index.add(r);
      }
    }
    index.close();
    return index.numRows();
  }

  @Benchmark
  @OperationsPerInvocation(ROWS)
  public int indexAdd(ParsedRows in) {
    IncrementalIndex index = BenchData.newIndex(in.schema, in.interval);
    for (InputRow r : in.rows) {
      index.add(r);
    }
    index.close();
    return index.numRows();
  }

  @Benchmark
  @OperationsPerInvocation(PERSIST_ROWS)
  public WrittenSegment persist(FullIndex in) throws IOException {
    in.written = in.dir.resolve("segment-" + in.next++);
    try (SortedRowSource rows = in.index.toSortedRowSource()) {
      return new SegmentWriter().write(rows, in.index.id().interval(), in.written);
    }
  }
}
