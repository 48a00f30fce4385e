package io.strata.metadata;

import java.util.Objects;

/**
 * One ingestion task as the metadata store keeps it, so that task status, spec and reports survive restarts
 * ({@code GET /druid/indexer/v1/task/{id}/status}, {@code /task/{id}}, {@code /task/{id}/reports}).
 *
 * <p>The JSON fields are opaque to the store, with one exception: {@link MetadataStore#failDanglingTasks} rewrites
 * the status of tasks that were running when the server died, so {@code statusJson} should be a JSON object in
 * Druid's task status shape, whose {@code status} (and, if present, {@code statusCode}) field holds the state
 * ({@code RUNNING}, {@code SUCCESS}, {@code FAILED}) and whose {@code errorMsg} field holds the failure message.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id          task id, unique
 * @param type        task type, e.g. {@code index_parallel}
 * @param dataSource  the datasource the task writes
 * @param createdTime creation time, epoch milliseconds
 * @param statusJson  the status object (JSON text)
 * @param payloadJson the submitted task spec (JSON text)
 * @param reportJson  the task's reports (JSON text), or null until saved
 * @param active      true while the task may still run (not finished); such tasks are failed at the next boot
 */
public record TaskRecord(
    String id,
    String type,
    String dataSource,
    long createdTime,
    String statusJson,
    String payloadJson,
    String reportJson,
    boolean active) {

  public TaskRecord {
    if (id == null || id.isEmpty()) {
      throw new IllegalArgumentException("task id must not be empty");
    }
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(dataSource, "dataSource");
    Objects.requireNonNull(statusJson, "statusJson");
    Objects.requireNonNull(payloadJson, "payloadJson");
  }
}
