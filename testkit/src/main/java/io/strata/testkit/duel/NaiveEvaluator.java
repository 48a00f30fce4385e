package io.strata.testkit.duel;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.api.input.InputRow;
import io.strata.api.time.DateTimes;
import io.strata.api.time.Interval;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * A deliberately simple reference for the queries {@link RandomQueries} generates: plain loops over the stored rows
 * of {@link ReferenceSegment}s, Java maps for groups, no dictionaries, bitmaps, vectors or merging. It follows
 * Druid's documented behaviour in SQL-compatible mode (Druid 28+ default), and refuses with {@link NotModelled}
 * every query feature it does not model rather than guess:
 *
 * <ul>
 *   <li>Filters use three-valued logic: a comparison (selector with a value, in without null, bound, range) on a
 *       null is unknown, and {@code not} of unknown is unknown, so {@code not} of a comparison excludes null rows;
 *       a selector with value null, and an in whose values hold null, match nulls; {@code ""} is not null. A
 *       missing column is all nulls. A row matches only when the filter is true. On a numeric column, selector
 *       and in values and equals/range bounds compare as numbers. Filters see stored rows (after rollup).</li>
 *   <li>Aggregators: {@code count} counts rows; sums, mins and maxes skip nulls and are null when no value was
 *       seen; a long aggregator over a double column truncates each value to a long, a double one over a long
 *       column widens it.</li>
 *   <li>Arithmetic post-aggregators compute in doubles left to right, are null when any input is null, and
 *       {@code /} by 0 gives 0; {@code fieldAccess} gives the aggregate as it is.</li>
 *   <li>Time buckets (timeseries, topN): a segment covers, for each query interval inside its own interval, the
 *       range from its first row's time to the end of the bucket holding its last row's (granularity {@code all}:
 *       to the end of time); every bucket overlapping such a range is reported, empty or not, and none outside
 *       (Druid's "interior" zero-filling, as its CursorGranularizer clips). With {@code all} the one bucket's
 *       timestamp is the earliest range start; timeseries with no range at all answers one empty row at the
 *       first interval's start, topN answers nothing. Timeseries {@code skipEmptyBuckets} drops buckets no row
 *       fell in, and {@code limit} keeps the first buckets in the answer's order.</li>
 *   <li>topN ranks by the metric descending ({@code inverted}: ascending), a null metric last either way, ties by
 *       dimension value ascending with null first; by dimension ({@code lexicographic}) ascending ({@code
 *       inverted}: descending) with null first either way, {@code previousStop} keeping only values strictly
 *       after it. Druid resolves ties at the threshold in processing order (its topN is approximate); Strata
 *       documents the dimension-ascending rule, one of the outcomes Druid allows.</li>
 *   <li>groupBy: the timestamp is the bucket start, or with {@code all} the earliest interval's start (without
 *       dimensions and with {@code all}, one row even when no row matched); without
 *       limitSpec columns rows come by timestamp, then dimension values (null first); with columns, by timestamp
 *       unless the granularity is {@code all}, then the columns (metrics numerically, null first ascending;
 *       dimensions lexicographically or numerically, null first ascending; descending reverses a column). Having
 *       comparisons are false on null (and {@code not} negates that), {@code dimSelector} compares the value's
 *       string form, {@code filter} applies a filter to the result row; having runs before the limitSpec, offset
 *       before limit.</li>
 * </ul>
 */
public final class NaiveEvaluator {
  private enum Truth { TRUE, FALSE, UNKNOWN }

  /** Thrown for a query feature the evaluator does not model. */
  public static final class NotModelled extends IllegalArgumentException {
    NotModelled(String what) {
      super("not modelled by the naive evaluator: " + what);
    }
  }

  private static final java.util.Set<String> AGGREGATORS = java.util.Set.of("count", "longSum", "doubleSum",
      "longMin", "longMax", "doubleMin", "doubleMax");
  private static final java.util.Set<String> ORDERINGS = java.util.Set.of("lexicographic", "numeric");

  private final List<ReferenceSegment> segments;

  public NaiveEvaluator(List<ReferenceSegment> segments) {
    this.segments = List.copyOf(segments);
  }

