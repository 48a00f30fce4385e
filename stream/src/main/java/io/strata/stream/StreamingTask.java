package io.strata.stream;

import io.strata.api.data.Segment;
import io.strata.api.input.InputRow;
import io.strata.api.input.ParseException;
import io.strata.api.spec.DataSchema;
import io.strata.api.spec.InputFormatSpec;
import io.strata.api.spec.TaskSpec;
import io.strata.api.spec.stream.StreamTuningConfig;
import io.strata.input.RecordParser;
import io.strata.ingest.AbstractTask;
import io.strata.ingest.ParseErrorHandler;
import io.strata.ingest.RowStats;
import io.strata.ingest.StreamHandoff;
import io.strata.ingest.TaskEnvironment;
import io.strata.ingest.TaskRecords;
import io.strata.ingest.TaskState;
import io.strata.metadata.DataSegment;
import io.strata.metadata.MetadataStore;
import io.strata.metadata.StreamOffsets;
import io.strata.processing.transform.Transformer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * A task reading stream partitions into a {@link StreamAppender}: every record is parsed, transformed, checked against
 * the task's time bounds (rows outside are thrown away and counted as rejected late or early), and added to a
 * queryable sink. The task reads until its supervisor asks it to stop ({@link #stopReading}), every partition
 * reaches its end position, or it is shut down; then it hands off: the sinks become segments published with the
 * positions they cover, compare-and-swapped against the committed ones in one metadata transaction, which also
 * records the task's success. A task that fails or dies before that publishes nothing; the records are read again
 * from the committed positions by the next task, so each is counted once.
 *
 * <p>A hand-off also happens mid-task when the task holds {@code maxTotalRows} rows or
 * {@code intermediateHandoffPeriod} has passed; reading then continues from where that publish ended.
 */
public abstract class StreamingTask extends AbstractTask {
  private static final Logger LOG = LoggerFactory.getLogger(StreamingTask.class);
  /** Seconds of history for the moving averages of the live report. */
  private static final int[] WINDOWS_SECONDS = {60, 300, 900};

  private final DataSchema schema;
  private final StreamTuningConfig tuning;
  private final InputFormatSpec inputFormat;
  private final String stream;
  private final Map<String, String> startPositions;
  /** Where reading ends per partition: given at the start, or set by a coordinated end ({@link #endAt}). */
  private volatile Map<String, String> endPositions;
  private final Long minimumMessageTime;
  private final Long maximumMessageTime;
  private final TaskEnvironment env;
  private final TaskRecords records;
  private final RealtimeAnnouncer announcer;
  private final Duration pollTimeout;
  private final Path taskDir;
  private final RowStats stats = new RowStats();
  private final ParseErrorHandler errors;
  private volatile DeadLetter deadLetter = DeadLetter.NONE;
  private long lastHandoffMillis;
  private volatile boolean stopReading;
  /** A replicated task's request that its supervisor end the group's sequence (its hand-off is due). */
  private volatile boolean handOffRequested;
  private final Object pauseLock = new Object();
  private boolean pauseRequested;
  private boolean paused;
  private final java.util.concurrent.CountDownLatch readingStopped = new java.util.concurrent.CountDownLatch(1);
  private volatile String ingestionState = "NOT_STARTED";
  private volatile Map<String, String> positions = Map.of();
  private volatile Map<String, String> committedStart = Map.of();
  private volatile Map<String, String> latestPositions = Map.of();
  private volatile Map<String, Long> lagMillis = Map.of();
  private volatile long readingStartedMillis;
  private volatile int segmentsPublished;
  private volatile long rejectedLate;
  private volatile long rejectedEarly;
  /** Records read per partition (since the task started), for the report's recordsProcessed. */
  private final Map<String, long[]> recordsRead = new java.util.concurrent.ConcurrentHashMap<>();
  private final Deque<long[]> history = new ArrayDeque<>(); // {second, processed, unparseable, thrownAway, withError}
  /** Where the positions the next hand-off commits start (reading thread only). */
  private Map<String, String> sequenceStart;
  private ExecutorService parsing;

  /**
   * @param startPositions per partition, the position to start at; null for "where the reader's policy says"
   *                       (earliest or latest), used only for partitions no publish has covered
   * @param endPositions   per partition, the position to stop before (a record at or after it is left to the next
   *                       task); a partition not in it has no end
   * @param minimumMessageTime rows before this time (epoch millis) are rejected as late; null: none
   * @param maximumMessageTime rows after this time are rejected as early; null: none
   */
  protected StreamingTask(String id, TaskSpec spec, long createdMillis, DataSchema schema, StreamTuningConfig tuning,
                          InputFormatSpec inputFormat, String stream, Map<String, String> startPositions,
                          Map<String, String> endPositions, Long minimumMessageTime, Long maximumMessageTime,
                          Duration pollTimeout, TaskEnvironment env, TaskRecords records,
                          RealtimeAnnouncer announcer) {
    super(id, spec, createdMillis);
    this.schema = schema;
    this.tuning = tuning;
    this.inputFormat = inputFormat;
    this.stream = stream;
    this.startPositions = new TreeMap<>(startPositions);
    this.endPositions = Map.copyOf(endPositions);
    this.minimumMessageTime = minimumMessageTime;
    this.maximumMessageTime = maximumMessageTime;
    this.pollTimeout = pollTimeout;
    this.env = env;
    this.records = records;
    this.announcer = announcer;
    this.taskDir = env.scratchDirectory(id);
    this.errors = new ParseErrorHandler(id, stats, tuning.maxParseExceptions(), tuning.maxSavedParseExceptions(),
        tuning.logParseExceptions());
  }

  /** An ioConfig's ISO time ({@code minimumMessageTime}, ...) in epoch millis, or null. */
  protected static Long epochMillis(String iso) {
    return iso == null ? null : io.strata.api.time.DateTimes.parseIso(iso);
  }

  /** A reader of the stream, configured (earliest or latest for unknown positions) but not yet assigned. */
  protected abstract StreamReader openReader();

  /**
   * Where to start in each partition (null: the reader's earliest or latest); by default the positions the task was
   * given. Called on the reading thread before reading.
   */
  protected Map<String, String> startPositions(StreamReader reader) {
    return startPositions;
  }

  /** Why a row is refused, or null to accept it. */
  protected record Rejection(String reason, String detail) {
    static final String LATE = "late";
    static final String EARLY = "early";
    static final String OUTSIDE_INTERVALS = "outsideIntervals";
  }

  /** A late row: older than the task accepts. */
  protected static Rejection late(String detail) {
    return new Rejection(Rejection.LATE, detail);
  }

  /** An early row: newer than the task accepts. */
  protected static Rejection early(String detail) {
    return new Rejection(Rejection.EARLY, detail);
  }

  /** A row outside the spec's intervals. */
  protected static Rejection outsideIntervals(String detail) {
    return new Rejection(Rejection.OUTSIDE_INTERVALS, detail);
  }

  /**
   * Whether a row of time {@code t} is refused; called once per row (after transforms), in stream order, on the
   * reading thread. By default the message-time bounds of the task's ioConfig.
   */
  protected Rejection reject(long t, long nowMillis) {
    if (minimumMessageTime != null && t < minimumMessageTime) {
      return late("before minimumMessageTime " + io.strata.api.time.DateTimes.format(minimumMessageTime));
    }
    if (maximumMessageTime != null && t > maximumMessageTime) {
      return early("after maximumMessageTime " + io.strata.api.time.DateTimes.format(maximumMessageTime));
    }
    return null;
  }

  /**
   * Which time chunks to hand off now, or null for none. By default all of them when the task holds
   * {@code maxTotalRows} rows or {@code intermediateHandoffPeriod} has passed. A task that commits stream positions
   * must hand off all chunks at once (the positions cover all of them).
   */
  protected java.util.function.Predicate<io.strata.api.time.Interval> handOffNow(StreamAppender appender,
                                                                                  long nowMillis) {
    if (appender.totalRows() >= tuning.maxTotalRows()
        || nowMillis - lastHandoffMillis >= tuning.intermediateHandoffMillis()) {
      return chunk -> true;
    }
    return null;
  }

  /**
   * The replica sequences a hand-off of these chunks claims (each chunk published once by one replica), or null for
   * a task without replicas.
   */
  protected MetadataStore.ReplicaSequences sequencesFor(List<io.strata.api.time.Interval> chunks) {
    String sequence = replicaSequence();
    return sequence == null ? null : new MetadataStore.ReplicaSequences(id(), List.of(sequence));
  }

  /** The replica group of the task (one of several tasks filling one shard), or null. */
  protected String replicaGroup() {
    return replicaSequence();
  }

  /**
   * For one of several replicas of a supervisor's task group: the sequence they share (Druid's
   * {@code baseSequenceName}), or null for an unreplicated task. Replicas read the same positions, end where their
   * supervisor coordinates ({@link #pause}, {@link #endAt}), publish once through the sequence's claim (the first
   * replica's publish wins, the others drop their copy), and never hand off by themselves: when their hand-off is
   * due they ask the supervisor to end the sequence ({@link #handOffRequested}).
   */
  protected String replicaSequence() {
    return null;
  }

  /** The task context key under which a supervisor passes its {@code replicas}. */
  public static final String REPLICAS_CONTEXT = "replicas";

  /** {@code baseSequenceName} for a task its supervisor started with {@code replicas} > 1, else null. */
  protected static String replicaSequence(Map<String, Object> context, String baseSequenceName) {
    Object replicas = context.get(REPLICAS_CONTEXT);
    return replicas instanceof Number n && n.intValue() > 1 ? baseSequenceName : null;
  }

  /** Whether publishes commit the stream positions they cover (exactly-once); false for pushed events. */
  protected boolean commitsPositions() {
    return stream != null;
  }

  /**
   * Where rejected rows go. File and none are handled here; a task that can write to its stream's system (Kafka)
   * overrides this for {@code kafka}.
   */
  protected DeadLetter openDeadLetter() {
    io.strata.api.spec.stream.DeadLetterSpec d = tuning.deadLetter();
    return switch (d.type()) {
      case "none" -> DeadLetter.NONE;
      case "file" -> new FileDeadLetter(env.deadLetterDirectory(schema.dataSource())
          .resolve(io.strata.api.util.SafePaths.fileNameFor(id()) + ".jsonl"), schema.dataSource(), id());
      default -> throw new io.strata.api.error.InvalidInputException("deadLetter.type", "deadLetter type ["
          + d.type() + "] is not available for this task's stream");
    };
  }

  /** Asks the task to stop reading and hand off what it has (its supervisor's end of {@code taskDuration}). */
  public void stopReading() {
    stopReading = true;
  }

  /** True once a replicated task's hand-off is due: its supervisor should end the group's sequence. */
  public boolean handOffRequested() {
    return handOffRequested;
  }

  /**
   * Pauses reading between two polls and returns where the task is (the next positions to read), for a coordinated
   * end of replicas; null if the task did not pause within {@code timeout} or has stopped reading. Resume with
   * {@link #endAt}.
   */
  public Map<String, String> pause(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (pauseLock) {
      pauseRequested = true;
      while (!paused && readingStopped.getCount() > 0) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          break;
        }
        pauseLock.wait(Math.max(1, left / 1_000_000));
      }
      if (!paused) {
        pauseRequested = false;
        pauseLock.notifyAll();
        return null;
      }
      return positions;
    }
  }

  /**
   * Sets where reading ends (per partition, the position to stop before; replicas get the furthest position any of
   * them reached) and resumes a paused task: it reads on to there, then hands off.
   */
  public void endAt(Map<String, String> end) {
    synchronized (pauseLock) {
      Map<String, String> merged = new TreeMap<>(endPositions);
      merged.putAll(end);
      endPositions = Map.copyOf(merged);
      pauseRequested = false;
      pauseLock.notifyAll();
    }
  }

  /** Waits while a pause is requested (on the reading thread, between polls). */
  private void pauseIfRequested() throws InterruptedException {
    synchronized (pauseLock) {
      if (!pauseRequested) {
        return;
      }
      paused = true;
      pauseLock.notifyAll();
      try {
        while (pauseRequested && !shutdownRequested()) {
          pauseLock.wait(100);
        }
      } finally {
        paused = false;
      }
    }
  }

  /**
   * Waits until the task has left its read loop (after {@link #stopReading}, at its end positions, or when it ends):
   * from then on no record is read, so a suspend that returns has really stopped ingestion.
   *
   * @return false if it was still reading after {@code timeout}
   */
  public boolean awaitReadingStopped(Duration timeout) throws InterruptedException {
    return readingStopped.await(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
  }

  /** True once the task has stopped reading (it is publishing, or done). */
  public boolean isPublishing() {
    return "PUBLISHING".equals(ingestionState) || state().isComplete();
  }

  /** When the task started reading (epoch millis), or 0. */
  public long readingStartedMillis() {
    return readingStartedMillis;
  }

  /** Where the task is in each partition (the next position to read). Any thread. */
  public Map<String, String> currentPositions() {
    return positions;
  }

  /**
   * Partition ids in Druid's listing order: numbers numerically; {@code "topic:N"} (several Kafka topics) by topic,
   * then number. Any other id (a shard name) sorts by length, then text, which is numeric for equal-width ids.
   */
  static final java.util.Comparator<String> PARTITION_ORDER = java.util.Comparator
      .comparing((String p) -> p.lastIndexOf(':') < 0 ? "" : p.substring(0, p.lastIndexOf(':')))
      .thenComparing(p -> p.substring(p.lastIndexOf(':') + 1),
          java.util.Comparator.comparingInt(String::length).thenComparing(java.util.Comparator.naturalOrder()));

  /** An immutable copy listing partitions in {@link #PARTITION_ORDER} (as Druid's status and reports do). */
  static Map<String, String> inPartitionOrder(Map<String, String> positions) {
    java.util.TreeMap<String, String> sorted = new java.util.TreeMap<>(PARTITION_ORDER);
    sorted.putAll(positions);
    return java.util.Collections.unmodifiableMap(sorted);
  }

  public Map<String, String> startingPositions() {
    return committedStart;
  }

  /** The end of each partition as last seen, for lag. Any thread. */
  public Map<String, String> latestPositions() {
    return latestPositions;
  }

  /** Per partition, how far behind the stream's newest record the last read was (ms), where the stream tells. */
  public Map<String, Long> lagMillis() {
    return lagMillis;
  }

  public String stream() {
    return stream;
  }

  public RowStats rowStats() {
    return stats;
  }

  @Override
  public String dataSource() {
    return schema.dataSource();
  }

  @Override
  protected void execute() throws Exception {
    try {
      readAndHandOff();
    } finally {
      readingStopped.countDown();
    }
  }

  private void readAndHandOff() throws Exception {
    Files.createDirectories(taskDir);
    RecordParser parser = RecordParser.create(inputFormat, schema.timestampSpec());
    Transformer transformer = Transformer.create(schema.transformSpec());
    if (replicaGroup() != null) {
      announcer.replicaOf(schema.dataSource(), id(), replicaGroup());
    }
    try (StreamReader reader = openReader();
         StreamAppender appender = new StreamAppender(id(), schema, tuning, taskDir.resolve("spill"), announcer)) {
      reader.assign(startPositions(reader));
      Map<String, String> start = new TreeMap<>(reader.positions());
      if (commitsPositions() && !start.isEmpty()) {
        // Positions picked from the stream's edge are committed at once: a restart before the first hand-off goes
        // on from them, not from a later edge (which would skip what arrived in between).
        env.metadataStore().initStreamOffsets(schema.dataSource(), offsets(start));
      }
      committedStart = inPartitionOrder(start);
      positions = inPartitionOrder(start);
      // Reading from here on: a record sent from now is read, whatever "latest" meant.
      ingestionState = "BUILD_SEGMENTS";
      readingStartedMillis = System.currentTimeMillis();
      lastHandoffMillis = readingStartedMillis;
      deadLetter = openDeadLetter();
      sequenceStart = start;
      Future<ParsedBatch> inFlight = null;
      while (!stopReading && !atEnd() && !reader.isFinished()) {
        checkShutdown();
        pauseIfRequested();
        checkShutdown();
        if (stopReading || atEnd()) {
          break;
        }
        List<StreamRecord> polled = reader.poll(pollTimeout);
        Map<String, String> polledTo = reader.positions();
        if (appender.mergesDeferred()) {
          // Catching up: the next batch is parsed on the parsing thread while this one is indexed here. Away
          // from catch-up each batch is indexed as soon as it is read, which is what keeps rows fresh.
          Future<ParsedBatch> next = parsing().submit(() -> parse(polled, polledTo, parser, transformer));
          if (inFlight != null) {
            indexBatch(await(inFlight), reader, appender);
          }
          inFlight = next;
        } else {
          if (inFlight != null) {
            indexBatch(await(inFlight), reader, appender);
            inFlight = null;
          }
          indexBatch(parse(polled, polledTo, parser, transformer), reader, appender);
        }
      }
      if (inFlight != null) {
        indexBatch(await(inFlight), reader, appender); // its records past the end positions are skipped
      }
      start = sequenceStart;
      readingStopped.countDown();
      checkShutdown();
      ingestionState = "PUBLISHING";
      handOff(appender, chunk -> true, start, positions, true);
      ingestionState = "COMPLETED";
    } finally {
      if (parsing != null) {
        parsing.shutdownNow();
      }
      deadLetter.close();
    }
  }

  /** The thread that parses the next batch during a catch-up; made on first use. */
  private ExecutorService parsing() {
    if (parsing == null) {
      parsing = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "stream-parse-" + id());
        t.setDaemon(true);
        return t;
      });
    }
    return parsing;
  }

  private static ParsedBatch await(Future<ParsedBatch> batch) throws Exception {
    try {
      return batch.get();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception ex ? ex : e;
    }
  }

  /**
   * Adds a parsed batch to the appender and does what follows each batch: the positions it read to become the
   * task's, then persists and hand-offs that are due.
   */
  private void indexBatch(ParsedBatch batch, StreamReader reader, StreamAppender appender) throws Exception {
    long now = System.currentTimeMillis();
    index(batch, appender, now);
    positions = inPartitionOrder(atMostEnd(batch.positionsAfter()));
    latestPositions = inPartitionOrder(reader.endPositions());
    lagMillis = reader.lagMillis();
    appender.deferMerges(catchingUp(appender));
    recordHistory(now);
    if (appender.persistDue(now)) {
      appender.persistAll();
    }
    java.util.function.Predicate<io.strata.api.time.Interval> due = handOffNow(appender, now);
    if (due != null && replicaSequence() != null) {
      handOffRequested = true; // replicas hand off together, where their supervisor ends the sequence
    } else if (due != null) {
      handOff(appender, due, sequenceStart, positions, false);
      sequenceStart = new TreeMap<>(positions);
      committedStart = inPartitionOrder(sequenceStart);
      lastHandoffMillis = now;
    }
  }

  /** Far behind: more than an in-memory index's worth of records (or, where only time is told, 10 s). */
  private static final long BEHIND_MILLIS = 10_000;

  /**
   * Whether the task is catching up with its stream, with hysteresis (behind past {@code maxRowsInMemory} records,
   * caught up again below half of it) so that a lag near the line does not flip merging on and off at every poll.
   */
  private boolean catchingUp(StreamAppender appender) {
    long records = 0;
    Map<String, String> at = positions;
    for (Map.Entry<String, String> e : latestPositions.entrySet()) {
      String p = at.get(e.getKey());
      Long end = asLong(e.getValue());
      Long now = p == null ? null : asLong(p);
      if (end != null && now != null) {
        records += Math.max(0, end - now);
      }
    }
    long millis = 0;
    for (long l : lagMillis.values()) {
      millis = Math.max(millis, l);
    }
    long limit = tuning.maxRowsInMemory();
    boolean wasBehind = appender.mergesDeferred();
    return wasBehind ? records > limit / 2 || millis > BEHIND_MILLIS / 2 : records > limit || millis > BEHIND_MILLIS;
  }

  private static Long asLong(String position) {
    return StreamPositions.isNumber(position) && position.length() < 19 ? Long.parseLong(position) : null;
  }

  /**
   * Positions no further than the end positions: records a poll returned past a partition's end are not this task's
   * (it skips them), so what it commits stops at the end, where the next task starts.
   */
  private Map<String, String> atMostEnd(Map<String, String> read) {
    if (endPositions.isEmpty()) {
      return read;
    }
    Map<String, String> out = new java.util.HashMap<>(read);
    endPositions.forEach((p, end) -> out.computeIfPresent(p, (k, at) -> StreamPositions.compare(at, end) > 0 ? end
        : at));
    return out;
  }

  private boolean atEnd() {
    if (endPositions.isEmpty()) {
      return false;
    }
    Map<String, String> at = positions;
    for (Map.Entry<String, String> e : endPositions.entrySet()) {
      String p = at.get(e.getKey());
      if (p == null || StreamPositions.compare(p, e.getValue()) < 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * A polled batch parsed and transformed, not yet indexed: per record, {@code null} when it could not be parsed
   * (its error is in {@code unparseable}) or its rows, each a transformed {@link InputRow}, a {@link ParseException}
   * of the transform, or null for a row the transform filtered out. {@code positionsAfter}: where the reader was
   * after the poll.
   */
  private record ParsedBatch(List<StreamRecord> records, List<List<Object>> rows, ParseException[] unparseable,
                             Map<String, String> positionsAfter) {
  }

  /** Parses a batch; touches nothing of the task but the parser and transformer (the parsing thread may run it). */
  private static ParsedBatch parse(List<StreamRecord> batch, Map<String, String> positionsAfter, RecordParser parser,
                                   Transformer transformer) {
    List<List<Object>> rows = new ArrayList<>(batch.size());
    ParseException[] unparseable = new ParseException[batch.size()];
    for (int i = 0; i < batch.size(); i++) {
      List<InputRow> parsed;
      try {
        parsed = parser.parse(batch.get(i).value());
      } catch (ParseException e) {
        unparseable[i] = e;
        rows.add(null);
        continue;
      }
      List<Object> out = new ArrayList<>(parsed.size());
      for (InputRow row : parsed) {
        try {
          out.add(transformer.transform(row));
        } catch (ParseException e) {
          out.add(e);
        }
      }
      rows.add(out);
    }
    return new ParsedBatch(batch, rows, unparseable, positionsAfter);
  }

  private void index(ParsedBatch batch, StreamAppender appender, long now) throws Exception {
    long processed = 0;
    long thrownAway = 0;
    long bytes = 0;
    String counted = null;
    long[] count = null;
    for (int i = 0; i < batch.records().size(); i++) {
      StreamRecord r = batch.records().get(i);
      String end = endPositions.get(r.partition());
      if (end != null && StreamPositions.compare(r.position(), end) >= 0) {
        continue; // past this task's end; the next task reads it
      }
      if (!r.partition().equals(counted)) {
        counted = r.partition();
        count = recordsRead.computeIfAbsent(counted, k -> new long[1]);
      }
      count[0]++;
      bytes += r.value() == null ? 0 : r.value().length;
      List<Object> rows = batch.rows().get(i);
      if (rows == null) {
        errors.unparseable(batch.unparseable()[i]);
        continue;
      }
      for (Object row : rows) {
        if (row instanceof ParseException e) {
          errors.unparseable(e);
          continue;
        }
        if (row == null) {
          thrownAway++;
          continue;
        }
        InputRow transformed = (InputRow) row;
        long t = transformed.timestamp();
        Rejection rejection = reject(t, now);
        if (rejection != null) {
          thrownAway++;
          if (rejection.reason().equals(Rejection.LATE)) {
            rejectedLate++;
          } else if (rejection.reason().equals(Rejection.EARLY)) {
            rejectedEarly++;
          }
          deadLetter.write(new DeadLetter.Rejected(rejection.reason(), rejection.detail(), t, stream,
              commitsPositions() ? r.partition() : null, commitsPositions() ? r.position() : null, r.value()));
          continue;
        }
        List<String> rowErrors = appender.add(transformed);
        if (rowErrors.isEmpty()) {
          processed++;
        } else {
          errors.processedWithError(transformed.toString(), rowErrors);
        }
      }
    }
    stats.addProcessed(processed);
    stats.addThrownAway(thrownAway);
    stats.addProcessedBytes(bytes);
  }

  /**
   * Publishes what the appender holds with the positions from {@code start} to {@code end}, and (when
   * {@code last}) the task's success, in one transaction; then swaps the published segments in for the live ones.
   */
  private void handOff(StreamAppender appender, java.util.function.Predicate<io.strata.api.time.Interval> which,
                       Map<String, String> start, Map<String, String> end, boolean last) throws Exception {
    long t0 = System.currentTimeMillis();
    // Rejected rows of the records this hand-off commits must be durable before the commit.
    deadLetter.flush();
    List<StreamHandoff.Chunk> chunks = appender.takeChunks(which);
    if (chunks.isEmpty() && !last && !commitsPositions()) {
      return;
    }
    List<io.strata.api.time.Interval> intervals = new ArrayList<>();
    chunks.forEach(c -> intervals.add(c.interval()));
    MetadataStore.StreamCommit commit = commitsPositions()
        ? new MetadataStore.StreamCommit(offsets(start), offsets(end)) : null;
    MetadataStore.ReplicaSequences sequences = sequencesFor(intervals);
    long[] committedAt = {0};
    List<Segment> stillLive = appender.liveAfterHandoff();
    boolean[] swapped = {false};
    List<DataSegment> published;
    try {
      published = StreamHandoff.publish(schema, tuning.asBatchTuning(), chunks, taskDir.resolve("final-" + t0),
          env.deepStorage(), env.metadataStore(), nextVersion(), count -> {
            if (!last) {
              return null;
            }
            committedAt[0] = System.currentTimeMillis();
            return records.success(this, committedAt[0]);
          }, commit, sequences, this::checkShutdown, c -> {
            // The commit and the swap of live rows for published segments are one step for the served view.
            announcer.commitAndHandOff(schema.dataSource(), id(), c, stillLive);
            swapped[0] = true;
          });
    } catch (MetadataStore.AlreadyPublishedException e) {
      // A replica of this shard published these chunks first: its copy is served, ours is dropped.
      LOG.info("Task [{}]: {} of [{}] published by a replica; this task's copy is dropped", id(), intervals,
          schema.dataSource());
      announcer.announce(schema.dataSource(), id(), stillLive);
      deleteQuietly(taskDir.resolve("final-" + t0));
      return;
    }
    segmentsPublished += published.size();
    if (last && committedAt[0] != 0) {
      ingestionState = "COMPLETED";
      committed(committedAt[0]);
    }
    if (!swapped[0]) {
      announcer.handedOff(schema.dataSource(), id(), stillLive); // nothing was committed
    }
    if (appender.numChunks() == 0) {
      deleteQuietly(taskDir.resolve("spill"));
    }
    for (DataSegment d : published) {
      LOG.info("Task [{}]: announcing segment[{}] (published, {} rows)", id(), d.id(), d.numRows());
    }
    LOG.info("Task [{}]: handed off {} segment(s) of [{}]{} in {} ms", id(), published.size(), schema.dataSource(),
        commit == null ? "" : " covering " + start + " to " + end, System.currentTimeMillis() - t0);
  }

  /** The version for chunks that have no data yet. */
  protected abstract String nextVersion();

  private StreamOffsets offsets(Map<String, String> positions) {
    return new StreamOffsets(stream, new TreeMap<>(positions));
  }

  @Override
  protected String userMessage(Throwable t) {
    if (t instanceof ParseErrorHandler.MaxParseExceptionsExceededException) {
      return t.getMessage();
    }
    if (t instanceof io.strata.metadata.MetadataStoreException m && m.getMessage() != null
        && m.getMessage().contains("inconsistent stream offsets")) {
      return m.getMessage();
    }
    return super.userMessage(t);
  }

  @Override
  protected void cleanUp() {
    deleteQuietly(taskDir);
  }

  private synchronized void recordHistory(long now) {
    long second = now / 1000;
    long[] last = history.peekLast();
    if (last != null && last[0] == second) {
      return;
    }
    history.addLast(new long[] {second, stats.processed(), stats.unparseable(), stats.thrownAway(),
        stats.processedWithError()});
    while (history.size() > WINDOWS_SECONDS[WINDOWS_SECONDS.length - 1] + 1) {
      history.pollFirst();
    }
  }

  /** Druid's {@code movingAverages}: rows per second over the last 1, 5 and 15 minutes. */
  private synchronized Map<String, Object> movingAverages() {
    Map<String, Object> out = new LinkedHashMap<>();
    long[] last = history.peekLast();
    String[] names = {"1m", "5m", "15m"};
    for (int i = 0; i < WINDOWS_SECONDS.length; i++) {
      Map<String, Object> rates = new LinkedHashMap<>();
      long[] first = null;
      for (long[] h : history) {
        if (last != null && last[0] - h[0] <= WINDOWS_SECONDS[i]) {
          first = h;
          break;
        }
      }
      double seconds = last == null || first == null ? 0 : Math.max(1, last[0] - first[0]);
      String[] keys = {"processed", "unparseable", "thrownAway", "processedWithError"};
      for (int k = 0; k < keys.length; k++) {
        rates.put(keys[k], seconds == 0 ? 0.0 : (last[k + 1] - first[k + 1]) / seconds);
      }
      out.put(names[i], rates);
    }
    return out;
  }

  @Override
  public Map<String, Object> report(TaskState state) {
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("ingestionState", state == TaskState.SUCCESS ? "COMPLETED" : ingestionState);
    payload.put("unparseableEvents", Map.of("buildSegments", errors.savedEvents()));
    Map<String, Object> rowStats = new LinkedHashMap<>();
    Map<String, Object> totals = new LinkedHashMap<>();
    Map<String, Object> build = stats.toJson();
    build.put("rejectedLate", rejectedLate);
    build.put("rejectedEarly", rejectedEarly);
    build.put("deadLettered", deadLetter.written());
    totals.put("buildSegments", build);
    Map<String, Object> moving = new LinkedHashMap<>();
    moving.put("buildSegments", movingAverages());
    rowStats.put("movingAverages", moving);
    rowStats.put("totals", totals);
    payload.put("rowStats", rowStats);
    payload.put("errorMsg", state == TaskState.SUCCESS ? null : errorMsg());
    payload.put("segmentAvailabilityConfirmed", state == TaskState.SUCCESS);
    payload.put("segmentAvailabilityWaitTimeMs", 0);
    payload.put("recordsProcessed", recordsProcessed());
    payload.put("segmentsPublished", segmentsPublished);
    if (deadLetter.destination() != null) {
      payload.put("deadLetter", deadLetter.destination());
    }
    return reportOf("ingestionStatsAndErrors", payload);
  }

  private Map<String, Object> recordsProcessed() {
    Map<String, Object> out = new LinkedHashMap<>();
    for (String p : committedStart.keySet()) {
      long[] n = recordsRead.get(p);
      out.put(p, n == null ? 0 : n[0]);
    }
    return out;
  }

  private static void deleteQuietly(Path dir) {
    io.strata.api.util.Directories.deleteQuietly(dir);
  }

  /** The partitions of this task. */
  public List<String> partitions() {
    return new ArrayList<>(startPositions.keySet());
  }
}
