package io.strata.server.http;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.strata.api.data.Segment;
import io.strata.api.error.InvalidInputException;
import io.strata.api.query.Query;
import io.strata.api.spec.TaskSpec;
import io.strata.api.time.DateTimes;
import io.strata.api.time.Interval;
import io.strata.ingest.TaskRunner;
import io.strata.metadata.DataSegment;
import io.strata.metadata.MetadataStore;
import io.strata.query.QueryExecutor;
import io.strata.query.exec.QueryDeadline;
import io.strata.server.security.Action;
import io.strata.server.security.ResourceAction;
import io.strata.server.security.ResourceType;
import io.strata.server.security.SecurityConfig;
import io.strata.server.serving.DataSourceView;
import io.strata.server.serving.SegmentManager;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The Druid-compatible endpoints: native queries (broker), tasks (overlord), datasources and segments
 * (coordinator), and process status. Each method is one endpoint; shapes follow Druid's.
 */
public final class Resources {
  private static final long DEFAULT_HISTORY_MILLIS = 7L * 24 * 3600 * 1000;

  public static final String VERSION = "0.1.0";
  /** The Druid version whose HTTP API Strata implements, reported by {@code /status}. */
  public static final String DRUID_API_VERSION = "33.0.0";

  private final SegmentManager segments;
  private final TaskRunner tasks;
  private final MetadataStore store;
  private final QueryExecutor executor;
  private final SecurityConfig security;

  private final LookupResources lookups;

  public Resources(SegmentManager segments, TaskRunner tasks, MetadataStore store, QueryExecutor executor,
                   SecurityConfig security, LookupResources lookups) {
    this.lookups = lookups;
    this.segments = segments;
    this.tasks = tasks;
    this.store = store;
    this.executor = executor;
    this.security = security;
  }

  public void register(HttpApi api) {
    ResourceAction stateRead = new ResourceAction("STATE", ResourceType.STATE, Action.READ);
    api.postJsonOrUntyped("/druid/v2", this::query)
        .delete("/druid/v2/{queryId}", this::cancelQuery)
        .get("/druid/v2/datasources", ex -> readable(ex, segments.dataSources()))
        .get("/druid/v2/datasources/{ds}", this::brokerDataSource)
        .get("/druid/v2/datasources/{ds}/dimensions", ex -> columns(ex, true))
        .get("/druid/v2/datasources/{ds}/metrics", ex -> columns(ex, false))
        .postJson("/druid/indexer/v1/task", this::submitTask)
        .get("/druid/indexer/v1/task/{id}", this::taskPayload)
        .get("/druid/indexer/v1/task/{id}/status", this::taskStatus)
        .get("/druid/indexer/v1/task/{id}/reports", this::taskReports)
        .post("/druid/indexer/v1/task/{id}/shutdown", this::shutdownTask)
        .get("/druid/indexer/v1/tasks", this::listTasks)
        .get("/druid/indexer/v1/runningTasks", ex -> filterTasks(ex, "running", null))
        .get("/druid/indexer/v1/completeTasks", ex -> filterTasks(ex, "complete", null))
        .get("/druid/coordinator/v1/datasources", this::coordinatorDataSources)
        .get("/druid/coordinator/v1/datasources/{ds}", this::coordinatorDataSource)
        .delete("/druid/coordinator/v1/datasources/{ds}", this::markAllUnused)
        .postJson("/druid/coordinator/v1/datasources/{ds}/markUnused", this::markUnused)
        .delete("/druid/coordinator/v1/datasources/{ds}/intervals/{interval}", this::killInterval)
        .get("/druid/coordinator/v1/loadstatus", stateRead, ex -> segments.loadStatus())
        .get("/druid/coordinator/v1/metadata/datasources", ex -> readable(ex, store.dataSources()))
        .get("/druid/coordinator/v1/metadata/datasources/{ds}/segments", this::metadataSegments)
        .get("/status", stateRead, ex -> status())
        .getPublic("/status/health", ex -> true);
  }

  /** The datasources of {@code names} the caller may read (Druid's listings show only those). */
  private static Set<String> readable(HttpExchange ex, Set<String> names) {
    Set<String> out = new TreeSet<>();
    for (String ds : names) {
      if (ex.isAllowed(ResourceAction.readDataSource(ds))) {
        out.add(ds);
      }
    }
    return out;
  }

  /** A query being run, by its id: what {@code DELETE /druid/v2/{queryId}} cancels. */
  private record RunningQuery(String dataSource, QueryDeadline deadline) {
  }

  private final Map<String, List<RunningQuery>> running = new java.util.concurrent.ConcurrentHashMap<>();

