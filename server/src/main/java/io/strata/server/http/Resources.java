package io.strata.server.http;

import io.strata.api.data.Segment;
import io.strata.api.json.Json;
import io.strata.api.query.Query;
import io.strata.api.spec.TaskSpec;
import io.strata.api.time.DateTimes;
import io.strata.api.time.Interval;
import io.strata.ingest.TaskRunner;
import io.strata.metadata.DataSegment;
import io.strata.metadata.MetadataStore;
import io.strata.query.QueryExecutor;
import io.strata.server.serving.DataSourceView;
import io.strata.server.serving.SegmentManager;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
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

  private final SegmentManager segments;
  private final TaskRunner tasks;
  private final MetadataStore store;
  private final QueryExecutor executor;

  public Resources(SegmentManager segments, TaskRunner tasks, MetadataStore store, QueryExecutor executor) {
    this.segments = segments;
    this.tasks = tasks;
    this.store = store;
    this.executor = executor;
  }

  public void register(HttpApi api) {
    api.post("/druid/v2", this::query)
        .get("/druid/v2/datasources", ex -> segments.dataSources())
        .get("/druid/v2/datasources/{ds}", this::brokerDataSource)
        .get("/druid/v2/datasources/{ds}/dimensions", ex -> columns(ex, true))
        .get("/druid/v2/datasources/{ds}/metrics", ex -> columns(ex, false))
        .post("/druid/indexer/v1/task", this::submitTask)
        .get("/druid/indexer/v1/task/{id}", this::taskPayload)
        .get("/druid/indexer/v1/task/{id}/status", this::taskStatus)
        .get("/druid/indexer/v1/task/{id}/reports", this::taskReports)
        .post("/druid/indexer/v1/task/{id}/shutdown", this::shutdownTask)
        .get("/druid/indexer/v1/tasks", this::listTasks)
        .get("/druid/indexer/v1/runningTasks", ex -> filterTasks("running", null))
        .get("/druid/indexer/v1/completeTasks", ex -> filterTasks("complete", null))
        .get("/druid/coordinator/v1/datasources", this::coordinatorDataSources)
        .get("/druid/coordinator/v1/datasources/{ds}", this::coordinatorDataSource)
        .delete("/druid/coordinator/v1/datasources/{ds}", this::markUnused)
        .get("/druid/coordinator/v1/metadata/datasources", ex -> new TreeSet<>(store.dataSources()))
        .get("/druid/coordinator/v1/metadata/datasources/{ds}/segments", this::metadataSegments)
        .get("/status", ex -> status())
        .get("/status/health", ex -> true);
  }

  private Object query(HttpExchange ex) throws Exception {
    Query query = Json.MAPPER.readValue(ex.body(), Query.class);
    DataSourceView view = segments.acquire(query.dataSource());
    try {
      List<Segment> parts = view == null ? List.of() : view.segmentsFor(query.intervals());
      return executor.run(query, parts);
    } finally {
      if (view != null) {
        view.release();
      }
    }
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
    Set<String> names = new java.util.HashSet<>();
    for (DataSegment d : segments) {
      names.addAll(dimensions ? d.dimensions() : d.metrics());
    }
    return new ArrayList<>(names);
  }

  private Object columns(HttpExchange ex, boolean dimensions) {
    return columnNames(segments.visible(ex.path("ds"), List.of(metadataInterval(ex))), dimensions);
  }

  private Object submitTask(HttpExchange ex) throws Exception {
    TaskSpec spec = Json.MAPPER.readValue(ex.body(), TaskSpec.class);
    return Map.of("task", tasks.submit(spec));
  }

  private Object taskPayload(HttpExchange ex) {
    String id = ex.path("id");
    Object payload = tasks.payload(id).orElseThrow(() -> noTask(id));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("task", id);
    out.put("payload", payload);
    return out;
  }

  private Object taskStatus(HttpExchange ex) {
    String id = ex.path("id");
    Map<String, Object> status = tasks.status(id).orElseThrow(() -> noTask(id));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("task", id);
    out.put("status", status);
    return out;
  }

  private Object taskReports(HttpExchange ex) {
    String id = ex.path("id");
    return tasks.report(id).orElseThrow(() -> noTask(id));
  }

  private Object shutdownTask(HttpExchange ex) {
    String id = ex.path("id");
    if (tasks.status(id).isEmpty()) {
      throw noTask(id);
    }
    tasks.shutdown(id);
    return Map.of("task", id);
  }

  private Object listTasks(HttpExchange ex) {
    String state = ex.param("state");
    if (state != null && !Set.of("running", "complete", "pending", "waiting").contains(state)) {
      throw HttpError.badRequest("Invalid state [" + state + "]; use running, complete, pending or waiting",
          "state");
    }
    return filterTasks(state, ex.param("datasource"));
  }

  private List<Map<String, Object>> filterTasks(String state, String dataSource) {
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
      out.add(t);
    }
    return out;
  }

  private static HttpError noTask(String id) {
    return HttpError.notFound("Cannot find any task with id: [" + id + "]");
  }

  private Object coordinatorDataSources(HttpExchange ex) {
    if (!ex.hasParam("simple") && !ex.hasParam("full")) {
      return segments.dataSources();
    }
    List<Object> out = new ArrayList<>();
    for (String ds : segments.dataSources()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", ds);
      m.put("properties", dataSourceSummary(ds));
      out.add(m);
    }
    return out;
  }

  private Object coordinatorDataSource(HttpExchange ex) {
    String ds = ex.path("ds");
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

  private Object markUnused(HttpExchange ex) throws Exception {
    String ds = ex.path("ds");
    int changed = store.markUnused(ds);
    segments.refresh(ds);
    return Map.of("numChangedSegments", changed);
  }

  private Object metadataSegments(HttpExchange ex) {
    List<DataSegment> used = store.usedSegments(ex.path("ds"));
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
    out.put("version", VERSION);
    out.put("modules", List.of());
    out.put("memory", memory);
    return out;
  }
}
