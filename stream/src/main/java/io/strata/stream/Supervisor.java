package io.strata.stream;

import io.strata.api.spec.SupervisorSpec;

import java.util.Map;

/**
 * Keeps a datasource's streaming ingestion going: starts tasks for the stream's partitions, rotates them every
 * {@code taskDuration}, restarts failed ones from the committed positions, and reports on all of it. Made and
 * driven by the {@link SupervisorManager}; implementations are thread-safe.
 */
public interface Supervisor {
  SupervisorSpec spec();

  /** Starts supervising (tasks start after the spec's {@code startDelay}). */
  void start();

  /**
   * Stops supervising. Reading tasks stop reading and hand off what they have (the supervisor's spec was replaced,
   * suspended or terminated, or the server is stopping with {@code handOff} false: then they are shut down and their
   * records read again by the next task).
   */
  void stop(boolean handOff);

  /** Forgets the committed stream positions and restarts the tasks from the stream's edge. */
  void reset();

  /** Druid's supervisor status payload. */
  Map<String, Object> status();

  /** Druid's supervisor stats: per task group and task, the row counters and moving averages. */
  Map<String, Object> stats();

  /** The generic state: PENDING, RUNNING, SUSPENDED, STOPPING, UNHEALTHY_SUPERVISOR, UNHEALTHY_TASKS. */
  String state();

  /** The detailed, stream-specific state. */
  String detailedState();

  boolean healthy();

  /**
   * Where this supervisor reports its own changes of its spec (the auto-scaler's taskCount), to be stored as the
   * spec's newest version.
   */
  default void onSpecChanged(java.util.function.Consumer<SupervisorSpec> listener) {
  }
}
