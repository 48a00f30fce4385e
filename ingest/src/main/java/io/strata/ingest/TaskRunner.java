package io.strata.ingest;

import io.strata.api.error.InvalidInputException;
import io.strata.api.json.Json;
import io.strata.api.spec.TaskSpec;
import io.strata.api.time.DateTimes;
import io.strata.metadata.MetadataStore;
import io.strata.metadata.TaskRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Accepts tasks, runs them on a fixed number of task slots, and keeps their status and reports: live tasks in
 * memory, finished ones in the metadata store (so they survive restarts). Thread-safe.
 */
public final class TaskRunner implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TaskRunner.class);
  private static final Pattern VALID_ID = Pattern.compile("[A-Za-z0-9._\\-:T]+");
  private static final SecureRandom RANDOM = new SecureRandom();

  private final TaskEnvironment env;
  private final MetadataStore store;
  private final ExecutorService slots;
  private final Map<String, IngestionTask> live = new ConcurrentHashMap<>();
  private final String host;
  private final java.util.function.IntSupplier port;

  public TaskRunner(TaskEnvironment env, int taskSlots, String host, java.util.function.IntSupplier port) {
    this.env = env;
    this.store = env.metadataStore();
    this.host = host;
    this.port = port;
    this.slots = Executors.newFixedThreadPool(taskSlots, r -> {
      Thread t = new Thread(r, "task-slot");
      t.setDaemon(true);
      return t;
    });
  }

  /** Accepts a task: validates it, records it, queues it; returns its id. */
  public String submit(TaskSpec spec) {
    if (!(spec instanceof TaskSpec.IndexTask index)) {
      throw new InvalidInputException("type", "unsupported task type [" + spec.type() + "]");
    }
    String id = spec.id() != null ? spec.id() : newId(spec.type(), spec.dataSource());
    if (!VALID_ID.matcher(id).matches()) {
      throw new InvalidInputException("id", "Task id [" + id + "] may only contain letters, digits and . _ - : ");
    }
    if (live.containsKey(id) || store.task(id).isPresent()) {
      throw new InvalidInputException("id", "Task[" + id + "] already exists");
    }
    long now = System.currentTimeMillis();
    IngestionTask task = new IngestionTask(id, index, env, now);
    live.put(id, task);
    store.insertTask(new TaskRecord(id, spec.type(), spec.dataSource(), now, statusJson(task),
        Json.MAPPER.valueToTree(spec).toString(), null, true));
    slots.submit(() -> runTask(task));
    return id;
  }

  private void runTask(IngestionTask task) {
    try {
      task.run();
    } finally {
      try {
        store.saveTaskReport(task.id(), Json.MAPPER.writeValueAsString(task.report()));
        store.updateTaskStatus(task.id(), statusJson(task), false);
      } catch (Exception e) {
        LOG.error("Could not record the end of task [{}]", task.id(), e);
      }
    }
  }

  static String newId(String type, String dataSource) {
    StringBuilder r = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      r.append((char) ('a' + RANDOM.nextInt(26)));
    }
    return type + "_" + dataSource + "_" + r + "_" + DateTimes.format(System.currentTimeMillis());
  }

  /** Status JSON of a task (Druid's {@code GET /task/{id}/status} {@code status} object), or empty. */
  public Optional<Map<String, Object>> status(String id) {
    IngestionTask t = live.get(id);
    if (t != null) {
      return Optional.of(statusMap(t));
    }
    return store.task(id).map(TaskRunner::parseStatus);
  }

  /** The submitted spec of a task, or empty. */
  public Optional<Object> payload(String id) {
    IngestionTask t = live.get(id);
    if (t != null) {
      return Optional.of(t.spec());
    }
    return store.task(id).map(r -> parse(r.payloadJson()));
  }

  /** The task's reports ({@code ingestionStatsAndErrors}), live while it runs; or empty. */
  public Optional<Object> report(String id) {
    IngestionTask t = live.get(id);
    if (t != null) {
      return Optional.of(t.report());
    }
    return store.task(id).filter(r -> r.reportJson() != null).map(r -> parse(r.reportJson()));
  }

  /** All tasks, newest first, as status objects. */
  public List<Map<String, Object>> list() {
    Map<String, Map<String, Object>> byId = new LinkedHashMap<>();
    for (TaskRecord r : store.tasks()) {
      byId.put(r.id(), parseStatus(r));
    }
    for (IngestionTask t : live.values()) {
      byId.put(t.id(), statusMap(t));
    }
    List<Map<String, Object>> out = new ArrayList<>(byId.values());
    out.sort(Comparator.comparing((Map<String, Object> m) -> String.valueOf(m.get("createdTime"))).reversed());
    return out;
  }

  /** Asks a running task to stop; false if there is no such running task. */
  public boolean shutdown(String id) {
    IngestionTask t = live.get(id);
    if (t == null || t.state().isComplete()) {
      return false;
    }
    t.requestShutdown();
    return true;
  }

  /** Forgets finished tasks kept in memory (they stay readable from the metadata store). */
  public void evictFinished() {
    live.values().removeIf(t -> t.state().isComplete());
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> parseStatus(TaskRecord r) {
    return (Map<String, Object>) parse(r.statusJson());
  }

  private static Object parse(String json) {
    try {
      return Json.MAPPER.readValue(json, Object.class);
    } catch (Exception e) {
      throw new IllegalStateException("corrupt task JSON in the metadata store", e);
    }
  }

  private String statusJson(IngestionTask t) {
    try {
      return Json.MAPPER.writeValueAsString(statusMap(t));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Druid's task status object. */
  private Map<String, Object> statusMap(IngestionTask t) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", t.id());
    m.put("groupId", t.id());
    m.put("type", t.spec().type());
    m.put("createdTime", DateTimes.format(t.createdMillis()));
    m.put("queueInsertionTime", "1970-01-01T00:00:00.000Z");
    m.put("statusCode", t.state().name());
    m.put("status", t.state().name());
    m.put("runnerStatusCode", t.state().isComplete() ? "NONE" : "RUNNING");
    m.put("duration", t.state().isComplete() ? t.durationMillis() : -1);
    Map<String, Object> location = new LinkedHashMap<>();
    location.put("host", host);
    location.put("port", port.getAsInt());
    location.put("tlsPort", -1);
    m.put("location", location);
    m.put("dataSource", t.dataSource());
    m.put("errorMsg", t.errorMsg());
    return m;
  }

  @Override
  public void close() {
    for (IngestionTask t : live.values()) {
      t.requestShutdown();
    }
    slots.shutdown();
    try {
      if (!slots.awaitTermination(30, TimeUnit.SECONDS)) {
        slots.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      slots.shutdownNow();
    }
  }
}
