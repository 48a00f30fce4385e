package io.strata.ingest;

import io.strata.api.data.SegmentId;
import io.strata.api.input.InputRow;
import io.strata.api.spec.DataSchema;
import io.strata.api.time.Granularity;
import io.strata.api.time.Interval;
import io.strata.index.IncrementalIndex;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One reader's in-memory indexes, one per time chunk, and the spilling of them to disk when they hold
 * {@code maxRowsInMemory} rows or {@code maxBytesInMemory} bytes (counted across the chunks); at the end of the input
 * the indexes are handed over in memory. Used by one thread.
 */
final class ChunkIndexer {
  private final String dataSource;
  private final DataSchema schema;
  private final Granularity segmentGranularity;
  private final long maxRows;
  private final long maxBytes;
  private final ChunkParts parts;
  private final Map<Long, IncrementalIndex> indexes = new HashMap<>();
  // Cache the chunk of the last row: input is usually time-ordered, so most rows hit the same chunk.
  private long lastChunkStart = Long.MIN_VALUE;
  private long lastChunkEnd = Long.MIN_VALUE;
  private IncrementalIndex lastIndex;
  private long rowsInMemory;

  ChunkIndexer(String dataSource, DataSchema schema, long maxRows, long maxBytes, ChunkParts parts) {
    this.dataSource = dataSource;
    this.schema = schema;
    this.segmentGranularity = schema.granularitySpec().segmentGranularity();
    this.maxRows = maxRows;
    this.maxBytes = maxBytes;
    this.parts = parts;
  }

  /** Adds a row; returns the parse errors of its values (empty if none). Spills first if memory is full. */
  List<String> add(InputRow row) throws IOException {
    long t = row.timestamp();
    IncrementalIndex index;
    if (t >= lastChunkStart && t < lastChunkEnd) {
      index = lastIndex;
    } else {
      long start = segmentGranularity.bucketStart(t);
      long end = segmentGranularity.next(start);
      index = indexes.computeIfAbsent(start, s -> Indexes.create(
          new SegmentId(dataSource, new Interval(s, end), "spill", 0), schema));
      lastChunkStart = start;
      lastChunkEnd = end;
      lastIndex = index;
    }
    int before = index.numRows();
    List<String> errors = index.add(row).parseErrors();
    rowsInMemory += index.numRows() - before;
    if (rowsInMemory >= maxRows || (rowsInMemory % 1024 == 0 && bytesInMemory() >= maxBytes)) {
      persistAll();
    }
    return errors;
  }

  private long bytesInMemory() {
    long total = 0;
    for (IncrementalIndex i : indexes.values()) {
      total += i.estimatedBytesInMemory();
    }
    return total;
  }

  /** Writes every non-empty chunk index to a spill segment and frees the memory. */
  void persistAll() throws IOException {
    for (Map.Entry<Long, IncrementalIndex> e : indexes.entrySet()) {
      IncrementalIndex index = e.getValue();
      if (index.numRows() == 0) {
        continue;
      }
      Interval chunk = index.id().interval();
      Path dir = parts.newSpillDir(chunk);
      Segments.write(index.toSortedRowSource(), chunk, dir);
      parts.addSpill(chunk, dir);
      index.close();
    }
    forgetIndexes();
  }

  /**
   * Hands every non-empty chunk index over to the task's parts as it is, in memory, for the final merge: at the end of
   * the input there is no reason to write them to disk only to read them back.
   */
  void handOverAll() {
    for (IncrementalIndex index : indexes.values()) {
      if (index.numRows() == 0) {
        index.close();
      } else {
        parts.addInMemory(index.id().interval(), index);
      }
    }
    forgetIndexes();
  }

  private void forgetIndexes() {
    indexes.clear();
    lastIndex = null;
    lastChunkStart = Long.MIN_VALUE;
    lastChunkEnd = Long.MIN_VALUE;
    rowsInMemory = 0;
  }

  void discard() {
    for (IncrementalIndex i : indexes.values()) {
      i.close();
    }
    indexes.clear();
    lastIndex = null;
  }
}
