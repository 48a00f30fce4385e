package io.strata.query.metadata;

import io.strata.api.data.Segment;
import io.strata.api.data.SegmentId;
import io.strata.api.query.Query;
import io.strata.query.exec.QueryDeadline;
import io.strata.query.exec.SegmentTasks;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;

/**
 * Runs {@code segmentMetadata} queries: one analysis per segment (in segment id order), or one merged analysis
 * with {@code merge: true}; no segments give {@code []}. Analyses not asked for leave their fields at Druid's
 * defaults: {@code size} 0, string {@code cardinality} 0, {@code minValue}/{@code maxValue}, {@code intervals},
 * {@code aggregators}, {@code queryGranularity} and {@code rollup} null. {@code timestampSpec} is always null
 * (segments do not record it).
 */
public final class SegmentMetadataEngine {
  private final SegmentTasks tasks;

  /** @param executor runs the per-segment work in parallel */
  public SegmentMetadataEngine(ExecutorService executor) {
    this.tasks = new SegmentTasks(executor);
  }

  /** Runs the query over the segments (those of the datasource overlapping its intervals). */
  public List<Map<String, Object>> run(Query.SegmentMetadata query, List<? extends Segment> segments) {
    return run(query, segments, QueryDeadline.of(query));
  }

  /** Runs the query, failing with a timeout once {@code deadline} passes. */
  public List<Map<String, Object>> run(Query.SegmentMetadata query, List<? extends Segment> segments, QueryDeadline deadline) {
    List<Segment> sorted = new ArrayList<>(segments);
    sorted.sort(Comparator.comparing(Segment::id));
    SegmentAnalyzer analyzer = new SegmentAnalyzer(query, deadline);
    List<SegmentAnalysis> analyses = tasks.map(sorted, deadline, analyzer::analyze);
    List<Map<String, Object>> out = new ArrayList<>();
    if (analyses.isEmpty()) {
      return out;
    }
    if (Boolean.TRUE.equals(query.merge())) {
      List<SegmentId> ids = sorted.stream().map(Segment::id).toList();
      String strategy = query.aggregatorMergeStrategy();
      if (strategy == null && Boolean.TRUE.equals(query.lenientAggregatorMerge())) {
        strategy = "lenient";
      }
      out.add(AnalysisMerger.merge(ids, analyses, strategy).toJson());
      return out;
    }
    for (SegmentAnalysis a : analyses) {
      out.add(a.toJson());
    }
    return out;
  }
}