  private Object query(HttpExchange ex) throws Exception {
    // Registered lookups are resolved in the JSON first: the query then carries their maps inline.
    com.fasterxml.jackson.databind.JsonNode tree = ex.readJson(com.fasterxml.jackson.databind.JsonNode.class);
    if (tree.isNull()) {
      throw HttpError.badRequest("The request body is empty or null; expected a JSON object", null);
    }
    Query query = io.strata.api.json.Json.MAPPER.treeToValue(lookups.resolve(tree), Query.class);
    // As Druid: the context's queryId, else a new one, answered in X-Druid-Query-Id (also with an error).
    Object askedId = query.contextValue("queryId");
    String queryId = askedId == null || askedId.toString().isBlank() ? java.util.UUID.randomUUID().toString()
        : askedId.toString();
    ex.setResponseHeader("X-Druid-Query-Id", queryId);
    // The deadline starts when the query arrives; a timeout above the server's maximum is refused before any work.
    QueryDeadline deadline = executor.deadlineFor(query);
    ex.authorize(ResourceAction.readDataSource(query.dataSource()));
    RunningQuery run = new RunningQuery(query.dataSource(), deadline);
    running.computeIfAbsent(queryId, k -> new java.util.concurrent.CopyOnWriteArrayList<>()).add(run);
    DataSourceView view = segments.acquire(query.dataSource());
    try {
      List<Segment> parts = view == null ? List.of() : view.segmentsFor(query.intervals());
      return executor.run(query, parts, deadline);
    } finally {
      if (view != null) {
        view.release();
      }
      running.computeIfPresent(queryId, (k, runs) -> {
        runs.remove(run);
        return runs.isEmpty() ? null : runs;
      });
    }
  }

  /**
   * {@code DELETE /druid/v2/{queryId}}: cancels the running queries with that id the caller may read (each then
   * fails with "Query cancelled"); 202 Accepted, as Druid answers, also when none is running.
   */
  private Object cancelQuery(HttpExchange ex) {
    String queryId = ex.path("queryId");
    for (RunningQuery r : running.getOrDefault(queryId, List.of())) {
      if (ex.isAllowed(ResourceAction.readDataSource(r.dataSource()))) {
        r.deadline().cancel();
      }
    }
    return new HttpResult(202, null);
  }

  /**
   * The interval the broker's datasource metadata endpoints look at: {@code interval} ({@code start/end}, or with
   * {@code _} for {@code /}), else the week before now, as Druid's default
   * ({@code druid.query.segmentMetadata.defaultHistory}, P1W).
   */
  private static Interval metadataInterval(HttpExchange ex) {
    String interval = ex.param("interval");
    if (interval == null || interval.isEmpty()) {
      long now = System.currentTimeMillis();
      return new Interval(now - DEFAULT_HISTORY_MILLIS, now);
    }
    return Interval.parse(interval.replace('_', '/'));
  }

