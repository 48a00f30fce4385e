package io.strata.query.virtual;

import io.strata.api.query.DimensionSpec;
import io.strata.api.query.Query;
import io.strata.processing.extraction.ExtractionFn;
import io.strata.processing.extraction.ExtractionFns;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Dimension specs whose values are not a column's own ({@code extraction}, {@code lookup}, the filtered specs, and
 * {@code __time} as a dimension) read as derived virtual columns: the query is rewritten to group on a derived
 * column of the same output name and type, and every engine reads it through the read seam like a stored
 * dimension. A value a filtered spec drops is null in groupBy and search (a null group), while topN leaves those
 * rows out entirely, as Druid's topN does.
 *
 * <p>A groupBy dimension through an injective lookup ({@code injective}, or a map that {@code isOneToOne}) groups on
 * the column's own values and maps them afterwards ({@code mappedAfter}), as Druid does: the groups are the same,
 * and the rows come in the order of the original values.
 *
 * @param query       the query with default dimension specs on the derived columns
 * @param columns     the derived columns, to add to the query's virtual columns
 * @param mappedAfter per output name of a groupBy dimension, the lookup to apply to the result rows
 */
public record DerivedDimensions(Query query, List<VirtualColumns.Column> columns,
                                java.util.Map<String, ExtractionFn> mappedAfter) {
  private static final String PREFIX = "__strata_dimension_";

  public static DerivedDimensions of(Query query) {
    List<VirtualColumns.Column> columns = new ArrayList<>();
    java.util.Map<String, ExtractionFn> mappedAfter = new java.util.HashMap<>();
    if (query instanceof Query.TopN q) {
      DimensionSpec d = derive(q.dimension(), columns, true);
      if (d != q.dimension()) {
        query = new Query.TopN(q.dataSource(), q.intervals(), q.granularity(), d, q.metric(), q.threshold(),
            q.filter(), q.aggregations(), q.postAggregations(), q.virtualColumns(), q.context());
      }
    } else if (query instanceof Query.GroupBy q) {
      List<DimensionSpec> dims = new ArrayList<>();
      for (DimensionSpec d : q.dimensions()) {
        if (isInjectiveLookup(d)) {
          mappedAfter.put(d.outputName(), ExtractionFns.create(d.extractionFn()));
          dims.add(new DimensionSpec(d.type(), d.dimension(), d.outputName(), d.outputType()));
        } else {
          dims.add(derive(d, columns, false));
        }
      }
      if (!columns.isEmpty() || !mappedAfter.isEmpty()) {
        query = new Query.GroupBy(q.dataSource(), q.intervals(), q.granularity(), dims, q.filter(),
            q.aggregations(), q.postAggregations(), q.having(), q.limitSpec(), q.subtotalsSpec(), q.virtualColumns(),
            q.context());
      }
    } else if (query instanceof Query.Search q) {
      List<DimensionSpec> dims = deriveAll(q.searchDimensions(), columns);
      if (!columns.isEmpty()) {
        query = new Query.Search(q.dataSource(), q.intervals(), q.granularity(), q.filter(), q.limit(), dims,
            q.query(), q.sort(), q.virtualColumns(), q.context());
      }
    }
    return new DerivedDimensions(query, List.copyOf(columns), java.util.Map.copyOf(mappedAfter));
  }

  private static boolean isInjectiveLookup(DimensionSpec d) {
    return d.valueFilters().isEmpty() && d.outputType() == io.strata.api.data.ColumnType.STRING
        && !d.dimension().equals("__time")
        && d.extractionFn() instanceof io.strata.api.query.ExtractionFnSpec.Lookup l
        && (Boolean.TRUE.equals(l.injective()) || l.lookup().isOneToOne());
  }

  /** Applies the lookups of {@link #mappedAfter} to groupBy result rows ({@code {"event": {...}}}). */
  @SuppressWarnings("unchecked")
  public Object mapResult(Object result) {
    if (mappedAfter.isEmpty() || !(result instanceof List<?> rows)) {
      return result;
    }
    for (Object row : rows) {
      if (row instanceof java.util.Map<?, ?> r && r.get("event") instanceof java.util.Map<?, ?> event) {
        java.util.Map<String, Object> e = (java.util.Map<String, Object>) event;
        mappedAfter.forEach((name, fn) -> {
          if (e.containsKey(name)) {
            e.put(name, fn.apply(e.get(name)));
          }
        });
      }
    }
    return result;
  }

  private static List<DimensionSpec> deriveAll(List<DimensionSpec> dims, List<VirtualColumns.Column> columns) {
    List<DimensionSpec> out = new ArrayList<>(dims.size());
    for (DimensionSpec d : dims) {
      out.add(derive(d, columns, false));
    }
    return out;
  }

  private static DimensionSpec derive(DimensionSpec d, List<VirtualColumns.Column> columns, boolean dropRows) {
    if (d.isPlain() && !d.dimension().equals("__time")) {
      return d;
    }
    String name = PREFIX + columns.size();
    ExtractionFn fn = d.extractionFn() == null ? null : ExtractionFns.create(d.extractionFn());
    List<DimensionSpec.ValueFilter> filters = d.valueFilters();
    String source = d.dimension();
    boolean drops = dropRows && !filters.isEmpty();
    VirtualColumns.Computation computation = row -> {
      Object raw = row.apply(source);
      String v = fn != null ? fn.apply(raw) : ExtractionFns.text(raw);
      for (DimensionSpec.ValueFilter f : filters) {
        if (!f.keeps(v)) {
          return drops ? VirtualColumns.DROP : null;
        }
      }
      return v;
    };
    // Typed as the output: values are converted before they are grouped, so "u1" and "u2" as LONG are one null group.
    columns.add(new VirtualColumns.Column(name, Set.of(source), computation, d.outputType(), drops));
    // The spec keeps its type: a limitSpec orders transformed values as strings unless told otherwise, as Druid does.
    return new DimensionSpec(d.type(), name, d.outputName(), d.outputType());
  }
}
