package io.strata.segment.read;

import io.strata.api.data.ColumnIndexSelector;
import io.strata.api.data.CursorFactory;
import io.strata.api.data.Segment;
import io.strata.api.data.SegmentId;
import io.strata.api.data.SegmentSchema;
import io.strata.api.data.SortedRowSource;
import io.strata.api.time.Interval;
import io.strata.segment.format.ColumnMetadata;
import io.strata.segment.format.SegmentMetadata;

import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An opened, memory-mapped segment (made by {@link SegmentReader#open}): the read seam for query engines through
 * {@link #cursorFactory()} and {@link #indexes()}, and a {@link SortedRowSource} of its rows for merging.
 *
 * <p>Thread-safe: any number of threads may make cursors at once; each cursor holder owns its decoding buffers.
 * Lifetime: the mappings are released when the segment is closed and every cursor holder and row source made from
 * it is closed too (a reference count), so an in-flight query never reads unmapped memory. Arrays, bitmaps and
 * selectors obtained from a holder must not be used after that holder is closed.
 *
 * <p>Heap: besides the small per-cursor buffers, a segment keeps the decoded dictionary of each string column that
 * has been looked up (so lookups return the same {@code String} objects every time), within a process-wide budget
 * that defaults to an eighth of the heap ({@code -Dstrata.segment.dictionaryCacheBytes}); see
 * {@code StringColumn}. It is given back when the mappings are released.
 */
public final class QueryableSegment implements Segment {
  private final Path path;
  private final SegmentId id;
  private final SegmentMetadata metadata;
  private final SegmentSchema schema;
  private final Map<String, ColumnHandle> columns;
  private final ColumnHandle time;
  private final List<MappedFile> files;
  private final SegmentIndexes indexes;
  private final SegmentCursorFactory cursorFactory;
  private final SegmentInfo info;
  private final AtomicInteger refs = new AtomicInteger(1);
  private final AtomicBoolean closed = new AtomicBoolean();

  QueryableSegment(Path path, SegmentId id, SegmentMetadata metadata, Map<String, ColumnHandle> columns,
                   List<MappedFile> files) {
    this.path = path;
    this.id = id;
    this.metadata = metadata;
    this.schema = metadata.schema();
    this.columns = Collections.unmodifiableMap(columns);
    this.time = columns.get("__time");
    this.files = List.copyOf(files);
    this.indexes = new SegmentIndexes(metadata.numRows(), this.columns);
    this.cursorFactory = new SegmentCursorFactory(this);
    this.info = new SegmentInfo(schema.metrics(), metadata.queryGranularity(), metadata.rollup());
  }

  @Override
  public SegmentId id() {
    return id;
  }

  @Override
  public CursorFactory cursorFactory() {
    return cursorFactory;
  }

  @Override
  public ColumnIndexSelector indexes() {
    return indexes;
  }

  @Override
  public SegmentInfo info() {
    return info;
  }

  /** Bytes of the column's file, including its header and footer; 0 for a column the segment does not have. */
  @Override
  public long columnSizeBytes(String column) {
    ColumnHandle h = columns.get(column);
    return h == null ? 0 : h.meta().sizeBytes();
  }

  /** The segment directory. */
  public Path path() {
    return path;
  }

  public SegmentMetadata metadata() {
    return metadata;
  }

  /** The schema the segment was written with (dimensions, metrics, granularity, rollup). */
  public SegmentSchema schema() {
    return schema;
  }

  public Interval interval() {
    return metadata.interval();
  }

  public int numRows() {
    return metadata.numRows();
  }

  /** Total bytes of the segment's files. */
  public long sizeBytes() {
    long size = 0;
    for (ColumnMetadata c : metadata.columns()) {
      size += c.sizeBytes();
    }
    return size;
  }

  /**
   * All rows in storage order, with this segment's dictionaries, for merging or rewriting. The source holds a
   * reference to the segment until it is closed.
   */
  public SortedRowSource openRowSource() {
    acquire();
    try {
      return new SegmentRowSource(this);
    } catch (RuntimeException e) {
      release();
      throw e;
    }
  }

  /**
   * Drops the segment's own reference; the files are unmapped once every holder and row source is closed too.
   * Idempotent.
   */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      release();
    }
  }

  @Override
  public String toString() {
    return "QueryableSegment{" + id + " at " + path + ", " + metadata.numRows() + " rows}";
  }

  ColumnHandle column(String name) {
    return columns.get(name);
  }

  ColumnHandle timeColumn() {
    return time;
  }

  Map<String, ColumnHandle> columns() {
    return columns;
  }

  /** Takes a reference for a cursor holder or row source; fails once the segment is closed. */
  void acquire() {
    while (true) {
      int r = refs.get();
      if (r <= 0 || closed.get()) {
        throw new IllegalStateException("segment " + id + " is closed");
      }
      if (refs.compareAndSet(r, r + 1)) {
        return;
      }
    }
  }

  void release() {
    if (refs.decrementAndGet() == 0) {
      for (ColumnHandle h : columns.values()) {
        if (h.isString()) {
          h.string().releaseCache();
        }
      }
      for (MappedFile f : files) {
        f.unmap();
      }
    }
  }
}
