package io.strata.ingest;

import io.strata.api.data.SegmentId;
import io.strata.api.data.SegmentSchema;
import io.strata.api.data.SortedRowSource;
import io.strata.api.query.AggregatorSpec;
import io.strata.api.spec.DataSchema;
import io.strata.api.time.Interval;
import io.strata.index.IncrementalIndex;
import io.strata.segment.merge.SegmentMerger;
import io.strata.segment.read.QueryableSegment;
import io.strata.segment.read.SegmentReader;
import io.strata.segment.write.SegmentWriter;
import io.strata.segment.write.WrittenSegment;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The task's use of the segment module: writing spills, and merging a chunk's parts into final segments. */
final class Segments {
  private static final SegmentWriter WRITER = new SegmentWriter();

  /** A final segment built on local disk, not yet pushed. */
  record Built(Path path, List<String> dimensions, List<String> metrics, long sizeBytes, long numRows) {
  }

  private Segments() {
  }

  static WrittenSegment write(SortedRowSource rows, Interval chunk, Path dir) throws IOException {
    try (rows) {
      return WRITER.write(rows, chunk, dir);
    }
  }

  /**
   * Merges one chunk's parts (spill segments and in-memory indexes; rollup re-applied) into segments of at most
   * {@code maxRowsPerSegment} rows. A single spill that is already small enough is used as it is; a single in-memory
   * index is written without a merge. The in-memory indexes are closed and removed from {@code parts}.
   */
  static List<Built> mergeAndWrite(ChunkParts.Parts parts, Interval chunk, DataSchema schema, int maxRowsPerSegment,
                                   Path outDir) throws IOException {
    List<QueryableSegment> opened = new ArrayList<>();
    List<SortedRowSource> sources = new ArrayList<>();
    try {
      for (Path p : parts.spills()) {
        // Spills were just written and fsynced by this task; the structure is still checked, the checksum skipped.
        opened.add(SegmentReader.open(p, new SegmentId(schema.dataSource(), chunk, "spill", opened.size()), false));
      }
      if (parts.inMemory().isEmpty() && opened.size() == 1 && opened.get(0).numRows() <= maxRowsPerSegment) {
        QueryableSegment only = opened.get(0);
        return List.of(built(only.path(), only.schema(), only.sizeBytes(), only.numRows()));
      }
      for (QueryableSegment s : opened) {
        sources.add(s.openRowSource());
      }
      for (IncrementalIndex index : parts.inMemory()) {
        sources.add(index.toSortedRowSource());
      }
      List<SegmentSchema> schemas = new ArrayList<>();
      for (SortedRowSource s : sources) {
        schemas.add(s.schema());
      }
      SegmentSchema target = SegmentMerger.unionSchema(schemas);
      // One source is already sorted and rolled up: write it as it is.
      SortedRowSource rows = sources.size() == 1 ? sources.get(0)
          : SegmentMerger.merge(sources, target, schema.granularitySpec().rollup());
      sources.clear(); // closing rows closes them
      List<WrittenSegment> written;
      try (rows) {
        written = WRITER.writePartitioned(rows, chunk, maxRowsPerSegment, i -> outDir.resolve("part-" + i));
      }
      List<Built> out = new ArrayList<>();
      for (WrittenSegment w : written) {
        out.add(built(w.path(), target, w.sizeBytes(), w.numRows()));
      }
      return out;
    } finally {
      for (SortedRowSource s : sources) {
        s.close();
      }
      for (QueryableSegment s : opened) {
        s.close();
      }
      parts.inMemory().forEach(IncrementalIndex::close);
      parts.inMemory().clear();
    }
  }

  private static Built built(Path path, SegmentSchema schema, long size, long rows) {
    List<String> dims = new ArrayList<>();
    for (SegmentSchema.Column c : schema.dimensions()) {
      dims.add(c.name());
    }
    List<String> metrics = new ArrayList<>();
    for (AggregatorSpec a : schema.metrics()) {
      metrics.add(a.name());
    }
    // The writer stores metrics in name order (as Druid's persisted segments do); the segment's record says the same.
    metrics.sort(null);
    return new Built(path, dims, metrics, size, rows);
  }
}
