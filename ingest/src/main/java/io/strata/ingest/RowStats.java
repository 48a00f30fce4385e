package io.strata.ingest;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Druid's row counters for one ingestion phase. As in Druid, {@code processed} counts rows ingested without
 * error, {@code processedWithError} rows ingested with some bad values, {@code unparseable} rows that could not
 * be read at all, {@code thrownAway} rows dropped on purpose (outside the intervals, or by the transformSpec
 * filter). Thread-safe: parallel readers add to the same counters.
 */
public final class RowStats {
  final LongAdder processed = new LongAdder();
  final LongAdder processedBytes = new LongAdder();
  final LongAdder processedWithError = new LongAdder();
  final LongAdder thrownAway = new LongAdder();
  final LongAdder unparseable = new LongAdder();

  public long processed() {
    return processed.sum();
  }

  public long processedWithError() {
    return processedWithError.sum();
  }

  public long thrownAway() {
    return thrownAway.sum();
  }

  public long unparseable() {
    return unparseable.sum();
  }

  public long processedBytes() {
    return processedBytes.sum();
  }

  public void addProcessed(long n) {
    processed.add(n);
  }

  public void addProcessedBytes(long n) {
    processedBytes.add(n);
  }

  public void addThrownAway(long n) {
    thrownAway.add(n);
  }

  /** Rows read so far, whatever became of them. */
  public long rowsRead() {
    return processed() + processedWithError() + thrownAway() + unparseable();
  }

  /** The JSON form used in task reports ({@code rowStats.buildSegments}). */
  public Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("processed", processed());
    m.put("processedBytes", processedBytes());
    m.put("processedWithError", processedWithError());
    m.put("thrownAway", thrownAway());
    m.put("unparseable", unparseable());
    return m;
  }

  /** All-zero counters, for phases Strata does not run (Druid's {@code determinePartitions}). */
  public static Map<String, Object> emptyJson() {
    return new RowStats().toJson();
  }
}
