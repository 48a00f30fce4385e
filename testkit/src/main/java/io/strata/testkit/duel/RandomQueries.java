package io.strata.testkit.duel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strata.api.time.DateTimes;
import io.strata.api.time.Interval;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Random native queries over a {@link RandomDataset}, as JSON (what a client would send, and what a failure
 * report shows): timeseries (granularity all, day, hour, PT6H, fifteen_minute or minute; descending, limit,
 * skipEmptyBuckets), topN (a random dimension, threshold and numeric or dimension ordering, inverted or not) and
 * groupBy (none to two dimensions, having, limitSpec), over one or two intervals whose ends sometimes fall exactly
 * on stored times, with random filters built from selector, in, equals, bound, range, null, true, false, and, or
 * and not (on string and numeric columns, and a missing one); aggregators count, longSum, doubleSum, longMin,
 * longMax, doubleMin and doubleMax (now and then over a column of the other numeric type, the count metric, or a
 * missing column); arithmetic and fieldAccess post-aggregators.
 *
 * <p>Only what {@link NaiveEvaluator} implements is generated. Deliberately left out because Druid's own answer
 * is not deterministic or not well defined: {@code quotient} by a value that may be 0 (infinities), timeseries
 * and topN with granularity {@code all} over several intervals or descending, and groupBy limits over orderings
 * that are not total (every dimension is appended to a limitSpec's columns).
 */
public final class RandomQueries {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final String[] AGG_TYPES = {"count", "longSum", "doubleSum", "longMin", "longMax", "doubleMin",
      "doubleMax"};
  private static final List<String> NUMERIC_COLUMNS = List.of("l", "d");
  private static final String MISSING = "missing";

  private final RandomDataset data;

  public RandomQueries(RandomDataset data) {
    this.data = data;
  }

  /** A random query; the same {@code r} state always gives the same query. */
  public ObjectNode next(Random r) {
    int kind = r.nextInt(100);
    if (kind < 34) {
      return timeseries(r);
    }
    if (kind < 66) {
      return topN(r);
    }
    return groupBy(r);
  }

  ObjectNode timeseries(Random r) {
    ObjectNode q = base("timeseries");
    ArrayNode intervals = intervals(r, true);
    Buckets granularity = granularity(r, intervals);
    if (granularity.isAll() && intervals.size() > 1) {
      intervals.remove(1);
    }
    q.set("granularity", granularity.toJson());
    q.set("intervals", intervals);
    maybeFilter(r, q);
    List<String> aggs = aggregations(r, q);
    postAggregations(r, q, aggs);
    if (!granularity.isAll() && r.nextInt(5) == 0) {
      q.put("descending", true);
    }
    if (r.nextInt(5) == 0) {
      q.put("limit", 1 + r.nextInt(10));
    }
    if (r.nextInt(7) == 0) {
      q.putObject("context").put("skipEmptyBuckets", true);
    }
    return q;
  }

  ObjectNode topN(Random r) {
    ObjectNode q = base("topN");
    ArrayNode intervals = intervals(r, true);
    Buckets granularity = granularity(r, intervals);
    if (granularity.isAll() && intervals.size() > 1) {
      intervals.remove(1);
    }
    q.set("granularity", granularity.toJson());
    q.set("intervals", intervals);
    String dim = r.nextInt(40) == 0 ? MISSING : dimension(r);
    if (r.nextInt(5) == 0) {
      ObjectNode spec = q.putObject("dimension");
      spec.put("type", "default");
      spec.put("dimension", dim);
      spec.put("outputName", "out_" + dim);
    } else {
      q.put("dimension", dim);
    }
    maybeFilter(r, q);
    List<String> aggs = aggregations(r, q);
    List<String> posts = postAggregations(r, q, aggs);
    List<String> metrics = new ArrayList<>(aggs);
    metrics.addAll(posts);
    int m = r.nextInt(100);
    if (m < 60) {
      q.put("metric", metrics.get(r.nextInt(metrics.size())));
    } else if (m < 70) {
      ObjectNode metric = q.putObject("metric");
      metric.put("type", "numeric");
      metric.put("metric", metrics.get(r.nextInt(metrics.size())));
    } else if (m < 85) {
      ObjectNode metric = q.putObject("metric");
      metric.put("type", "inverted");
      metric.put("metric", metrics.get(r.nextInt(metrics.size())));
    } else {
      ObjectNode dimOrder = JSON.objectNode();
      dimOrder.put("type", "dimension");
      boolean numeric = dim.equals("num") && r.nextBoolean();
      dimOrder.put("ordering", numeric ? "numeric" : "lexicographic");
      if (r.nextInt(3) == 0) {
        dimOrder.put("previousStop", numeric ? numericBound(r) : value(r, dim));
      }
      if (r.nextBoolean()) {
        ObjectNode inverted = q.putObject("metric");
        inverted.put("type", "inverted");
        inverted.set("metric", dimOrder);
      } else {
        q.set("metric", dimOrder);
      }
    }
    q.put("threshold", r.nextInt(4) == 0 ? 1 + r.nextInt(3) : 1 + r.nextInt(25));
    return q;
  }

  ObjectNode groupBy(Random r) {
    ObjectNode q = base("groupBy");
    ArrayNode intervals = intervals(r, true);
    q.set("granularity", granularity(r, intervals).toJson());
    q.set("intervals", intervals);
    List<String> dims = new ArrayList<>(RandomDataset.STRING_DIMENSIONS);
    Collections.shuffle(dims, r);
    dims = new ArrayList<>(dims.subList(0, r.nextInt(10) == 0 ? 0 : 1 + r.nextInt(2)));
    if (!dims.isEmpty() && r.nextInt(25) == 0) {
      dims.set(0, MISSING);
    }
    ArrayNode dimensions = q.putArray("dimensions");
    List<String> outputs = new ArrayList<>();
    for (String d : dims) {
      if (r.nextInt(5) == 0) {
        ObjectNode spec = dimensions.addObject();
        spec.put("type", "default");
        spec.put("dimension", d);
        spec.put("outputName", "out_" + d);
        outputs.add("out_" + d);
      } else {
        dimensions.add(d);
        outputs.add(d);
      }
    }
    maybeFilter(r, q);
    List<String> aggs = aggregations(r, q);
    List<String> posts = postAggregations(r, q, aggs);
    if (r.nextInt(10) < 4) {
      q.set("having", having(r, q, aggs, outputs, 0));
    }
    if (r.nextInt(10) < 5) {
      ObjectNode limitSpec = q.putObject("limitSpec");
      limitSpec.put("type", "default");
      ArrayNode columns = limitSpec.putArray("columns");
      boolean ordered = r.nextInt(4) != 0;
      if (ordered) {
        List<String> metrics = new ArrayList<>(aggs);
        metrics.addAll(posts);
        int metricColumns = r.nextInt(3);
        for (int i = 0; i < metricColumns; i++) {
          ObjectNode c = columns.addObject();
          c.put("dimension", metrics.get(r.nextInt(metrics.size())));
          c.put("direction", r.nextBoolean() ? "ascending" : "descending");
        }
        // Every dimension too, so the order is total and any limit is deterministic.
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < outputs.size(); i++) {
          order.add(i);
        }
        Collections.shuffle(order, r);
        for (int i : order) {
          ObjectNode c = columns.addObject();
          c.put("dimension", outputs.get(i));
          c.put("direction", r.nextBoolean() ? "ascending" : "descending");
          if (dims.get(i).equals("num") && r.nextBoolean()) {
            c.put("dimensionOrder", "numeric");
          }
        }
      }
      if (r.nextInt(3) != 0) {
        limitSpec.put("limit", 1 + r.nextInt(r.nextBoolean() ? 5 : 60));
      }
      if (r.nextInt(4) == 0) {
        limitSpec.put("offset", r.nextInt(6));
      }
    }
    return q;
  }

  private ObjectNode base(String type) {
    ObjectNode q = JSON.objectNode();
    q.put("queryType", type);
    q.put("dataSource", RandomDataset.DATA_SOURCE);
    return q;
  }

  /** A granularity; minute buckets only over intervals of at most 12 hours. */
  private static Buckets granularity(Random r, ArrayNode intervals) {
    long span = 0;
    for (JsonNode i : intervals) {
      span += Interval.parse(i.asText()).durationMillis();
    }
    int g = r.nextInt(span <= 12 * RandomDataset.HOUR ? 7 : 6);
    return switch (g) {
      case 0, 1 -> Buckets.ALL;
      case 2 -> Buckets.of("hour");
      case 3 -> Buckets.of("day");
      case 4 -> Buckets.of("fifteen_minute");
      case 5 -> Buckets.of(JSON.objectNode().put("type", "period").put("period", "PT6H"));
      default -> Buckets.of("minute");
    };
  }

  private ArrayNode intervals(Random r, boolean allowTwo) {
    ArrayNode out = JSON.arrayNode();
    int n = allowTwo && r.nextInt(5) == 0 ? 2 : 1;
    for (int i = 0; i < n; i++) {
      out.add(interval(r).toString());
    }
    return out;
  }

  private Interval interval(Random r) {
    List<RandomDataset.Part> parts = data.parts();
    int mode = r.nextInt(5);
    if (mode == 0) {
      return new Interval(parts.get(0).interval().start(), parts.get(parts.size() - 1).interval().end());
    }
    if (mode == 1) {
      // Ends exactly on stored times: the start is inclusive, the end exclusive.
      long a = storedTime(r);
      long b = storedTime(r);
      return a == b ? new Interval(a, a + 1) : new Interval(Math.min(a, b), Math.max(a, b));
    }
    Interval span = data.dataSpan();
    long lo = span.start() - 3 * RandomDataset.HOUR;
    long hi = span.end() + 3 * RandomDataset.HOUR;
    long a = lo + (long) (r.nextDouble() * (hi - lo));
    long b;
    if (mode == 2) {
      b = a + RandomDataset.HOUR + (long) (r.nextDouble() * 6 * RandomDataset.HOUR);
    } else {
      b = lo + (long) (r.nextDouble() * (hi - lo));
    }
    long snap = switch (r.nextInt(3)) {
      case 0 -> RandomDataset.HOUR;
      case 1 -> 60_000L;
      default -> 1L;
    };
    a = Math.floorDiv(a, snap) * snap;
    b = Math.floorDiv(b, snap) * snap;
    if (a > b) {
      long t = a;
      a = b;
      b = t;
    }
    if (a == b) {
      b = a + snap;
    }
    return new Interval(a, b);
  }

  private long storedTime(Random r) {
    List<RandomDataset.Part> parts = data.parts();
    List<io.strata.api.input.InputRow> rows = parts.get(r.nextInt(parts.size())).storedRows();
    return rows.get(r.nextInt(rows.size())).timestamp();
  }

  private void maybeFilter(Random r, ObjectNode q) {
    if (r.nextInt(10) < 7) {
      q.set("filter", filter(r, 0));
    }
  }

  ObjectNode filter(Random r, int depth) {
    int k = r.nextInt(depth >= 2 ? 7 : 10);
    ObjectNode f = JSON.objectNode();
    switch (k) {
      case 0 -> {
        String dim = filterColumn(r);
        f.put("type", "selector");
        f.put("dimension", dim);
        if (r.nextInt(6) == 0) {
          f.putNull("value");
        } else {
          f.put("value", value(r, dim));
        }
      }
      case 1 -> {
        String dim = filterColumn(r);
        f.put("type", "in");
        f.put("dimension", dim);
        ArrayNode values = f.putArray("values");
        int n = 1 + r.nextInt(4);
        for (int i = 0; i < n; i++) {
          values.add(value(r, dim));
        }
        if (r.nextInt(5) == 0) {
          values.addNull();
        }
      }
      case 2 -> bound(r, f);
      case 3 -> range(r, f);
      case 4 -> {
        f.put("type", "null");
        int c = r.nextInt(10);
        f.put("column", c < 6 ? filterDimension(r) : c < 9 ? NUMERIC_COLUMNS.get(r.nextInt(2)) : MISSING);
      }
      case 5 -> equality(r, f);
      case 6 -> f.put("type", r.nextInt(4) == 0 ? "false" : "true");
      case 7, 8 -> {
        f.put("type", r.nextBoolean() ? "and" : "or");
        ArrayNode fields = f.putArray("fields");
        int n = 2 + r.nextInt(2);
        for (int i = 0; i < n; i++) {
          fields.add(filter(r, depth + 1));
        }
      }
      default -> {
        f.put("type", "not");
        f.set("field", filter(r, depth + 1));
      }
    }
    if (k == 6 && r.nextInt(3) != 0) {
      return filter(r, depth); // keep true/false rare
    }
    return f;
  }

  private void equality(Random r, ObjectNode f) {
    f.put("type", "equals");
    int c = r.nextInt(4);
    if (c < 2) {
      String dim = filterDimension(r);
      f.put("column", dim);
      f.put("matchValueType", "STRING");
      f.put("matchValue", value(r, dim));
    } else if (c == 2) {
      f.put("column", "l");
      f.put("matchValueType", "LONG");
      f.put("matchValue", (long) (r.nextInt(41) - 20));
    } else {
      f.put("column", "d");
      f.put("matchValueType", "DOUBLE");
      f.put("matchValue", (r.nextInt(161) - 80) / 4.0);
    }
  }

  private void bound(Random r, ObjectNode f) {
    f.put("type", "bound");
    boolean numeric = r.nextInt(3) == 0;
    String dim = numeric ? "num" : RandomDataset.STRING_DIMENSIONS.get(r.nextInt(2)); // lo or hi
    f.put("dimension", dim);
    int which = r.nextInt(3);
    if (which != 1) {
      f.put("lower", numeric ? numericBound(r) : value(r, dim));
      if (r.nextBoolean()) {
        f.put("lowerStrict", true);
      }
    }
    if (which != 0) {
      f.put("upper", numeric ? numericBound(r) : value(r, dim));
      if (r.nextBoolean()) {
        f.put("upperStrict", true);
      }
    }
    if (numeric) {
      f.put("ordering", "numeric");
    } else if (r.nextBoolean()) {
      f.put("ordering", "lexicographic");
    }
  }

  private void range(Random r, ObjectNode f) {
    f.put("type", "range");
    int c = r.nextInt(3);
    int which = r.nextInt(3);
    if (c == 0) {
      String dim = RandomDataset.STRING_DIMENSIONS.get(r.nextInt(2));
      f.put("column", dim);
      f.put("matchValueType", "STRING");
      if (which != 1) {
        f.put("lower", value(r, dim));
      }
      if (which != 0) {
        f.put("upper", value(r, dim));
      }
    } else if (c == 1) {
      String column = List.of("l", "l", "d", "cnt").get(r.nextInt(4)); // LONG bounds on a double column too
      f.put("column", column);
      f.put("matchValueType", "LONG");
      long scale = column.equals("cnt") ? (data.rollup() ? 4 : 2) : 1000;
      if (which != 1) {
        f.put("lower", r.nextLong(-scale, scale + 1));
      }
      if (which != 0) {
        f.put("upper", r.nextLong(-scale, scale + 1));
      }
    } else {
      f.put("column", r.nextInt(4) == 0 ? "l" : "d"); // DOUBLE bounds on a long column too
      f.put("matchValueType", "DOUBLE");
      if (which != 1) {
        f.put("lower", doubleBound(r));
      }
      if (which != 0) {
        f.put("upper", doubleBound(r));
      }
    }
    if (r.nextBoolean()) {
      f.put("lowerOpen", which != 1 && r.nextBoolean());
    }
    if (r.nextBoolean()) {
      f.put("upperOpen", which != 0 && r.nextBoolean());
    }
    if (!f.has("lower") && !f.has("upper")) {
      throw new IllegalStateException("range without bounds");
    }
  }

  private static double doubleBound(Random r) {
    return r.nextBoolean() ? (r.nextInt(8001) - 4000) / 4.0 : Math.round((r.nextDouble() * 2000 - 1000) * 10) / 10.0;
  }

  private static String numericBound(Random r) {
    int i = r.nextInt(121) - 60;
    return r.nextInt(4) == 0 ? i + ".5" : Integer.toString(i);
  }

  /** A string dimension mostly; now and then a numeric column (values compare as numbers) or a missing one. */
  private static String filterColumn(Random r) {
    int c = r.nextInt(10);
    return c == 0 ? NUMERIC_COLUMNS.get(r.nextInt(2)) : filterDimension(r);
  }

  private static String filterDimension(Random r) {
    return r.nextInt(20) == 0 ? MISSING : RandomDataset.STRING_DIMENSIONS.get(r.nextInt(4));
  }

  private static String dimension(Random r) {
    return RandomDataset.STRING_DIMENSIONS.get(r.nextInt(4));
  }

  /** A value of the dimension's vocabulary; now and then "" or a value no row has. */
  static String value(Random r, String dim) {
    int k = r.nextInt(10);
    if (k == 0) {
      return "";
    }
    if (k == 1) {
      return "zz";
    }
    return switch (dim) {
      case "lo" -> RandomDataset.LOW_VALUES.get(r.nextInt(RandomDataset.LOW_VALUES.size()));
      case "hi" -> "h" + (r.nextInt(3) == 0 ? r.nextInt(RandomDataset.HI_CARDINALITY) : r.nextInt(20));
      case "num" -> numericBound(r);
      case "sparse" -> "s" + r.nextInt(3);
      case "l" -> Integer.toString(r.nextInt(41) - 20);
      case "d" -> Double.toString((r.nextInt(161) - 80) / 4.0);
      default -> "x";
    };
  }

  private List<String> aggregations(Random r, ObjectNode q) {
    ArrayNode aggs = q.putArray("aggregations");
    int n = 1 + r.nextInt(4);
    List<String> names = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String type = AGG_TYPES[r.nextInt(AGG_TYPES.length)];
      String name = "a" + i;
      ObjectNode a = aggs.addObject();
      a.put("type", type);
      a.put("name", name);
      if (!type.equals("count")) {
        String field = type.startsWith("long") ? "l" : "d";
        int c = r.nextInt(100);
        if (c < 12) {
          field = field.equals("l") ? "d" : "l";
        } else if (c < 15) {
          field = MISSING;
        } else if (c < 20) {
          field = "cnt";
        }
        a.put("fieldName", field);
      }
      names.add(name);
    }
    return names;
  }

  private List<String> postAggregations(Random r, ObjectNode q, List<String> aggs) {
    int n = r.nextInt(10) < 4 ? 1 + r.nextInt(2) : 0;
    List<String> names = new ArrayList<>();
    if (n == 0) {
      return names;
    }
    ArrayNode posts = q.putArray("postAggregations");
    for (int i = 0; i < n; i++) {
      String name = "p" + i;
      ObjectNode p = r.nextInt(8) == 0 ? fieldAccess(r, aggs) : arithmetic(r, aggs, 0);
      p.put("name", name);
      posts.add(p);
      names.add(name);
    }
    return names;
  }

  private ObjectNode arithmetic(Random r, List<String> aggs, int depth) {
    ObjectNode p = JSON.objectNode();
    p.put("type", "arithmetic");
    String[] fns = {"+", "-", "*", "/", "quotient"};
    String fn = fns[r.nextInt(fns.length)];
    p.put("fn", fn);
    ArrayNode fields = p.putArray("fields");
    int n = 2 + (r.nextInt(4) == 0 ? 1 : 0);
    for (int i = 0; i < n; i++) {
      int k = r.nextInt(10);
      if (fn.equals("quotient") && i > 0) {
        fields.add(constant(r, true)); // never divide by 0 with quotient: Druid would answer an infinity
      } else if (k < 6) {
        fields.add(fieldAccess(r, aggs));
      } else if (k < 9 || depth > 0) {
        fields.add(constant(r, false));
      } else {
        fields.add(arithmetic(r, aggs, depth + 1));
      }
    }
    return p;
  }

  private static ObjectNode fieldAccess(Random r, List<String> aggs) {
    ObjectNode f = JSON.objectNode();
    f.put("type", "fieldAccess");
    f.put("fieldName", aggs.get(r.nextInt(aggs.size())));
    return f;
  }

  private static ObjectNode constant(Random r, boolean nonZero) {
    ObjectNode c = JSON.objectNode();
    c.put("type", "constant");
    int v = r.nextInt(9) - 4;
    if (nonZero && v == 0) {
      v = 3;
    }
    if (r.nextInt(3) == 0) {
      c.put("value", v + 0.5);
    } else {
      c.put("value", v);
    }
    return c;
  }

  private JsonNode having(Random r, ObjectNode q, List<String> aggs, List<String> dimOutputs, int depth) {
    ObjectNode h = JSON.objectNode();
    int k = r.nextInt(depth > 0 ? 5 : 7);
    if (k < 3) {
      h.put("type", k == 0 ? "greaterThan" : k == 1 ? "lessThan" : "equalTo");
      int i = r.nextInt(aggs.size());
      h.put("aggregation", aggs.get(i));
      String type = q.get("aggregations").get(i).get("type").asText();
      if (type.equals("count")) {
        h.put("value", r.nextInt(40));
      } else if (type.startsWith("long") || r.nextBoolean()) {
        h.put("value", r.nextInt(2001) - 1000);
      } else {
        h.put("value", doubleBound(r));
      }
    } else if (k == 3 && !dimOutputs.isEmpty()) {
      String dim = dimOutputs.get(r.nextInt(dimOutputs.size()));
      h.put("type", "dimSelector");
      h.put("dimension", dim);
      if (r.nextInt(5) == 0) {
        h.putNull("value");
      } else {
        h.put("value", value(r, dim.startsWith("out_") ? dim.substring(4) : dim));
      }
    } else if (k <= 4) {
      h.put("type", "filter");
      ObjectNode f = h.putObject("filter");
      if (!dimOutputs.isEmpty() && r.nextBoolean()) {
        String dim = dimOutputs.get(r.nextInt(dimOutputs.size()));
        f.put("type", "in");
        f.put("dimension", dim);
        ArrayNode values = f.putArray("values");
        for (int i = 0; i < 3; i++) {
          values.add(value(r, dim.startsWith("out_") ? dim.substring(4) : dim));
        }
      } else {
        int i = r.nextInt(aggs.size());
        String type = q.get("aggregations").get(i).get("type").asText();
        f.put("type", "range");
        f.put("column", aggs.get(i));
        boolean isLong = type.equals("count") || type.startsWith("long");
        f.put("matchValueType", isLong ? "LONG" : "DOUBLE");
        if (isLong) {
          f.put("lower", r.nextInt(2001) - 1000);
        } else {
          f.put("lower", doubleBound(r));
        }
      }
    } else if (k == 5) {
      h.put("type", r.nextBoolean() ? "and" : "or");
      ArrayNode specs = h.putArray("havingSpecs");
      specs.add(having(r, q, aggs, dimOutputs, depth + 1));
      specs.add(having(r, q, aggs, dimOutputs, depth + 1));
    } else {
      h.put("type", "not");
      h.set("havingSpec", having(r, q, aggs, dimOutputs, depth + 1));
    }
    return h;
  }
}