  /**
   * Broker view of a datasource: the dimensions and metrics of the served segments overlapping the interval; with
   * {@code full}, per time chunk (clipped to the interval; neighbouring chunks with the same columns joined).
   */
  private Object brokerDataSource(HttpExchange ex) {
    String ds = ex.path("ds");
    ex.authorize(ResourceAction.readDataSource(ds));
    Interval interval = metadataInterval(ex);
    List<DataSegment> vis = segments.visible(ds, List.of(interval));
    if (!ex.hasParam("full")) {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("dimensions", columnNames(vis, true));
      out.put("metrics", columnNames(vis, false));
      return out;
    }
    TreeMap<Interval, List<DataSegment>> byChunk = new TreeMap<>();
    for (DataSegment d : vis) {
      byChunk.computeIfAbsent(d.id().interval().intersect(interval), c -> new ArrayList<>()).add(d);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    Interval run = null;
    Map<String, Object> runColumns = null;
    for (Map.Entry<Interval, List<DataSegment>> e : byChunk.entrySet()) {
      Map<String, Object> columns = new LinkedHashMap<>();
      columns.put("dimensions", columnNames(e.getValue(), true));
      columns.put("metrics", columnNames(e.getValue(), false));
      if (run != null && run.end() == e.getKey().start() && runColumns.equals(columns)) {
        run = new Interval(run.start(), e.getKey().end());
      } else {
        if (run != null) {
          out.put(run.toString(), runColumns);
        }
        run = e.getKey();
        runColumns = columns;
      }
    }
    if (run != null) {
      out.put(run.toString(), runColumns);
    }
    return out;
  }

  private static List<String> columnNames(List<DataSegment> segments, boolean dimensions) {
    // A HashSet, as Druid's broker uses: its iteration order is the order Druid lists the names in.
    Set<String> names = new HashSet<>();
    for (DataSegment d : segments) {
      names.addAll(dimensions ? d.dimensions() : d.metrics());
    }
    return new ArrayList<>(names);
  }

  private Object columns(HttpExchange ex, boolean dimensions) {
    ex.authorize(ResourceAction.readDataSource(ex.path("ds")));
    return columnNames(segments.visible(ex.path("ds"), List.of(metadataInterval(ex))), dimensions);
  }

  private Object submitTask(HttpExchange ex) throws Exception {
    TaskSpec spec = ex.readJson(TaskSpec.class);
    ex.authorize(ResourceAction.writeDataSource(spec.dataSource()));
    if (security.enableInputSourceSecurity() && spec instanceof TaskSpec.IndexTask index) {
      // Druid's druid.auth.enableInputSourceSecurity: reading an input source needs READ on EXTERNAL <type>.
      String type = index.spec().ioConfig().inputSource().typeName();
      ex.authorize(new ResourceAction(type, ResourceType.EXTERNAL, Action.READ));
    }
    return Map.of("task", tasks.submit(spec));
  }

  /** The datasource of a task the caller may {@code action}; 404 if there is no such task, 403 if not allowed. */
  private String authorizedTask(HttpExchange ex, Action action) {
    String id = ex.path("id");
    String ds = tasks.dataSource(id).orElseThrow(() -> noTask(id));
    ex.authorize(new ResourceAction(ds, ResourceType.DATASOURCE, action));
    return id;
  }

  private Object taskPayload(HttpExchange ex) {
    String id = authorizedTask(ex, Action.READ);
    Object payload = tasks.payload(id).orElseThrow(() -> noTask(id));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("task", id);
    out.put("payload", payload);
    return out;
  }

  private Object taskStatus(HttpExchange ex) {
    String id = authorizedTask(ex, Action.READ);
    Map<String, Object> status = tasks.status(id).orElseThrow(() -> noTask(id));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("task", id);
    out.put("status", status);
    return out;
  }

  private Object taskReports(HttpExchange ex) {
    String id = authorizedTask(ex, Action.READ);
    return tasks.report(id).orElseThrow(() -> noTask(id));
  }

  private Object shutdownTask(HttpExchange ex) {
    String id = authorizedTask(ex, Action.WRITE);
    tasks.shutdown(id);
    return Map.of("task", id);
  }

  private Object listTasks(HttpExchange ex) {
    String state = ex.param("state");
    if (state != null && !Set.of("running", "complete", "pending", "waiting").contains(state)) {
      throw HttpError.badRequest("Invalid state [" + state + "]; use running, complete, pending or waiting",
          "state");
    }
    return filterTasks(ex, state, ex.param("datasource"));
  }

  private List<Map<String, Object>> filterTasks(HttpExchange ex, String state, String dataSource) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Map<String, Object> t : tasks.list()) {
      boolean running = "RUNNING".equals(t.get("statusCode"));
      if ("running".equals(state) && !running || "complete".equals(state) && running
          || "pending".equals(state) || "waiting".equals(state)) {
        continue;
      }
      if (dataSource != null && !dataSource.equals(t.get("dataSource"))) {
        continue;
      }
      if (!ex.isAllowed(ResourceAction.readDataSource(String.valueOf(t.get("dataSource"))))) {
        continue;
      }
      out.add(t);
    }
    return out;
  }

  private static HttpError noTask(String id) {
    return HttpError.notFound("Cannot find any task with id: [" + id + "]");
  }

  private Object coordinatorDataSources(HttpExchange ex) {
    Set<String> names = readable(ex, segments.dataSources());
    if (!ex.hasParam("simple") && !ex.hasParam("full")) {
      return names;
    }
    List<Object> out = new ArrayList<>();
    for (String ds : names) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", ds);
      m.put("properties", dataSourceSummary(ds));
      out.add(m);
    }
    return out;
  }

  private Object coordinatorDataSource(HttpExchange ex) {
    String ds = ex.path("ds");
    ex.authorize(ResourceAction.readDataSource(ds));
    if (!segments.dataSources().contains(ds)) {
      return new HttpResult(204, null);
    }
    return dataSourceSummary(ds);
  }

  private Map<String, Object> dataSourceSummary(String ds) {
    List<DataSegment> used = store.usedSegments(ds);
    long size = 0;
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    for (DataSegment d : used) {
      size += d.size();
      min = Math.min(min, d.interval().start());
      max = Math.max(max, d.interval().end());
    }
    Map<String, Object> tier = new LinkedHashMap<>();
    tier.put("size", size);
    tier.put("replicatedSize", size);
    tier.put("segmentCount", used.size());
    Map<String, Object> segs = new LinkedHashMap<>();
    segs.put("maxTime", used.isEmpty() ? null : DateTimes.format(max));
    segs.put("size", size);
    segs.put("minTime", used.isEmpty() ? null : DateTimes.format(min));
    segs.put("count", used.size());
    segs.put("replicatedSize", size);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("tiers", Map.of("_default_tier", tier));
    out.put("segments", segs);
    return out;
  }

  /**
   * Druid's {@code DELETE .../datasources/{ds}}: marks every segment unused; with {@code ?kill=true&interval=...}
   * (Druid's older form of the kill endpoint) it issues a kill task for the interval instead.
   */
  private Object markAllUnused(HttpExchange ex) {
    String ds = ex.path("ds");
    ex.authorize(ResourceAction.writeDataSource(ds));
    if ("true".equalsIgnoreCase(ex.param("kill"))) {
      String interval = ex.param("interval");
      if (interval == null || interval.isEmpty()) {
        throw HttpError.badRequest("kill=true needs an interval, for example ?kill=true&interval=2013-01-01_2013-01-02",
            "interval");
      }
      return kill(ds, interval);
    }
    int changed = store.markUnused(ds);
    segments.refresh(ds);
    return changedSegments(changed);
  }

  /** Druid's answer to marking segments unused. */
  private static Map<String, Object> changedSegments(int changed) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("numChangedSegments", changed);
    out.put("segmentStateChanged", changed > 0);
    return out;
  }

  /**
   * Druid's {@code POST .../datasources/{ds}/markUnused} with {@code {"interval": ...}} (segments lying entirely
   * within it, optionally of the listed {@code versions}) or {@code {"segmentIds": [...]}}.
   */
  private Object markUnused(HttpExchange ex) throws Exception {
    String ds = ex.path("ds");
    ex.authorize(ResourceAction.writeDataSource(ds));
    SegmentFilter filter = ex.readJson(SegmentFilter.class);
    int changed;
    if (filter.segmentIds() != null) {
      changed = store.markUnusedById(ds, filter.segmentIds());
    } else {
      changed = store.markUnused(ds, filter.interval(), filter.versions());
    }
    segments.refresh(ds);
    return changedSegments(changed);
  }

  /** The body of {@code markUnused}: an interval (with optional versions) or segment ids, not both. */
  record SegmentFilter(@JsonProperty("interval") Interval interval,
                       @JsonProperty("segmentIds") List<String> segmentIds,
                       @JsonProperty("versions") List<String> versions) {
    SegmentFilter {
      if ((interval == null) == (segmentIds == null)) {
        throw new InvalidInputException("interval", "Invalid request: give exactly one of "
            + "[interval] and [segmentIds]");
      }
      if (segmentIds != null && versions != null) {
        throw new InvalidInputException("versions", "Invalid request: [versions] goes with "
            + "[interval], not with [segmentIds]");
      }
    }
  }

  /**
   * Druid's {@code DELETE .../datasources/{ds}/intervals/{interval}} (the interval with {@code _} for {@code /}):
   * submits a kill task for the unused segments of the interval.
   */
  private Object killInterval(HttpExchange ex) {
    String ds = ex.path("ds");
    ex.authorize(ResourceAction.writeDataSource(ds));
    return kill(ds, ex.path("interval"));
  }

  private Object kill(String ds, String interval) {
    Interval parsed = Interval.parse(interval.replace('_', '/'));
    tasks.submitApiKill(new TaskSpec.KillTask("kill", null, ds, parsed, null, null, null, null, null, null));
    return new HttpResult(200, null);
  }

  private Object metadataSegments(HttpExchange ex) {
    String ds = ex.path("ds");
    ex.authorize(ResourceAction.readDataSource(ds));
    List<DataSegment> used = store.usedSegments(ds);
    if (used.isEmpty()) {
      // Druid: a datasource without used segments is not there.
      return new HttpResult(404, null);
    }
    if (ex.hasParam("full")) {
      return used;
    }
    List<String> ids = new ArrayList<>();
    for (DataSegment d : used) {
      ids.add(d.id().toString());
    }
    return ids;
  }

  private static Map<String, Object> status() {
    Runtime rt = Runtime.getRuntime();
    Map<String, Object> memory = new LinkedHashMap<>();
    memory.put("maxMemory", rt.maxMemory());
    memory.put("totalMemory", rt.totalMemory());
    memory.put("freeMemory", rt.freeMemory());
    memory.put("usedMemory", rt.totalMemory() - rt.freeMemory());
    memory.put("directMemory", ManagementFactory.getMemoryMXBean().getNonHeapMemoryUsage().getUsed());
    Map<String, Object> out = new LinkedHashMap<>();
    // Clients gate features on the Druid version; Strata answers as the Druid API it implements.
    out.put("version", DRUID_API_VERSION);
    out.put("strataVersion", VERSION);
    out.put("modules", List.of());
    out.put("memory", memory);
    return out;
  }
}
