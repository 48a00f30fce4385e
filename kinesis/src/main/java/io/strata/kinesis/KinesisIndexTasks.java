package io.strata.kinesis;

import io.strata.api.spec.TaskSpec;
import io.strata.input.RecordParser;
import io.strata.ingest.AbstractTask;
import io.strata.ingest.TaskEnvironment;
import io.strata.ingest.TaskFactory;
import io.strata.ingest.TaskRecords;
import io.strata.processing.transform.Transformer;
import io.strata.stream.RealtimeAnnouncer;

/** Makes {@code index_kinesis} tasks; registered with the task runner by the composition root. */
public final class KinesisIndexTasks implements TaskFactory<TaskSpec.KinesisIndexTask> {
  private final RealtimeAnnouncer announcer;

  public KinesisIndexTasks(RealtimeAnnouncer announcer) {
    this.announcer = announcer;
  }

  @Override
  public void validate(TaskSpec.KinesisIndexTask spec, TaskEnvironment env) {
    RecordParser.create(spec.ioConfig().inputFormat(), spec.dataSchema().timestampSpec());
    Transformer.create(spec.dataSchema().transformSpec());
  }

  @Override
  public AbstractTask create(String id, TaskSpec.KinesisIndexTask spec, TaskEnvironment env, long createdMillis,
                             TaskRecords records) {
    return new KinesisIndexTask(id, spec, env, createdMillis, records, announcer);
  }
}
