package io.strata.ingest;

/**
 * Told after a task committed segments to the metadata store, so the serving side can load them and swap its
 * view of the datasource. Called on the task's thread; implementations must be thread-safe.
 */
@FunctionalInterface
public interface PublishListener {
  void published(String dataSource);
}
