package io.strata.query.metadata;

import io.strata.api.data.SegmentId;
import io.strata.api.time.Interval;
import io.strata.processing.ordering.StringComparators;
import io.strata.query.exec.TimeRanges;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Merges segment analyses for {@code merge: true}, as Druid does: sizes and row counts add up, string cardinality
 * is the largest of the segments', min/max are the extremes (null, when present, is the smallest value), flags
 * are or-ed, columns of different types become an error entry, granularity and rollup survive only when all
 * segments agree, and aggregators merge by {@code aggregatorMergeStrategy} (strict, lenient, earliest, latest).
 */
final class AnalysisMerger {
  private static final Comparator<String> VALUES = StringComparators.LEXICOGRAPHIC;

  private AnalysisMerger() {
  }

  /**
   * @param ids       the segments' ids, in the order of {@code analyses}
   * @param strategy  strict (default), lenient, earliest or latest
   */
  static SegmentAnalysis merge(List<SegmentId> ids, List<SegmentAnalysis> analyses, String strategy) {
    if (analyses.size() == 1) {
      return analyses.get(0);
    }
    SegmentId last = ids.get(0);
    for (SegmentId id : ids) {
      if (id.interval().start() >= last.interval().start()) {
        last = id;
      }
    }
    String mergedId = new SegmentId(last.dataSource(), last.interval(), "merged", last.partitionNum()).toString();
    List<Interval> intervals = new ArrayList<>();
    Map<String, SegmentAnalysis.ColumnAnalysis> columns = new LinkedHashMap<>();
    long size = 0;
    long rows = 0;
    boolean anyIntervals = true;
    for (SegmentAnalysis a : analyses) {
      if (a.intervals() == null) {
        anyIntervals = false;
      } else {
        intervals.addAll(a.intervals());
      }
      a.columns().forEach((name, c) -> columns.merge(name, c, AnalysisMerger::mergeColumns));
      size += a.size();
      rows += a.numRows();
    }
    Object granularity = analyses.get(0).queryGranularity();
    Boolean rollup = analyses.get(0).rollup();
    for (SegmentAnalysis a : analyses) {
      if (!Objects.equals(granularity, a.queryGranularity())) {
        granularity = null;
      }
      if (!Objects.equals(rollup, a.rollup())) {
        rollup = null;
      }
    }
    return new SegmentAnalysis(mergedId, anyIntervals ? TimeRanges.condense(intervals) : null, columns, size, rows,
        mergeAggregators(ids, analyses, strategy), granularity, rollup);
  }

  private static SegmentAnalysis.ColumnAnalysis mergeColumns(SegmentAnalysis.ColumnAnalysis a,
                                                             SegmentAnalysis.ColumnAnalysis b) {
    if (a.errorMessage() != null) {
      return a;
    }
    if (b.errorMessage() != null) {
      return b;
    }
    if (!a.typeSignature().equals(b.typeSignature())) {
      return SegmentAnalysis.ColumnAnalysis.error("cannot_merge_diff_types: [" + a.typeSignature() + "] and ["
          + b.typeSignature() + "]");
    }
    Integer cardinality;
    if (a.cardinality() == null || b.cardinality() == null) {
      cardinality = a.cardinality() == null ? b.cardinality() : a.cardinality();
    } else {
      cardinality = Math.max(a.cardinality(), b.cardinality());
    }
    String min = VALUES.compare(a.minValue(), b.minValue()) <= 0 ? a.minValue() : b.minValue();
    String max = VALUES.compare(a.maxValue(), b.maxValue()) >= 0 ? a.maxValue() : b.maxValue();
    return new SegmentAnalysis.ColumnAnalysis(a.typeSignature(), a.type(),
        a.hasMultipleValues() || b.hasMultipleValues(), a.hasNulls() || b.hasNulls(), a.size() + b.size(),
        cardinality, min, max, null);
  }

  private static Map<String, Object> mergeAggregators(List<SegmentId> ids, List<SegmentAnalysis> analyses,
                                                      String strategy) {
    String s = strategy == null ? "strict" : strategy.toLowerCase(java.util.Locale.ROOT);
    if (s.equals("earliest") || s.equals("latest")) {
      int pick = -1;
      for (int i = 0; i < analyses.size(); i++) {
        if (analyses.get(i).aggregators() == null) {
          continue;
        }
        if (pick < 0) {
          pick = i;
          continue;
        }
        int c = ids.get(i).interval().compareTo(ids.get(pick).interval());
        if (s.equals("earliest") ? c < 0 : c > 0) {
          pick = i;
        }
      }
      return pick < 0 ? null : analyses.get(pick).aggregators();
    }
    boolean lenient = s.equals("lenient");
    Map<String, Object> out = new LinkedHashMap<>();
    for (SegmentAnalysis a : analyses) {
      Map<String, Object> aggs = a.aggregators();
      if (aggs == null) {
        if (lenient) {
          continue;
        }
        return null;
      }
      for (Map.Entry<String, Object> e : aggs.entrySet()) {
        if (!out.containsKey(e.getKey())) {
          out.put(e.getKey(), e.getValue());
        } else if (!Objects.equals(out.get(e.getKey()), e.getValue())) {
          if (!lenient) {
            return null;
          }
          out.put(e.getKey(), null);
        }
      }
    }
    return out;
  }
}
