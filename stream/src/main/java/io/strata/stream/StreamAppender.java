package io.strata.stream;

import io.strata.api.data.Segment;
import io.strata.api.data.SegmentId;
import io.strata.api.input.InputRow;
import io.strata.api.spec.DataSchema;
import io.strata.api.spec.stream.StreamTuningConfig;
import io.strata.api.time.Granularity;
import io.strata.api.time.Interval;
import io.strata.api.util.Directories;
import io.strata.api.util.SafePaths;
import io.strata.index.IncrementalIndex;
import io.strata.ingest.StreamHandoff;
import io.strata.segment.read.QueryableSegment;
import io.strata.segment.read.SegmentReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The one streaming core every front door shares (Kafka tasks, the legacy realtime node, push tasks): rows go into
 * a sink per time chunk — an in-memory index, queryable at once — which is persisted to a spill segment when the
 * task holds {@code maxRowsInMemory} rows or {@code maxBytesInMemory} bytes, or every
 * {@code intermediatePersistPeriod}; the spills stay queryable. At hand-off the sinks are given up
 * ({@link #takeChunks}) for merging and publishing with the stream offsets they cover.
 *
 * <p>Persists run on a background thread, so reading goes on while a spill is written: the in-memory index being
 * persisted stays queryable until its spill is open, then one swap replaces it. At most one persist runs; the next
 * one waits for it, so memory holds at most twice the in-memory limits. A failed persist fails the writer's next
 * call (the task then restarts from its committed offsets: nothing a persist wrote is committed by itself).
 *
 * <p>Every change of what is queryable (a new sink, a persist) is one {@link RealtimeAnnouncer#announce}, so a query
 * sees each row once. One writer thread; {@link #live()} may be read from any thread. The sinks' lists and the
 * sink map are guarded by the appender's lock, which the persist thread takes to swap in its spills.
 */
public final class StreamAppender implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StreamAppender.class);

  /** How many spills of one level are merged into one of the next. */
  static final int MERGE_FACTOR = 3;

  private final String taskId;
  private final DataSchema schema;
  private final StreamTuningConfig tuning;
  private final Path spillRoot;
  private final RealtimeAnnouncer announcer;
  private final Granularity segmentGranularity;
  private final long maxBytes;
  private final long persistPeriodMillis;
  private final Map<Long, Sink> sinks = new TreeMap<>();
  private final ExecutorService persister;
  private Future<?> pendingPersist;
  /** Merges started when merging resumed after a catch-up; awaited with the persist. */
  private Future<?> pendingMerge;
  /** While the task is far behind its stream, merges wait: they would take the CPU and the persist thread from reading. */
  private volatile boolean mergesDeferred;
  private int sequence;
  private long rowsInMemory;
  private long rowsPersisted;
  private long lastPersistMillis = System.currentTimeMillis();
  private volatile List<Segment> live = List.of();
  // The chunk of the last row: rows are mostly in time order, so most hit the same sink.
  private long lastStart = Long.MIN_VALUE;
  private long lastEnd = Long.MIN_VALUE;
  private Sink lastSink;

  /** One time chunk's rows: its persisted spills (each open for queries) and the in-memory index of newer rows. */
  private final class Sink {
    final Interval interval;
    final List<Path> spillPaths = new ArrayList<>();
    final List<QueryableSegment> spills = new ArrayList<>();
    /** Per spill, how many merges made it: 0 for a persist, one more than the highest of a merge's inputs. */
    final List<Integer> spillLevels = new ArrayList<>();
    /** In-memory indexes handed to the persist thread, served until their spills replace them. */
    final List<IncrementalIndex> persisting = new ArrayList<>();
    volatile IncrementalIndex index;
    long persistedRows;

    Sink(Interval interval) {
      this.interval = interval;
      this.index = newIndex(interval);
    }

    boolean hasPersisted() {
      return !spills.isEmpty() || !persisting.isEmpty();
    }
  }

  /** An in-memory index on its way to a spill. */
  private record Frozen(Sink sink, IncrementalIndex index, Path dir, SegmentId spillId) {
  }

  /**
   * @param spillRoot the task's scratch directory for spills (deleted with the task)
   */
  public StreamAppender(String taskId, DataSchema schema, StreamTuningConfig tuning, Path spillRoot,
                        RealtimeAnnouncer announcer) {
    this.taskId = taskId;
    this.schema = schema;
    this.tuning = tuning;
    this.spillRoot = spillRoot;
    this.announcer = announcer;
    this.segmentGranularity = schema.granularitySpec().segmentGranularity();
    this.maxBytes = tuning.effectiveMaxBytesInMemory();
    this.persistPeriodMillis = tuning.intermediatePersistMillis();
    this.persister = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "stream-persist-" + taskId);
      t.setDaemon(true);
      return t;
    });
  }

  private SegmentId liveId(Interval interval) {
    return new SegmentId(schema.dataSource(), interval, "realtime_" + SafePaths.fileNameFor(taskId), sequence++);
  }

  private IncrementalIndex newIndex(Interval interval) {
    return StreamHandoff.newIndex(liveId(interval), schema);
  }

  /**
   * Adds a row; returns the parse errors of its values (empty if none). Persists first when memory is full.
   */
  public List<String> add(InputRow row) throws IOException {
    long t = row.timestamp();
    Sink sink;
    if (t >= lastStart && t < lastEnd) {
      sink = lastSink;
    } else {
      long start = segmentGranularity.bucketStart(t);
      sink = sinks.get(start);
      if (sink == null) {
        sink = new Sink(new Interval(start, segmentGranularity.next(start)));
        synchronized (this) {
          sinks.put(start, sink);
        }
        LOG.info("Task [{}]: announcing segment[{}] (in memory)", taskId, sink.index.id());
        // The first row of a new chunk becomes queryable with the chunk's index.
        List<String> errors = addTo(sink, row);
        announce();
        return errors;
      }
      lastStart = sink.interval.start();
      lastEnd = sink.interval.end();
      lastSink = sink;
    }
    return addTo(sink, row);
  }

  private List<String> addTo(Sink sink, InputRow row) throws IOException {
    int before = sink.index.numRows();
    List<String> errors = sink.index.add(row).parseErrors();
    rowsInMemory += sink.index.numRows() - before;
    if (before == 0 && sink.index.numRows() > 0 && hasPersisted(sink)) {
      // A persist left this sink with only its spills in the live set: its fresh in-memory index joins it with
      // its first row, or that row and every later one would stay unseen until the next persist.
      announce();
    }
    if (rowsInMemory >= tuning.maxRowsInMemory()
        || (rowsInMemory & 1023) == 0 && rowsInMemory > 0 && bytesInMemory() >= maxBytes) {
      persistAll();
    }
    return errors;
  }

  private synchronized boolean hasPersisted(Sink sink) {
    return sink.hasPersisted();
  }

  private long bytesInMemory() {
    long total = 0;
    for (Sink s : sinks.values()) {
      total += s.index.estimatedBytesInMemory();
    }
    return total;
  }

  /** True when {@code intermediatePersistPeriod} has passed since the last persist and there is something to persist. */
  public boolean persistDue(long nowMillis) {
    return rowsInMemory > 0 && nowMillis - lastPersistMillis >= persistPeriodMillis;
  }

  /**
   * Starts persisting every sink's in-memory rows on the persist thread (after the previous persist has finished);
   * fresh in-memory indexes take the new rows meanwhile. The spills replace the persisted indexes in the queryable
   * set in one swap when they are written.
   */
  public void persistAll() throws IOException {
    awaitPersist();
    List<Frozen> work = new ArrayList<>();
    long rows = rowsInMemory;
    synchronized (this) {
      for (Sink s : sinks.values()) {
        IncrementalIndex index = s.index;
        if (index.numRows() == 0) {
          continue;
        }
        Path dir = spillRoot.resolve(s.interval.start() + "_" + s.interval.end() + "_" + sequence++);
        work.add(new Frozen(s, index, dir, liveId(s.interval)));
        s.persisting.add(index);
        s.persistedRows += index.numRows();
        s.index = newIndex(s.interval);
      }
      rowsPersisted += rowsInMemory;
      rowsInMemory = 0;
      lastPersistMillis = System.currentTimeMillis();
      announce();
    }
    if (work.isEmpty()) {
      return;
    }
    int chunks = sinks.size();
    pendingPersist = persister.submit(() -> {
      long start = System.nanoTime();
      for (Frozen f : work) {
        StreamHandoff.persist(f.index(), f.sink().interval, f.dir());
        QueryableSegment spill = SegmentReader.open(f.dir(), f.spillId(), false);
        synchronized (this) {
          f.sink().spillPaths.add(f.dir());
          f.sink().spills.add(spill);
          f.sink().spillLevels.add(0);
          f.sink().persisting.remove(f.index());
          announce();
        }
        LOG.info("Task [{}]: announcing segment[{}] (persisted, {} rows)", taskId, f.spillId(), f.index().numRows());
        f.index().close();
      }
      LOG.info("Task [{}]: persisted {} rows of {} chunk(s) in {} ms", taskId, rows, chunks,
          (System.nanoTime() - start) / 1_000_000);
      if (!mergesDeferred) {
        for (Frozen f : work) {
          mergeSpills(f.sink());
        }
      }
      return null;
    });
  }

  /**
   * Keeps a sink's spill count logarithmic in its persists, as a log-structured merge does: whenever its newest
   * {@link #MERGE_FACTOR} spills are of the same level, they are merged into one of the next level, which replaces
   * them in the queryable set in one swap. Every query reads each spill as a segment of its own (its own dictionary
   * and partial groups), so a chunk in a dozen spills answers several times slower than the same rows in one;
   * merging by levels rewrites each row only once per level. Runs on the persist thread, after a persist.
   */
  private void mergeSpills(Sink sink) throws IOException {
    while (true) {
      int level;
      synchronized (this) {
        int n = sink.spills.size();
        if (n < MERGE_FACTOR || !sinks.containsValue(sink)) {
          return;
        }
        level = sink.spillLevels.get(n - 1);
        for (int i = n - MERGE_FACTOR; i < n; i++) {
          if (sink.spillLevels.get(i) != level) {
            return;
          }
        }
      }
      mergeNewest(sink, MERGE_FACTOR, level + 1);
    }
  }

  /**
   * Merges all of a sink's spills into one (after a catch-up, whose merges were deferred): a chunk that is done
   * taking most of its rows is then one spill, as it will be one segment after its hand-off.
   */
  private void mergeAllSpills(Sink sink) throws IOException {
    int count;
    int level;
    synchronized (this) {
      count = sink.spills.size();
      if (count < 2 || !sinks.containsValue(sink)) {
        return;
      }
      level = 0;
      for (int l : sink.spillLevels) {
        level = Math.max(level, l);
      }
    }
    mergeNewest(sink, count, level + 1);
  }

  /** Merges the sink's newest {@code count} spills into one of {@code level}, which replaces them in one swap. */
  private void mergeNewest(Sink sink, int count, int level) throws IOException {
    List<QueryableSegment> inputs;
    List<Path> inputPaths;
    Path dir;
    SegmentId id;
    synchronized (this) {
      int n = sink.spills.size();
      inputs = List.copyOf(sink.spills.subList(n - count, n));
      inputPaths = List.copyOf(sink.spillPaths.subList(n - count, n));
      dir = spillRoot.resolve(sink.interval.start() + "_" + sink.interval.end() + "_" + sequence++ + "_merged");
      id = liveId(sink.interval);
    }
    long start = System.nanoTime();
    StreamHandoff.mergeSpills(inputs, sink.interval, schema.granularitySpec().rollup(), dir);
    QueryableSegment merged = SegmentReader.open(dir, id, false);
    synchronized (this) {
      int n = sink.spills.size();
      // Only the persist thread adds or replaces spills, and a hand-off takes sinks only after it is idle.
      sink.spills.subList(n - count, n).clear();
      sink.spillPaths.subList(n - count, n).clear();
      sink.spillLevels.subList(n - count, n).clear();
      sink.spills.add(merged);
      sink.spillPaths.add(dir);
      sink.spillLevels.add(level);
      // The serving side closes the replaced spills when the last query reading them is done.
      announce();
    }
    if (announcer == RealtimeAnnouncer.NONE) {
      inputs.forEach(QueryableSegment::close);
    }
    // The replaced spills are mapped in memory as long as a query reads them; their files can go now.
    for (Path p : inputPaths) {
      Directories.deleteQuietly(p);
    }
    LOG.info("Task [{}]: merged {} spills of [{}] into segment[{}] ({} rows) in {} ms", taskId, count,
        sink.interval, id, merged.numRows(), (System.nanoTime() - start) / 1_000_000);
  }

  /**
   * Defers spill merges while {@code behind} (the task is catching up: a merge rewrites rows that the hand-off merges
   * again soon anyway, and reading is what matters then); once no longer behind, each sink's spills are merged into
   * one on the persist thread. Writer thread only.
   */
  public void deferMerges(boolean behind) {
    if (behind == mergesDeferred) {
      return;
    }
    mergesDeferred = behind;
    if (!behind) {
      // A failure of an earlier merge job left its inputs in place: nothing to surface, the new job retries.
      List<Sink> all;
      synchronized (this) {
        all = List.copyOf(sinks.values());
      }
      pendingMerge = persister.submit(() -> {
        for (Sink s : all) {
          mergeAllSpills(s);
        }
        return null;
      });
    }
  }

  public boolean mergesDeferred() {
    return mergesDeferred;
  }

  private void awaitPersist() throws IOException {
    await(pendingPersist);
    pendingPersist = null;
    await(pendingMerge);
    pendingMerge = null;
  }

  private static void await(Future<?> pending) throws IOException {
    if (pending == null) {
      return;
    }
    try {
      pending.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for a persist");
    } catch (ExecutionException e) {
      throw e.getCause() instanceof IOException io ? io : new IOException("persist failed", e.getCause());
    }
  }

  /** Rows held (after rollup), in memory and in spills: what the next hand-off publishes. */
  public long totalRows() {
    return rowsInMemory + rowsPersisted;
  }

  /** The time chunks with rows. */
  public int numChunks() {
    return sinks.size();
  }

  /** The queryable segments: every sink's spills and in-memory index. Any thread. */
  public List<Segment> live() {
    return live;
  }

  private synchronized void announce() {
    List<Segment> segments = new ArrayList<>();
    for (Sink s : sinks.values()) {
      segments.addAll(s.spills);
      segments.addAll(s.persisting);
      if (s.index.numRows() > 0 || !s.hasPersisted()) {
        segments.add(s.index);
      }
    }
    live = List.copyOf(segments);
    announcer.announce(schema.dataSource(), taskId, live);
  }

  /**
   * Gives up every sink for a hand-off: the spills and in-memory indexes per chunk. The sinks stay queryable (their
   * live set is not changed) until the caller reports the hand-off with {@link RealtimeAnnouncer#handedOff}; the
   * appender starts afresh.
   */
  public List<StreamHandoff.Chunk> takeChunks() throws IOException {
    return takeChunks(chunk -> true);
  }

  /** As {@link #takeChunks()}, for the sinks of the chunks {@code which} selects; the others stay. */
  public List<StreamHandoff.Chunk> takeChunks(java.util.function.Predicate<Interval> which) throws IOException {
    awaitPersist();
    return takeWrittenChunks(which);
  }

  private synchronized List<StreamHandoff.Chunk> takeWrittenChunks(java.util.function.Predicate<Interval> which) {
    List<StreamHandoff.Chunk> out = new ArrayList<>();
    for (var it = sinks.values().iterator(); it.hasNext(); ) {
      Sink s = it.next();
      if (!which.test(s.interval)) {
        continue;
      }
      List<IncrementalIndex> inMemory = s.index.numRows() > 0 ? List.of(s.index) : List.of();
      out.add(new StreamHandoff.Chunk(s.interval, List.copyOf(s.spillPaths), new ArrayList<>(inMemory)));
      rowsInMemory -= s.index.numRows();
      rowsPersisted -= s.persistedRows;
      it.remove();
      if (s == lastSink) {
        lastSink = null;
        lastStart = Long.MIN_VALUE;
        lastEnd = Long.MIN_VALUE;
      }
    }
    if (sinks.isEmpty()) {
      lastPersistMillis = System.currentTimeMillis();
    }
    return out;
  }

  /** The time chunks that have sinks, in time order. */
  public List<Interval> chunks() {
    List<Interval> out = new ArrayList<>();
    sinks.values().forEach(s -> out.add(s.interval));
    return out;
  }

  /** The live set after the sinks were taken (the rows added since), for {@link RealtimeAnnouncer#handedOff}. */
  public synchronized List<Segment> liveAfterHandoff() {
    List<Segment> segments = new ArrayList<>();
    for (Sink s : sinks.values()) {
      segments.addAll(s.spills);
      segments.addAll(s.persisting);
      segments.add(s.index);
    }
    live = List.copyOf(segments);
    return live;
  }

  /** Stops serving what is left and frees it (a failed or stopped task: its rows will be read again). */
  @Override
  public void close() {
    try {
      awaitPersist();
    } catch (IOException e) {
      LOG.warn("Task [{}]: a persist failed while the task was closing: {}", taskId, e.toString());
    } finally {
      persister.shutdownNow();
    }
    closeSinks();
  }

  private synchronized void closeSinks() {
    // What was announced is closed by the serving side once no query reads it any more (a query may be reading a
    // view that holds it right now); what never was is closed here.
    java.util.Set<Segment> served = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    if (!live.isEmpty()) {
      // Leaving with rows not handed off (a failure or a shutdown): they stop being served.
      announcer.announce(schema.dataSource(), taskId, List.of());
      if (announcer != RealtimeAnnouncer.NONE) {
        served.addAll(live);
      }
    }
    for (Sink s : sinks.values()) {
      closeUnlessServed(s.index, served);
      s.persisting.forEach(i -> closeUnlessServed(i, served));
      s.spills.forEach(spill -> closeUnlessServed(spill, served));
    }
    sinks.clear();
    live = List.of();
  }

  private static void closeUnlessServed(Segment segment, java.util.Set<Segment> served) {
    if (!served.contains(segment)) {
      segment.close();
    }
  }
}
