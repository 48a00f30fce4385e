package io.strata.segment.merge;

import io.strata.api.data.ColumnType;
import io.strata.api.data.SegmentSchema;
import io.strata.api.data.SortedRowSource;
import io.strata.api.query.AggregatorSpec;
import io.strata.segment.read.QueryableSegment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Merges sorted row sources (persisted spills of an ingestion, segments to compact, or in-memory index
 * snapshots) into one sorted row source in a target schema, ready for
 * {@link io.strata.segment.write.SegmentWriter}. Typical use at the end of an ingestion:
 *
 * <pre>{@code
 * try (SortedRowSource merged = SegmentMerger.mergeSegments(spills, schema, true)) {
 *   writer.writePartitioned(merged, chunk, maxRowsPerSegment, p -> dirFor(p));
 * }
 * }</pre>
 *
 * <ul>
 *   <li>A k-way merge in segment order: time, then dimensions in target order (strings by value, null first;
 *       numbers ascending, null first). Rows with equal keys keep input order.</li>
 *   <li>Each string dimension's dictionary is the sorted union of the inputs' dictionaries; input ids are mapped
 *       to merged ids through arrays built once, so no string is compared per row.</li>
 *   <li>Inputs may have different columns: a dimension or metric an input lacks reads as null there; columns an
 *       input has but the target lacks are dropped. A dimension must be string in both or numeric in both.</li>
 *   <li>With rollup, rows with equal time and dimension values become one row whose metrics are combined: count
 *       and sums add, min and max keep the extreme, null values are skipped (primitive fast path for the built-in
 *       numeric aggregators; any other through {@code Aggregators.create(spec).combine}).</li>
 * </ul>
 * Streaming: memory is one row per input plus the merged dictionaries. Stateless and thread-safe; the returned
 * source is not thread-safe.
 */
public final class SegmentMerger {
  private SegmentMerger() {
  }

  /**
   * Merges {@code inputs}, each sorted in segment order of its own schema. Closing the result closes the inputs.
   *
   * @param rollup combine rows with equal keys; the output schema's rollup flag is set to this
   */
  public static SortedRowSource merge(List<? extends SortedRowSource> inputs, SegmentSchema targetSchema,
                                      boolean rollup) {
    return new MergedRowSource(inputs, targetSchema, rollup);
  }

  /**
   * Merges the rows of {@code segments} (each read through {@link QueryableSegment#openRowSource()}). Closing the
   * result releases the segments' row sources; the segments themselves stay open.
   */
  public static SortedRowSource mergeSegments(List<QueryableSegment> segments, SegmentSchema targetSchema,
                                              boolean rollup) {
    List<SortedRowSource> sources = new ArrayList<>(segments.size());
    try {
      for (QueryableSegment s : segments) {
        sources.add(s.openRowSource());
      }
      return new MergedRowSource(sources, targetSchema, rollup);
    } catch (RuntimeException e) {
      for (SortedRowSource s : sources) {
        try {
          s.close();
        } catch (RuntimeException suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      throw e;
    }
  }

  /**
   * The union of several schemas: dimensions and metrics in order of first appearance (a column's type and
   * aggregator come from its first appearance), query granularity of the first schema, rollup if all roll up.
   *
   * @throws IllegalArgumentException if a dimension is a string in one schema and numeric in another
   */
  public static SegmentSchema unionSchema(List<SegmentSchema> schemas) {
    if (schemas.isEmpty()) {
      throw new IllegalArgumentException("no schemas to unite");
    }
    Map<String, ColumnType> dims = new LinkedHashMap<>();
    Map<String, AggregatorSpec> metrics = new LinkedHashMap<>();
    Map<String, ColumnType> metricTypes = new LinkedHashMap<>();
    boolean rollup = true;
    for (SegmentSchema s : schemas) {
      for (SegmentSchema.Column c : s.dimensions()) {
        ColumnType prev = dims.putIfAbsent(c.name(), c.type());
        if (prev != null && (prev == ColumnType.STRING) != (c.type() == ColumnType.STRING)) {
          throw new IllegalArgumentException("dimension [" + c.name() + "] is " + prev + " in one schema and "
              + c.type() + " in another");
        }
      }
      for (int m = 0; m < s.metrics().size(); m++) {
        AggregatorSpec a = s.metrics().get(m);
        metrics.putIfAbsent(a.name(), a);
        metricTypes.putIfAbsent(a.name(), s.metricTypes().get(m));
      }
      rollup &= s.rollup();
    }
    List<SegmentSchema.Column> dimList = new ArrayList<>();
    dims.forEach((name, type) -> dimList.add(new SegmentSchema.Column(name, type)));
    return new SegmentSchema(dimList, new ArrayList<>(metrics.values()), new ArrayList<>(metricTypes.values()),
        schemas.get(0).queryGranularity(), rollup);
  }
}
