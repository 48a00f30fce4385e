package io.strata.ingest;

import io.strata.metadata.MetadataStore;

/**
 * Builds the record of a task's end that the metadata store keeps (its Druid status object and reports as JSON), so
 * that a task can hand it to the transaction that commits its outcome.
 */
@FunctionalInterface
public interface TaskRecords {
  /** The record of {@code task} ending as SUCCESS at {@code endMillis}. */
  MetadataStore.TaskCompletion success(AbstractTask task, long endMillis);
}
