package io.strata.api.data;

import io.strata.api.query.AggregatorSpec;
import io.strata.api.time.Granularity;

import java.io.Closeable;
import java.util.List;

/**
 * A queryable piece of one datasource's time chunk: either a persisted, memory-mapped segment or the in-memory
 * index of a running ingestion. Engines read it only through {@link #cursorFactory()} and {@link #indexes()}.
 */
public interface Segment extends Closeable {
  SegmentId id();

  CursorFactory cursorFactory();

  /** Bitmap indexes for filters; a selector that answers null for every column if the data has none. */
  ColumnIndexSelector indexes();

  /** Ingestion-time facts: the aggregators that made the metric columns, rollup, query granularity. */
  SegmentInfo info();

  /** Estimated stored bytes of one column (0 if unknown or absent). Used by segmentMetadata {@code size}. */
  long columnSizeBytes(String column);

  @Override
  void close();

  /**
   * @param aggregators       the metricsSpec the data was ingested with (null if unknown)
   * @param queryGranularity  timestamps were truncated to this (null if unknown)
   * @param rollup            whether rows were rolled up (null if unknown)
   */
  record SegmentInfo(List<AggregatorSpec> aggregators, Granularity queryGranularity, Boolean rollup) {
  }
}