  /** The expected response of {@code query}, as plain Java values in Druid's JSON shape. */
  public List<Map<String, Object>> evaluate(JsonNode query) {
    checkModelled(query);
    return switch (query.get("queryType").asText()) {
      case "timeseries" -> timeseries(query);
      case "topN" -> topN(query);
      case "groupBy" -> groupBy(query);
      default -> throw new NotModelled("queryType " + query.get("queryType"));
    };
  }

  /** Refuses what the evaluator does not implement (so it never answers a query it would answer wrongly). */
  private static void checkModelled(JsonNode q) {
    String type = q.path("queryType").asText();
    if (!List.of("timeseries", "topN", "groupBy").contains(type)) {
      throw new NotModelled("queryType " + type);
    }
    for (String unsupported : List.of("virtualColumns", "subtotalsSpec")) {
      if (q.has(unsupported) && !q.get(unsupported).isEmpty()) {
        throw new NotModelled(unsupported);
      }
    }
    // Context flags that change the answer's order or form.
    if (q.path("context").path("sortByDimsFirst").asBoolean(false)) {
      throw new NotModelled("context sortByDimsFirst");
    }
    if (q.path("context").has("finalize") && !q.path("context").path("finalize").asBoolean(true)) {
      throw new NotModelled("context finalize false");
    }
    for (String shape : List.of("resultAsArray", "serializeDateTimeAsLong")) {
      if (q.path("context").path(shape).asBoolean(false)) {
        throw new NotModelled("context " + shape);
      }
    }
    Buckets g = granularity(q);
    if (g.isAll() && !type.equals("groupBy")) {
      if (q.path("descending").asBoolean(false)) {
        throw new NotModelled("granularity all with descending (Druid then reports the latest range start)");
      }
      if (intervals(q).size() > 1) {
        throw new NotModelled("granularity all over several intervals");
      }
    }
    for (JsonNode a : q.path("aggregations")) {
      if (!AGGREGATORS.contains(a.path("type").asText()) || a.has("expression")) {
        throw new NotModelled("aggregator " + a);
      }
    }
    for (JsonNode p : q.path("postAggregations")) {
      checkPostAggregator(p);
    }
    List<JsonNode> dims = new ArrayList<>();
    q.path("dimensions").forEach(dims::add);
    if (q.has("dimension")) {
      dims.add(q.get("dimension"));
    }
    for (JsonNode d : dims) {
      if (d.isObject() && (!d.path("type").asText("default").equals("default") || d.has("extractionFn")
          || !d.path("outputType").asText("STRING").equalsIgnoreCase("STRING"))) {
        throw new NotModelled("dimension spec " + d);
      }
    }
    JsonNode metric = q.path("metric");
    while (metric.isObject() && metric.path("type").asText().equals("inverted")) {
      metric = metric.get("metric");
    }
    if (metric.isObject() && metric.path("type").asText().equals("dimension")
        && !ORDERINGS.contains(metric.path("ordering").asText("lexicographic"))) {
      throw new NotModelled("topN ordering " + metric);
    }
    if (metric.isObject() && !List.of("dimension", "numeric").contains(metric.path("type").asText())) {
      throw new NotModelled("topN metric " + metric);
    }
    for (JsonNode c : q.path("limitSpec").path("columns")) {
      if (c.isObject() && !ORDERINGS.contains(c.path("dimensionOrder").asText("lexicographic"))) {
        throw new NotModelled("limitSpec column " + c);
      }
    }
  }

  private static void checkPostAggregator(JsonNode p) {
    switch (p.path("type").asText()) {
      case "fieldAccess", "constant" -> {
      }
      case "arithmetic" -> {
        if (p.hasNonNull("ordering")) {
          throw new NotModelled("arithmetic ordering " + p.get("ordering"));
        }
        for (JsonNode f : p.path("fields")) {
          checkPostAggregator(f);
        }
      }
      default -> throw new NotModelled("post-aggregator " + p);
    }
  }

  // ---------------------------------------------------------------- timeseries and topN

