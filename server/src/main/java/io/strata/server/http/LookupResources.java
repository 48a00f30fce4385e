package io.strata.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strata.api.error.InvalidInputException;
import io.strata.api.json.Json;
import io.strata.metadata.MetadataStore;
import io.strata.server.security.Action;
import io.strata.server.security.ResourceAction;
import io.strata.server.security.ResourceType;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Druid's lookups config API ({@code /druid/coordinator/v1/lookups/config}): map lookups per tier, each with a
 * version and a {@code lookupExtractorFactory} ({@code {"type":"map","map":{...}}}), stored in the metadata store
 * and served to queries at once. An update must carry a newer version (versions compare as text, as in Druid).
 * Queries see the {@code __default} tier: {@link #resolve} turns their {@code registeredLookup} extraction
 * functions and {@code lookup} dimension specs naming a lookup into the same specs with the map inline. Reading
 * needs READ on CONFIG {@code CONFIG}, changing WRITE, as in Druid.
 */
public final class LookupResources {
  static final String BASE = "/druid/coordinator/v1/lookups/config";
  static final String DEFAULT_TIER = "__default";

  private final MetadataStore store;
  /** tier -> name -> stored lookup. */
  private final Map<String, Map<String, MetadataStore.LookupRecord>> lookups = new ConcurrentHashMap<>();

  public LookupResources(MetadataStore store) {
    this.store = store;
    for (MetadataStore.LookupRecord r : store.lookups()) {
      lookups.computeIfAbsent(r.tier(), t -> new ConcurrentHashMap<>()).put(r.name(), r);
    }
  }

  private static final ResourceAction READ = new ResourceAction("CONFIG", ResourceType.CONFIG, Action.READ);
  private static final ResourceAction WRITE = new ResourceAction("CONFIG", ResourceType.CONFIG, Action.WRITE);

  public void register(HttpApi api) {
    api.get(BASE, READ, ex -> new java.util.ArrayList<>(new TreeMap<>(lookups).keySet()))
        .get(BASE + "/all", READ, ex -> all())
        .get(BASE + "/{tier}", READ, ex -> new java.util.ArrayList<>(new TreeMap<>(tier(ex)).keySet()))
        .get(BASE + "/{tier}/{id}", READ, ex -> describe(lookup(ex)))
        .postJson(BASE, WRITE, ex -> {
          JsonNode body = ex.readJson(JsonNode.class);
          if (!body.isObject()) {
            throw new InvalidInputException("lookups", "The body must be {tier: {name: {version, "
                + "lookupExtractorFactory}}}");
          }
          for (Map.Entry<String, JsonNode> t : body.properties()) {
            if (!t.getValue().isObject()) {
              throw new InvalidInputException("lookups", "tier [" + t.getKey() + "] must map names to lookups");
            }
            for (Map.Entry<String, JsonNode> l : t.getValue().properties()) {
              put(t.getKey(), l.getKey(), l.getValue());
            }
          }
          return new HttpResult(202, Map.of());
        })
        .postJson(BASE + "/{tier}/{id}", WRITE, ex -> {
          put(ex.path("tier"), ex.path("id"), ex.readJson(JsonNode.class));
          return new HttpResult(202, Map.of());
        })
        .delete(BASE + "/{tier}/{id}", WRITE, ex -> {
          MetadataStore.LookupRecord r = lookup(ex);
          store.deleteLookup(r.tier(), r.name());
          lookups.get(r.tier()).remove(r.name());
          return new HttpResult(202, Map.of());
        });
  }

  private Map<String, MetadataStore.LookupRecord> tier(HttpExchange ex) {
    Map<String, MetadataStore.LookupRecord> t = lookups.get(ex.path("tier"));
    if (t == null || t.isEmpty()) {
      throw HttpError.notFound("Tier [" + ex.path("tier") + "] has no lookups");
    }
    return t;
  }

  private MetadataStore.LookupRecord lookup(HttpExchange ex) {
    MetadataStore.LookupRecord r = tier(ex).get(ex.path("id"));
    if (r == null) {
      throw HttpError.notFound("Lookup [" + ex.path("id") + "] not found in tier [" + ex.path("tier") + "]");
    }
    return r;
  }

  private Map<String, Object> all() throws Exception {
    Map<String, Object> out = new TreeMap<>();
    for (Map.Entry<String, Map<String, MetadataStore.LookupRecord>> t : lookups.entrySet()) {
      Map<String, Object> names = new TreeMap<>();
      for (MetadataStore.LookupRecord r : t.getValue().values()) {
        names.put(r.name(), describe(r));
      }
      if (!names.isEmpty()) {
        out.put(t.getKey(), names);
      }
    }
    return out;
  }

  private static Map<String, Object> describe(MetadataStore.LookupRecord r) throws Exception {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("version", r.version());
    out.put("lookupExtractorFactory", Json.MAPPER.readTree(r.specJson()));
    return out;
  }

  private synchronized void put(String tier, String name, JsonNode lookup) throws Exception {
    if (name == null || name.isBlank()) {
      throw new InvalidInputException("lookups", "a lookup needs a name");
    }
    String version = lookup.path("version").asText(null);
    if (version == null || version.isBlank()) {
      throw new InvalidInputException("version", "lookup [" + name + "] needs a version");
    }
    JsonNode factory = lookup.path("lookupExtractorFactory");
    String type = factory.path("type").asText("");
    if (!type.equals("map")) {
      throw new InvalidInputException("lookupExtractorFactory", "lookup [" + name + "]: lookupExtractorFactory "
          + "type [" + type + "] is not supported; use {\"type\":\"map\",\"map\":{...}}");
    }
    JsonNode map = factory.path("map");
    if (!map.isObject()) {
      throw new InvalidInputException("lookupExtractorFactory", "lookup [" + name + "] needs a map of keys to "
          + "values");
    }
    for (Map.Entry<String, JsonNode> e : map.properties()) {
      if (!e.getValue().isTextual() && !e.getValue().isNull()) {
        throw new InvalidInputException("lookupExtractorFactory", "lookup [" + name + "]: the value of key ["
            + e.getKey() + "] must be a string");
      }
    }
    MetadataStore.LookupRecord existing = lookups.getOrDefault(tier, Map.of()).get(name);
    String spec = Json.MAPPER.writeValueAsString(factory);
    if (existing != null && existing.version().compareTo(version) >= 0) {
      if (existing.version().equals(version) && Json.MAPPER.readTree(existing.specJson()).equals(factory)) {
        return; // the same lookup again
      }
      throw new InvalidInputException("version", "lookup [" + name + "] in tier [" + tier + "] has version ["
          + existing.version() + "]; an update needs a newer one, got [" + version + "]");
    }
    MetadataStore.LookupRecord r = new MetadataStore.LookupRecord(tier, name, version, spec);
    store.putLookup(r);
    lookups.computeIfAbsent(tier, t -> new ConcurrentHashMap<>()).put(name, r);
  }

  /**
   * The query with its registered lookups inline: each {@code registeredLookup} extraction function becomes a
   * {@code lookup} one, and each {@code lookup} dimension spec with a {@code name} takes the lookup's map.
   *
   * @throws InvalidInputException naming a lookup the default tier does not have
   */
  public JsonNode resolve(JsonNode query) throws Exception {
    if (query.isObject()) {
      ObjectNode o = (ObjectNode) query;
      String type = o.path("type").asText("");
      if (type.equals("registeredLookup") && o.path("lookup").isTextual()) {
        o.put("type", "lookup");
        o.set("lookup", mapOf(o.get("lookup").asText()));
      } else if (type.equals("lookup") && o.has("dimension") && o.path("name").isTextual() && !o.has("lookup")) {
        o.set("lookup", mapOf(o.get("name").asText()));
        o.remove("name");
      }
      for (JsonNode child : List.copyOf(iterable(o.elements()))) {
        resolve(child);
      }
    } else if (query.isArray()) {
      for (JsonNode child : query) {
        resolve(child);
      }
    }
    return query;
  }

  private static <T> List<T> iterable(java.util.Iterator<T> it) {
    List<T> out = new java.util.ArrayList<>();
    it.forEachRemaining(out::add);
    return out;
  }

  private JsonNode mapOf(String name) throws Exception {
    MetadataStore.LookupRecord r = lookups.getOrDefault(DEFAULT_TIER, Map.of()).get(name);
    if (r == null) {
      throw new InvalidInputException("lookup", "Lookup [" + name + "] not found");
    }
    JsonNode factory = Json.MAPPER.readTree(r.specJson());
    ObjectNode inline = Json.MAPPER.createObjectNode();
    inline.put("type", "map");
    inline.set("map", factory.get("map"));
    inline.put("isOneToOne", factory.path("isOneToOne").asBoolean(false));
    return inline;
  }
}
