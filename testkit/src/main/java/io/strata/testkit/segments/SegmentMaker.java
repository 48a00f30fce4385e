package io.strata.testkit.segments;

import io.strata.api.data.Segment;
import io.strata.api.data.SegmentId;
import io.strata.api.data.SegmentSchema;
import io.strata.api.data.SortedRowSource;
import io.strata.api.input.InputRow;
import io.strata.api.time.Interval;
import io.strata.index.AddResult;
import io.strata.index.IncrementalIndex;
import io.strata.index.IndexSchema;
import io.strata.segment.merge.SegmentMerger;
import io.strata.segment.read.QueryableSegment;
import io.strata.segment.read.SegmentReader;
import io.strata.segment.write.SegmentWriter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes the {@link Representation}s of a {@link TestDataset} with the real ingestion-side classes, the way an
 * ingestion task does: {@link IncrementalIndex#add} per input row, {@link IncrementalIndex#toSortedRowSource()}
 * into {@link SegmentWriter#write}, {@link SegmentReader#open}, and {@link SegmentMerger} for merged segments.
 *
 * <p>Owns what it makes: {@link #close()} closes every index and segment it handed out. Segment files go to
 * fresh directories under the work directory given at construction (the caller deletes it, typically a JUnit
 * {@code @TempDir}). Not thread-safe; the segments it returns are.
 */
public final class SegmentMaker implements AutoCloseable {
  /** How many indexes a chunk's rows are spread over for {@link Representation#MERGED}. */
  public static final int MERGE_PARTS = 3;

  private final Path workDir;
  private final SegmentWriter writer = new SegmentWriter();
  private final List<Segment> owned = new ArrayList<>();
  private int dirs;

  public SegmentMaker(Path workDir) {
    this.workDir = workDir;
  }

  /** One segment per chunk of {@code dataset}, in chunk order, each with {@link TestDataset#segmentId}. */
  public List<Segment> make(TestDataset dataset, Representation representation) {
    List<Segment> out = new ArrayList<>(dataset.chunks().size());
    for (TestDataset.Chunk chunk : dataset.chunks()) {
      SegmentId id = dataset.segmentId(chunk);
      out.add(switch (representation) {
        case INCREMENTAL_INDEX -> index(id, dataset.schema(), chunk.rows());
        case PERSISTED -> persist(index(id, dataset.schema(), chunk.rows()), id);
        case MERGED -> merge(id, dataset.schema(), chunk.rows(), MERGE_PARTS);
      });
    }
    return out;
  }

  /**
   * An index holding {@code rows}, served as {@code id}.
   *
   * @throws IllegalArgumentException if a row has a parse error (test data is meant to be clean)
   */
  public IncrementalIndex index(SegmentId id, IndexSchema schema, List<? extends InputRow> rows) {
    IncrementalIndex index = new IncrementalIndex(id, schema);
    owned.add(index);
    for (InputRow row : rows) {
      AddResult r = index.add(row);
      if (r.hasParseErrors()) {
        throw new IllegalArgumentException("test row " + row + " has parse errors: " + r.parseErrors());
      }
    }
    return index;
  }

  /** {@code index} written as a segment of the interval of {@code id} and opened again as {@code id}. */
  public QueryableSegment persist(IncrementalIndex index, SegmentId id) {
    try (SortedRowSource rows = index.toSortedRowSource()) {
      return write(rows, id);
    }
  }

  /**
   * {@code rows} spread round-robin over {@code parts} indexes (row {@code i} into index {@code i % parts}, so
   * consecutive rows land in different indexes), each persisted, then merged into one segment {@code id} with
   * rollup as {@code schema} says, the way an ingestion task merges its spills.
   */
  public QueryableSegment merge(SegmentId id, IndexSchema schema, List<? extends InputRow> rows, int parts) {
    List<List<InputRow>> split = new ArrayList<>();
    for (int p = 0; p < parts; p++) {
      split.add(new ArrayList<>());
    }
    for (int i = 0; i < rows.size(); i++) {
      split.get(i % parts).add(rows.get(i));
    }
    List<QueryableSegment> spills = new ArrayList<>();
    try {
      for (List<InputRow> part : split) {
        if (part.isEmpty()) {
          continue;
        }
        SegmentId spillId = new SegmentId(id.dataSource(), id.interval(), "spill", spills.size());
        IncrementalIndex index = index(spillId, schema, part);
        spills.add(persist(index, spillId));
        index.close();
      }
      List<SegmentSchema> schemas = new ArrayList<>();
      for (QueryableSegment s : spills) {
        schemas.add(s.schema());
      }
      SegmentSchema target = SegmentMerger.unionSchema(schemas);
      try (SortedRowSource merged = SegmentMerger.mergeSegments(spills, target, schema.rollup())) {
        return write(merged, id);
      }
    } finally {
      for (QueryableSegment s : spills) {
        s.close();
      }
    }
  }

  private QueryableSegment write(SortedRowSource rows, SegmentId id) {
    Interval interval = id.interval();
    Path dir = workDir.resolve("segment-" + (dirs++));
    try {
      writer.write(rows, interval, dir);
      QueryableSegment segment = SegmentReader.open(dir, id);
      owned.add(segment);
      return segment;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write or open segment " + id + " in " + dir, e);
    }
  }

  /** Closes every index and segment made. */
  @Override
  public void close() {
    RuntimeException failure = null;
    for (Segment s : owned) {
      try {
        s.close();
      } catch (RuntimeException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    owned.clear();
    if (failure != null) {
      throw failure;
    }
  }
}