  private List<Map<String, Object>> timeseries(JsonNode q) {
    List<Interval> intervals = intervals(q);
    Buckets g = granularity(q);
    List<Interval> ranges = clippedRanges(intervals, g);
    TreeMap<Long, Object[]> buckets = new TreeMap<>();
    Map<Long, Integer> rowsPerBucket = new HashMap<>();
    Long allTimestamp = null;
    if (g.isAll()) {
      allTimestamp = ranges.isEmpty() ? intervals.get(0).start()
          : ranges.stream().mapToLong(Interval::start).min().getAsLong();
      buckets.put(allTimestamp, newAggregates(q));
    } else {
      for (Interval range : ranges) {
        for (long b = g.start(range.start()); b < range.end(); b = g.next(b)) {
          buckets.computeIfAbsent(b, k -> newAggregates(q));
        }
      }
    }
    for (InputRow row : matchingRows(q, intervals)) {
      long bucket = g.isAll() ? allTimestamp : g.start(row.timestamp());
      aggregate(q, Objects.requireNonNull(buckets.get(bucket), "row outside every reported bucket"), row);
      rowsPerBucket.merge(bucket, 1, Integer::sum);
    }
    boolean skipEmpty = q.path("context").path("skipEmptyBuckets").asBoolean(false);
    List<Map<String, Object>> out = new ArrayList<>();
    for (Map.Entry<Long, Object[]> e : buckets.entrySet()) {
      if (skipEmpty && !rowsPerBucket.containsKey(e.getKey())) {
        continue;
      }
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("timestamp", DateTimes.format(e.getKey()));
      entry.put("result", finish(q, e.getValue()));
      out.add(entry);
    }
    if (q.path("descending").asBoolean(false)) {
      java.util.Collections.reverse(out);
    }
    int limit = q.path("limit").asInt(0);
    return limit > 0 && limit < out.size() ? out.subList(0, limit) : out;
  }

