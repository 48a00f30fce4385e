package io.strata.ingest;

/** Ends a running task that was asked to stop ({@code POST /druid/indexer/v1/task/{id}/shutdown}). */
final class TaskShutdownException extends RuntimeException {
  TaskShutdownException() {
    super("Task was shut down on request");
  }
}
