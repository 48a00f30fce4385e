package io.strata.stream;

import io.strata.api.data.Segment;

import java.util.List;

/**
 * How a streaming task makes its rows queryable: the serving side adds the task's live segments (in-memory indexes
 * and persisted spills) to the datasource's view beside the published segments. Each call replaces the task's live
 * set with one reference swap, so a query sees each row once: before a persist in the index, after it in the spill;
 * before a hand-off in the live set, after it in the published segments. Implementations are thread-safe.
 */
public interface RealtimeAnnouncer {
  /** Replaces the live segments {@code taskId} serves for {@code dataSource} (empty: none). */
  void announce(String dataSource, String taskId, List<Segment> live);

  /**
   * The task's hand-off committed: serves the newly published segments of {@code dataSource} and, in the same swap,
   * replaces the task's live set with {@code stillLive}.
   */
  void handedOff(String dataSource, String taskId, List<Segment> stillLive);

  /** An announcer that serves nothing (for tasks whose rows need not be queryable before hand-off). */
  RealtimeAnnouncer NONE = new RealtimeAnnouncer() {
    @Override
    public void announce(String dataSource, String taskId, List<Segment> live) {
    }

    @Override
    public void handedOff(String dataSource, String taskId, List<Segment> stillLive) {
    }
  };
}
