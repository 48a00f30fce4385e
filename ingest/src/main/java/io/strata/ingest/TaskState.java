package io.strata.ingest;

/** Where a task is in its life. The JSON {@code status}/{@code statusCode} fields use these names. */
public enum TaskState {
  RUNNING, SUCCESS, FAILED;

  public boolean isComplete() {
    return this != RUNNING;
  }
}
