package io.strata.ingest;

import io.strata.api.data.SegmentId;
import io.strata.api.data.SegmentSchema;
import io.strata.api.data.SortedRowSource;
import io.strata.api.query.AggregatorSpec;
import io.strata.api.spec.DataSchema;
import io.strata.api.time.Interval;
import io.strata.segment.merge.SegmentMerger;
import io.strata.segment.read.QueryableSegment;
import io.strata.segment.read.SegmentReader;
import io.strata.segment.write.SegmentWriter;
import io.strata.segment.write.WrittenSegment;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The task's use of the segment module: writing spills, and merging a chunk's spills into final segments. */
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
   * Merges the spills of one chunk (rollup re-applied) into segments of at most {@code maxRowsPerSegment} rows. A
   * single spill that is already small enough is used as it is.
   */
  static List<Built> mergeAndWrite(List<Path> spills, Interval chunk, DataSchema schema, int maxRowsPerSegment,
                                   Path outDir) throws IOException {
    List<QueryableSegment> opened = new ArrayList<>();
    try {
      for (Path p : spills) {
        // Spills were just written and fsynced by this task; the structure is still checked, the checksum skipped.
        opened.add(SegmentReader.open(p, new SegmentId(schema.dataSource(), chunk, "spill", opened.size()), false));
      }
      List<SegmentSchema> schemas = new ArrayList<>();
      for (QueryableSegment s : opened) {
        schemas.add(s.schema());
      }
      SegmentSchema target = SegmentMerger.unionSchema(schemas);
      if (opened.size() == 1 && opened.get(0).numRows() <= maxRowsPerSegment) {
        QueryableSegment only = opened.get(0);
        return List.of(built(only.path(), target, only.sizeBytes(), only.numRows()));
      }
      boolean rollup = schema.granularitySpec().rollup();
      List<WrittenSegment> written;
      try (SortedRowSource merged = SegmentMerger.mergeSegments(opened, target, rollup)) {
        written = WRITER.writePartitioned(merged, chunk, maxRowsPerSegment, i -> outDir.resolve("part-" + i));
      }
      List<Built> out = new ArrayList<>();
      for (WrittenSegment w : written) {
        out.add(built(w.path(), target, w.sizeBytes(), w.numRows()));
      }
      return out;
    } finally {
      for (QueryableSegment s : opened) {
        s.close();
      }
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
    return new Built(path, dims, metrics, size, rows);
  }
}
