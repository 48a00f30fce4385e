package io.strata.ingest;

import io.strata.api.data.SegmentId;
import io.strata.api.spec.TaskSpec;
import io.strata.metadata.DataSegment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Druid's {@code kill} task: permanently deletes unused segments — their metadata records, then their files in deep
 * storage — in batches of {@code batchSize}. Metadata goes first, so a crash between the two leaves only files no
 * record points to, which the next server start sweeps away ({@code DeepStorageSweep}); a record never points to
 * missing files. Used segments are never touched: marking unused ({@code DELETE /druid/coordinator/v1/datasources/…})
 * and killing stay two steps, as in Druid.
 */
public final class KillTask extends AbstractTask {
  private static final Logger LOG = LoggerFactory.getLogger(KillTask.class);

  private final TaskSpec.KillTask spec;
  private final TaskEnvironment env;
  private volatile int segmentsKilled;
  private volatile int batchesProcessed;

  public KillTask(String id, TaskSpec.KillTask spec, TaskEnvironment env, long createdMillis) {
    super(id, spec, createdMillis);
    this.spec = spec;
    this.env = env;
  }

  @Override
  protected void execute() {
    int remaining = spec.limit() == null ? Integer.MAX_VALUE : spec.limit();
    Long maxUsedStatusLastUpdated = spec.maxUsedStatusLastUpdatedMillis();
    LOG.info("Task [{}]: killing unused segments of [{}] in {}{}{}", id(), spec.dataSource(), spec.interval(),
        spec.versions() == null ? "" : " of versions " + spec.versions(),
        spec.limit() == null ? "" : ", at most " + spec.limit());
    while (remaining > 0) {
      checkShutdown();
      List<DataSegment> batch = env.metadataStore().killableSegments(spec.dataSource(), spec.interval(),
          spec.versions(), maxUsedStatusLastUpdated, Math.min(spec.batchSize(), remaining));
      // As Druid counts them: every fetch is a batch, the last (empty) one included.
      batchesProcessed++;
      if (batch.isEmpty()) {
        break;
      }
      List<SegmentId> ids = new ArrayList<>(batch.size());
      batch.forEach(s -> ids.add(s.id()));
      int deleted = env.metadataStore().deleteUnusedSegments(ids);
      for (DataSegment s : batch) {
        try {
          env.deepStorage().delete(s);
        } catch (IOException | RuntimeException e) {
          // The record is gone; the leftover directory is swept at the next server start.
          LOG.warn("Task [{}]: could not delete the files of segment [{}]: {}", id(), s.id(), e.getMessage());
        }
      }
      segmentsKilled += deleted;
      remaining -= batch.size();
    }
    LOG.info("Task [{}]: killed {} segment(s) of [{}] in {} batch(es)", id(), segmentsKilled, spec.dataSource(),
        batchesProcessed);
  }

  /** Druid's {@code killUnusedSegments} report. */
  @Override
  public Map<String, Object> report(TaskState state) {
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("numSegmentsKilled", segmentsKilled);
    payload.put("numBatchesProcessed", batchesProcessed);
    return reportOf("killUnusedSegments", payload);
  }
}
