package io.strata.query.metadata;

import io.strata.api.time.Interval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What segmentMetadata found about one segment (or several, once merged).
 *
 * @param id               the segment id (or the merged id)
 * @param intervals        the segments' intervals, or null if the {@code interval} analysis was not asked for
 * @param columns          per column, in storage order
 * @param size             total of the column sizes (0 without the {@code size} analysis)
 * @param numRows          rows stored
 * @param aggregators      combining aggregator specs by name (JSON form), or null
 * @param queryGranularity the query granularity (JSON form), or null
 * @param rollup           whether the rows were rolled up, or null
 */
record SegmentAnalysis(String id, List<Interval> intervals, Map<String, ColumnAnalysis> columns, long size,
                       long numRows, Map<String, Object> aggregators, Object queryGranularity, Boolean rollup) {

  /**
   * One column's analysis; field names and meanings as in Druid's response.
   *
   * @param cardinality distinct values of a string column, null included (0 without the {@code cardinality}
   *                    analysis); null for other types
   * @param minValue    smallest string value (null if the column has nulls), or null
   */
  record ColumnAnalysis(String typeSignature, String type, boolean hasMultipleValues, boolean hasNulls, long size,
                        Integer cardinality, String minValue, String maxValue, String errorMessage) {

    static ColumnAnalysis error(String message) {
      return new ColumnAnalysis("STRING", "STRING", false, false, 0, null, null, null, "error:" + message);
    }

    Map<String, Object> toJson() {
      Map<String, Object> m = new LinkedHashMap<>(12);
      m.put("typeSignature", typeSignature);
      m.put("type", type);
      m.put("hasMultipleValues", hasMultipleValues);
      m.put("hasNulls", hasNulls);
      m.put("size", size);
      m.put("cardinality", cardinality);
      m.put("minValue", minValue);
      m.put("maxValue", maxValue);
      m.put("errorMessage", errorMessage);
      return m;
    }
  }

  /** Druid's JSON shape. */
  Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>(12);
    m.put("id", id);
    if (intervals == null) {
      m.put("intervals", null);
    } else {
      List<String> text = new ArrayList<>(intervals.size());
      intervals.forEach(i -> text.add(i.toString()));
      m.put("intervals", text);
    }
    Map<String, Object> cols = new LinkedHashMap<>();
    columns.forEach((name, c) -> cols.put(name, c.toJson()));
    m.put("columns", cols);
    m.put("size", size);
    m.put("numRows", numRows);
    m.put("aggregators", aggregators);
    m.put("timestampSpec", null);
    m.put("queryGranularity", queryGranularity);
    m.put("rollup", rollup);
    return m;
  }
}
