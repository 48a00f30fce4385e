package io.strata.ingest;

import io.strata.api.input.InputRow;
import io.strata.api.input.ParseException;
import io.strata.api.spec.DataSchema;
import io.strata.api.spec.IngestionSpec;
import io.strata.api.spec.InputSourceSpec;
import io.strata.api.spec.TaskSpec;
import io.strata.api.spec.TuningConfig;
import io.strata.api.time.Interval;
import io.strata.input.InputFormats;
import io.strata.input.InputRowReader;
import io.strata.input.InputSourceException;
import io.strata.input.InputSources;
import io.strata.input.InputSplit;
import io.strata.metadata.DataSegment;
import io.strata.processing.transform.Transformer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * A native batch task ({@code index} or {@code index_parallel}): reads every input split, turns records into rows
 * (input format, timestampSpec, transformSpec, intervals), rolls them up in per-chunk in-memory indexes that spill
 * to disk when full, merges the spills of each time chunk into final segments, pushes them to deep storage and
 * publishes them in one metadata transaction. Nothing is visible to queries before that transaction commits.
 *
 * <p>{@code index_parallel} with {@code maxNumConcurrentSubTasks} &gt; 1 reads splits on that many threads; the
 * final merge re-applies rollup across all readers' spills, so rollup is always perfect.
 */
public final class IngestionTask extends AbstractTask {
  private static final Logger LOG = LoggerFactory.getLogger(IngestionTask.class);
  /** Rows per {@link #readBatch} call: small enough that the method is called (and so compiled) early. */
  private static final int ROWS_PER_BATCH = 64;
  private static final long MIN_RANGE_BYTES = 8L << 20;
  private static final int RANGES_PER_READER = 8;

  private final TaskSpec.IndexTask task;
  private final IngestionSpec spec;
  private final DataSchema schema;
  private final TuningConfig tuning;
  private final TaskEnvironment env;
  private final TaskRecords records;
  private final Path taskDir;
  private final RowStats stats = new RowStats();
  private final ParseErrorHandler errors;
  private final ChunkParts parts;
  private volatile String ingestionState = "NOT_STARTED";
  private volatile int segmentsPublished;
  /** Set when one reader failed, so the others stop early. */
  private volatile boolean stopReaders;

  /**
   * @param records builds the task's final record, which the publish transaction stores with the segments
   */
  public IngestionTask(String id, TaskSpec.IndexTask task, TaskEnvironment env, long createdMillis,
                       TaskRecords records) {
    super(id, task, createdMillis);
    this.task = task;
    this.spec = task.spec();
    this.schema = spec.dataSchema();
    this.tuning = spec.tuningConfig();
    this.env = env;
    this.records = records;
    this.taskDir = env.scratchDirectory(id);
    this.parts = new ChunkParts(taskDir.resolve("spill"));
    this.errors = new ParseErrorHandler(id, stats, tuning.maxParseExceptions(), tuning.maxSavedParseExceptions(),
        tuning.logParseExceptions());
  }

  @Override
  public TaskSpec.IndexTask spec() {
    return task;
  }

  @Override
  public String dataSource() {
    return schema.dataSource();
  }

  public RowStats rowStats() {
    return stats;
  }

