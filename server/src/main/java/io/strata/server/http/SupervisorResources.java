package io.strata.server.http;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.strata.api.error.InvalidInputException;
import io.strata.api.spec.SupervisorSpec;
import io.strata.metadata.MetadataStore;
import io.strata.server.security.ResourceAction;
import io.strata.stream.Supervisor;
import io.strata.stream.SupervisorManager;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Druid's supervisor API ({@code /druid/indexer/v1/supervisor/...}). Reading a supervisor needs READ on its
 * datasource, changing it WRITE, as in Druid; listings show only readable supervisors.
 */
public final class SupervisorResources {
  private static final String BASE = "/druid/indexer/v1/supervisor";

  private final SupervisorManager supervisors;
  private final MetadataStore store;

  public SupervisorResources(SupervisorManager supervisors, MetadataStore store) {
    this.supervisors = supervisors;
    this.store = store;
  }

  public void register(HttpApi api) {
    api.postJson(BASE, this::submit)
        .get(BASE, this::list)
        .get(BASE + "/history", this::allHistory)
        .post(BASE + "/suspendAll", ex -> forAll(ex, s -> supervisors.setSuspended(s.spec().id(), true)))
        .post(BASE + "/resumeAll", ex -> forAll(ex, s -> supervisors.setSuspended(s.spec().id(), false)))
        .post(BASE + "/terminateAll", ex -> forAll(ex, s -> supervisors.terminate(s.spec().id())))
        .get(BASE + "/{id}", ex -> echo(readable(ex).spec()))
        .get(BASE + "/{id}/status", ex -> readable(ex).status())
        .get(BASE + "/{id}/stats", ex -> readable(ex).stats())
        .get(BASE + "/{id}/health", ex -> {
          Supervisor s = readable(ex);
          return new HttpResult(s.healthy() ? 200 : 503, Map.of("healthy", s.healthy()));
        })
        .get(BASE + "/{id}/history", ex -> {
          String id = ex.path("id");
          List<Map<String, Object>> history = supervisors.history(id);
          if (history.isEmpty()) {
            throw HttpError.notFoundLegacy("No history for [" + id + "].");
          }
          ex.authorize(ResourceAction.readDataSource(id));
          return history;
        })
        .post(BASE + "/{id}/suspend", ex -> setSuspended(ex, true))
        .post(BASE + "/{id}/resume", ex -> setSuspended(ex, false))
        .post(BASE + "/{id}/reset", ex -> {
          Supervisor s = writable(ex);
          s.reset();
          return Map.of("id", s.spec().id());
        })
        .postJson(BASE + "/{id}/resetOffsets", this::resetOffsets)
        .post(BASE + "/{id}/terminate", ex -> {
          Supervisor s = writable(ex);
          supervisors.terminate(s.spec().id());
          return Map.of("id", s.spec().id());
        })
        .post(BASE + "/{id}/shutdown", ex -> {
          Supervisor s = writable(ex);
          supervisors.terminate(s.spec().id());
          return Map.of("id", s.spec().id());
        });
  }

  private Object setSuspended(HttpExchange ex, boolean suspend) {
    Supervisor s = writable(ex);
    if (s.spec().suspended() == suspend) {
      throw HttpError.badRequestLegacy("[" + s.spec().id() + "] is already " + (suspend ? "suspended" : "running"));
    }
    return echo(supervisors.setSuspended(s.spec().id(), suspend).orElseThrow(() -> noSupervisor(ex.path("id")))
        .spec());
  }

  /**
   * A spec as Druid's overlord echoes it: the parts under {@code spec} and again at the top level (Druid's
   * serialization has both; clients read either).
   */
  static Object echo(SupervisorSpec spec) {
    com.fasterxml.jackson.databind.node.ObjectNode tree = io.strata.api.json.Json.MAPPER.valueToTree(spec);
    com.fasterxml.jackson.databind.JsonNode parts = tree.get("spec");
    com.fasterxml.jackson.databind.node.ObjectNode out = io.strata.api.json.Json.MAPPER.createObjectNode();
    out.set("type", tree.get("type"));
    out.set("spec", parts);
    if (parts != null) {
      for (String part : List.of("dataSchema", "tuningConfig", "ioConfig")) {
        if (parts.has(part)) {
          out.set(part, parts.get(part));
        }
      }
    }
    out.set("context", tree.has("context") ? tree.get("context") : io.strata.api.json.Json.MAPPER.createObjectNode());
    out.put("suspended", spec.suspended());
    return out;
  }

