package io.strata.ingest;

import io.strata.api.data.SegmentId;
import io.strata.api.spec.DataSchema;
import io.strata.api.spec.TuningConfig;
import io.strata.api.time.Interval;
import io.strata.metadata.DataSegment;
import io.strata.metadata.DeepStorage;
import io.strata.metadata.MetadataStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/**
 * The end of a batch task: per time chunk, merges the spills and the readers' last in-memory indexes (re-applying
 * rollup) into final segments of at most {@code maxRowsPerSegment} rows and moves them into deep storage, chunks in
 * parallel; then publishes all of them in one metadata transaction. Replace mode gives the chunks a new version that
 * overshadows what was there; append mode joins the chunk's current version with the next partition numbers.
 */
final class SegmentFinalizer {
  private static final Logger LOG = LoggerFactory.getLogger(SegmentFinalizer.class);

  private final DataSchema schema;
  private final TuningConfig tuning;
  private final Path finalDir;
  private final DeepStorage deepStorage;
  private final MetadataStore store;
  private final boolean append;
  private final boolean dropExisting;
  private final String newVersion;
  private CommitGuard guard = CommitGuard.NONE;

  SegmentFinalizer(DataSchema schema, TuningConfig tuning, Path finalDir, DeepStorage deepStorage,
                   MetadataStore store, boolean append, boolean dropExisting, String newVersion) {
    this.schema = schema;
    this.tuning = tuning;
    this.finalDir = finalDir;
    this.deepStorage = deepStorage;
    this.store = store;
    this.append = append;
    this.dropExisting = dropExisting;
    this.newVersion = newVersion;
  }

  /**
   * Builds, pushes and publishes the chunks' segments.
   *
   * @param completion given the number of segments to publish, the task's final record, which the publish
   *                   transaction stores with them; not called when there is nothing to publish
   * @return the published segments
   */
  List<DataSegment> finalizeAndPublish(Map<Interval, ChunkParts.Parts> partsByChunk, Runnable checkShutdown,
                                       int threads, IntFunction<MetadataStore.TaskCompletion> completion)
      throws Exception {
    return finalizeAndPublish(partsByChunk, checkShutdown, threads, completion, null);
  }

  /**
   * As above, also committing the stream offsets the segments cover (if {@code stream} is not null) in the publish
   * transaction; a commit is published even when there are no segments (the records were all thrown away), so the
   * offsets move on.
   */
  List<DataSegment> finalizeAndPublish(Map<Interval, ChunkParts.Parts> partsByChunk, Runnable checkShutdown,
                                       int threads, IntFunction<MetadataStore.TaskCompletion> completion,
                                       MetadataStore.StreamCommit stream) throws Exception {
    return finalizeAndPublish(partsByChunk, checkShutdown, threads, completion, stream, null);
  }

  /**
   * As above, publishing only if none of {@code sequences} was published by a replica; otherwise the pushed
   * segments are deleted from deep storage and {@link MetadataStore.AlreadyPublishedException} is thrown.
   */
  /** Runs the metadata commit through {@code commitGuard}. */
  SegmentFinalizer withCommitGuard(CommitGuard commitGuard) {
    this.guard = commitGuard;
    return this;
  }