  @Override
  protected void execute() throws Exception {
    long startMillis = startMillis();
    ingestionState = "BUILD_SEGMENTS";
    Files.createDirectories(taskDir);
    List<InputSplit> splits = InputSources.splits(ioSource(), env.workingDir(), env.inputPolicy());
    readAll(splits, parts);
    long readDone = System.currentTimeMillis();
    checkShutdown();
    String version = Versions.next(startMillis);
    SegmentFinalizer finalizer = new SegmentFinalizer(schema, tuning, taskDir.resolve("final"), env.deepStorage(),
        env.metadataStore(), spec.ioConfig().appendToExisting(), spec.ioConfig().dropExisting(), version);
    long[] committedAt = {0};
    List<DataSegment> published;
    try {
      published = finalizer.finalizeAndPublish(parts.takeAll(), this::checkShutdown, workers(), count -> {
        // The record the publish transaction stores: what the task says once that transaction has committed.
        segmentsPublished = count;
        ingestionState = "COMPLETED";
        committedAt[0] = System.currentTimeMillis();
        return records.success(this, committedAt[0]);
      });
    } catch (Throwable t) {
      segmentsPublished = 0;
      ingestionState = "BUILD_SEGMENTS";
      throw t;
    }
    ingestionState = "COMPLETED";
    if (committedAt[0] != 0) {
      committed(committedAt[0]);
    }
    if (!published.isEmpty() || !schema.granularitySpec().intervals().isEmpty()) {
      // The publish committed, so the task has succeeded whatever happens now (the metadata store says so already);
      // the status shown here turns SUCCESS once the new segments are served, so SUCCESS means queryable.
      try {
        env.publishListener().published(schema.dataSource());
      } catch (RuntimeException e) {
        LOG.error("Task [{}] published, but the new segments could not be loaded for serving", id(), e);
      }
    }
    succeeded(committedAt[0] != 0 ? committedAt[0] : System.currentTimeMillis());
    LOG.info("Task [{}] published {} segments in {} ms (reading {} ms, merging and publishing {} ms); rows: {}",
        id(), published.size(), System.currentTimeMillis() - startMillis, readDone - startMillis,
        System.currentTimeMillis() - readDone, stats.toJson());
  }

  @Override
  protected String userMessage(Throwable t) {
    if (t instanceof ParseErrorHandler.MaxParseExceptionsExceededException || t instanceof InputSourceException) {
      // The user's to fix (bad data, a missing input path): the message says it all, no stack trace.
      return t.getMessage();
    }
    return super.userMessage(t);
  }

  @Override
  protected void cleanUp() {
    parts.closeInMemory();
    deleteQuietly(taskDir);
  }

  private InputSourceSpec ioSource() {
    return spec.ioConfig().inputSource();
  }

  /** Threads for reading and for building final segments: {@code index} is single-threaded, as in Druid. */
  private int workers() {
    return task.type().equals("index_parallel") ? tuning.maxNumConcurrentSubTasks() : 1;
  }

