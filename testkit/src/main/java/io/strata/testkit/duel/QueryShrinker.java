package io.strata.testkit.duel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Shrinks a failing JSON query: repeatedly applies the first one-step simplification that still fails, until none
 * does. Simplifications: drop an optional clause ({@code filter}, {@code having}, {@code limitSpec},
 * {@code postAggregations}, {@code descending}, limit/offset), drop one element of an array with more than one
 * (aggregators, dimensions, filter and having children, limitSpec columns, intervals, arithmetic fields), replace
 * an {@code and} / {@code or} / {@code not} (filter or having) by one of its children, and set the granularity to
 * {@code all}. Candidates the system under test rejects are simply not failing, so the predicate should answer
 * false for queries that cannot run.
 */
public final class QueryShrinker {
  private static final Set<String> OPTIONAL = Set.of("filter", "having", "limitSpec", "postAggregations",
      "descending", "limit", "offset", "lowerStrict", "upperStrict", "lowerOpen", "upperOpen", "previousStop");
  private static final int MAX_ATTEMPTS = 400;

  private QueryShrinker() {
  }

  /** The smallest variant of {@code query} found for which {@code fails} holds; {@code query} is not changed. */
  public static ObjectNode shrink(ObjectNode query, Predicate<ObjectNode> fails) {
    ObjectNode current = query.deepCopy();
    int attempts = 0;
    boolean progress = true;
    while (progress && attempts < MAX_ATTEMPTS) {
      progress = false;
      for (ObjectNode candidate : candidates(current)) {
        if (++attempts > MAX_ATTEMPTS) {
          break;
        }
        if (fails.test(candidate)) {
          current = candidate;
          progress = true;
          break;
        }
      }
    }
    return current;
  }

  static List<ObjectNode> candidates(ObjectNode root) {
    List<ObjectNode> out = new ArrayList<>();
    if (root.has("granularity") && !root.get("granularity").asText().equals("all")) {
      ObjectNode c = root.deepCopy();
      c.put("granularity", "all");
      out.add(c);
    }
    collect(root, new ArrayList<>(), root, out);
    return out;
  }

  /** Walks the tree; {@code path} leads from the root to {@code node} (field names and array indexes). */
  private static void collect(JsonNode node, List<Object> path, ObjectNode root, List<ObjectNode> out) {
    if (node.isObject()) {
      String type = node.path("type").asText("");
      if (type.equals("and") || type.equals("or")) {
        JsonNode children = node.has("fields") ? node.get("fields") : node.get("havingSpecs");
        if (children != null) {
          for (JsonNode child : children) {
            out.add(replaced(root, path, child));
          }
        }
      } else if (type.equals("not")) {
        JsonNode child = node.has("field") ? node.get("field") : node.get("havingSpec");
        if (child != null) {
          out.add(replaced(root, path, child));
        }
      }
      Iterator<String> names = node.fieldNames();
      List<String> keys = new ArrayList<>();
      names.forEachRemaining(keys::add);
      for (String k : keys) {
        if (OPTIONAL.contains(k)) {
          ObjectNode c = root.deepCopy();
          ((ObjectNode) at(c, path)).remove(k);
          out.add(c);
        }
      }
      for (String k : keys) {
        List<Object> p = new ArrayList<>(path);
        p.add(k);
        collect(node.get(k), p, root, out);
      }
    } else if (node.isArray()) {
      if (node.size() > 1) {
        for (int i = 0; i < node.size(); i++) {
          ObjectNode c = root.deepCopy();
          ((ArrayNode) at(c, path)).remove(i);
          out.add(c);
        }
      }
      for (int i = 0; i < node.size(); i++) {
        List<Object> p = new ArrayList<>(path);
        p.add(i);
        collect(node.get(i), p, root, out);
      }
    }
  }

  private static ObjectNode replaced(ObjectNode root, List<Object> path, JsonNode replacement) {
    ObjectNode c = root.deepCopy();
    if (path.isEmpty()) {
      return c;
    }
    JsonNode parent = at(c, path.subList(0, path.size() - 1));
    Object last = path.get(path.size() - 1);
    if (parent instanceof ObjectNode o) {
      o.set((String) last, replacement.deepCopy());
    } else {
      ((ArrayNode) parent).set((Integer) last, replacement.deepCopy());
    }
    return c;
  }

  private static JsonNode at(JsonNode root, List<Object> path) {
    JsonNode n = root;
    for (Object step : path) {
      n = step instanceof String s ? n.get(s) : n.get((Integer) step);
    }
    return n;
  }
}
