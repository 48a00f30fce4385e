package io.strata.query.search;

import io.strata.api.data.ColumnCapabilities;
import io.strata.api.data.ColumnType;
import io.strata.api.data.Segment;
import io.strata.api.query.AggregatorSpec;
import io.strata.api.query.DimensionSpec;
import io.strata.api.query.FilterSpec;
import io.strata.api.query.Query;
import io.strata.processing.ordering.StringComparators;
import io.strata.query.exec.QueryDeadline;
import io.strata.query.groupby.GroupByEngine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Druid's search query, as one groupBy per searched dimension: rows matching the query's filter and the search
 * spec on that dimension, counted per value and granularity bucket. Per bucket the hits of all dimensions are
 * sorted by value (the query's {@code sort}; ties by dimension) and cut at {@code limit}. Results:
 * {@code [{"timestamp": ISO, "result": [{"dimension":..., "value":..., "count": n}, ...]}]}, buckets without hits
 * left out.
 */
public final class SearchEngine {
  private final GroupByEngine groupBy;

  public SearchEngine(GroupByEngine groupBy) {
    this.groupBy = groupBy;
  }

  public List<Map<String, Object>> run(Query.Search query, List<? extends Segment> segments,
                                       QueryDeadline deadline) {
    List<DimensionSpec> dims = query.searchDimensions().isEmpty() ? stringDimensions(segments)
        : query.searchDimensions();
    Map<String, List<Map<String, Object>>> byBucket = new TreeMap<>();
    for (DimensionSpec d : dims) {
      FilterSpec search = new FilterSpec.Search(d.dimension(), query.query());
      FilterSpec filter = query.filter() == null ? search : new FilterSpec.And(List.of(query.filter(), search));
      String countName = d.outputName().equals("count") ? "__count" : "count";
      Query.GroupBy perDimension = new Query.GroupBy(query.dataSource(), query.intervals(), query.granularity(),
          List.of(new DimensionSpec("default", d.dimension(), d.outputName(), ColumnType.STRING)), filter,
          List.of(AggregatorSpec.Count.of(countName)), List.of(), null, null, List.of(), query.context());
      for (Map<String, Object> row : groupBy.run(perDimension, segments, deadline)) {
        @SuppressWarnings("unchecked")
        Map<String, Object> event = (Map<String, Object>) row.get("event");
        Object value = event.get(d.outputName());
        if (value == null) {
          continue;
        }
        Map<String, Object> hit = new LinkedHashMap<>(3);
        hit.put("dimension", d.outputName());
        hit.put("value", value.toString());
        hit.put("count", event.get(countName));
        byBucket.computeIfAbsent((String) row.get("timestamp"), t -> new ArrayList<>()).add(hit);
      }
    }
    Comparator<String> values = StringComparators.forName(query.sort().type());
    Comparator<Map<String, Object>> order = Comparator
        .comparing((Map<String, Object> h) -> (String) h.get("value"), values)
        .thenComparing(h -> (String) h.get("dimension"));
    List<Map<String, Object>> out = new ArrayList<>();
    // ISO timestamps of one zone sort as the instants do.
    for (Map.Entry<String, List<Map<String, Object>>> bucket : byBucket.entrySet()) {
      List<Map<String, Object>> hits = bucket.getValue();
      hits.sort(order);
      Map<String, Object> result = new LinkedHashMap<>(2);
      result.put("timestamp", bucket.getKey());
      result.put("result", hits.size() > query.limit() ? new ArrayList<>(hits.subList(0, query.limit())) : hits);
      out.add(result);
    }
    return out;
  }

  /** Every string dimension of the segments, in storage order. */
  private static List<DimensionSpec> stringDimensions(List<? extends Segment> segments) {
    LinkedHashSet<String> names = new LinkedHashSet<>();
    for (Segment s : segments) {
      for (String c : s.cursorFactory().signature().columnNames()) {
        ColumnCapabilities caps = s.cursorFactory().capabilities(c);
        if (!c.equals("__time") && caps != null && caps.type() == ColumnType.STRING) {
          names.add(c);
        }
      }
    }
    List<DimensionSpec> out = new ArrayList<>();
    names.forEach(n -> out.add(DimensionSpec.of(n)));
    return out;
  }
}
