package io.strata.kinesis;

import io.strata.api.spec.SupervisorSpec;
import io.strata.input.RecordParser;
import io.strata.ingest.TaskRunner;
import io.strata.metadata.MetadataStore;
import io.strata.processing.transform.Transformer;
import io.strata.stream.Supervisor;
import io.strata.stream.SupervisorManager;

/** Makes Kinesis supervisors; registered with the supervisor manager by the composition root. */
public final class KinesisSupervisors implements SupervisorManager.Factory<SupervisorSpec.Kinesis> {
  private final TaskRunner tasks;
  private final MetadataStore store;

  public KinesisSupervisors(TaskRunner tasks, MetadataStore store) {
    this.tasks = tasks;
    this.store = store;
  }

  @Override
  public void validate(SupervisorSpec.Kinesis spec) {
    RecordParser.create(spec.spec().ioConfig().inputFormat(), spec.spec().dataSchema().timestampSpec());
    Transformer.create(spec.spec().dataSchema().transformSpec());
    if ("kafka".equals(spec.spec().tuningConfig().deadLetter().type())) {
      throw new io.strata.api.error.InvalidInputException("deadLetter.type", "a Kinesis supervisor cannot write "
          + "rejected rows to a Kafka topic; use {\"type\":\"file\"} (the default) or {\"type\":\"none\"}");
    }
  }

  @Override
  public Supervisor create(SupervisorSpec.Kinesis spec) {
    return new KinesisSupervisor(spec, tasks, store);
  }
}
