package io.strata.ingest;

import io.strata.api.spec.TaskSpec;

/**
 * Makes the tasks of one spec type that the ingest module does not know (streaming tasks), registered with
 * {@link TaskRunner#register} by the composition root.
 *
 * @param <S> the spec type
 */
public interface TaskFactory<S extends TaskSpec> {
  /**
   * Checks a spec as far as it can be before the task runs.
   *
   * @throws io.strata.api.error.InvalidInputException naming what is wrong
   */
  void validate(S spec, TaskEnvironment env);

  /** A task for the spec, not yet running. */
  AbstractTask create(String id, S spec, TaskEnvironment env, long createdMillis, TaskRecords records);
}
