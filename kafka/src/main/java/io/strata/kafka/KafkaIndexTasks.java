package io.strata.kafka;

import io.strata.api.spec.TaskSpec;
import io.strata.input.RecordParser;
import io.strata.ingest.AbstractTask;
import io.strata.ingest.TaskEnvironment;
import io.strata.ingest.TaskFactory;
import io.strata.ingest.TaskRecords;
import io.strata.processing.transform.Transformer;
import io.strata.stream.RealtimeAnnouncer;

/** Makes {@code index_kafka} tasks; registered with the task runner by the composition root. */
public final class KafkaIndexTasks implements TaskFactory<TaskSpec.KafkaIndexTask> {
  private final RealtimeAnnouncer announcer;

  public KafkaIndexTasks(RealtimeAnnouncer announcer) {
    this.announcer = announcer;
  }

  @Override
  public void validate(TaskSpec.KafkaIndexTask spec, TaskEnvironment env) {
    RecordParser.create(spec.ioConfig().inputFormat(), spec.dataSchema().timestampSpec());
    Transformer.create(spec.dataSchema().transformSpec());
  }

  @Override
  public AbstractTask create(String id, TaskSpec.KafkaIndexTask spec, TaskEnvironment env, long createdMillis,
                             TaskRecords records) {
    return new KafkaIndexTask(id, spec, env, createdMillis, records, announcer);
  }
}
