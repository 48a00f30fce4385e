package io.strata.input;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.JsonPathException;
import com.jayway.jsonpath.Option;
import com.jayway.jsonpath.spi.json.JacksonJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import io.strata.api.error.InvalidInputException;
import io.strata.api.json.Json;
import io.strata.api.spec.FlattenSpec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A compiled {@code flattenSpec}: reads one JSON object from a Jackson parser into a row's fields.
 *
 * <p>Field discovery keeps top-level fields whose values are primitives or lists of primitives (nested objects are
 * not discovered; nulls only with {@code keepNullColumns}); the spec's fields follow, in spec order, and win over a
 * discovered field of the same name. A {@code root} field reads a top-level key ({@code expr}, or its name); a
 * {@code path} field a JsonPath; a {@code jq} field a simple jq path, translated to JsonPath; a {@code tree} field
 * walks its {@code nodes} through nested objects. A field whose value is an object becomes its JSON text, so that
 * every value is a String, Long, Double, Boolean, List or null.
 *
 * <p>Two strategies, chosen once per spec: without path, jq or tree fields the object is streamed token by token and
 * nested objects are skipped without being built (the common case, and the fast one); otherwise the object is built
 * as maps and lists and the compiled paths are evaluated on it. Rows are {@link ShapedRowMap}s, which share their
 * field names with earlier rows of the same fields. One instance per reader: it keeps those shapes, and is not
 * thread-safe.
 */
final class JsonFlattener {
  /** One row's fields and the raw value of its timestamp column. */
  record Parsed(Map<String, Object> fields, Object timestamp) {
  }

  private record Field(String type, String name, String key, JsonPath path, List<String> nodes) {
  }

  private static final Configuration PATH_CONFIG = Configuration.builder()
      .jsonProvider(new JacksonJsonProvider(Json.MAPPER))
      .mappingProvider(new JacksonMappingProvider(Json.MAPPER))
      .options(Option.SUPPRESS_EXCEPTIONS)
      .build();

  private final boolean discovery;
  private final boolean keepNulls;
  private final String timestampColumn;
  private final Field[] fields;
  private final boolean buildTree;
  /** Top-level key to the indexes of the root fields reading it; null if there are none. */
  private final Map<String, int[]> rootKeys;
  private final ShapedRowMap.Builder rowBuilder = new ShapedRowMap.Builder();

  private JsonFlattener(boolean discovery, boolean keepNulls, String timestampColumn, Field[] fields) {
    this.discovery = discovery;
    this.keepNulls = keepNulls;
    this.timestampColumn = timestampColumn;
    this.fields = fields;
    boolean tree = false;
    Map<String, int[]> roots = new HashMap<>();
    for (int i = 0; i < fields.length; i++) {
      if (fields[i].type.equals("root")) {
        int[] old = roots.get(fields[i].key);
        int[] now = old == null ? new int[1] : Arrays.copyOf(old, old.length + 1);
        now[now.length - 1] = i;
        roots.put(fields[i].key, now);
      } else {
        tree = true;
      }
    }
    this.buildTree = tree;
    this.rootKeys = roots.isEmpty() ? null : roots;
  }

  /**
   * @param spec            the flattenSpec, or null for plain field discovery
   * @param keepNulls       {@code keepNullColumns}: discover fields whose value is null
   * @param timestampColumn read from the top level even when discovery is off and no field names it
   * @throws InvalidInputException if a path or jq expression cannot be compiled
   */
  static JsonFlattener create(FlattenSpec spec, boolean keepNulls, String timestampColumn) {
    if (spec == null) {
      return new JsonFlattener(true, keepNulls, timestampColumn, new Field[0]);
    }
    Field[] compiled = new Field[spec.fields().size()];
    for (int i = 0; i < compiled.length; i++) {
      compiled[i] = compile(spec.fields().get(i));
    }
    return new JsonFlattener(spec.useFieldDiscovery(), keepNulls, timestampColumn, compiled);
  }

  private static Field compile(FlattenSpec.Field f) {
    switch (f.type()) {
      case "root":
        return new Field("root", f.name(), f.expr() != null ? f.expr() : f.name(), null, null);
      case "tree":
        return new Field("tree", f.name(), null, null, List.copyOf(f.nodes()));
      case "jq":
        String translated;
        try {
          translated = JqPaths.toJsonPath(f.expr());
        } catch (IllegalArgumentException e) {
          throw new InvalidInputException("flattenSpec", "flattenSpec field [" + f.name() + "]: " + e.getMessage(), e);
        }
        return new Field("jq", f.name(), null, compilePath(f.name(), translated, f.expr()), null);
      default:
        return new Field("path", f.name(), null, compilePath(f.name(), f.expr(), f.expr()), null);
    }
  }

  private static JsonPath compilePath(String name, String path, String original) {
    try {
      JsonPath compiled = JsonPath.compile(path);
      // Some errors (an unknown function) only show when the path is evaluated: find them now, on an empty object,
      // rather than on every row.
      compiled.read(new LinkedHashMap<String, Object>(), PATH_CONFIG);
      return compiled;
    } catch (JsonPathException | IllegalArgumentException e) {
      throw new InvalidInputException("flattenSpec", "flattenSpec field [" + name + "]: cannot compile path ["
          + original + "]: " + e.getMessage(), e);
    }
  }

  /** Reads the object the parser is positioned at (its {@code START_OBJECT}), leaving it at the {@code END_OBJECT}. */
  Parsed read(JsonParser p) throws IOException {
    return buildTree ? readTree(p) : readStreaming(p);
  }

