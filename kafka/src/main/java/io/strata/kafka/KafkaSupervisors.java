package io.strata.kafka;

import io.strata.api.spec.SupervisorSpec;
import io.strata.input.RecordParser;
import io.strata.ingest.TaskRunner;
import io.strata.metadata.MetadataStore;
import io.strata.processing.transform.Transformer;
import io.strata.stream.Supervisor;
import io.strata.stream.SupervisorManager;

/** Makes Kafka supervisors; registered with the supervisor manager by the composition root. */
public final class KafkaSupervisors implements SupervisorManager.Factory<SupervisorSpec.Kafka> {
  private final TaskRunner tasks;
  private final MetadataStore store;

  public KafkaSupervisors(TaskRunner tasks, MetadataStore store) {
    this.tasks = tasks;
    this.store = store;
  }

  @Override
  public void validate(SupervisorSpec.Kafka spec) {
    RecordParser.create(spec.spec().ioConfig().inputFormat(), spec.spec().dataSchema().timestampSpec());
    Transformer.create(spec.spec().dataSchema().transformSpec());
  }

  @Override
  public Supervisor create(SupervisorSpec.Kafka spec) {
    return new KafkaSupervisor(spec, tasks, store);
  }
}
