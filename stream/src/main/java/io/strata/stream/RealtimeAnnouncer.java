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

  /**
   * Declares {@code taskId} a replica in {@code group} (before it announces anything): of the replicas of a group
   * only one's live segments are served, so a query counts each row once. The first to announce is served, until it
   * leaves without handing off (it failed); then another replica is served. One that handed off everything stays
   * the served one (its data is now published; the others' copies of it are dropped at their hand-off); so does
   * one whose hand-off published first ({@link #handedOff}).
   */
  default void replicaOf(String dataSource, String taskId, String group) {
  }

  /**
   * Runs a hand-off's metadata commit, then {@link #handedOff}, as one step for whoever builds views of the
   * datasource: no view may hold both the newly published segments and the live rows they replace.
   */
  default void commitAndHandOff(String dataSource, String taskId, io.strata.ingest.CommitGuard.Commit commit,
                                List<Segment> stillLive) throws Exception {
    commit.run();
    handedOff(dataSource, taskId, stillLive);
  }

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
