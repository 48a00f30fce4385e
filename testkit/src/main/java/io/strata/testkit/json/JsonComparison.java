package io.strata.testkit.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.strata.api.json.Json;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Compares query responses as JSON trees the way the query module's golden tests do ({@code JsonNode#equals} on
 * trees read from text): object key order is ignored, arrays are ordered, and numbers are compared as written —
 * an integral number never equals a floating one ({@code 3} is not {@code 3.0}, since Druid writes longs and
 * doubles differently), and numbers of the same kind compare by value. Unlike {@code equals}, a mismatch is
 * reported with the JSON path of the first difference.
 *
 * <p>{@link #withTolerance(double)} relaxes floating values to a relative tolerance, for comparisons where the
 * order of floating-point additions is an implementation freedom.
 */
public final class JsonComparison {
  private static final JsonComparison EXACT = new JsonComparison(0);

  private final double relativeTolerance;

  private JsonComparison(double relativeTolerance) {
    this.relativeTolerance = relativeTolerance;
  }

  /** Exact comparison (the golden tests' semantics). */
  public static JsonComparison exact() {
    return EXACT;
  }

  /** Floating values equal within {@code relativeTolerance} of the larger magnitude; all else exact. */
  public static JsonComparison withTolerance(double relativeTolerance) {
    return new JsonComparison(relativeTolerance);
  }

  /** A result object as the server would send it: written with {@link Json#MAPPER} and read back as a tree. */
  public static JsonNode tree(Object result) {
    try {
      return Json.MAPPER.readTree(Json.MAPPER.writeValueAsString(result));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("result cannot be written as JSON: " + result, e);
    }
  }

  /** Null if {@code actual} matches {@code expected}; otherwise where and how they first differ. */
  public String firstDifference(JsonNode expected, JsonNode actual) {
    List<String> out = differences(expected, actual, 1);
    return out.isEmpty() ? null : out.get(0);
  }

  /** Where and how {@code actual} differs from {@code expected}, at most {@code limit} differences, in path order. */
  public List<String> differences(JsonNode expected, JsonNode actual, int limit) {
    List<String> out = new ArrayList<>();
    diff("$", expected, actual, out, limit);
    return out;
  }

  private void diff(String path, JsonNode e, JsonNode a, List<String> out, int limit) {
    if (out.size() >= limit) {
      return;
    }
    if (e.isNumber() && a.isNumber()) {
      if (!numbersMatch(e, a)) {
        out.add(path + ": expected " + describe(e) + " but was " + describe(a));
      }
      return;
    }
    if (e.getNodeType() != a.getNodeType()) {
      out.add(path + ": expected " + describe(e) + " but was " + describe(a));
      return;
    }
    if (e.isObject()) {
      TreeSet<String> missing = new TreeSet<>();
      e.fieldNames().forEachRemaining(missing::add);
      TreeSet<String> extra = new TreeSet<>();
      a.fieldNames().forEachRemaining(extra::add);
      TreeSet<String> common = new TreeSet<>(missing);
      common.retainAll(extra);
      missing.removeAll(common);
      extra.removeAll(common);
      if (!missing.isEmpty() || !extra.isEmpty()) {
        out.add(path + ": keys differ, missing " + missing + ", unexpected " + extra);
      }
      for (String k : common) {
        diff(path + "." + k, e.get(k), a.get(k), out, limit);
      }
      return;
    }
    if (e.isArray()) {
      int n = Math.min(e.size(), a.size());
      if (e.size() != a.size()) {
        out.add(path + ": expected " + e.size() + " elements but was " + a.size()
            + (a.size() > e.size() ? ", first unexpected " + describe(a.get(n)) : ", first missing " + describe(e.get(n))));
      }
      for (int i = 0; i < n; i++) {
        diff(path + "[" + i + "]", e.get(i), a.get(i), out, limit);
      }
      return;
    }
    if (!e.equals(a)) {
      out.add(path + ": expected " + describe(e) + " but was " + describe(a));
    }
  }

  private boolean numbersMatch(JsonNode e, JsonNode a) {
    boolean eIntegral = e.isIntegralNumber();
    if (eIntegral != a.isIntegralNumber()) {
      return false;
    }
    if (eIntegral) {
      return e.bigIntegerValue().equals(a.bigIntegerValue());
    }
    if (relativeTolerance == 0) {
      return e.isBigDecimal() || a.isBigDecimal()
          ? e.decimalValue().compareTo(a.decimalValue()) == 0
          : Double.compare(e.doubleValue(), a.doubleValue()) == 0;
    }
    double x = e.doubleValue();
    double y = a.doubleValue();
    if (Double.compare(x, y) == 0) {
      return true;
    }
    return Math.abs(x - y) <= relativeTolerance * Math.max(Math.abs(x), Math.abs(y));
  }

  private static String describe(JsonNode n) {
    if (n.isNumber()) {
      return n + (n.isIntegralNumber() ? " (integral)" : " (floating)");
    }
    String text = n.toString();
    return text.length() > 300 ? text.substring(0, 300) + "..." : text;
  }
}
