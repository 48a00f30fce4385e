package io.strata.ingest;

import io.strata.api.spec.DataSchema;
import io.strata.api.spec.TuningConfig;
import io.strata.api.time.Interval;
import io.strata.index.IncrementalIndex;
import io.strata.metadata.DataSegment;
import io.strata.metadata.DeepStorage;
import io.strata.metadata.MetadataStore;
import io.strata.api.data.SegmentSchema;
import io.strata.segment.merge.SegmentMerger;
import io.strata.segment.read.QueryableSegment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntFunction;

/**
 * The segment building a streaming task shares with batch ingestion: persisting an in-memory index to a spill, and
 * the hand-off — merging each time chunk's spills and in-memory index into final segments (rollup re-applied),
 * moving them into deep storage as appended partitions of the chunk's current version, and publishing them with the
 * stream offsets they cover and the task's final record in one metadata transaction.
 */
public final class StreamHandoff {
  private StreamHandoff() {
  }

  /** What one time chunk holds at hand-off. The in-memory indexes are closed by the hand-off. */
  public record Chunk(Interval interval, List<Path> spills, List<IncrementalIndex> inMemory) {
  }

  /** An in-memory index of the schema for {@code chunk}, named {@code id}. */
  public static IncrementalIndex newIndex(io.strata.api.data.SegmentId id, DataSchema schema) {
    return Indexes.create(id, schema);
  }

  /** Writes the index's rows to a spill segment in {@code dir} (which must not exist), fsynced. */
  public static void persist(IncrementalIndex index, Interval chunk, Path dir) throws IOException {
    Files.createDirectories(dir.getParent());
    Segments.write(index.toSortedRowSource(), chunk, dir);
  }

  /**
   * Merges spills of one chunk (rollup re-applied when {@code rollup}) into one spill segment in {@code dir} (which
   * must not exist), fsynced. The spills stay open and may be queried meanwhile.
   */
  public static void mergeSpills(List<QueryableSegment> spills, Interval chunk, boolean rollup, Path dir)
      throws IOException {
    Files.createDirectories(dir.getParent());
    List<SegmentSchema> schemas = new ArrayList<>();
    for (QueryableSegment s : spills) {
      schemas.add(s.schema());
    }
    Segments.write(SegmentMerger.mergeSegments(spills, SegmentMerger.unionSchema(schemas), rollup), chunk, dir);
  }

  /**
   * Builds, pushes and publishes the chunks.
   *
   * @param workDir    scratch for the final segments
   * @param version    the version of chunks that have no data yet
   * @param completion given the number of segments, the task's final record (stored by the publish transaction)
   * @param stream     the offsets the chunks' rows cover, committed in the same transaction
   * @return the published segments
   * @throws io.strata.metadata.MetadataStoreException if the stream offsets do not continue the committed ones
   */
  public static List<DataSegment> publish(DataSchema schema, TuningConfig tuning, List<Chunk> chunks, Path workDir,
                                          DeepStorage deepStorage, MetadataStore store, String version,
                                          IntFunction<MetadataStore.TaskCompletion> completion,
                                          MetadataStore.StreamCommit stream, Runnable checkShutdown)
      throws Exception {
    return publish(schema, tuning, chunks, workDir, deepStorage, store, version, completion, stream, null,
        checkShutdown);
  }

  /**
   * As above; with {@code sequences}, only if no replica published them (else
   * {@link MetadataStore.AlreadyPublishedException}, with nothing published).
   */
  public static List<DataSegment> publish(DataSchema schema, TuningConfig tuning, List<Chunk> chunks, Path workDir,
                                          DeepStorage deepStorage, MetadataStore store, String version,
                                          IntFunction<MetadataStore.TaskCompletion> completion,
                                          MetadataStore.StreamCommit stream,
                                          MetadataStore.ReplicaSequences sequences, Runnable checkShutdown)
      throws Exception {
    return publish(schema, tuning, chunks, workDir, deepStorage, store, version, completion, stream, sequences,
        checkShutdown, CommitGuard.NONE);
  }

  /** As above, with the metadata commit run through {@code guard}. */
  public static List<DataSegment> publish(DataSchema schema, TuningConfig tuning, List<Chunk> chunks, Path workDir,
                                          DeepStorage deepStorage, MetadataStore store, String version,
                                          IntFunction<MetadataStore.TaskCompletion> completion,
                                          MetadataStore.StreamCommit stream,
                                          MetadataStore.ReplicaSequences sequences, Runnable checkShutdown,
                                          CommitGuard guard)
      throws Exception {
    Map<Interval, ChunkParts.Parts> parts = new TreeMap<>();
    for (Chunk c : chunks) {
      if (c.spills().isEmpty() && c.inMemory().isEmpty()) {
        continue;
      }
      parts.put(c.interval(), new ChunkParts.Parts(List.copyOf(c.spills()), new ArrayList<>(c.inMemory())));
    }
    SegmentFinalizer finalizer = new SegmentFinalizer(schema, tuning, workDir, deepStorage, store, true, false,
        version);
    return finalizer.withCommitGuard(guard).finalizeAndPublish(parts, checkShutdown, 1, completion, stream,
        sequences);
  }
}
