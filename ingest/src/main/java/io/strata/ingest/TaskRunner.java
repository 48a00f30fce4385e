package io.strata.ingest;

import io.strata.api.error.InvalidInputException;
import io.strata.api.json.Json;
import io.strata.api.spec.Identifiers;
import io.strata.api.spec.TaskSpec;
import io.strata.api.time.DateTimes;
import io.strata.metadata.MetadataStore;
import io.strata.metadata.TaskRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.time.DateTimeException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * Accepts tasks, runs them on a fixed number of task slots, and keeps their status and reports: live tasks in
 * memory, finished ones in the metadata store (so they survive restarts). Thread-safe.
 */
public final class TaskRunner implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TaskRunner.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final TaskEnvironment env;
  private final MetadataStore store;
  private final ExecutorService slots;
  private final ExecutorService streamThreads = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "stream-task");
    t.setDaemon(true);
    return t;
  });
  private final Map<String, AbstractTask> live = new ConcurrentHashMap<>();
  private final Map<Class<?>, TaskFactory<?>> factories = new ConcurrentHashMap<>();
  private final String host;
  private final IntSupplier port;

  public TaskRunner(TaskEnvironment env, int taskSlots, String host, IntSupplier port) {
    this.env = env;
    this.store = env.metadataStore();
    this.host = host;
    this.port = port;
    store.newestVersion().ifPresent(v -> {
      try {
        Versions.after(DateTimes.parseIso(v));
      } catch (DateTimeException e) {
        // a version that is not a time (written by other tools) does not order ours
      }
    });
    this.slots = Executors.newFixedThreadPool(taskSlots, r -> {
      Thread t = new Thread(r, "task-slot");
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * Accepts a task: validates it (everything that can be checked before it runs, so a bad spec is a 400 now rather
   * than a failed task later), records it, queues it; returns its id.
   */
  public String submit(TaskSpec spec) {
    String id = spec.id() != null ? Identifiers.taskId(spec.id(), "id") : newId(spec, "");
    long now = System.currentTimeMillis();
    AbstractTask task;
    if (spec instanceof TaskSpec.IndexTask index) {
      TaskValidation.validate(index, env);
      task = new IngestionTask(id, index, env, now, this::successRecord);
    } else if (spec instanceof TaskSpec.KillTask kill) {
      task = new KillTask(id, kill, env, now);
    } else {
      task = createRegistered(id, spec, now);
    }
    synchronized (this) {
      if (live.containsKey(id) || store.task(id).isPresent()) {
        throw new InvalidInputException("id", "Task[" + id + "] already exists");
      }
      // Recorded first: a task the store refused is not half-accepted.
      store.insertTask(new TaskRecord(id, spec.type(), spec.dataSource(), now, statusJson(task),
          Json.MAPPER.valueToTree(spec).toString(), null, true));
      live.put(id, task);
    }
    try {
      // Batch tasks share the slots; streaming tasks (registered types), which run for as long as their
      // supervisor wants and mostly wait on their stream, get threads of their own.
      (spec instanceof TaskSpec.IndexTask || spec instanceof TaskSpec.KillTask ? slots : streamThreads)
          .submit(() -> runTask(task));
    } catch (RejectedExecutionException e) {
      // The runner is closing: the task never runs, and must not stay RUNNING.
      live.remove(id);
      try {
        store.updateTaskStatus(id, Json.MAPPER.writeValueAsString(statusMap(task, TaskState.FAILED, 0,
            "The server shut down before the task could start")), false);
      } catch (com.fasterxml.jackson.core.JsonProcessingException | RuntimeException recordFailure) {
        LOG.warn("Could not record that task [{}] never started; the next start marks it FAILED", id);
      }
      throw new InvalidInputException("id", "The server is shutting down; submit the task again later");
    }
    return id;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private AbstractTask createRegistered(String id, TaskSpec spec, long now) {
    TaskFactory factory = factories.get(spec.getClass());
    if (factory == null) {
      throw new InvalidInputException("type", "task type [" + spec.type() + "] is not available on this server");
    }
    factory.validate(spec, env);
    return factory.create(id, spec, env, now, this::successRecord);
  }

  /** Lets this runner run tasks of spec type {@code type}. */
  public <S extends TaskSpec> void register(Class<S> type, TaskFactory<S> factory) {
    factories.put(type, factory);
  }

  /** The running (or just finished, not yet evicted) task of that id, if this runner holds it. */
  public Optional<AbstractTask> liveTask(String id) {
    return Optional.ofNullable(live.get(id));
  }

  /** The tasks running now. */
  public List<AbstractTask> liveTasks() {
    return new java.util.ArrayList<>(live.values());
  }

  private void runTask(AbstractTask task) {
    try {
      task.run();
    } finally {
      try {
        store.saveTaskReport(task.id(), Json.MAPPER.writeValueAsString(task.report()));
        store.updateTaskStatus(task.id(), statusJson(task), task.state() == TaskState.RUNNING);
      } catch (Throwable e) {
        LOG.error("Could not record the end of task [{}]", task.id(), e);
      }
    }
  }

  /** The record of a task ending as SUCCESS at {@code endMillis}, for its publish transaction to store. */
  private MetadataStore.TaskCompletion successRecord(AbstractTask task, long endMillis) {
    try {
      String status = Json.MAPPER.writeValueAsString(statusMap(task, TaskState.SUCCESS,
          endMillis - task.startMillis(), null));
      String report = Json.MAPPER.writeValueAsString(task.report(TaskState.SUCCESS));
      return new MetadataStore.TaskCompletion(task.id(), status, report);
    } catch (Exception e) {
      throw new IllegalStateException("cannot serialize the status of task [" + task.id() + "]", e);
    }
  }

  /**
   * Druid's generated task ids: {@code <type>_<dataSource>_<8 random letters>_<ISO time>}, for kill tasks with the
   * interval's ends before the time; {@code prefix} goes in front ({@code api-issued_} for kills the coordinator
   * API starts).
   */
  static String newId(TaskSpec spec, String prefix) {
    StringBuilder r = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      r.append((char) ('a' + RANDOM.nextInt(26)));
    }
    String interval = spec instanceof TaskSpec.KillTask k
        ? "_" + DateTimes.format(k.interval().start()) + "_" + DateTimes.format(k.interval().end()) : "";
    return prefix + spec.type() + "_" + spec.dataSource() + "_" + r + interval + "_"
        + DateTimes.format(System.currentTimeMillis());
  }

  /** Submits a kill task started by the coordinator API, with Druid's {@code api-issued_} id. */
  public String submitApiKill(TaskSpec.KillTask kill) {
    return submit(new TaskSpec.KillTask(kill.type(), newId(kill, "api-issued_"), kill.dataSource(), kill.interval(),
        kill.versions(), kill.batchSize(), kill.limit(), kill.maxUsedStatusLastUpdatedTime(), kill.markAsUnused(),
        kill.context()));
  }

  /** Status JSON of a task (Druid's {@code GET /task/{id}/status} {@code status} object), or empty. */
  public Optional<Map<String, Object>> status(String id) {
    AbstractTask t = live.get(id);
    if (t != null) {
      return Optional.of(statusMap(t));
    }
    return store.task(id).map(TaskRunner::parseStatus);
  }

  /** The datasource of a task, or empty if there is no such task. */
  public Optional<String> dataSource(String id) {
    AbstractTask t = live.get(id);
    if (t != null) {
      return Optional.of(t.dataSource());
    }
    return store.task(id).map(TaskRecord::dataSource);
  }

  /** The submitted spec of a task, or empty. */
  public Optional<Object> payload(String id) {
    AbstractTask t = live.get(id);
    if (t != null) {
      return Optional.of(t.spec());
    }
    return store.task(id).map(r -> parse(r.payloadJson()));
  }

  /** The task's reports ({@code ingestionStatsAndErrors}), live while it runs; or empty. */
  public Optional<Object> report(String id) {
    AbstractTask t = live.get(id);
    if (t != null) {
      return Optional.of(t.report());
    }
    return store.task(id).filter(r -> r.reportJson() != null).map(r -> parse(r.reportJson()));
  }

  /** All tasks, newest first, as status objects. */
  public List<Map<String, Object>> list() {
    Map<String, Map<String, Object>> byId = new LinkedHashMap<>();
    for (TaskRecord r : store.tasks()) {
      try {
        byId.put(r.id(), parseStatus(r));
      } catch (IllegalStateException e) {
        LOG.error("Task [{}] is left out of the task list: {}", r.id(), e.getMessage());
      }
    }
    for (AbstractTask t : live.values()) {
      byId.put(t.id(), statusMap(t));
    }
    List<Map<String, Object>> out = new ArrayList<>(byId.values());
    out.sort(Comparator.comparing((Map<String, Object> m) -> String.valueOf(m.get("createdTime"))).reversed());
    return out;
  }

  /** Asks a running task to stop; false if there is no such running task. */
  public boolean shutdown(String id) {
    AbstractTask t = live.get(id);
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

  private String statusJson(AbstractTask t) {
    try {
      return Json.MAPPER.writeValueAsString(statusMap(t));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Druid's task status object. */
  private Map<String, Object> statusMap(AbstractTask t) {
    TaskState state = t.state();
    return statusMap(t, state, state.isComplete() ? t.durationMillis() : -1, t.errorMsg());
  }

  private Map<String, Object> statusMap(AbstractTask t, TaskState state, long duration, String errorMsg) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", t.id());
    m.put("groupId", t.id());
    m.put("type", t.type());
    m.put("createdTime", DateTimes.format(t.createdMillis()));
    m.put("queueInsertionTime", "1970-01-01T00:00:00.000Z");
    m.put("statusCode", state.name());
    m.put("status", state.name());
    m.put("runnerStatusCode", state.isComplete() ? "NONE" : "RUNNING");
    m.put("duration", duration);
    Map<String, Object> location = new LinkedHashMap<>();
    location.put("host", host);
    location.put("port", port.getAsInt());
    location.put("tlsPort", -1);
    m.put("location", location);
    m.put("dataSource", t.dataSource());
    m.put("errorMsg", errorMsg);
    return m;
  }

  @Override
  public void close() {
    for (AbstractTask t : live.values()) {
      t.requestShutdown();
    }
    slots.shutdown();
    streamThreads.shutdown();
    try {
      if (!slots.awaitTermination(30, TimeUnit.SECONDS)) {
        slots.shutdownNow();
      }
      if (!streamThreads.awaitTermination(30, TimeUnit.SECONDS)) {
        streamThreads.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      slots.shutdownNow();
      streamThreads.shutdownNow();
    }
  }
}
