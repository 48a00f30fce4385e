package io.strata.benchmarks;

import io.strata.api.data.CursorBuildSpec;
import io.strata.api.data.CursorHolder;
import io.strata.api.data.SingleValueDimensionVectorSelector;
import io.strata.api.data.VectorCursor;
import io.strata.api.data.VectorValueSelector;
import io.strata.api.exec.Filter;
import io.strata.api.input.InputRow;
import io.strata.api.json.Json;
import io.strata.api.query.FilterSpec;
import io.strata.api.spec.TaskSpec;
import io.strata.api.time.Interval;
import io.strata.index.IncrementalIndex;
import io.strata.input.InputRowReader;
import io.strata.processing.filter.Filters;
import io.strata.segment.read.QueryableSegment;
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

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The read paths of one persisted, memory-mapped segment, in segment rows per second (each operation is one row of
 * the segment, whether or not a filter selects it; {@link #bitmapFilterCount} is in nanoseconds per evaluation).
 * These are the inner loops every query engine runs per segment, so they bound how fast timeseries, topN and
 * groupBy can be:
 * <ul>
 *   <li>{@link #sumLongColumn}: a vector cursor over all rows summing the {@code added} metric (block decoding,
 *       LZ4, batch hand-out).</li>
 *   <li>{@link #scanHighCardinalityIds}: a vector cursor over all rows reading the dictionary ids of {@code page}
 *       (about 50,000 values) into a per-id count, the access pattern of a topN on {@code page}.</li>
 *   <li>{@link #bitmapFilterCount}: {@code selector robot=false} answered from the bitmap index alone, counting
 *       the matches.</li>
 *   <li>{@link #filteredCursorCount}: the same filter through a vector cursor (bitmap turned into row batches),
 *       counting the rows handed out: what a filtered query pays before aggregating.</li>
 * </ul>
 * The segment holds 1,000,000 rows of one day of generated Wikipedia edits, ingested without rollup (so the row
 * count is exact), built once per fork into a temporary directory and deleted at the end.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g"})
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@State(Scope.Benchmark)
public class SegmentScanBenchmark {
  static final int ROWS = 1_000_000;

  private Path dir;
  private QueryableSegment segment;
  private Filter robotFalse;
  private int pageCardinality;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    dir = Files.createTempDirectory("strata-jmh-scan");
    TaskSpec.IndexTask task = BenchData.wikipediaTask("minute", false);
    Path json = dir.resolve("input.json");
    BenchData.writeWikipediaJson(json, 17, ROWS, 24);
    IncrementalIndex index = BenchData.newIndex(task.spec().dataSchema(),
        new Interval(BenchData.START, BenchData.START + 24 * BenchData.HOUR));
    try (InputRowReader reader = BenchData.open(task, new BenchData.FileSplit(json))) {
      for (InputRow r = reader.next(); r != null; r = reader.next()) {
        index.add(r);
      }
    }
    Files.delete(json);
    segment = BenchData.persist(index, dir.resolve("segment"));
    if (segment.numRows() != ROWS) {
      throw new IllegalStateException("segment has " + segment.numRows() + " rows, wanted " + ROWS);
    }
    robotFalse = Filters.create(Json.MAPPER.readValue(
        "{\"type\":\"selector\",\"dimension\":\"robot\",\"value\":\"false\"}", FilterSpec.class));
    pageCardinality = segment.indexes().stringIndex("page").cardinality();
    System.out.printf("[setup] segment: %,d rows, %,d bytes; page cardinality %,d; robot=false matches %,d rows%n",
        segment.numRows(), segment.sizeBytes(), pageCardinality,
        robotFalse.computeBitmap(segment.indexes()).getCardinality());
    try (CursorHolder h = holder(robotFalse)) {
      if (!h.canVectorize()) {
        throw new IllegalStateException("segment cursors do not vectorize");
      }
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    if (segment != null) {
      segment.close();
    }
    BenchData.deleteRecursively(dir);
  }

  private CursorHolder holder(Filter filter) {
    return segment.cursorFactory().makeCursorHolder(CursorBuildSpec.of(Interval.ETERNITY, filter));
  }

  @Benchmark
  @OperationsPerInvocation(ROWS)
  public long sumLongColumn() {
    try (CursorHolder h = holder(null)) {
      VectorCursor c = h.asVectorCursor();
      VectorValueSelector added = c.selectorFactory().makeValueSelector("added");
      long sum = 0;
      for (; !c.isDone(); c.advance()) {
        long[] v = added.getLongVector();
        int n = c.getCurrentVectorSize();
        for (int i = 0; i < n; i++) {
          sum += v[i];
        }
      }
      return sum;
    }
  }

  @Benchmark
  @OperationsPerInvocation(ROWS)
  public int[] scanHighCardinalityIds() {
    int[] counts = new int[pageCardinality];
    try (CursorHolder h = holder(null)) {
      VectorCursor c = h.asVectorCursor();
      SingleValueDimensionVectorSelector page = c.selectorFactory().makeSingleValueDimensionSelector("page");
      for (; !c.isDone(); c.advance()) {
        int[] ids = page.getRowVector();
        int n = c.getCurrentVectorSize();
        for (int i = 0; i < n; i++) {
          counts[ids[i]]++;
        }
      }
    }
    return counts;
  }

  /** Reported in nanoseconds per filter evaluation: rows per second would say little for an index lookup. */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.NANOSECONDS)
  public int bitmapFilterCount() {
    return robotFalse.computeBitmap(segment.indexes()).getCardinality();
  }

  @Benchmark
  @OperationsPerInvocation(ROWS)
  public long filteredCursorCount() {
    try (CursorHolder h = holder(robotFalse)) {
      VectorCursor c = h.asVectorCursor();
      long count = 0;
      for (; !c.isDone(); c.advance()) {
        count += c.getCurrentVectorSize();
      }
      return count;
    }
  }
}
