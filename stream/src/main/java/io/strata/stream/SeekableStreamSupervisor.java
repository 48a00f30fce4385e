package io.strata.stream;

import io.strata.api.error.Messages;
import io.strata.api.spec.SupervisorSpec;
import io.strata.api.spec.TaskSpec;
import io.strata.api.spec.stream.StreamSupervisorIoConfig;
import io.strata.api.time.DateTimes;
import io.strata.ingest.AbstractTask;
import io.strata.ingest.TaskRunner;
import io.strata.ingest.TaskState;
import io.strata.metadata.MetadataStore;
import io.strata.metadata.StreamOffsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Druid's seekable-stream supervisor, for any stream with partitions and positions (Kafka, Kinesis): the partitions
 * are spread over {@code taskCount} task groups; each group has one task reading ({@code replicas} tasks reading the
 * same positions, see {@link #endSequence}). After {@code taskDuration} the task
 * stops reading and hands off, and the group's next task starts at once from where it stopped — it publishes after
 * its predecessor, whose publish moves the committed positions to exactly where the new task began, so nothing is
 * read twice or skipped. If a publish fails, the task that followed it is stopped too and the group starts again from
 * the committed positions. A partition without committed positions starts at the earliest or latest record.
 * Partitions added to the stream join their group at its next task.
 *
 * <p>What differs per stream — listing partitions, their edges, grouping, lag, the task spec — is left to subclasses.
 * All the supervising happens on one scheduler thread, every second (partitions and stream positions are read every
 * {@code period}); status requests read volatile snapshots.
 */
public abstract class SeekableStreamSupervisor implements Supervisor, OffsetResettable {
  private static final Logger LOG = LoggerFactory.getLogger(SeekableStreamSupervisor.class);
  private static final SecureRandom RANDOM = new SecureRandom();
  /** Druid's {@code druid.supervisor.maxStoredExceptionEvents}. */
  private static final int MAX_RECENT_ERRORS = 3;
  /** Druid's {@code druid.supervisor.unhealthinessThreshold}: consecutive failed runs before UNHEALTHY_SUPERVISOR. */
  private static final int UNHEALTHY_RUNS = 3;
  private static final long TICK_MILLIS = 1000;
  private static final Duration STOP_READING_TIMEOUT = Duration.ofSeconds(30);
  /** Consecutive task failures after which the supervisor reports UNHEALTHY_TASKS. */
  private static final int UNHEALTHY_TASK_FAILURES = 3;

  /** The spec as submitted, with the auto-scaler's taskCount once it scaled. */
  private volatile SupervisorSpec spec;
  private volatile java.util.function.Consumer<SupervisorSpec> specListener = s -> { };
  private final StreamSupervisorIoConfig io;
  private final TaskRunner tasks;
  private final MetadataStore store;
  private final ScheduledExecutorService scheduler;
  private final long createdMillis = System.currentTimeMillis();
  private final Deque<Map<String, Object>> recentErrors = new ArrayDeque<>();
  /** Per task group, its reading task: {@code replicas} of them, reading the same positions. */
  private final Map<Integer, List<String>> reading = new TreeMap<>();
  /** Per group with replicas, where the coordinated end of its last sequence put the next task's start. */
  private final Map<Integer, Map<String, String>> nextStarts = new HashMap<>();
  /** Each publishing replica's sequence, and the sequences a replica has published. */
  private final Map<String, String> sequenceOf = new HashMap<>();
  private final java.util.Set<String> publishedSequences = new java.util.HashSet<>();
  private static final Duration PAUSE_TIMEOUT = Duration.ofSeconds(30);
  private final Map<Integer, List<String>> publishing = new TreeMap<>();
  private volatile List<String> partitions = List.of();
  /** Partition ids in Druid's listing order. */
  private static final java.util.Comparator<String> PARTITION_ORDER = StreamingTask.PARTITION_ORDER;

  /** Where each partition ends, as last fetched; empty for a stream that cannot tell (Kinesis). */
  private volatile Map<String, String> latestOffsets = Map.of();
  /** With useEarliest..., where each partition begins (for the lag of partitions not read yet). */
  private volatile Map<String, String> earliestOffsets = Map.of();
  private volatile long offsetsUpdatedMillis;
  private long lastDiscoveryMillis;
  private volatile boolean everConnected;
  private volatile String state = "PENDING";
  private volatile String detailedState = "PENDING";
  private volatile boolean stopped;
  private int taskFailures;
  private int failedRuns;
  /** The lag-based auto-scaler, or null. */
  private final io.strata.api.spec.stream.LagBasedAutoScalerConfig scaler;
  /** Task groups now: {@code ioConfig.taskCount}, or what the auto-scaler last chose. */
  private volatile int taskCount;
  private final Deque<Long> lagSamples = new ArrayDeque<>();
  private long startedMillis;
  private long lastLagSampleMillis;
  private long lastScaleCheckMillis;
  private long lastScaleActionMillis = Long.MIN_VALUE / 2;
  /** After a scale action: every old task finishes its hand-off before tasks of the new grouping start. */
  private boolean regrouping;

  /** @param io the spec's ioConfig */
  protected SeekableStreamSupervisor(SupervisorSpec spec, StreamSupervisorIoConfig io, TaskRunner tasks,
                                     MetadataStore store) {
    this.spec = spec;
    this.io = io;
    this.tasks = tasks;
    this.store = store;
    this.scaler = io.autoScaler();
    // As Druid documents it: with the auto-scaler on, ioConfig.taskCount (also one the scaler wrote back) is not
    // where a supervisor starts; taskCountStart (default taskCountMin) is.
    this.taskCount = scaler != null ? scaler.taskCountStart() : io.taskCount();
    this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "supervisor-" + spec.id());
      t.setDaemon(true);
      return t;
    });
  }

  // ------------------------------------------------------------------------------------ what each stream supplies

  @Override
  public void onSpecChanged(java.util.function.Consumer<SupervisorSpec> listener) {
    specListener = listener;
  }

  /** The stream's partitions now, with their edges where the stream can tell them. */
  public record StreamView(List<String> partitions, Map<String, String> latest, Map<String, String> earliest) {
  }

  /**
   * Lists the stream's partitions (and, where it can, their latest and earliest positions). Throws when the stream
   * cannot be reached or does not exist; the supervisor then reports it and retries.
   */
  protected abstract StreamView discover();

  /**
   * Where these partitions, which have no committed position, start: their earliest or latest record. A stream may
   * leave a partition out (or map it to null): then its task resolves the edge when it starts reading, and commits
   * it at once.
   */
  protected abstract Map<String, String> edgePositions(List<String> partitions, boolean earliest);

  /** The task group (0 to {@code taskCount} - 1) that reads a partition. */
  protected abstract int groupOf(String partition, int taskCount);

  /**
   * The spec of a task reading {@code starts} (partition to first position) for a group.
   *
   * @param taskId   the task's id
   * @param baseName the base sequence name, shared by the replicas of the group
   * @param context  the task's context (the supervisor's id; {@code replicas} when more than one)
   * @param minimumMessageTime rows before this ISO time are rejected late; null: none
   * @param maximumMessageTime rows after this ISO time are rejected early; null: none
   */
  protected abstract TaskSpec taskSpec(int group, String taskId, String baseName, Map<String, String> starts,
                                       String minimumMessageTime, String maximumMessageTime,
                                       Map<String, Object> context);

  /** The task type its ids start with: {@code index_kafka}, {@code index_kinesis}. */
  protected abstract String taskType();

  /**
   * Per partition, the lag of ingestion: {@code positions} are where reading is (the reading tasks, else the
   * committed positions); partitions neither covers count from their earliest position with useEarliest...
   */
  protected abstract Map<String, Long> partitionLag(Map<String, String> positions, Map<String, String> latest,
                                                    Map<String, String> earliest, List<StreamingTask> readingTasks);

  /** A position as Druid's status shows it: Kafka offsets are numbers, Kinesis sequence numbers strings. */
  protected abstract Object positionJson(String position);

  /** The status payload's names of the per-partition and total lag. */
  protected String[] lagFields() {
    return new String[] {"minimumLag", "aggregateLag"};
  }

  /** A reading task's lag per partition, for its entry in the status; null to leave it out. */
  protected abstract Map<String, Long> taskLag(StreamingTask task, Map<String, String> latest);

  /**
   * Refuses a position a user gives ({@code resetOffsets}) that is not one of this stream's.
   *
   * @throws io.strata.api.error.InvalidInputException naming the partition
   */
  protected abstract void checkPosition(String partition, String position);

  /** Releases what {@link #discover} holds (a client); called after errors and at stop, on the supervising thread. */
  protected abstract void closeStream();

  /** The committed positions, or empty. */
  private Map<String, String> committed() {
    return store.streamOffsets(spec.dataSource()).filter(o -> o.stream().equals(io.stream()))
        .map(StreamOffsets::partitions).orElse(Map.of());
  }

  @Override
  public SupervisorSpec spec() {
    return spec;
  }

  @Override
  public void start() {
    if (spec.suspended()) {
      state = "SUSPENDED";
      detailedState = "SUSPENDED";
    }
    startedMillis = System.currentTimeMillis() + io.startDelayMillis();
    scheduler.scheduleWithFixedDelay(this::tick, io.startDelayMillis(), TICK_MILLIS, TimeUnit.MILLISECONDS);
  }

  @Override
  public void stop(boolean handOff) {
    stopped = true;
    state = "STOPPING";
    detailedState = "STOPPING";
    scheduler.shutdown();
    try {
      scheduler.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    synchronized (this) {
      List<StreamingTask> stopping = new ArrayList<>();
      for (Map.Entry<Integer, List<String>> e : reading.entrySet()) {
        if (handOff) {
          e.getValue().forEach(id -> task(id).ifPresent(stopping::add));
          endSequence(e.getKey(), e.getValue());
        } else {
          e.getValue().forEach(id -> task(id).ifPresent(AbstractTask::requestShutdown));
        }
      }
      reading.clear();
      closeStream();
      // Suspend and terminate return once nothing more is read, so records sent afterwards wait for a resume.
      for (StreamingTask t : stopping) {
        try {
          if (!t.awaitReadingStopped(STOP_READING_TIMEOUT)) {
            LOG.warn("Supervisor [{}]: task [{}] still reading {} after being asked to stop", spec.id(), t.id(),
                STOP_READING_TIMEOUT);
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  @Override
  public synchronized void reset() {
    reading.values().forEach(ids -> ids.forEach(id -> task(id).ifPresent(AbstractTask::requestShutdown)));
    reading.clear();
    for (List<String> ids : publishing.values()) {
      ids.forEach(id -> task(id).ifPresent(AbstractTask::requestShutdown));
    }
    publishing.clear();
    sequenceOf.clear();
    publishedSequences.clear();
    nextStarts.clear();
    store.resetStreamOffsets(spec.dataSource());
    LOG.info("Supervisor [{}]: reset; committed offsets forgotten, tasks restart from the {} offsets", spec.id(),
        io.startsAtEarliest() ? "earliest" : "latest");
  }

  /** Replaces the committed offsets of some partitions and restarts the tasks reading them. */
  @Override
  public synchronized void resetOffsets(String stream, Map<String, String> offsets) {
    if (!stream.equals(io.stream())) {
      throw new io.strata.api.error.InvalidInputException("stream", "supervisor [" + spec.id() + "] reads ["
          + io.stream() + "], not [" + stream + "]");
    }
    offsets.forEach(this::checkPosition);
    Map<String, String> m = new TreeMap<>(offsets);
    reading.values().forEach(ids -> ids.forEach(id -> task(id).ifPresent(AbstractTask::requestShutdown)));
    reading.clear();
    store.setStreamOffsets(spec.dataSource(), new StreamOffsets(io.stream(), m));
  }

  private java.util.Optional<StreamingTask> task(String id) {
    return tasks.liveTask(id).filter(t -> t instanceof StreamingTask).map(t -> (StreamingTask) t);
  }

  // ------------------------------------------------------------------------------------------------- the loop

  private synchronized void tick() {
    if (stopped) {
      return;
    }
    try {
      long now = System.currentTimeMillis();
      if (partitions.isEmpty() || now - lastDiscoveryMillis >= io.periodMillis()) {
        refreshStream();
        lastDiscoveryMillis = now;
      }
      if (scaler != null && !spec.suspended()) {
        autoScale(now);
      }
      if (!regrouping || regroupDone()) {
        for (int group = 0; group < taskCount; group++) {
          manage(group, now);
        }
      }
      failedRuns = 0;
      updateState();
    } catch (RuntimeException e) {
      recordError(e);
      failedRuns++;
      // As Druid: still RUNNING while (re)connecting, UNHEALTHY_SUPERVISOR after three failed runs in a row.
      if (failedRuns >= UNHEALTHY_RUNS) {
        state = "UNHEALTHY_SUPERVISOR";
        detailedState = everConnected ? "LOST_CONTACT_WITH_STREAM" : "UNABLE_TO_CONNECT_TO_STREAM";
      } else if (!spec.suspended()) {
        state = "RUNNING";
        detailedState = everConnected ? "LOST_CONTACT_WITH_STREAM" : "CONNECTING_TO_STREAM";
      }
      closeStream();
    }
  }

  // ------------------------------------------------------------------------------------------- auto-scaling

  /** Samples the lag and, every scaleActionPeriodMillis, scales the task count (see LagBasedAutoScalerConfig). */
  private void autoScale(long now) {
    if (now - startedMillis < scaler.scaleActionStartDelayMillis() || regrouping) {
      return;
    }
    if (now - lastLagSampleMillis >= scaler.lagCollectionIntervalMillis()) {
      lastLagSampleMillis = now;
      lagSamples.addLast(aggregateLag());
      while (lagSamples.size() > scaler.samples()) {
        lagSamples.removeFirst();
      }
    }
    if (now - lastScaleCheckMillis < scaler.scaleActionPeriodMillis()) {
      return;
    }
    lastScaleCheckMillis = now;
    int desired = desiredTaskCount();
    if (desired != taskCount && now - lastScaleActionMillis >= scaler.minTriggerScaleActionFrequencyMillis()) {
      scaleTo(desired, now);
    }
  }

  private long aggregateLag() {
    Map<String, Long> lag = lag();
    long sum = 0;
    long max = 0;
    for (long l : lag.values()) {
      sum += l;
      max = Math.max(max, l);
    }
    return switch (scaler.lagAggregate()) {
      case "MAX" -> max;
      case "AVERAGE" -> lag.isEmpty() ? 0 : sum / lag.size();
      default -> sum;
    };
  }

  /** Druid's lag-based rule over the samples kept; the current count when neither threshold is met. */
  private int desiredTaskCount() {
    if (lagSamples.isEmpty()) {
      return taskCount;
    }
    int beyond = 0;
    int within = 0;
    for (long lag : lagSamples) {
      if (lag >= scaler.scaleOutThreshold()) {
        beyond++;
      }
      if (lag <= scaler.scaleInThreshold()) {
        within++;
      }
    }
    int n = lagSamples.size();
    // More tasks than partitions would read nothing.
    int max = Math.min(scaler.taskCountMax(), Math.max(1, partitions.size()));
    if ((double) beyond / n >= scaler.triggerScaleOutFractionThreshold() && taskCount < max) {
      return Math.min(taskCount + scaler.scaleOutStep(), max);
    }
    if ((double) within / n >= scaler.triggerScaleInFractionThreshold() && taskCount > scaler.taskCountMin()) {
      return Math.max(taskCount - scaler.scaleInStep(), scaler.taskCountMin());
    }
    return taskCount;
  }

  /**
   * As Druid: the reading tasks stop and hand off what they read; tasks of the new grouping start from the
   * committed offsets once every hand-off is done, so no partition is read by two groups at once.
   */
  private void scaleTo(int desired, long now) {
    LOG.info("Supervisor [{}]: auto-scaling from {} to {} task(s); lag samples {}", spec.id(), taskCount, desired,
        lagSamples);
    reading.forEach(this::endSequence);
    reading.clear();
    taskCount = desired;
    regrouping = true;
    lastScaleActionMillis = now;
    // As Druid: the spec's taskCount follows the scaling, stored as a new version of the spec.
    try {
      spec = spec.withTaskCount(desired);
      specListener.accept(spec);
    } catch (RuntimeException e) {
      LOG.warn("Supervisor [{}]: the scaled taskCount {} could not be stored: {}", spec.id(), desired, e.getMessage());
    }
  }

  /** True (and the old grouping forgotten) once no task of the old grouping is still reading or publishing. */
  private boolean regroupDone() {
    for (List<String> ids : publishing.values()) {
      for (String id : ids) {
        java.util.Optional<StreamingTask> t = task(id);
        if (t.isPresent() && !t.get().state().isComplete()) {
          return false;
        }
      }
    }
    for (List<String> ids : publishing.values()) {
      for (String id : ids) {
        task(id).filter(t -> t.state() == TaskState.FAILED).ifPresent(t -> failed(id, t.errorMsg()));
      }
    }
    publishing.clear();
    reading.clear();
    regrouping = false;
    LOG.info("Supervisor [{}]: hand-offs done; starting {} task group(s)", spec.id(), taskCount);
    return true;
  }

  private void updateState() {
    if (spec.suspended()) {
      state = "SUSPENDED";
      detailedState = "SUSPENDED";
    } else if (taskFailures >= UNHEALTHY_TASK_FAILURES) {
      state = "UNHEALTHY_TASKS";
      detailedState = "UNHEALTHY_TASKS";
    } else {
      state = "RUNNING";
      detailedState = "RUNNING";
    }
  }

  private void refreshStream() {
    StreamView view = discover();
    java.util.TreeSet<String> keys = new java.util.TreeSet<>(PARTITION_ORDER);
    keys.addAll(view.partitions());
    Map<String, String> latest = new TreeMap<>(PARTITION_ORDER);
    latest.putAll(view.latest());
    earliestOffsets = Map.copyOf(view.earliest());
    partitions = List.copyOf(keys);
    latestOffsets = java.util.Collections.unmodifiableMap(latest);
    offsetsUpdatedMillis = System.currentTimeMillis();
    everConnected = true;
  }

  private List<String> partitionsOf(int group) {
    List<String> out = new ArrayList<>();
    for (String p : partitions) {
      if (groupOf(p, taskCount) == group) {
        out.add(p);
      }
    }
    return out;
  }

  private void manage(int group, long now) {
    List<String> parts = partitionsOf(group);
    List<String> pub = publishing.computeIfAbsent(group, g -> new ArrayList<>());
    boolean publishFailed = false;
    for (var it = pub.iterator(); it.hasNext(); ) {
      String id = it.next();
      java.util.Optional<StreamingTask> t = task(id);
      if (t.isEmpty() || t.get().state().isComplete()) {
        it.remove();
        String sequence = sequenceOf.remove(id);
        if (t.isPresent() && t.get().state() == TaskState.FAILED) {
          failed(id, t.get().errorMsg());
          // A replica's failure matters only when no replica of its sequence published or is still publishing.
          boolean covered = sequence != null && (publishedSequences.contains(sequence)
              || sequenceOf.containsValue(sequence));
          publishFailed |= !covered;
        } else {
          taskFailures = 0;
          if (sequence != null && sequenceOf.containsValue(sequence)) {
            publishedSequences.add(sequence);
          }
        }
        if (sequence != null && !sequenceOf.containsValue(sequence)) {
          publishedSequences.remove(sequence);
        }
      } else if (t.get().isPublishing() && now - t.get().readingStartedMillis()
          >= io.taskDurationMillis() + io.completionTimeoutMillis()) {
        LOG.warn("Supervisor [{}]: task [{}] did not hand off within completionTimeout {}; failing it", spec.id(), id,
            io.completionTimeout());
        t.get().requestShutdown();
      }
    }
    List<String> readingIds = reading.getOrDefault(group, List.of());
    if (!readingIds.isEmpty()) {
      List<String> alive = new ArrayList<>();
      boolean endedByItself = false;
      for (String id : readingIds) {
        java.util.Optional<StreamingTask> t = task(id);
        if (t.isEmpty() || t.get().state().isComplete()) {
          if (t.isPresent() && t.get().state() == TaskState.FAILED) {
            failed(id, t.get().errorMsg());
            sequenceOf.remove(id);
          } else if (t.isPresent()) {
            pub.add(id); // finished by itself (end positions): let the next pass see it complete
            endedByItself = true;
          }
        } else {
          alive.add(id);
        }
      }
      if (alive.isEmpty()) {
        reading.remove(group);
      } else if (publishFailed) {
        // They started where a failed publish should have ended: their records must be read again.
        alive.forEach(id -> task(id).ifPresent(AbstractTask::requestShutdown));
        reading.remove(group);
      } else if (spec.suspended() || endedByItself || dueToEnd(alive, now)) {
        endSequence(group, alive);
        reading.remove(group);
      } else {
        reading.put(group, alive);
      }
    }
    if (reading.containsKey(group) || spec.suspended() || parts.isEmpty()) {
      return;
    }
    // The next task starts where its predecessors stopped reading, or else at the committed positions.
    Map<String, String> starts = new TreeMap<>();
    StreamingTask predecessor = null;
    for (String id : pub) {
      java.util.Optional<StreamingTask> t = task(id);
      if (t.isPresent() && !t.get().state().isComplete()) {
        if (!t.get().isPublishing() && !nextStarts.containsKey(group)) {
          return; // still reading its last batch: its end is not known yet
        }
        predecessor = t.get();
      }
    }
    Map<String, String> predecessorEnd = predecessor == null ? Map.of()
        : nextStarts.getOrDefault(group, predecessor.currentPositions());
    if (predecessor == null) {
      nextStarts.remove(group);
    }
    Map<String, String> committed = committed();
    List<String> fromEdge = new ArrayList<>();
    for (String p : parts) {
      String at = predecessorEnd.get(p);
      if (at == null) {
        at = committed.get(p);
      }
      if (at == null) {
        fromEdge.add(p);
      } else {
        starts.put(p, at);
      }
    }
    if (!fromEdge.isEmpty()) {
      Map<String, String> edge = edgePositions(fromEdge, io.startsAtEarliest());
      for (String p : fromEdge) {
        starts.put(p, edge.get(p)); // null: the task resolves the edge
      }
    }
    reading.put(group, startTasks(group, starts, now));
  }

  /** Whether the group's sequence should end: taskDuration passed, or a replica's hand-off is due. */
  private boolean dueToEnd(List<String> ids, long now) {
    for (String id : ids) {
      java.util.Optional<StreamingTask> t = task(id);
      if (t.isPresent() && (t.get().handOffRequested() || t.get().readingStartedMillis() > 0
          && now - t.get().readingStartedMillis() >= io.taskDurationMillis())) {
        return true;
      }
    }
    return false;
  }

  /**
   * Ends the reading sequence of a group: its task stops reading and hands off. Replicas end together (as Druid
   * does it): each pauses and tells where it is, all are given the furthest of those positions as their end, and
   * resume; each reads to there and hands off, and the group's next task starts there. The ended tasks move to
   * the publishing ones.
   */
  private void endSequence(int group, List<String> ids) {
    List<String> pub = publishing.computeIfAbsent(group, g -> new ArrayList<>());
    if (replicas() == 1) {
      for (String id : ids) {
        task(id).ifPresent(t -> {
          t.stopReading();
          pub.add(id);
        });
      }
      return;
    }
    Map<String, String> end = new TreeMap<>();
    List<StreamingTask> paused = new ArrayList<>();
    for (String id : ids) {
      java.util.Optional<StreamingTask> t = task(id);
      if (t.isEmpty()) {
        continue;
      }
      Map<String, String> at;
      try {
        at = t.get().pause(PAUSE_TIMEOUT);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        at = null;
      }
      if (at == null) {
        LOG.warn("Supervisor [{}]: replica [{}] did not pause within {}; stopping it", spec.id(), id,
            PAUSE_TIMEOUT);
        t.get().requestShutdown();
        pub.add(id);
        continue;
      }
      at.forEach((p, position) -> end.merge(p, position, (x, y) -> StreamPositions.compare(x, y) >= 0 ? x : y));
      paused.add(t.get());
    }
    for (StreamingTask t : paused) {
      t.endAt(end);
      pub.add(t.id());
    }
    nextStarts.put(group, end);
    LOG.info("Supervisor [{}]: group {} replicas {} end at {}", spec.id(), group, ids, end);
  }

  private int replicas() {
    return io.replicas();
  }

  /** Starts the group's {@code replicas} tasks, all reading {@code starts}; returns their ids. */
  private List<String> startTasks(int group, Map<String, String> starts, long now) {
    String min = null;
    if (io.lateMessageRejectionStartDateTime() != null) {
      min = io.lateMessageRejectionStartDateTime();
    } else if (io.lateMessageRejectionPeriod() != null) {
      min = DateTimes.format(now - io.lateMessagePeriodMillis());
    }
    String max = io.earlyMessageRejectionPeriod() == null ? null
        : DateTimes.format(now + io.taskDurationMillis() + io.earlyMessagePeriodMillis());
    String base = taskType() + "_" + spec.dataSource() + "_" + randomSuffix();
    List<String> ids = new ArrayList<>();
    for (int r = 0; r < replicas(); r++) {
      String taskId = replicas() == 1 ? base : base + "_" + randomSuffix();
      Map<String, Object> context = new LinkedHashMap<>();
      context.put("supervisorId", spec.id());
      if (replicas() > 1) {
        context.put(StreamingTask.REPLICAS_CONTEXT, replicas());
      }
      String id = tasks.submit(taskSpec(group, taskId, base, starts, min, max, context));
      ids.add(id);
      if (replicas() > 1) {
        sequenceOf.put(id, base);
      }
    }
    LOG.info("Supervisor [{}]: started task(s) {} for partitions {} at {}", spec.id(), ids, starts.keySet(), starts);
    return ids;
  }

  private static String randomSuffix() {
    StringBuilder r = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      r.append((char) ('a' + RANDOM.nextInt(26)));
    }
    return r.toString();
  }

  private void failed(String taskId, String message) {
    taskFailures++;
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("timestamp", DateTimes.format(System.currentTimeMillis()));
    e.put("exceptionClass", "TaskFailed");
    e.put("message", "task [" + taskId + "] failed: " + message);
    e.put("streamException", false);
    addError(e);
  }

  private void recordError(Exception ex) {
    LOG.warn("Supervisor [{}]: {}", spec.id(), ex.getMessage());
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("timestamp", DateTimes.format(System.currentTimeMillis()));
    e.put("exceptionClass", "StreamError");
    e.put("message", Messages.scrub(ex.getMessage()));
    e.put("streamException", true);
    addError(e);
  }

  private synchronized void addError(Map<String, Object> e) {
    recentErrors.addLast(e);
    while (recentErrors.size() > MAX_RECENT_ERRORS) {
      recentErrors.pollFirst();
    }
  }

  // ----------------------------------------------------------------------------------------------- reporting

  @Override
  public String state() {
    return state;
  }

  @Override
  public String detailedState() {
    return detailedState;
  }

  @Override
  public boolean healthy() {
    return !state.startsWith("UNHEALTHY");
  }

  @Override
  public synchronized Map<String, Object> status() {
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("dataSource", spec.dataSource());
    payload.put("stream", io.stream());
    payload.put("partitions", partitions.size());
    payload.put("replicas", io.replicas());
    payload.put("durationSeconds", io.taskDurationMillis() / 1000);
    List<Map<String, Object>> active = new ArrayList<>();
    reading.values().forEach(ids -> ids.forEach(id -> task(id).ifPresent(t -> active.add(taskReport(t,
        "ACTIVE")))));
    payload.put("activeTasks", active);
    List<Map<String, Object>> pub = new ArrayList<>();
    publishing.values().forEach(ids -> ids.forEach(id -> task(id).ifPresent(t -> pub.add(taskReport(t,
        "PUBLISHING")))));
    payload.put("publishingTasks", pub);
    // As Druid: latestOffsets and offsetsLastUpdated appear once the stream's offsets were fetched.
    if (offsetsUpdatedMillis != 0 && !latestOffsets.isEmpty()) {
      payload.put("latestOffsets", asJson(latestOffsets));
    }
    Map<String, Long> lag = lag();
    String[] lagFields = lagFields();
    payload.put(lagFields[0], lag);
    payload.put(lagFields[1], lag.values().stream().mapToLong(Long::longValue).sum());
    if (offsetsUpdatedMillis != 0 && !latestOffsets.isEmpty()) {
      payload.put("offsetsLastUpdated", DateTimes.format(offsetsUpdatedMillis));
    }
    payload.put("suspended", spec.suspended());
    payload.put("healthy", healthy());
    payload.put("state", state);
    payload.put("detailedState", detailedState);
    payload.put("recentErrors", new ArrayList<>(recentErrors));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", spec.id());
    out.put("generationTime", DateTimes.format(System.currentTimeMillis()));
    out.put("payload", payload);
    return out;
  }

  /** Positions as the status shows them ({@link #positionJson}), in partition order. */
  private Map<String, Object> asJson(Map<String, String> positions) {
    Map<String, Object> out = new TreeMap<>(PARTITION_ORDER);
    positions.forEach((p, at) -> out.put(p, positionJson(at)));
    return out;
  }

  /** Per partition, the lag (see {@link #partitionLag}), in partition order. */
  private Map<String, Long> lag() {
    Map<String, String> current = new HashMap<>(committed());
    List<StreamingTask> readingTasks = new ArrayList<>();
    // Of replicas, the furthest position counts (the served replica may be behind it; lag is conservative then).
    Map<String, String> reached = new HashMap<>();
    reading.values().forEach(ids -> ids.forEach(id -> task(id).ifPresent(t -> {
      t.currentPositions().forEach((p, at) -> reached.merge(p, at,
          (x, y) -> StreamPositions.compare(y, x) > 0 ? y : x));
      readingTasks.add(t);
    })));
    current.putAll(reached);
    Map<String, Long> out = new TreeMap<>(PARTITION_ORDER);
    out.putAll(partitionLag(current, latestOffsets, earliestOffsets, readingTasks));
    return out;
  }

  private Map<String, Object> taskReport(StreamingTask t, String type) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", t.id());
    m.put("startingOffsets", asJson(t.startingPositions()));
    m.put("startTime", t.readingStartedMillis() == 0 ? null : DateTimes.format(t.readingStartedMillis()));
    boolean publishing = type.equals("PUBLISHING");
    // A publishing task counts down its completionTimeout, an active one its taskDuration (as Druid shows them).
    long end = t.readingStartedMillis() + io.taskDurationMillis()
        + (publishing ? io.completionTimeoutMillis() : 0);
    long remaining = t.readingStartedMillis() == 0 ? io.taskDurationMillis() / 1000
        : Math.max(0, (end - System.currentTimeMillis()) / 1000);
    m.put("remainingSeconds", remaining);
    m.put("type", type);
    m.put("currentOffsets", asJson(t.currentPositions()));
    if (!publishing) {
      Map<String, Long> lag = taskLag(t, latestOffsets);
      if (lag != null) {
        m.put(lagFields()[0].equals("minimumLag") ? "lag" : "lagMillis", lag);
      }
    }
    return m;
  }

  @Override
  public synchronized Map<String, Object> stats() {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<Integer, List<String>> e : reading.entrySet()) {
      Map<String, Object> group = new LinkedHashMap<>();
      for (String id : e.getValue()) {
        task(id).ifPresent(t -> {
          @SuppressWarnings("unchecked")
          Map<String, Object> report = (Map<String, Object>) ((Map<String, Object>) t.report()
              .get("ingestionStatsAndErrors")).get("payload");
          group.put(t.id(), report.get("rowStats"));
        });
      }
      if (!group.isEmpty()) {
        out.put(Integer.toString(e.getKey()), group);
      }
    }
    return out;
  }

  protected long createdMillis() {
    return createdMillis;
  }
}
