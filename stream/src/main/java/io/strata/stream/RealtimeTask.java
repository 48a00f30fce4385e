package io.strata.stream;

import io.strata.api.spec.RealtimeSpec;
import io.strata.api.spec.TaskSpec;
import io.strata.api.spec.stream.Firehose;
import io.strata.api.spec.stream.RealtimeTuningConfig;
import io.strata.api.time.DateTimes;
import io.strata.api.time.Interval;
import io.strata.ingest.TaskEnvironment;
import io.strata.ingest.TaskRecords;
import io.strata.ingest.Versions;
import io.strata.metadata.MetadataStore;
import io.strata.metadata.StreamOffsets;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A realtime spec at work — Druid's realtime node and {@code index_realtime} task — on the streaming core. Rows are
 * accepted per the {@code rejectionPolicy} and {@code windowPeriod} (and the spec's {@code intervals}, and a
 * {@code clipped} firehose's interval); a time chunk is handed off once its end plus the window has passed on the
 * policy's clock; whatever remains is handed off when the firehose ends ({@code timed}, a receiver's shut-off, the end
 * of {@code inline} rows) or the task is asked to stop.
 *
 * <p>With a Kafka firehose the task reads every partition of the topic from the datasource's committed offsets and
 * publishes with them, exactly once (Druid's realtime node committed offsets apart from its segments, and could lose
 * or double rows); since the offsets cover every chunk, a due chunk hands off all of them. Pushed events have no
 * offsets; replicas of a shard ({@code resource.availabilityGroup}) publish each chunk once.
 */
