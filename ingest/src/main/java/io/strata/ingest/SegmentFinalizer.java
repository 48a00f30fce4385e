package io.strata.ingest;

import io.strata.api.data.SegmentId;
import io.strata.api.spec.DataSchema;
import io.strata.api.spec.TuningConfig;
import io.strata.api.time.Interval;
import io.strata.metadata.DataSegment;
import io.strata.metadata.DeepStorage;
import io.strata.metadata.MetadataStore;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The end of a batch task: per time chunk, merges the spills (re-applying rollup) into final segments of at most
 * {@code maxRowsPerSegment} rows, pushes them to deep storage, then publishes all of them in one metadata
 * transaction. Replace mode gives the chunks a new version that overshadows what was there; append mode joins the
 * chunk's current version with the next partition numbers.
 */
final class SegmentFinalizer {
  private final DataSchema schema;
  private final TuningConfig tuning;
  private final Path finalDir;
  private final DeepStorage deepStorage;
  private final MetadataStore store;
  private final boolean append;
  private final boolean dropExisting;
  private final String newVersion;

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

  List<DataSegment> finalizeAndPublish(Map<Interval, List<Path>> spillsByChunk, Runnable checkShutdown, int threads)
      throws Exception {
    String ds = schema.dataSource();
    Map<Interval, List<Segments.Built>> builtByChunk = buildAll(spillsByChunk, checkShutdown, threads);
    List<DataSegment> pushed = new ArrayList<>();
    for (Map.Entry<Interval, List<Segments.Built>> e : builtByChunk.entrySet()) {
      checkShutdown.run();
      Interval chunk = e.getKey();
      List<Segments.Built> built = e.getValue();
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
      for (int i = 0; i < built.size(); i++) {
        Segments.Built b = built.get(i);
        SegmentId id = new SegmentId(ds, chunk, version, firstPartition + i);
        Path location = deepStorage.push(id, b.path());
        pushed.add(DataSegment.of(id, numPartitions, location, b.dimensions(), b.metrics(),
            b.sizeBytes(), b.numRows()));
      }
    }
    checkShutdown.run();
    List<Interval> replace = append ? List.of() : replaceIntervals(spillsByChunk);
    if (!pushed.isEmpty() || !replace.isEmpty()) {
      store.publish(ds, pushed, replace);
    }
    return pushed;
  }

  /** Merges and writes every chunk's final segments, chunks in parallel on {@code threads} threads. */
  private Map<Interval, List<Segments.Built>> buildAll(Map<Interval, List<Path>> spillsByChunk,
                                                      Runnable checkShutdown, int threads) throws Exception {
    Map<Interval, java.util.concurrent.Future<List<Segments.Built>>> futures = new java.util.TreeMap<>();
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(
        Math.max(1, Math.min(threads, spillsByChunk.size())), r -> {
          Thread t = new Thread(r, "segment-merge");
          t.setDaemon(true);
          return t;
        });
    try {
      for (Map.Entry<Interval, List<Path>> e : spillsByChunk.entrySet()) {
        Interval chunk = e.getKey();
        futures.put(chunk, pool.submit(() -> {
          checkShutdown.run();
          return Segments.mergeAndWrite(e.getValue(), chunk, schema, tuning.maxRowsPerSegment(),
              finalDir.resolve(chunk.start() + "_" + chunk.end()));
        }));
      }
      Map<Interval, List<Segments.Built>> out = new java.util.TreeMap<>();
      for (Map.Entry<Interval, java.util.concurrent.Future<List<Segments.Built>>> e : futures.entrySet()) {
        try {
          out.put(e.getKey(), e.getValue().get());
        } catch (java.util.concurrent.ExecutionException ex) {
          if (ex.getCause() instanceof Exception cause) {
            throw cause;
          }
          throw ex;
        }
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Chunks whose old segments the new ones replace: the chunks that got data, plus, with {@code dropExisting},
   * every chunk of the spec's intervals.
   */
  private List<Interval> replaceIntervals(Map<Interval, List<Path>> spillsByChunk) {
    java.util.TreeSet<Interval> out = new java.util.TreeSet<>(spillsByChunk.keySet());
    if (dropExisting) {
      out.addAll(schema.granularitySpec().bucketIntervals());
    }
    return List.copyOf(out);
  }
}