  List<DataSegment> finalizeAndPublish(Map<Interval, ChunkParts.Parts> partsByChunk, Runnable checkShutdown,
                                       int threads, IntFunction<MetadataStore.TaskCompletion> completion,
                                       MetadataStore.StreamCommit stream, MetadataStore.ReplicaSequences sequences)
      throws Exception {
    long start = System.nanoTime();
    List<DataSegment> pushed = buildAndPushAll(partsByChunk, checkShutdown, threads);
    checkShutdown.run();
    long built = System.nanoTime();
    List<Interval> replace = append ? List.of() : replaceIntervals(partsByChunk);
    if (!pushed.isEmpty() || !replace.isEmpty() || stream != null) {
      try {
        guard.commit(() -> store.publish(schema.dataSource(), pushed, replace, completion.apply(pushed.size()),
            stream, sequences));
      } catch (MetadataStore.AlreadyPublishedException e) {
        for (DataSegment d : pushed) {
          try {
            deepStorage.delete(d);
          } catch (java.io.IOException | RuntimeException ignored) {
            // unreferenced: the sweep at the next start deletes it
          }
        }
        throw e;
      }
    }
    LOG.info("[{}] built and pushed {} segments in {} ms, published them in {} ms", schema.dataSource(),
        pushed.size(), (built - start) / 1_000_000, (System.nanoTime() - built) / 1_000_000);
    return pushed;
  }

  /**
   * Builds every chunk's final segments and moves them into deep storage, chunks in parallel on {@code threads}
   * threads. A chunk's in-memory indexes are freed as soon as its segments are written.
   */
  private List<DataSegment> buildAndPushAll(Map<Interval, ChunkParts.Parts> partsByChunk, Runnable checkShutdown,
                                            int threads) throws Exception {
    Map<Interval, Future<List<DataSegment>>> futures = new TreeMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(threads, partsByChunk.size())), r -> {
      Thread t = new Thread(r, "segment-merge");
      t.setDaemon(true);
      return t;
    });
    try {
      for (Map.Entry<Interval, ChunkParts.Parts> e : partsByChunk.entrySet()) {
        Interval chunk = e.getKey();
        futures.put(chunk, pool.submit(() -> buildAndPush(chunk, e.getValue(), checkShutdown)));
      }
      List<DataSegment> out = new ArrayList<>();
      for (Future<List<DataSegment>> f : futures.values()) {
        try {
          out.addAll(f.get());
        } catch (ExecutionException ex) {
          if (ex.getCause() instanceof Exception cause) {
            throw cause;
          }
          if (ex.getCause() instanceof Error error) {
            throw error;
          }
          throw ex;
        }
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  private List<DataSegment> buildAndPush(Interval chunk, ChunkParts.Parts parts, Runnable checkShutdown)
      throws Exception {
    checkShutdown.run();
    List<Segments.Built> built = Segments.mergeAndWrite(parts, chunk, schema, tuning.maxRowsPerSegment(),
        finalDir.resolve(chunk.start() + "_" + chunk.end()));
    checkShutdown.run();
    String ds = schema.dataSource();
    String version = newVersion;
    int firstPartition = 0;
    int numPartitions = built.size();
    if (append) {
      // Reserves built.size() partition numbers in the chunk's current version (or starts the chunk at ours),
      // so concurrent appenders never collide.
      MetadataStore.ChunkAllocation a = store.allocateAppend(ds, chunk, built.size(), newVersion).orElseThrow();
      version = a.version();
      firstPartition = a.nextPartition();
      numPartitions = 0;
    }
    List<DataSegment> out = new ArrayList<>(built.size());
    for (int i = 0; i < built.size(); i++) {
      Segments.Built b = built.get(i);
      SegmentId id = new SegmentId(ds, chunk, version, firstPartition + i);
      // The task wrote and fsynced the segment itself and has no further use for it: move it rather than copy.
      Path location = deepStorage.moveIn(id, b.path());
      out.add(DataSegment.of(id, numPartitions, location, b.dimensions(), b.metrics(), b.sizeBytes(), b.numRows()));
    }
    return out;
  }

  /**
   * Chunks whose old segments the new ones replace: the chunks that got data, plus, with {@code dropExisting},
   * every chunk of the spec's intervals.
   */
  private List<Interval> replaceIntervals(Map<Interval, ChunkParts.Parts> partsByChunk) {
    TreeSet<Interval> out = new TreeSet<>(partsByChunk.keySet());
    if (dropExisting) {
      out.addAll(schema.granularitySpec().bucketIntervals());
    }
    return List.copyOf(out);
  }
}
