package io.strata.testkit.duel;

import io.strata.api.input.InputRow;
import io.strata.api.query.AggregatorSpec;
import io.strata.api.time.Interval;
import io.strata.input.MapInputRow;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows one segment stores, as the {@link NaiveEvaluator} reads them: columns by name ({@code __time},
 * dimensions as strings, metrics as Long or Double, null for nulls), in time order.
 *
 * @param minTime the first stored time
 * @param maxTime the last stored time
 */
public record ReferenceSegment(Interval interval, List<InputRow> rows, long minTime, long maxTime) {
  public ReferenceSegment {
    rows = List.copyOf(rows);
  }

  /**
   * The reference rollup: what a correct ingestion of {@code input} stores, by plain maps. Each row's time is
   * truncated to {@code queryGranularity}; dimension values take their string form; with {@code rollup}, rows equal
   * in time and dimensions become one. Metrics: {@code count} counts input rows; sums, mins and maxes of a field
   * skip nulls and are null when the rows had no value (SQL-compatible), long ones truncating doubles.
   *
   * @throws IllegalArgumentException if {@code input} is empty or a metric is not one of those
   */
  public static ReferenceSegment ingest(Interval interval, List<? extends InputRow> input, List<String> dimensions,
                                        List<AggregatorSpec> metrics, Buckets queryGranularity, boolean rollup) {
    if (input.isEmpty()) {
      throw new IllegalArgumentException("a segment needs rows");
    }
    Map<List<Object>, Map<String, Object>> rows = new LinkedHashMap<>();
    int n = 0;
    for (InputRow in : input) {
      long t = queryGranularity.start(in.timestamp());
      List<Object> key = new ArrayList<>();
      key.add(t);
      for (String d : dimensions) {
        Object v = in.get(d);
        key.add(v == null ? null : String.valueOf(v));
      }
      if (!rollup) {
        key.add(n++);
      }
      Map<String, Object> row = rows.computeIfAbsent(key, k -> {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("__time", t);
        for (int i = 0; i < dimensions.size(); i++) {
          fields.put(dimensions.get(i), k.get(i + 1));
        }
        for (AggregatorSpec m : metrics) {
          fields.put(m.name(), m instanceof AggregatorSpec.Count ? 0L : null);
        }
        return fields;
      });
      for (AggregatorSpec m : metrics) {
        row.put(m.name(), fold(m, row.get(m.name()), in));
      }
    }
    List<InputRow> out = new ArrayList<>(rows.size());
    for (Map<String, Object> fields : rows.values()) {
      out.add(new MapInputRow((Long) fields.get("__time"), fields));
    }
    out.sort(Comparator.comparingLong(InputRow::timestamp));
    return new ReferenceSegment(interval, out, out.get(0).timestamp(), out.get(out.size() - 1).timestamp());
  }

  private static Object fold(AggregatorSpec spec, Object current, InputRow in) {
    if (spec instanceof AggregatorSpec.Count) {
      return (Long) current + 1;
    }
    AggregatorSpec.Numeric m = (AggregatorSpec.Numeric) spec;
    Object raw = in.get(m.fieldName());
    if (raw == null) {
      return current;
    }
    if (!(raw instanceof Number v)) {
      throw new IllegalArgumentException("metric input " + m.fieldName() + " is not a number: " + raw);
    }
    if (m.type().startsWith("long")) {
      long x = v instanceof Double || v instanceof Float ? (long) v.doubleValue() : v.longValue();
      Long c = (Long) current;
      return c == null ? x : switch (m.type()) {
        case "longSum" -> c + x;
        case "longMin" -> Math.min(c, x);
        case "longMax" -> Math.max(c, x);
        default -> throw new IllegalArgumentException("not modelled: metric " + m.type());
      };
    }
    double x = v.doubleValue();
    Double c = (Double) current;
    return c == null ? x : switch (m.type()) {
      case "doubleSum" -> c + x;
      case "doubleMin" -> Math.min(c, x);
      case "doubleMax" -> Math.max(c, x);
      default -> throw new IllegalArgumentException("not modelled: metric " + m.type());
    };
  }
}
