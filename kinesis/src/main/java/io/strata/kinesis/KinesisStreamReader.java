package io.strata.kinesis;

import io.strata.api.spec.stream.KinesisTaskIoConfig;
import io.strata.stream.StreamReader;
import io.strata.stream.StreamRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ExpiredIteratorException;
import software.amazon.awssdk.services.kinesis.model.GetRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.ListShardsRequest;
import software.amazon.awssdk.services.kinesis.model.ListShardsResponse;
import software.amazon.awssdk.services.kinesis.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.Shard;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads assigned shards of one Kinesis stream with GetRecords, shard by shard in turn, from the positions of
 * {@link KinesisPositions}. A shard with nothing new is asked again after {@link #EMPTY_WAIT_MILLIS} (Kinesis allows
 * five reads per shard and second), a throttled one after the larger of {@code fetchDelayMillis} and three seconds;
 * an expired iterator is renewed from the position. A shard that was closed (resharding) and read to its end is
 * not read again. Lag is Kinesis's {@code MillisBehindLatest}. Not thread-safe.
 */
final class KinesisStreamReader implements StreamReader {
  private static final Logger LOG = LoggerFactory.getLogger(KinesisStreamReader.class);
  static final long EMPTY_WAIT_MILLIS = 200;
  private static final long THROTTLED_WAIT_MILLIS = 3000;

  private final KinesisClient client;
  private final String stream;
  private final boolean useEarliest;
  private final int fetchDelayMillis;
  private final int recordsPerFetch;
  private final Map<String, String> positions = new TreeMap<>();
  private final Map<String, ShardState> shards = new LinkedHashMap<>();
  private final Map<String, Long> lagMillis = new HashMap<>();

  private static final class ShardState {
    final String id;
    String iterator;
    long nextReadAt;
    boolean ended;

    ShardState(String id) {
      this.id = id;
    }
  }

  KinesisStreamReader(KinesisClient client, String stream, boolean useEarliest, int fetchDelayMillis,
                      int recordsPerFetch) {
    this.client = client;
    this.stream = stream;
    this.useEarliest = useEarliest;
    this.fetchDelayMillis = fetchDelayMillis;
    this.recordsPerFetch = recordsPerFetch;
  }

  @Override
  public void assign(Map<String, String> startPositions) {
    long now = System.currentTimeMillis();
    shards.clear();
    positions.clear();
    for (Map.Entry<String, String> e : startPositions.entrySet()) {
      String start = e.getValue() != null ? e.getValue()
          : useEarliest ? KinesisTaskIoConfig.TRIM_HORIZON : KinesisPositions.timestampMarker(now);
      positions.put(e.getKey(), start);
      shards.put(e.getKey(), new ShardState(e.getKey()));
    }
  }

  @Override
  public List<StreamRecord> poll(Duration timeout) {
    long deadline = System.currentTimeMillis() + timeout.toMillis();
    List<StreamRecord> out = new ArrayList<>();
    while (true) {
      long now = System.currentTimeMillis();
      long nextDue = Long.MAX_VALUE;
      for (ShardState s : shards.values()) {
        if (s.ended) {
          continue;
        }
        if (s.nextReadAt <= now) {
          read(s, out, now);
        }
        nextDue = Math.min(nextDue, s.nextReadAt);
      }
      now = System.currentTimeMillis();
      if (!out.isEmpty() || now >= deadline || nextDue == Long.MAX_VALUE) {
        return out;
      }
      sleep(Math.min(deadline, nextDue) - now);
    }
  }

  private void read(ShardState s, List<StreamRecord> out, long now) {
    try {
      if (s.iterator == null) {
        s.iterator = client.getShardIterator(KinesisPositions.iteratorRequest(stream, s.id, positions.get(s.id)))
            .shardIterator();
      }
      GetRecordsResponse r = client.getRecords(GetRecordsRequest.builder().shardIterator(s.iterator)
          .limit(recordsPerFetch).build());
      for (Record rec : r.records()) {
        out.add(new StreamRecord(s.id, rec.sequenceNumber(), rec.data().asByteArrayUnsafe()));
        positions.put(s.id, rec.sequenceNumber());
      }
      s.iterator = r.nextShardIterator();
      Long behind = r.millisBehindLatest();
      lagMillis.put(s.id, behind == null ? 0L : behind);
      if (s.iterator == null) {
        s.ended = true; // a closed shard, read to its end
        lagMillis.put(s.id, 0L);
        LOG.info("Kinesis stream [{}]: shard [{}] is closed and read to its end", stream, s.id);
        return;
      }
      boolean caughtUp = r.records().isEmpty() && (behind == null || behind == 0);
      s.nextReadAt = now + Math.max(fetchDelayMillis, caughtUp ? EMPTY_WAIT_MILLIS : 0);
    } catch (ExpiredIteratorException e) {
      s.iterator = null; // renewed from the position at the next read
    } catch (ProvisionedThroughputExceededException e) {
      s.nextReadAt = now + Math.max(fetchDelayMillis, THROTTLED_WAIT_MILLIS);
      LOG.debug("Kinesis stream [{}]: shard [{}] throttled; waiting", stream, s.id);
    } catch (ResourceNotFoundException e) {
      throw new IllegalStateException("Kinesis stream [" + stream + "] or its shard [" + s.id + "] does not exist",
          e);
    }
  }

  private static void sleep(long millis) {
    if (millis <= 0) {
      return;
    }
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public Map<String, String> positions() {
    return Map.copyOf(positions);
  }

  /** Kinesis cannot tell a shard's last sequence number without reading it: lag is {@link #lagMillis}. */
  @Override
  public Map<String, String> endPositions() {
    return Map.of();
  }

  @Override
  public Map<String, Long> lagMillis() {
    return Map.copyOf(lagMillis);
  }

  @Override
  public List<String> listPartitions() {
    return listShards(client, stream);
  }

  /** The ids of the stream's shards (open and closed ones still holding records). */
  static List<String> listShards(KinesisClient client, String stream) {
    List<String> out = new ArrayList<>();
    String next = null;
    do {
      ListShardsResponse r = client.listShards(next == null ? ListShardsRequest.builder().streamName(stream).build()
          : ListShardsRequest.builder().nextToken(next).build());
      for (Shard s : r.shards()) {
        out.add(s.shardId());
      }
      next = r.nextToken();
    } while (next != null);
    return out;
  }

  @Override
  public void close() {
    client.close();
  }
}
