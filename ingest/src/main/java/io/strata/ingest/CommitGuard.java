package io.strata.ingest;

/**
 * Runs a publish's metadata commit. A streaming task's guard also swaps its live rows for the published segments
 * within the same critical section as the commit, so no view of the datasource built in between (another task's
 * hand-off refreshing it) serves both the new segments and the live rows they came from.
 */
@FunctionalInterface
public interface CommitGuard {
  /** Just the commit. */
  CommitGuard NONE = Commit::run;

  /** Runs {@code commit} (and whatever must happen with it). */
  void commit(Commit commit) throws Exception;

  /** The metadata commit itself. */
  @FunctionalInterface
  interface Commit {
    void run() throws Exception;
  }
}
