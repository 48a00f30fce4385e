package io.strata.query.metadata;

import io.strata.api.data.CursorFactory;
import io.strata.api.data.Segment;
import io.strata.api.query.Query;
import io.strata.api.time.DateTimes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs {@code dataSourceMetadata} queries: the latest event time ingested into any of the segments,
 * {@code [{"timestamp": T, "result": {"maxIngestedEventTime": T}}]}, or {@code []} when there is no data.
 */
public final class DataSourceMetadataEngine {

  /** Runs the query over all segments of the datasource. */
  public List<Map<String, Object>> run(Query.DataSourceMetadata query, List<? extends Segment> segments) {
    long max = Long.MIN_VALUE;
    for (Segment s : segments) {
      CursorFactory data = s.cursorFactory();
      if (data.numRows() > 0) {
        max = Math.max(max, data.maxTime());
      }
    }
    List<Map<String, Object>> out = new ArrayList<>(1);
    if (max == Long.MIN_VALUE) {
      return out;
    }
    String t = DateTimes.format(max);
    Map<String, Object> result = new LinkedHashMap<>(2);
    result.put("maxIngestedEventTime", t);
    Map<String, Object> row = new LinkedHashMap<>(4);
    row.put("timestamp", t);
    row.put("result", result);
    out.add(row);
    return out;
  }
}