  private List<Map<String, Object>> topN(JsonNode q) {
    List<Interval> intervals = intervals(q);
    Buckets g = granularity(q);
    List<Interval> ranges = clippedRanges(intervals, g);
    if (ranges.isEmpty()) {
      return List.of();
    }
    JsonNode dimSpec = q.get("dimension");
    String dim = dimSpec.isTextual() ? dimSpec.asText() : dimSpec.get("dimension").asText();
    String output = dimSpec.isTextual() ? dim : dimSpec.path("outputName").asText(dim);
    TreeMap<Long, Map<String, Object[]>> buckets = new TreeMap<>();
    long allTimestamp = ranges.stream().mapToLong(Interval::start).min().getAsLong();
    if (g.isAll()) {
      buckets.put(allTimestamp, new HashMap<>());
    } else {
      for (Interval range : ranges) {
        for (long b = g.start(range.start()); b < range.end(); b = g.next(b)) {
          buckets.computeIfAbsent(b, k -> new HashMap<>());
        }
      }
    }
    for (InputRow row : matchingRows(q, intervals)) {
      long bucket = g.isAll() ? allTimestamp : g.start(row.timestamp());
      Map<String, Object[]> values = Objects.requireNonNull(buckets.get(bucket), "row outside every bucket");
      String v = stringDimension(row, dim);
      aggregate(q, values.computeIfAbsent(v, k -> newAggregates(q)), row);
    }
    int threshold = q.get("threshold").asInt();
    List<Map<String, Object>> out = new ArrayList<>();
    for (Map.Entry<Long, Map<String, Object[]>> e : buckets.entrySet()) {
      List<Map<String, Object>> entries = new ArrayList<>();
      for (Map.Entry<String, Object[]> v : e.getValue().entrySet()) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put(output, v.getKey());
        entry.putAll(finish(q, v.getValue()));
        entries.add(entry);
      }
      List<Map<String, Object>> ranked = rank(q.get("metric"), output, entries);
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("timestamp", DateTimes.format(e.getKey()));
      result.put("result", ranked.subList(0, Math.min(threshold, ranked.size())));
      out.add(result);
    }
    return out;
  }

  private static List<Map<String, Object>> rank(JsonNode metric, String output, List<Map<String, Object>> entries) {
    boolean inverted = false;
    JsonNode spec = metric;
    while (spec.isObject() && spec.path("type").asText().equals("inverted")) {
      inverted = !inverted;
      spec = spec.get("metric");
    }
    Comparator<Map<String, Object>> byValue = (a, b) -> compareStrings((String) a.get(output),
        (String) b.get(output));
    List<Map<String, Object>> kept = new ArrayList<>(entries);
    if (spec.isObject() && spec.path("type").asText().equals("dimension")) {
      Comparator<String> order = spec.path("ordering").asText("lexicographic").equals("numeric")
          ? NaiveEvaluator::compareNumericStrings : String::compareTo;
      String stop = spec.hasNonNull("previousStop") ? spec.get("previousStop").asText() : null;
      boolean inv = inverted;
      if (stop != null) {
        kept.removeIf(e -> {
          String v = (String) e.get(output);
          return v == null || (inv ? order.compare(v, stop) >= 0 : order.compare(v, stop) <= 0);
        });
      }
      kept.sort((a, b) -> {
        String x = (String) a.get(output);
        String y = (String) b.get(output);
        if (x == null || y == null) {
          return x == y ? 0 : x == null ? -1 : 1;
        }
        return inv ? order.compare(y, x) : order.compare(x, y);
      });
      return kept;
    }
    String name = spec.isTextual() ? spec.asText() : spec.get("metric").asText();
    boolean inv = inverted;
    kept.sort((a, b) -> {
      Object x = a.get(name);
      Object y = b.get(name);
      if (x == null || y == null) {
        if (x != y) {
          return x == null ? 1 : -1;
        }
      } else {
        int c = compareNumbers((Number) x, (Number) y);
        if (c != 0) {
          return inv ? c : -c;
        }
      }
      return byValue.compare(a, b);
    });
    return kept;
  }

  /**
   * The ranges the data covers for time-bucketed queries: per segment overlapping the query, each condensed
   * interval clipped to the segment's interval, then to [first row, end of the bucket of the last row).
   */
  private List<Interval> clippedRanges(List<Interval> intervals, Buckets g) {
    List<Interval> out = new ArrayList<>();
    for (ReferenceSegment p : segments) {
      long end = g.isAll() ? Interval.ETERNITY.end() : g.next(g.start(p.maxTime()));
      Interval covered = new Interval(p.minTime(), end);
      for (Interval i : intervals) {
        Interval x = i.intersect(p.interval());
        Interval c = x == null ? null : x.intersect(covered);
        if (c != null && c.start() < c.end()) {
          out.add(c);
        }
      }
    }
    return out;
  }

  // ---------------------------------------------------------------- groupBy

  private List<Map<String, Object>> groupBy(JsonNode q) {
    List<Interval> intervals = intervals(q);
    Buckets g = granularity(q);
    List<String> dims = new ArrayList<>();
    List<String> outputs = new ArrayList<>();
    for (JsonNode d : q.get("dimensions")) {
      String dim = d.isTextual() ? d.asText() : d.get("dimension").asText();
      dims.add(dim);
      outputs.add(d.isTextual() ? dim : d.path("outputName").asText(dim));
    }
    Map<List<Object>, Object[]> groups = new LinkedHashMap<>();
    for (InputRow row : matchingRows(q, intervals)) {
      List<Object> key = new ArrayList<>();
      key.add(g.isAll() ? intervals.get(0).start() : g.start(row.timestamp()));
      for (String d : dims) {
        key.add(stringDimension(row, d));
      }
      aggregate(q, groups.computeIfAbsent(key, k -> newAggregates(q)), row);
    }
    if (dims.isEmpty() && g.isAll() && groups.isEmpty()) {
      groups.put(List.of(intervals.get(0).start()), newAggregates(q));
    }
    List<Map<String, Object>> events = new ArrayList<>();
    Map<Map<String, Object>, Long> timestamps = new HashMap<>();
    for (Map.Entry<List<Object>, Object[]> e : groups.entrySet()) {
      Map<String, Object> event = new LinkedHashMap<>();
      for (int i = 0; i < dims.size(); i++) {
        event.put(outputs.get(i), e.getKey().get(i + 1));
      }
      event.putAll(finish(q, e.getValue()));
      event.put("\u0000timestamp", e.getKey().get(0));
      if (!q.has("having") || having(q.get("having"), event)) {
        events.add(event);
      }
    }
    // Natural order first, so rows the limitSpec columns leave tied keep it (the sort is stable).
    events.sort(naturalOrder(outputs));
    events.sort(groupOrder(q, g, outputs));
    JsonNode limitSpec = q.path("limitSpec");
    int offset = limitSpec.path("offset").asInt(0);
    int limit = limitSpec.has("limit") ? limitSpec.get("limit").asInt() : Integer.MAX_VALUE;
    List<Map<String, Object>> out = new ArrayList<>();
    for (int i = offset; i < events.size() && out.size() < limit; i++) {
      Map<String, Object> event = events.get(i);
      long t = (Long) event.remove("\u0000timestamp");
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("version", "v1");
      row.put("timestamp", DateTimes.format(t));
      row.put("event", event);
      out.add(row);
    }
    return out;
  }

  private static Comparator<Map<String, Object>> naturalOrder(List<String> outputs) {
    Comparator<Map<String, Object>> c = Comparator.comparingLong(e -> (Long) e.get("\u0000timestamp"));
    for (String o : outputs) {
      c = c.thenComparing((a, b) -> compareStrings((String) a.get(o), (String) b.get(o)));
    }
    return c;
  }

  private static Comparator<Map<String, Object>> groupOrder(JsonNode q, Buckets g, List<String> outputs) {
    Comparator<Map<String, Object>> byTime = Comparator.comparingLong(e -> (Long) e.get("\u0000timestamp"));
    JsonNode columns = q.path("limitSpec").path("columns");
    if (columns.isMissingNode() || columns.isEmpty()) {
      return naturalOrder(outputs);
    }
    Comparator<Map<String, Object>> c = g.isAll() ? (a, b) -> 0 : byTime;
    for (JsonNode column : columns) {
      String name = column.isTextual() ? column.asText() : column.get("dimension").asText();
      boolean descending = column.path("direction").asText("ascending").startsWith("desc");
      boolean numeric = column.path("dimensionOrder").asText("lexicographic").equals("numeric");
      Comparator<Map<String, Object>> one;
      if (outputs.contains(name)) {
        one = (a, b) -> numeric ? compareNumericStrings((String) a.get(name), (String) b.get(name))
            : compareStrings((String) a.get(name), (String) b.get(name));
      } else {
        one = (a, b) -> {
          Object x = a.get(name);
          Object y = b.get(name);
          if (x == null || y == null) {
            return x == y ? 0 : x == null ? -1 : 1;
          }
          return compareNumbers((Number) x, (Number) y);
        };
      }
      c = c.thenComparing(descending ? one.reversed() : one);
    }
    return c;
  }

  private static boolean having(JsonNode h, Map<String, Object> event) {
    switch (h.get("type").asText()) {
      case "and" -> {
        for (JsonNode s : h.get("havingSpecs")) {
          if (!having(s, event)) {
            return false;
          }
        }
        return true;
      }
      case "or" -> {
        for (JsonNode s : h.get("havingSpecs")) {
          if (having(s, event)) {
            return true;
          }
        }
        return false;
      }
      case "not" -> {
        return !having(h.get("havingSpec"), event);
      }
      case "dimSelector" -> {
        Object v = event.get(h.get("dimension").asText());
        JsonNode value = h.get("value");
        String expected = value == null || value.isNull() ? null : value.asText();
        return Objects.equals(v == null ? null : String.valueOf(v), expected);
      }
      case "filter" -> {
        return eval(h.get("filter"), event::get) == Truth.TRUE;
      }
      default -> {
        if (!List.of("greaterThan", "lessThan", "equalTo").contains(h.get("type").asText())) {
          throw new NotModelled("having " + h);
        }
        Object v = event.get(h.get("aggregation").asText());
        if (v == null) {
          return false;
        }
        Number threshold = h.get("value").numberValue();
        int c = compareNumbers((Number) v, threshold);
        return switch (h.get("type").asText()) {
          case "greaterThan" -> c > 0;
          case "lessThan" -> c < 0;
          case "equalTo" -> c == 0;
          default -> throw new NotModelled("having " + h);
        };
      }
    }
  }

  // ---------------------------------------------------------------- rows and filters

  private List<InputRow> matchingRows(JsonNode q, List<Interval> intervals) {
    JsonNode filter = q.get("filter");
    List<InputRow> out = new ArrayList<>();
    for (ReferenceSegment p : segments) {
      for (InputRow row : p.rows()) {
        boolean inInterval = false;
        for (Interval i : intervals) {
          inInterval |= i.contains(row.timestamp());
        }
        if (inInterval && (filter == null || filter.isNull() || eval(filter, row::get) == Truth.TRUE)) {
          out.add(row);
        }
      }
    }
    return out;
  }

  /** The filter's truth for the row whose columns {@code column} reads (null for a missing column). */
  private static Truth eval(JsonNode f, Function<String, Object> column) {
    if (f.has("extractionFn") || f.has("filterTuning")) {
      throw new NotModelled("filter " + f);
    }
    switch (f.get("type").asText()) {
      case "true" -> {
        return Truth.TRUE;
      }
      case "false" -> {
        return Truth.FALSE;
      }
      case "and" -> {
        Truth t = Truth.TRUE;
        for (JsonNode c : f.get("fields")) {
          Truth x = eval(c, column);
          if (x == Truth.FALSE) {
            return Truth.FALSE;
          }
          if (x == Truth.UNKNOWN) {
            t = Truth.UNKNOWN;
          }
        }
        return t;
      }
      case "or" -> {
        Truth t = Truth.FALSE;
        for (JsonNode c : f.get("fields")) {
          Truth x = eval(c, column);
          if (x == Truth.TRUE) {
            return Truth.TRUE;
          }
          if (x == Truth.UNKNOWN) {
            t = Truth.UNKNOWN;
          }
        }
        return t;
      }
      case "not" -> {
        Truth x = eval(f.get("field"), column);
        return x == Truth.UNKNOWN ? Truth.UNKNOWN : x == Truth.TRUE ? Truth.FALSE : Truth.TRUE;
      }
      case "null" -> {
        return column.apply(f.get("column").asText()) == null ? Truth.TRUE : Truth.FALSE;
      }
      case "selector" -> {
        Object v = column.apply(f.get("dimension").asText());
        JsonNode value = f.get("value");
        if (value == null || value.isNull()) {
          return v == null ? Truth.TRUE : Truth.FALSE;
        }
        return v == null ? Truth.UNKNOWN : sameValue(v, value.asText()) ? Truth.TRUE : Truth.FALSE;
      }
      case "equals" -> {
        Object v = column.apply(f.get("column").asText());
        return v == null ? Truth.UNKNOWN : sameValue(v, f.get("matchValue").asText()) ? Truth.TRUE : Truth.FALSE;
      }
      case "in" -> {
        Object v = column.apply(f.get("dimension").asText());
        boolean nullListed = false;
        for (JsonNode value : f.get("values")) {
          if (value.isNull()) {
            nullListed = true;
          } else if (v != null && sameValue(v, value.asText())) {
            return Truth.TRUE;
          }
        }
        return v == null ? (nullListed ? Truth.TRUE : Truth.UNKNOWN) : Truth.FALSE;
      }
      case "bound" -> {
        Object raw = column.apply(f.get("dimension").asText());
        if (raw == null) {
          return Truth.UNKNOWN;
        }
        String ordering = f.path("ordering").isObject() ? f.path("ordering").path("type").asText()
            : f.path("ordering").asText("lexicographic");
        if (!ORDERINGS.contains(ordering) || f.path("alphaNumeric").asBoolean(false)) {
          throw new NotModelled("bound ordering " + f);
        }
        boolean numeric = ordering.equals("numeric");
        if (raw instanceof Number n) {
          if (!numeric) {
            throw new NotModelled("lexicographic bound on a numeric column " + f);
          }
          BigDecimal x = decimal(n);
          return inRange(x, f.hasNonNull("lower") ? new BigDecimal(f.get("lower").asText()) : null,
              f.path("lowerStrict").asBoolean(false),
              f.hasNonNull("upper") ? new BigDecimal(f.get("upper").asText()) : null,
              f.path("upperStrict").asBoolean(false), BigDecimal::compareTo) ? Truth.TRUE : Truth.FALSE;
        }
        String v = (String) raw;
        Comparator<String> order = numeric ? NaiveEvaluator::compareNumericStrings : String::compareTo;
        return inRange(v, f.hasNonNull("lower") ? f.get("lower").asText() : null,
            f.path("lowerStrict").asBoolean(false), f.hasNonNull("upper") ? f.get("upper").asText() : null,
            f.path("upperStrict").asBoolean(false), order) ? Truth.TRUE : Truth.FALSE;
      }
      case "range" -> {
        Object v = column.apply(f.get("column").asText());
        if (v == null) {
          return Truth.UNKNOWN;
        }
        String type = f.get("matchValueType").asText();
        if ((v instanceof Number) == type.equals("STRING")) {
          throw new NotModelled("range of another type than its column " + f);
        }
        boolean lowerOpen = f.path("lowerOpen").asBoolean(false);
        boolean upperOpen = f.path("upperOpen").asBoolean(false);
        boolean match;
        if (type.equals("STRING")) {
          match = inRange((String) v, f.hasNonNull("lower") ? f.get("lower").asText() : null, lowerOpen,
              f.hasNonNull("upper") ? f.get("upper").asText() : null, upperOpen, String::compareTo);
        } else {
          BigDecimal x = decimal((Number) v);
          match = inRange(x, f.hasNonNull("lower") ? f.get("lower").decimalValue() : null, lowerOpen,
              f.hasNonNull("upper") ? f.get("upper").decimalValue() : null, upperOpen, BigDecimal::compareTo);
        }
        return match ? Truth.TRUE : Truth.FALSE;
      }
      default -> throw new NotModelled("filter " + f);
    }
  }

  /** A stored value against a filter's value: strings by equality, numbers numerically. */
  private static boolean sameValue(Object stored, String value) {
    if (stored instanceof Number n) {
      try {
        return decimal(n).compareTo(new BigDecimal(value)) == 0;
      } catch (NumberFormatException e) {
        return false;
      }
    }
    return stored.equals(value);
  }

  private static <T> boolean inRange(T v, T lower, boolean lowerStrict, T upper, boolean upperStrict,
                                     Comparator<? super T> order) {
    if (lower != null) {
      int c = order.compare(v, lower);
      if (c < 0 || (c == 0 && lowerStrict)) {
        return false;
      }
    }
    if (upper != null) {
      int c = order.compare(v, upper);
      return c < 0 || (c == 0 && !upperStrict);
    }
    return true;
  }

  // ---------------------------------------------------------------- aggregation

  /** One slot per aggregator: a long[1] counter for count, else the running Long or Double (null until a value). */
  private static Object[] newAggregates(JsonNode q) {
    Object[] out = new Object[q.get("aggregations").size()];
    for (int i = 0; i < out.length; i++) {
      if (q.get("aggregations").get(i).get("type").asText().equals("count")) {
        out[i] = 0L;
      }
    }
    return out;
  }

  private static void aggregate(JsonNode q, Object[] acc, InputRow row) {
    JsonNode aggs = q.get("aggregations");
    for (int i = 0; i < acc.length; i++) {
      JsonNode a = aggs.get(i);
      String type = a.get("type").asText();
      if (type.equals("count")) {
        acc[i] = (Long) acc[i] + 1;
        continue;
      }
      Number raw = (Number) row.get(a.get("fieldName").asText());
      if (raw == null) {
        continue;
      }
      if (type.startsWith("long")) {
        long v = raw instanceof Double d ? (long) d.doubleValue() : raw.longValue();
        Long cur = (Long) acc[i];
        acc[i] = cur == null ? v : switch (type) {
          case "longSum" -> cur + v;
          case "longMin" -> Math.min(cur, v);
          default -> Math.max(cur, v);
        };
      } else {
        double v = raw.doubleValue();
        Double cur = (Double) acc[i];
        acc[i] = cur == null ? v : switch (type) {
          case "doubleSum" -> cur + v;
          case "doubleMin" -> Math.min(cur, v);
          default -> Math.max(cur, v);
        };
      }
    }
  }

  /** Aggregates by name, then post-aggregators in order. */
  private static Map<String, Object> finish(JsonNode q, Object[] acc) {
    Map<String, Object> values = new LinkedHashMap<>();
    JsonNode aggs = q.get("aggregations");
    for (int i = 0; i < acc.length; i++) {
      values.put(aggs.get(i).get("name").asText(), acc[i]);
    }
    for (JsonNode p : q.path("postAggregations")) {
      values.put(p.get("name").asText(), postAggregate(p, values));
    }
    return values;
  }

  private static Object postAggregate(JsonNode p, Map<String, Object> values) {
    switch (p.get("type").asText()) {
      case "fieldAccess" -> {
        return values.get(p.get("fieldName").asText());
      }
      case "constant" -> {
        return p.get("value").numberValue();
      }
      case "arithmetic" -> {
        String fn = p.get("fn").asText();
        Double result = null;
        for (JsonNode field : p.get("fields")) {
          Number v = (Number) postAggregate(field, values);
          if (v == null) {
            return null;
          }
          double x = v.doubleValue();
          if (result == null) {
            result = x;
          } else {
            result = switch (fn) {
              case "+" -> result + x;
              case "-" -> result - x;
              case "*" -> result * x;
              case "/" -> x == 0.0 ? 0.0 : result / x;
              case "quotient" -> result / x;
              default -> throw new NotModelled("arithmetic fn " + fn);
            };
          }
        }
        return result;
      }
      default -> throw new NotModelled("post-aggregator " + p);
    }
  }

  // ---------------------------------------------------------------- values

  /** The query's granularity; Druid's default is {@code all}. */
  private static Buckets granularity(JsonNode q) {
    return q.hasNonNull("granularity") ? Buckets.of(q.get("granularity")) : Buckets.ALL;
  }

  private static List<Interval> intervals(JsonNode q) {
    List<Interval> list = new ArrayList<>();
    for (JsonNode i : q.get("intervals")) {
      list.add(Interval.parse(i.asText()));
    }
    list.sort(Comparator.comparingLong(Interval::start).thenComparingLong(Interval::end));
    List<Interval> condensed = new ArrayList<>();
    for (Interval i : list) {
      Interval last = condensed.isEmpty() ? null : condensed.get(condensed.size() - 1);
      if (last != null && i.start() <= last.end()) {
        condensed.set(condensed.size() - 1, new Interval(last.start(), Math.max(last.end(), i.end())));
      } else {
        condensed.add(i);
      }
    }
    return condensed;
  }

  private static String stringDimension(InputRow row, String dim) {
    Object v = row.get(dim);
    if (v != null && !(v instanceof String)) {
      throw new NotModelled("grouping on the non-string column " + dim);
    }
    return (String) v;
  }

  private static int compareStrings(String a, String b) {
    if (a == null || b == null) {
      return a == b ? 0 : a == null ? -1 : 1;
    }
    return a.compareTo(b);
  }

  private static int compareNumericStrings(String a, String b) {
    if (a == null || b == null) {
      return a == b ? 0 : a == null ? -1 : 1;
    }
    return new BigDecimal(a).compareTo(new BigDecimal(b));
  }

  /**
   * Longs exactly, doubles as {@link Double#compare} (so {@code -0.0 < 0.0}, as Druid's aggregator and arithmetic
   * post-aggregator comparators order them), a long against a double as decimals.
   */
  private static int compareNumbers(Number a, Number b) {
    if ((a instanceof Long || a instanceof Integer) && (b instanceof Long || b instanceof Integer)) {
      return Long.compare(a.longValue(), b.longValue());
    }
    if (a instanceof Double x && b instanceof Double y) {
      return Double.compare(x, y);
    }
    return decimal(a).compareTo(decimal(b));
  }

  private static BigDecimal decimal(Number n) {
    if (n instanceof Long || n instanceof Integer) {
      return BigDecimal.valueOf(n.longValue());
    }
    if (n instanceof BigDecimal b) {
      return b;
    }
    return BigDecimal.valueOf(n.doubleValue());
  }
}
