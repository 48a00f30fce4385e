package io.strata.kafka;

import io.strata.api.error.InvalidInputException;
import io.strata.api.spec.TaskSpec;
import io.strata.api.spec.stream.Firehose;
import io.strata.input.RecordParser;
import io.strata.ingest.AbstractTask;
import io.strata.ingest.TaskEnvironment;
import io.strata.ingest.TaskFactory;
import io.strata.ingest.TaskRecords;
import io.strata.processing.transform.Transformer;
import io.strata.stream.EventReceivers;
import io.strata.stream.InlineReader;
import io.strata.stream.RealtimeAnnouncer;
import io.strata.stream.RealtimeTask;
import io.strata.stream.ReceiverReader;
import io.strata.stream.StreamReader;

import java.util.function.Supplier;

/**
 * Makes {@code index_realtime} tasks (and the legacy realtime node's): the firehose decides the reader — a Kafka
 * topic (legacy consumer properties translated), pushed events, or inline rows. Lives beside the Kafka reader because
 * the Kafka firehose needs it.
 */
public final class RealtimeIndexTasks implements TaskFactory<TaskSpec.RealtimeIndexTask> {
  private final RealtimeAnnouncer announcer;
  private final EventReceivers receivers;

  public RealtimeIndexTasks(RealtimeAnnouncer announcer, EventReceivers receivers) {
    this.announcer = announcer;
    this.receivers = receivers;
  }

  @Override
  public void validate(TaskSpec.RealtimeIndexTask spec, TaskEnvironment env) {
    RecordParser.create(spec.spec().inputFormat(), spec.spec().dataSchema().timestampSpec());
    Transformer.create(spec.spec().dataSchema().transformSpec());
    Firehose source = spec.spec().ioConfig().firehose().source();
    if (source instanceof Firehose.Kafka k) {
      LegacyKafkaProperties.translate(k.consumerProps(), spec.dataSource());
    } else if ("kafka".equals(spec.spec().tuningConfig().deadLetter().type())) {
      throw new InvalidInputException("deadLetter.type", "deadLetter type kafka needs a Kafka firehose (its brokers "
          + "receive the rejected rows); use file");
    }
    if (source instanceof Firehose.Receiver r && !receivers.get(r.serviceName()).isEmpty()
        && spec.availabilityGroup() == null) {
      throw new InvalidInputException("serviceName", "a running task already receives events as [" + r.serviceName()
          + "]; give each task its own serviceName, or give replicas one resource.availabilityGroup");
    }
  }

  @Override
  public AbstractTask create(String id, TaskSpec.RealtimeIndexTask spec, TaskEnvironment env, long createdMillis,
                             TaskRecords records) {
    Firehose source = spec.spec().ioConfig().firehose().source();
    Supplier<StreamReader> readers;
    Supplier<io.strata.stream.DeadLetter> kafkaDeadLetter = null;
    if (source instanceof Firehose.Kafka k) {
      LegacyKafkaProperties.Translated t = LegacyKafkaProperties.translate(k.consumerProps(), spec.dataSource());
      readers = () -> new KafkaStreamReader(k.feed(), t.consumerProperties(), t.useEarliestOffset(), false);
      kafkaDeadLetter = () -> new KafkaDeadLetter(t.consumerProperties(),
          spec.spec().tuningConfig().deadLetter().topicFor(spec.dataSource()), spec.dataSource(), id);
    } else if (source instanceof Firehose.Receiver r) {
      readers = () -> new ReceiverReader(r.serviceName(), r.bufferSize(), receivers);
    } else if (source instanceof Firehose.Inline in) {
      readers = () -> new InlineReader(in.data());
    } else {
      throw new InvalidInputException("firehose", "firehose type [" + source.type() + "] cannot be read");
    }
    return new RealtimeTask(id, spec, createdMillis, env, records, announcer, readers, kafkaDeadLetter);
  }
}
