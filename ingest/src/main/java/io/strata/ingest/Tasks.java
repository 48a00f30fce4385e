package io.strata.ingest;

import java.nio.file.Path;

/** Housekeeping shared by the server and tasks. */
public final class Tasks {
  private Tasks() {
  }

  /**
   * Deletes every task scratch directory (spills, built-but-unpublished segments). Called at server start: a task
   * that was running when the server died left them behind, and nothing of such a task may become visible.
   */
  public static void wipeScratch(Path tasksDir) {
    IngestionTask.deleteQuietly(tasksDir);
  }
}
