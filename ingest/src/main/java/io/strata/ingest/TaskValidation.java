package io.strata.ingest;

import io.strata.api.spec.IngestionSpec;
import io.strata.api.spec.TaskSpec;
import io.strata.input.InputFormats;
import io.strata.input.InputSources;
import io.strata.processing.transform.Transformer;

/**
 * Checks a task spec as far as it can be checked before the task runs, so that what is wrong with it is an HTTP 400
 * naming the field at submission, not a task that fails (or worse, runs) later: expressions parse, filters build,
 * the input format and timestamp pattern can be used, the input source reads only what the server allows.
 */
final class TaskValidation {
  private TaskValidation() {
  }

  /** @throws io.strata.api.error.InvalidInputException naming what is wrong */
  static void validate(TaskSpec.IndexTask task, TaskEnvironment env) {
    IngestionSpec spec = task.spec();
    Transformer.create(spec.dataSchema().transformSpec());
    InputFormats.validate(spec.ioConfig().inputFormat(), spec.dataSchema().timestampSpec());
    InputSources.check(spec.ioConfig().inputSource(), env.workingDir(), env.inputPolicy());
    if (spec.ioConfig().dropExisting()) {
      // The chunks a dropExisting replace covers; refuses intervals that would list too many.
      spec.dataSchema().granularitySpec().bucketIntervals();
    }
  }
}
