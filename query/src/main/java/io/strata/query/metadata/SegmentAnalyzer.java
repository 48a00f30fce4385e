package io.strata.query.metadata;

import io.strata.api.data.ColumnCapabilities;
import io.strata.api.data.ColumnType;
import io.strata.api.data.Cursor;
import io.strata.api.data.CursorBuildSpec;
import io.strata.api.data.CursorFactory;
import io.strata.api.data.CursorHolder;
import io.strata.api.data.DimensionSelector;
import io.strata.api.data.Segment;
import io.strata.api.data.StringValueIndex;
import io.strata.api.json.Json;
import io.strata.api.query.AggregatorSpec;
import io.strata.api.query.Query;
import io.strata.api.time.Interval;
import io.strata.processing.aggregation.Aggregators;
import io.strata.processing.ordering.StringComparators;
import io.strata.query.exec.QueryDeadline;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Analyses one segment for segmentMetadata: per column type, nulls, size, and for string columns cardinality and
 * min/max (from the sorted dictionary of the bitmap index when there is one, else by reading the column).
 */
final class SegmentAnalyzer {
  private final Query.SegmentMetadata query;
  private final Set<String> analyses;
  private final QueryDeadline deadline;

  SegmentAnalyzer(Query.SegmentMetadata query, QueryDeadline deadline) {
    this.query = query;
    this.analyses = new HashSet<>(query.analysisTypes());
    this.deadline = deadline;
  }

  SegmentAnalysis analyze(Segment segment) {
    CursorFactory data = segment.cursorFactory();
    Map<String, SegmentAnalysis.ColumnAnalysis> columns = new LinkedHashMap<>();
    long total = 0;
    for (String column : data.signature().columnNames()) {
      if (!included(column)) {
        continue;
      }
      deadline.check();
      SegmentAnalysis.ColumnAnalysis c = analyzeColumn(segment, column, data.signature().type(column));
      columns.put(column, c);
      total += c.size();
    }
    Segment.SegmentInfo info = segment.info();
    return new SegmentAnalysis(segment.id().toString(),
        analyses.contains("interval") ? List.of(segment.id().interval()) : null, columns, total, data.numRows(),
        analyses.contains("aggregators") && info != null ? aggregators(info.aggregators()) : null,
        analyses.contains("queryGranularity") && info != null && info.queryGranularity() != null
            ? Json.MAPPER.convertValue(info.queryGranularity(), Object.class) : null,
        analyses.contains("rollup") && info != null ? info.rollup() : null);
  }

  private boolean included(String column) {
    Map<String, Object> toInclude = query.toInclude();
    if (toInclude == null) {
      return true;
    }
    Object type = toInclude.get("type");
    if ("none".equals(type)) {
      return false;
    }
    if ("list".equals(type)) {
      Object cols = toInclude.get("columns");
      return cols instanceof List<?> l && l.contains(column);
    }
    return true;
  }

  private SegmentAnalysis.ColumnAnalysis analyzeColumn(Segment segment, String column, ColumnType signatureType) {
    ColumnCapabilities caps = segment.cursorFactory().capabilities(column);
    ColumnType type = caps != null ? caps.type() : signatureType;
    boolean multi = caps != null && caps.hasMultipleValues();
    long size = analyses.contains("size") ? segment.columnSizeBytes(column) : 0;
    String typeName = type == null ? "STRING" : type.name();
    if (column.equals("__time")) {
      return new SegmentAnalysis.ColumnAnalysis("LONG", "LONG", false, false, size, null, null, null, null);
    }
    if (type != ColumnType.STRING) {
      // Capabilities may only say "may have nulls" (an in-memory index's sums start out null): look for one, so a
      // live sink and the segment it is handed off as answer alike.
      boolean hasNulls = caps != null && caps.hasNulls() && anyNull(segment, column);
      return new SegmentAnalysis.ColumnAnalysis(typeName, typeName, multi, hasNulls, size, null, null, null, null);
    }
    List<String> dictionary = sortedValues(segment, column);
    boolean hasNulls = !dictionary.isEmpty() && dictionary.get(0) == null;
    Integer cardinality = analyses.contains("cardinality") ? dictionary.size() : 0;
    String min = null;
    String max = null;
    if (analyses.contains("minmax") && !dictionary.isEmpty()) {
      min = dictionary.get(0);
      max = dictionary.get(dictionary.size() - 1);
    }
    return new SegmentAnalysis.ColumnAnalysis(typeName, typeName, multi, hasNulls, size, cardinality, min, max, null);
  }

  private boolean anyNull(Segment segment, String column) {
    try (CursorHolder holder = segment.cursorFactory().makeCursorHolder(CursorBuildSpec.of(Interval.ETERNITY, null))) {
      Cursor cursor = holder.asCursor();
      io.strata.api.data.ColumnValueSelector sel = cursor.selectorFactory().makeColumnValueSelector(column);
      long n = 0;
      while (!cursor.isDone()) {
        if (sel.isNull()) {
          return true;
        }
        cursor.advance();
        if ((++n & 0xFFF) == 0) {
          deadline.check();
        }
      }
    }
    return false;
  }

  /** The column's distinct values in lexicographic order, null first. */
  private List<String> sortedValues(Segment segment, String column) {
    StringValueIndex index = segment.indexes() == null ? null : segment.indexes().stringIndex(column);
    if (index != null) {
      return new DictionaryView(index);
    }
    Set<String> distinct = new HashSet<>();
    CursorBuildSpec spec = CursorBuildSpec.of(Interval.ETERNITY, null);
    try (CursorHolder holder = segment.cursorFactory().makeCursorHolder(spec)) {
      Cursor cursor = holder.asCursor();
      DimensionSelector sel = cursor.selectorFactory().makeDimensionSelector(column);
      long n = 0;
      while (!cursor.isDone()) {
        distinct.add(sel.getValue());
        cursor.advance();
        if ((++n & 0xFFF) == 0) {
          deadline.check();
        }
      }
    }
    List<String> sorted = new ArrayList<>(distinct);
    sorted.sort(StringComparators.LEXICOGRAPHIC);
    return sorted;
  }

  /** A sorted dictionary seen as a list without copying it. */
  private static final class DictionaryView extends java.util.AbstractList<String> {
    private final StringValueIndex index;

    DictionaryView(StringValueIndex index) {
      this.index = index;
    }

    @Override
    public String get(int i) {
      return index.lookupName(i);
    }

    @Override
    public int size() {
      return index.cardinality();
    }
  }

  private static Map<String, Object> aggregators(List<AggregatorSpec> specs) {
    if (specs == null) {
      return null;
    }
    Map<String, Object> out = new LinkedHashMap<>();
    for (AggregatorSpec spec : specs) {
      AggregatorSpec combining;
      try {
        combining = Aggregators.create(spec).combiningFactory().spec();
      } catch (RuntimeException e) {
        combining = spec;
      }
      out.put(spec.name(), Json.MAPPER.convertValue(combining, Object.class));
    }
    return out;
  }
}
