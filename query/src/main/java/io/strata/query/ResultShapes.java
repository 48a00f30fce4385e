package io.strata.query;

import io.strata.api.query.AggregatorSpec;
import io.strata.api.query.DimensionSpec;
import io.strata.api.query.PostAggregatorSpec;
import io.strata.api.query.Query;
import io.strata.api.time.DateTimes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The context flags that change how results are written, applied to an engine's result: {@code
 * serializeDateTimeAsLong} (result timestamps, and timeBoundary's times, as epoch millis) and groupBy's
 * {@code resultAsArray} (each row an array: the timestamp in millis unless the granularity is {@code all}, then
 * the dimensions, aggregators and post-aggregators in query order). {@code serializeDateTimeAsLongInner} concerns
 * inner queries, which Strata's datasources do not have, so it changes nothing.
 */
final class ResultShapes {
  private ResultShapes() {
  }

  static Object apply(Query query, Object result) {
    if (!(result instanceof List<?> rows)) {
      return result;
    }
    if (query instanceof Query.GroupBy g && flag(query, "resultAsArray")) {
      return asArrays(g, rows);
    }
    if (flag(query, "serializeDateTimeAsLong") && !(query instanceof Query.Scan)) {
      for (Object row : rows) {
        if (row instanceof Map<?, ?> m) {
          @SuppressWarnings("unchecked")
          Map<String, Object> r = (Map<String, Object>) m;
          toMillis(r, "timestamp");
          if (query instanceof Query.TimeBoundary && r.get("result") instanceof Map<?, ?> inner) {
            @SuppressWarnings("unchecked")
            Map<String, Object> times = (Map<String, Object>) inner;
            toMillis(times, "minTime");
            toMillis(times, "maxTime");
          }
        }
      }
    }
    return result;
  }

  private static boolean flag(Query query, String key) {
    Object v = query.contextValue(key);
    return v != null && Boolean.parseBoolean(v.toString());
  }

  private static void toMillis(Map<String, Object> row, String key) {
    if (row.get(key) instanceof String s) {
      row.put(key, DateTimes.parseIso(s));
    }
  }

  private static List<Object[]> asArrays(Query.GroupBy query, List<?> rows) {
    List<String> names = new ArrayList<>();
    query.dimensions().forEach((DimensionSpec d) -> names.add(d.outputName()));
    query.aggregations().forEach((AggregatorSpec a) -> names.add(a.name()));
    query.postAggregations().forEach((PostAggregatorSpec p) -> names.add(p.name()));
    boolean withTime = !query.granularity().isAll();
    List<Object[]> out = new ArrayList<>(rows.size());
    for (Object row : rows) {
      Map<?, ?> r = (Map<?, ?>) row;
      Map<?, ?> event = (Map<?, ?>) r.get("event");
      Object[] values = new Object[names.size() + (withTime ? 1 : 0)];
      int i = 0;
      if (withTime) {
        Object t = r.get("timestamp");
        values[i++] = t instanceof String s ? (Object) DateTimes.parseIso(s) : t;
      }
      for (String n : names) {
        values[i++] = event.get(n);
      }
      out.add(values);
    }
    return out;
  }
}