  private void readAll(List<InputSplit> allSplits, ChunkParts parts) throws Exception {
    // Large newline-delimited files are cut into line-aligned ranges, several per reader, so that a reader that
    // finishes early can take over part of another's work.
    List<InputSplit> splits = workers() == 1 ? allSplits : InputSources.subdivide(allSplits,
        spec.ioConfig().inputFormat(), workers() * RANGES_PER_READER, MIN_RANGE_BYTES);
    int workers = Math.max(1, Math.min(workers(), splits.size()));
    long maxBytes = tuning.effectiveMaxBytesInMemory() / workers;
    SplitQueues queues = new SplitQueues(splits, workers);
    if (workers == 1) {
      readSplits(queues, 0,
          new ChunkIndexer(schema.dataSource(), schema, tuning.maxRowsInMemory(), maxBytes, parts));
      return;
    }
    ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
      Thread t = new Thread(r, "task-reader");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int w = 0; w < workers; w++) {
        ChunkIndexer indexer = new ChunkIndexer(schema.dataSource(), schema, tuning.maxRowsInMemory(), maxBytes, parts);
        int reader = w;
        futures.add(pool.submit(() -> {
          readSplits(queues, reader, indexer);
          return null;
        }));
      }
      Throwable first = null;
      for (Future<?> f : futures) {
        try {
          f.get();
        } catch (ExecutionException e) {
          stopReaders = true; // stop the other readers early
          if (first == null) {
            first = e.getCause();
          }
        }
      }
      if (first instanceof Exception ex) {
        throw ex;
      }
      if (first instanceof Error err) {
        throw err;
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** One reader: takes splits until none are left, then hands what it holds to the final merge. */
  private void readSplits(SplitQueues queues, int readerIndex, ChunkIndexer indexer) throws IOException {
    Transformer transformer = Transformer.create(schema.transformSpec());
    List<Interval> intervals = schema.granularitySpec().intervals();
    try {
      InputSplit split;
      while ((split = queues.next(readerIndex)) != null) {
        try (InputRowReader reader = InputFormats.open(spec.ioConfig().inputFormat(), schema.timestampSpec(), split)) {
          long bytesRead = 0;
          while (bytesRead >= 0) {
            checkShutdown();
            if (stopReaders) {
              throw new TaskShutdownException();
            }
            bytesRead = readBatch(reader, bytesRead, transformer, intervals, indexer);
          }
        }
      }
      indexer.handOverAll();
    } finally {
      indexer.discard();
    }
  }

  /**
   * Reads, transforms and indexes up to {@value #ROWS_PER_BATCH} rows of {@code reader}.
   *
   * <p>The per-row loop lives in this short, often-called method rather than in {@link #readSplits}'s loop on
   * purpose: a loop that runs for a whole split is compiled on-stack (OSR), and that compiled copy is thrown away
   * when the loop ends, so the next ingestion of a running server ran in slow profiled code for seconds until it
   * was compiled again (measured: twice the reader CPU of later ingestions). A method called every few dozen rows
   * is compiled normally, once, and stays compiled. Counters are added once per batch, not per row.
   *
   * @param bytesBefore the reader's {@code bytesRead()} after the previous batch
   * @return the reader's {@code bytesRead()} now, or -1 when the reader is exhausted
   */
  private long readBatch(InputRowReader reader, long bytesBefore, Transformer transformer, List<Interval> intervals,
                         ChunkIndexer indexer) throws IOException {
    int processed = 0;
    int thrownAway = 0;
    boolean exhausted = false;
    try {
      for (int i = 0; i < ROWS_PER_BATCH; i++) {
        InputRow row;
        try {
          row = reader.next();
        } catch (ParseException e) {
          errors.unparseable(e);
          continue;
        }
        if (row == null) {
          exhausted = true;
          break;
        }
        InputRow transformed;
        try {
          transformed = transformer.transform(row);
        } catch (ParseException e) {
          errors.unparseable(e);
          continue;
        }
        if (transformed == null || !inIntervals(intervals, transformed.timestamp())) {
          thrownAway++;
          continue;
        }
        List<String> rowErrors = indexer.add(transformed);
        if (rowErrors.isEmpty()) {
          processed++;
        } else {
          errors.processedWithError(describeRow(transformed), rowErrors);
        }
      }
    } finally {
      long bytes = reader.bytesRead();
      stats.processedBytes.add(bytes - bytesBefore);
      stats.processed.add(processed);
      stats.thrownAway.add(thrownAway);
      bytesBefore = bytes;
    }
    return exhausted ? -1 : bytesBefore;
  }

  private static boolean inIntervals(List<Interval> intervals, long t) {
    if (intervals.isEmpty()) {
      return true;
    }
    for (Interval i : intervals) {
      if (i.contains(t)) {
        return true;
      }
    }
    return false;
  }

  /** The row as Druid shows it in parse-error reports: {@code {field=value, ...}}. */
  private static String describeRow(InputRow row) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (String f : row.fieldNames()) {
      m.put(f, row.get(f));
    }
    return m.toString();
  }

  /** The {@code ingestionStatsAndErrors} report, in Druid's shape, as it reads in state {@code state}. */
  @Override
  public Map<String, Object> report(TaskState state) {
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("ingestionState", ingestionState);
    payload.put("unparseableEvents", Map.of("determinePartitions", List.of(), "buildSegments", errors.savedEvents()));
    Map<String, Object> rowStats = new LinkedHashMap<>();
    rowStats.put("determinePartitions", RowStats.emptyJson());
    rowStats.put("buildSegments", stats.toJson());
    payload.put("rowStats", rowStats);
    payload.put("errorMsg", state == TaskState.SUCCESS ? null : errorMsg());
    payload.put("segmentAvailabilityConfirmed", state == TaskState.SUCCESS);
    payload.put("segmentAvailabilityWaitTimeMs", 0);
    payload.put("recordsProcessed", Map.of());
    payload.put("segmentsPublished", segmentsPublished);
    return reportOf("ingestionStatsAndErrors", payload);
  }

  static void deleteQuietly(Path dir) {
    io.strata.api.util.Directories.deleteQuietly(dir);
  }
}