  private Parsed readStreaming(JsonParser p) throws IOException {
    ShapedRowMap.Builder row = rowBuilder;
    row.start();
    Object[] rootValues = rootKeys == null ? null : new Object[fields.length];
    Object rawTimestamp = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken token = p.nextToken();
      int[] targets = rootKeys == null ? null : rootKeys.get(name);
      boolean timestamp = !discovery && name.equals(timestampColumn);
      if (targets != null || timestamp) {
        Object value = readValue(p, token);
        if (targets != null) {
          Object rowValue = toRowValue(value);
          for (int k : targets) {
            rootValues[k] = rowValue;
          }
        }
        if (timestamp) {
          rawTimestamp = value;
        }
        if (discovery) {
          discover(row, name, value);
        }
      } else if (discovery) {
        readDiscovered(p, token, row, name);
      } else {
        p.skipChildren();
      }
    }
    if (rootValues != null) {
      for (int i = 0; i < fields.length; i++) {
        row.put(fields[i].name, rootValues[i]);
      }
    }
    Object ts = discovery || row.containsKey(timestampColumn) ? row.get(timestampColumn) : rawTimestamp;
    return new Parsed(row.build(), ts);
  }

  /** Discovers one top-level value straight from the tokens: objects are skipped unbuilt. */
  private void readDiscovered(JsonParser p, JsonToken token, ShapedRowMap.Builder row, String name)
      throws IOException {
    switch (token) {
      case VALUE_STRING -> row.put(name, p.getText());
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> row.put(name, number(p));
      case VALUE_TRUE -> row.put(name, Boolean.TRUE);
      case VALUE_FALSE -> row.put(name, Boolean.FALSE);
      case VALUE_NULL -> {
        if (keepNulls) {
          row.put(name, null);
        }
      }
      case START_ARRAY -> {
        List<Object> list = readFlatList(p);
        if (list != null) {
          row.put(name, list);
        }
      }
      default -> p.skipChildren();
    }
  }

  private Parsed readTree(JsonParser p) throws IOException {
    @SuppressWarnings("unchecked")
    Map<String, Object> doc = (Map<String, Object>) readValue(p, JsonToken.START_OBJECT);
    ShapedRowMap.Builder row = rowBuilder;
    row.start();
    if (discovery) {
      for (Map.Entry<String, Object> e : doc.entrySet()) {
        discover(row, e.getKey(), e.getValue());
      }
    }
    for (Field f : fields) {
      Object value = switch (f.type) {
        case "root" -> doc.get(f.key);
        case "tree" -> walk(doc, f.nodes);
        default -> f.path.read(doc, PATH_CONFIG);
      };
      row.put(f.name, toRowValue(value));
    }
    Object ts = row.containsKey(timestampColumn) ? row.get(timestampColumn) : doc.get(timestampColumn);
    return new Parsed(row.build(), ts);
  }

  private void discover(ShapedRowMap.Builder row, String name, Object value) {
    if (value == null) {
      if (keepNulls) {
        row.put(name, null);
      }
    } else if (isFlat(value)) {
      row.put(name, value);
    }
  }

  private static Object walk(Object doc, List<String> nodes) {
    Object current = doc;
    for (String node : nodes) {
      if (!(current instanceof Map<?, ?> map)) {
        return null;
      }
      current = map.get(node);
    }
    return current;
  }

  private static boolean isFlat(Object value) {
    if (value instanceof Map) {
      return false;
    }
    if (value instanceof List<?> list) {
      for (Object element : list) {
        if (element instanceof Map || element instanceof List) {
          return false;
        }
      }
    }
    return true;
  }

  /** Reads an array of primitives; if it holds an array or object, consumes it all and returns null. */
  private static List<Object> readFlatList(JsonParser p) throws IOException {
    List<Object> list = new ArrayList<>();
    JsonToken t;
    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
      if (t == JsonToken.START_ARRAY || t == JsonToken.START_OBJECT) {
        p.skipChildren();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          p.skipChildren();
        }
        return null;
      }
      list.add(scalar(p, t));
    }
    return list;
  }

  /** Builds any value: scalars as row values, objects as insertion-ordered maps, arrays as lists. */
  private static Object readValue(JsonParser p, JsonToken token) throws IOException {
    switch (token) {
      case START_OBJECT: {
        Map<String, Object> map = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String key = p.currentName();
          map.put(key, readValue(p, p.nextToken()));
        }
        return map;
      }
      case START_ARRAY: {
        List<Object> list = new ArrayList<>();
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
          list.add(readValue(p, t));
        }
        return list;
      }
      default:
        return scalar(p, token);
    }
  }

  private static Object scalar(JsonParser p, JsonToken token) throws IOException {
    return switch (token) {
      case VALUE_STRING -> p.getText();
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> number(p);
      case VALUE_TRUE -> Boolean.TRUE;
      case VALUE_FALSE -> Boolean.FALSE;
      case VALUE_NULL -> null;
      default -> throw new JsonParseException(p, "unexpected token " + token);
    };
  }

  /** Integral numbers stay integral (Long); others, and integers too big for a long, become Double. */
  private static Object number(JsonParser p) throws IOException {
    JsonParser.NumberType type = p.getNumberType();
    if (type == JsonParser.NumberType.INT || type == JsonParser.NumberType.LONG) {
      return p.getLongValue();
    }
    return p.getDoubleValue();
  }

  /** Converts a built value into a row value: objects, also inside lists, become their JSON text. */
  private static Object toRowValue(Object value) {
    if (value instanceof Map) {
      return toJson(value);
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>(list.size());
      for (Object element : list) {
        out.add(element instanceof Map || element instanceof List ? toJson(element) : element);
      }
      return out;
    }
    return value;
  }

  private static String toJson(Object value) {
    try {
      return Json.MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