  private Object submit(HttpExchange ex) throws Exception {
    SupervisorSpec spec;
    try {
      spec = ex.readJson(SupervisorSpec.class);
    } catch (Exception e) {
      // The overlord answers a bad supervisor spec in its older form: {"error": "<what is wrong>"}.
      HttpError error = ErrorTranslation.toHttpError(e);
      if (error.status() == 400) {
        throw HttpError.badRequestLegacy(error.getMessage());
      }
      throw e;
    }
    ex.authorize(ResourceAction.writeDataSource(spec.dataSource()));
    try {
      return Map.of("id", supervisors.submit(spec));
    } catch (InvalidInputException e) {
      throw HttpError.badRequestLegacy(e.getMessage());
    }
  }

  private Object list(HttpExchange ex) {
    List<Object> out = new ArrayList<>();
    boolean full = ex.hasParam("full");
    boolean withState = "true".equals(ex.param("state"));
    for (Supervisor s : supervisors.all()) {
      if (!ex.isAllowed(ResourceAction.readDataSource(s.spec().dataSource()))) {
        continue;
      }
      if (!full && !withState) {
        out.add(s.spec().id());
        continue;
      }
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", s.spec().id());
      m.put("state", s.state());
      m.put("detailedState", s.detailedState());
      m.put("healthy", s.healthy());
      if (full) {
        m.put("spec", s.spec());
      }
      m.put("suspended", s.spec().suspended());
      out.add(m);
    }
    return out;
  }

  private Object allHistory(HttpExchange ex) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (MetadataStore.SupervisorRecord r : store.supervisors()) {
      if (ex.isAllowed(ResourceAction.readDataSource(r.id()))) {
        out.put(r.id(), supervisors.history(r.id()));
      }
    }
    return out;
  }

  private interface Action {
    void apply(Supervisor s);
  }

  private Object forAll(HttpExchange ex, Action action) {
    for (Supervisor s : supervisors.all()) {
      if (ex.isAllowed(ResourceAction.writeDataSource(s.spec().dataSource()))) {
        action.apply(s);
      }
    }
    return Map.of("status", "success");
  }

  /** {@code {"type":"kafka","partitions":{"type":"end","stream":...,"partitionOffsetMap":{"0":123}}}}. */
  record ResetOffsets(@JsonProperty("type") String type, @JsonProperty("partitions") Partitions partitions) {
    ResetOffsets {
      if (partitions == null) {
        throw new InvalidInputException("partitions", "Missing required field [partitions]: {\"type\":\"end\","
            + "\"stream\":<topic>,\"partitionOffsetMap\":{\"0\":<offset>}}");
      }
    }

    record Partitions(@JsonProperty("type") String type, @JsonProperty("stream") String stream,
                      @JsonProperty("partitionOffsetMap") Map<String, Object> partitionOffsetMap) {
      Partitions {
        if (stream == null || partitionOffsetMap == null || partitionOffsetMap.isEmpty()) {
          throw new InvalidInputException("partitions", "resetOffsets needs the stream and a non-empty "
              + "partitionOffsetMap");
        }
      }
    }
  }

  private Object resetOffsets(HttpExchange ex) throws Exception {
    Supervisor s = writable(ex);
    ResetOffsets body = ex.readJson(ResetOffsets.class);
    if (!(s instanceof io.strata.stream.OffsetResettable r)) {
      throw HttpError.badRequest("supervisor [" + s.spec().id() + "] cannot reset offsets", "type");
    }
    // Kafka offsets are numbers, Kinesis sequence numbers usually strings (too wide for most JSON readers).
    Map<String, String> positions = new java.util.TreeMap<>();
    body.partitions().partitionOffsetMap().forEach((p, o) -> positions.put(p, String.valueOf(o)));
    r.resetOffsets(body.partitions().stream(), positions);
    return Map.of("id", s.spec().id());
  }

  private Supervisor readable(HttpExchange ex) {
    String id = ex.path("id");
    Supervisor s = supervisors.get(id).orElseThrow(() -> noSupervisor(id));
    ex.authorize(ResourceAction.readDataSource(s.spec().dataSource()));
    return s;
  }

  private Supervisor writable(HttpExchange ex) {
    String id = ex.path("id");
    Supervisor s = supervisors.get(id).orElseThrow(() -> noSupervisor(id));
    ex.authorize(ResourceAction.writeDataSource(s.spec().dataSource()));
    return s;
  }

  private static HttpError noSupervisor(String id) {
    return HttpError.notFoundPlainText("Cannot find any supervisor with id: [" + id + "]");
  }
}
