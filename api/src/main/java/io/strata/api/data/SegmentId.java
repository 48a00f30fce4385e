package io.strata.api.data;

import io.strata.api.time.DateTimes;
import io.strata.api.time.Interval;

/**
 * Names one segment: datasource, time chunk, version and partition number. {@link #toString()} gives Druid's
 * form, {@code wikipedia_2013-08-31T00:00:00.000Z_2013-09-01T00:00:00.000Z_2024-01-01T00:00:00.000Z[_1]},
 * the partition number appended only when it is not 0.
 */
public record SegmentId(String dataSource, Interval interval, String version, int partitionNum)
    implements Comparable<SegmentId> {

  @Override
  public String toString() {
    String base = dataSource + "_" + DateTimes.format(interval.start()) + "_" + DateTimes.format(interval.end())
        + "_" + version;
    return partitionNum == 0 ? base : base + "_" + partitionNum;
  }

  @Override
  public int compareTo(SegmentId o) {
    int c = dataSource.compareTo(o.dataSource);
    if (c == 0) {
      c = interval.compareTo(o.interval);
    }
    if (c == 0) {
      c = version.compareTo(o.version);
    }
    return c != 0 ? c : Integer.compare(partitionNum, o.partitionNum);
  }
}
