package io.strata.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.strata.api.error.InvalidInputException;
import io.strata.api.json.Json;
import io.strata.api.spec.SupervisorSpec;
import io.strata.metadata.MetadataStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The supervisors of the server: submitted specs are validated, stored in the metadata store (with their history) and
 * run; stored ones are run again at every start, so streaming survives restarts. Thread-safe.
 */
public final class SupervisorManager implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SupervisorManager.class);
  static final String RUNNING = "RUNNING";
  static final String SUSPENDED = "SUSPENDED";
  static final String TERMINATED = "TERMINATED";

  /** Makes the supervisors of one spec type. */
  public interface Factory<S extends SupervisorSpec> {
    /** @throws InvalidInputException naming what is wrong with the spec */
    void validate(S spec);

    Supervisor create(S spec);
  }

  private final MetadataStore store;
  private final Map<Class<?>, Factory<?>> factories = new ConcurrentHashMap<>();
  /** Sorted by id; read without the manager's lock by supervisors storing their own spec changes. */
  private final Map<String, Supervisor> running = new java.util.concurrent.ConcurrentSkipListMap<>();
  /** Orders the spec writes of the manager and of the supervisors' own changes. */
  private final Object storeLock = new Object();

  public SupervisorManager(MetadataStore store) {
    this.store = store;
  }

  public <S extends SupervisorSpec> void register(Class<S> type, Factory<S> factory) {
    factories.put(type, factory);
  }

  @SuppressWarnings("unchecked")
  private <S extends SupervisorSpec> Factory<S> factory(S spec) {
    Factory<S> f = (Factory<S>) factories.get(spec.getClass());
    if (f == null) {
      throw new InvalidInputException("type", "supervisor type [" + spec.type() + "] is not available on this server");
    }
    return f;
  }

  /** Runs the stored supervisors that were not terminated (server start). A spec that cannot be read is skipped. */
  public synchronized void startStored() {
    for (MetadataStore.SupervisorRecord r : store.supervisors()) {
      if (TERMINATED.equals(r.state())) {
        continue;
      }
      try {
        SupervisorSpec spec = Json.MAPPER.readValue(r.specJson(), SupervisorSpec.class);
        Supervisor s = factory(spec).create(spec);
        watch(r.id(), s);
        running.put(r.id(), s);
        s.start();
        LOG.info("Supervisor [{}] restarted{}", r.id(), spec.suspended() ? " (suspended)" : "");
      } catch (JsonProcessingException | RuntimeException e) {
        LOG.error("Supervisor [{}] cannot be restarted: its stored spec cannot be used ({})", r.id(), e.getMessage());
      }
    }
  }

  /** Starts a supervisor, or replaces the one of the same id (whose tasks hand off first); returns the id. */
  public synchronized String submit(SupervisorSpec spec) {
    Factory<SupervisorSpec> f = factory(spec);
    f.validate(spec);
    Supervisor old = running.remove(spec.id());
    if (old != null) {
      old.stop(true);
    }
    String json = json(spec);
    // As Druid: an identical re-submission restarts the supervisor but adds no history entry.
    List<Map.Entry<Long, String>> history = store.supervisorHistory(spec.id());
    boolean changed = history.isEmpty() || !history.get(0).getValue().equals(json);
    synchronized (storeLock) {
      store.putSupervisor(spec.id(), json, spec.suspended() ? SUSPENDED : RUNNING, changed);
    }
    Supervisor s = f.create(spec);
    watch(spec.id(), s);
    running.put(spec.id(), s);
    s.start();
    LOG.info("Supervisor [{}] {}", spec.id(), old == null ? "started" : "updated");
    return spec.id();
  }

  /**
   * Stores the spec changes a running supervisor makes itself (the auto-scaler's taskCount) as new versions, as long
   * as it is still the one running under that id (a replaced or terminated one's changes are dropped).
   */
  private void watch(String id, Supervisor s) {
    s.onSpecChanged(changed -> {
      synchronized (storeLock) {
        if (running.get(id) == s) {
          store.putSupervisor(id, json(changed), changed.suspended() ? SUSPENDED : RUNNING, true);
          LOG.info("Supervisor [{}]: stored its changed spec", id);
        }
      }
    });
  }

  /** The running (or suspended) supervisor of that id. */
  public synchronized Optional<Supervisor> get(String id) {
    return Optional.ofNullable(running.get(id));
  }

  public synchronized List<String> ids() {
    return new ArrayList<>(running.keySet());
  }

  public synchronized List<Supervisor> all() {
    return new ArrayList<>(running.values());
  }

  /** Suspends or resumes: the spec is stored with the new {@code suspended} flag and run again. */
  public synchronized Optional<Supervisor> setSuspended(String id, boolean suspended) {
    Supervisor s = running.get(id);
    if (s == null) {
      return Optional.empty();
    }
    if (s.spec().suspended() == suspended) {
      return Optional.of(s);
    }
    submit(s.spec().withSuspended(suspended));
    return Optional.of(running.get(id));
  }

  /** Terminates: the tasks hand off, the supervisor stops and is not restarted. */
  public synchronized boolean terminate(String id) {
    Supervisor s = running.remove(id);
    if (s == null) {
      return false;
    }
    s.stop(true);
    // Druid's tombstone in the history: a no-op spec for the datasource.
    Map<String, Object> tombstone = new LinkedHashMap<>();
    tombstone.put("type", "noop");
    tombstone.put("id", null);
    tombstone.put("dataSources", List.of(s.spec().dataSource()));
    tombstone.put("suspended", false);
    tombstone.put("source", "noop");
    try {
      synchronized (storeLock) {
        store.putSupervisor(id, Json.MAPPER.writeValueAsString(tombstone), TERMINATED, true);
      }
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    LOG.info("Supervisor [{}] terminated", id);
    return true;
  }

  /** The specs submitted for a supervisor id, newest first, as Druid's history entries. */
  public List<Map<String, Object>> history(String id) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Map.Entry<Long, String> e : store.supervisorHistory(id)) {
      Map<String, Object> entry = new LinkedHashMap<>();
      try {
        entry.put("spec", Json.MAPPER.readValue(e.getValue(), Object.class));
      } catch (JsonProcessingException ex) {
        continue;
      }
      entry.put("version", io.strata.api.time.DateTimes.format(e.getKey()));
      out.add(entry);
    }
    return out;
  }

  private static String json(SupervisorSpec spec) {
    try {
      return Json.MAPPER.writeValueAsString(spec);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize supervisor [" + spec.id() + "]", e);
    }
  }

  /** Stops every supervisor without hand-off (server shutdown): their tasks' records are read again at the next start. */
  @Override
  public synchronized void close() {
    for (Supervisor s : running.values()) {
      try {
        s.stop(false);
      } catch (RuntimeException e) {
        LOG.warn("Supervisor [{}] did not stop cleanly", s.spec().id(), e);
      }
    }
    running.clear();
  }
}