public final class RealtimeTask extends StreamingTask {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RealtimeTask.class);
  private final RealtimeSpec realtime;
  private final RealtimeTuningConfig rt;
  private final String availabilityGroup;
  private final Supplier<StreamReader> readers;
  private final Supplier<DeadLetter> kafkaDeadLetter;
  private final TaskEnvironment env;
  private final List<Interval> intervals;
  private final List<Interval> clips;
  private final long shutoffMillis;
  private final long windowMillis;
  private final Firehose source;
  private long maxMessageTime = Long.MIN_VALUE;

  /**
   * @param readers         opens the firehose's reader
   * @param kafkaDeadLetter opens a dead letter on the stream's Kafka (deadLetter type kafka), or null if there is none
   */
  public RealtimeTask(String id, TaskSpec.RealtimeIndexTask spec, long createdMillis, TaskEnvironment env,
                      TaskRecords records, RealtimeAnnouncer announcer, Supplier<StreamReader> readers,
                      Supplier<DeadLetter> kafkaDeadLetter) {
    super(id, spec, createdMillis, spec.spec().dataSchema(), spec.spec().tuningConfig().asStreamTuning(),
        spec.spec().inputFormat(), streamOf(spec.spec()), Map.of(), Map.of(), null, null,
        Duration.ofMillis(100), env, records, announcer);
    this.realtime = spec.spec();
    this.rt = realtime.tuningConfig();
    this.availabilityGroup = spec.availabilityGroup();
    this.readers = readers;
    this.kafkaDeadLetter = kafkaDeadLetter;
    this.env = env;
    this.intervals = realtime.dataSchema().granularitySpec().intervals();
    this.clips = realtime.ioConfig().clipIntervals();
    this.shutoffMillis = realtime.ioConfig().shutoffMillis();
    this.windowMillis = rt.windowMillis();
    this.source = realtime.ioConfig().firehose().source();
  }

  private static String streamOf(RealtimeSpec spec) {
    return spec.ioConfig().firehose().source() instanceof Firehose.Kafka k ? k.feed() : null;
  }

  @Override
  protected StreamReader openReader() {
    StreamReader r = readers.get();
    return shutoffMillis == Long.MAX_VALUE ? r : new TimedReader(r, shutoffMillis);
  }

  @Override
  protected Map<String, String> startPositions(StreamReader reader) {
    if (!(source instanceof Firehose.Kafka)) {
      return Map.of();
    }
    Map<String, String> committed = env.metadataStore().streamOffsets(dataSource())
        .filter(o -> o.stream().equals(stream())).map(StreamOffsets::partitions).orElse(Map.of());
    List<String> partitions = reader.listPartitions();
    while (partitions.isEmpty()) {
      // The topic does not exist yet (a realtime node started before its producer): wait for it.
      LOG.info("Task [{}]: topic [{}] has no partitions yet; waiting", id(), stream());
      try {
        Thread.sleep(1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        requestShutdown();
      }
      checkShutdown();
      partitions = reader.listPartitions();
    }
    Map<String, String> starts = new HashMap<>();
    for (String p : partitions) {
      starts.put(p, committed.get(p));
    }
    return starts;
  }

  @Override
  protected Rejection reject(long t, long nowMillis) {
    if (!intervals.isEmpty() && intervals.stream().noneMatch(i -> i.contains(t))) {
      return outsideIntervals("outside the granularitySpec intervals " + intervals);
    }
    for (Interval clip : clips) {
      if (!clip.contains(t)) {
        return outsideIntervals("outside the clipped firehose's interval " + clip);
      }
    }
    switch (rt.rejection()) {
      case SERVER_TIME -> {
        if (t < nowMillis - windowMillis) {
          return late("older than the server time minus windowPeriod " + rt.windowPeriod() + " ("
              + DateTimes.format(nowMillis - windowMillis) + ")");
        }
        if (t > nowMillis + windowMillis) {
          return early("newer than the server time plus windowPeriod " + rt.windowPeriod() + " ("
              + DateTimes.format(nowMillis + windowMillis) + ")");
        }
      }
      case MESSAGE_TIME -> {
        if (maxMessageTime != Long.MIN_VALUE && t < maxMessageTime - windowMillis) {
          return late("older than the newest row's time minus windowPeriod " + rt.windowPeriod() + " ("
              + DateTimes.format(maxMessageTime - windowMillis) + ")");
        }
        maxMessageTime = Math.max(maxMessageTime, t);
      }
      case NONE -> {
      }
    }
    return null;
  }

  @Override
  protected Predicate<Interval> handOffNow(StreamAppender appender, long nowMillis) {
    long clock = switch (rt.rejection()) {
      case SERVER_TIME -> nowMillis;
      case MESSAGE_TIME -> maxMessageTime;
      case NONE -> Long.MIN_VALUE;
    };
    if (clock == Long.MIN_VALUE) {
      return null;
    }
    long closedBefore = clock - windowMillis;
    boolean anyDue = false;
    for (Interval chunk : appender.chunks()) {
      if (chunk.end() <= closedBefore) {
        anyDue = true;
        break;
      }
    }
    if (!anyDue) {
      return null;
    }
    // Committed offsets cover every chunk's rows, so with them everything is handed off together.
    return commitsPositions() ? chunk -> true : chunk -> chunk.end() <= closedBefore;
  }

  @Override
  protected MetadataStore.ReplicaSequences sequencesFor(List<Interval> chunks) {
    if (availabilityGroup == null) {
      return null;
    }
    List<String> names = new ArrayList<>();
    for (Interval chunk : chunks) {
      names.add(availabilityGroup + "_" + chunk);
    }
    return new MetadataStore.ReplicaSequences(id(), names);
  }

  @Override
  protected String replicaGroup() {
    return availabilityGroup;
  }

  @Override
  protected DeadLetter openDeadLetter() {
    if ("kafka".equals(rt.deadLetter().type())) {
      if (kafkaDeadLetter == null) {
        throw new io.strata.api.error.InvalidInputException("deadLetter.type", "deadLetter type kafka needs a Kafka "
            + "firehose (its brokers receive the rejected rows)");
      }
      return kafkaDeadLetter.get();
    }
    return super.openDeadLetter();
  }

  @Override
  protected String nextVersion() {
    return Versions.next(System.currentTimeMillis());
  }

  /** A reader that finishes at a shut-off time (the {@code timed} firehose). */
  private static final class TimedReader implements StreamReader {
    private final StreamReader delegate;
    private final long shutoffMillis;

    TimedReader(StreamReader delegate, long shutoffMillis) {
      this.delegate = delegate;
      this.shutoffMillis = shutoffMillis;
    }

    @Override
    public void assign(Map<String, String> startPositions) {
      delegate.assign(startPositions);
    }

    @Override
    public List<StreamRecord> poll(Duration timeout) {
      return delegate.poll(timeout);
    }

    @Override
    public Map<String, String> positions() {
      return delegate.positions();
    }

    @Override
    public Map<String, String> endPositions() {
      return delegate.endPositions();
    }

    @Override
    public Map<String, Long> lagMillis() {
      return delegate.lagMillis();
    }

    @Override
    public List<String> listPartitions() {
      return delegate.listPartitions();
    }

    @Override
    public boolean isFinished() {
      return System.currentTimeMillis() >= shutoffMillis || delegate.isFinished();
    }

    @Override
    public void close() {
      delegate.close();
    }
  }
}
