package io.strata.stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A {@code receiver} firehose: events pushed over HTTP wait in a buffer of {@code bufferSize} events until the task
 * reads them; a push waits while the buffer is full (back-pressure on the client), up to a limit. Producers that send
 * {@code X-Firehose-Producer-Id} and {@code X-Firehose-Producer-Seq} get their retried pushes ignored (a sequence
 * number not above the last one seen), so retries do not double rows.
 *
 * <p>Pushed events are acknowledged once buffered: like Druid's, a push task that dies before its hand-off loses
 * them, and replicas are what keeps them. Thread-safe between the pushing threads and the one reading task.
 */
public final class ReceiverReader implements StreamReader {
  private static final Logger LOG = LoggerFactory.getLogger(ReceiverReader.class);
  /** Druid's limit on distinct producer ids per firehose. */
  static final int MAX_PRODUCERS = 10_000;
  private static final long OFFER_TIMEOUT_MILLIS = 30_000;
  private static final int MAX_POLL = 10_000;

  /** The outcome of a push. */
  public enum PushResult {
    ACCEPTED, SKIPPED_DUPLICATE, TOO_MANY_PRODUCERS, BUFFER_FULL, CLOSED
  }

  private final String serviceName;
  private final EventReceivers registry;
  private final BlockingQueue<byte[]> buffer;
  private final Map<String, Long> producerSequences = new ConcurrentHashMap<>();
  private volatile boolean closed;
  private volatile long shutoffMillis = Long.MAX_VALUE;
  private long read;

  public ReceiverReader(String serviceName, int bufferSize, EventReceivers registry) {
    this.serviceName = serviceName;
    this.registry = registry;
    this.buffer = new ArrayBlockingQueue<>(bufferSize);
  }

  @Override
  public void assign(Map<String, String> startPositions) {
    registry.register(serviceName, this);
    LOG.info("Receiving events at /druid/worker/v1/chat/{}/push-events", serviceName);
  }

  /**
   * Buffers a push's events (each the JSON of one event), in order.
   *
   * @param producerId  the {@code X-Firehose-Producer-Id}, or null
   * @param producerSeq its {@code X-Firehose-Producer-Seq} (required with a producer id)
   */
  public PushResult push(List<byte[]> events, String producerId, long producerSeq) throws InterruptedException {
    if (closed) {
      return PushResult.CLOSED;
    }
    if (producerId != null) {
      synchronized (producerSequences) {
        Long last = producerSequences.get(producerId);
        if (last == null && producerSequences.size() >= MAX_PRODUCERS) {
          return PushResult.TOO_MANY_PRODUCERS;
        }
        if (last != null && producerSeq <= last) {
          return PushResult.SKIPPED_DUPLICATE;
        }
        producerSequences.put(producerId, producerSeq);
      }
    }
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(OFFER_TIMEOUT_MILLIS);
    for (byte[] e : events) {
      while (!buffer.offer(e, 200, TimeUnit.MILLISECONDS)) {
        if (closed) {
          return PushResult.CLOSED;
        }
        if (System.nanoTime() > deadline) {
          return PushResult.BUFFER_FULL;
        }
      }
    }
    return PushResult.ACCEPTED;
  }

  /** Stops receiving at {@code atMillis}: the task then hands off and ends. */
  public void shutoffAt(long atMillis) {
    shutoffMillis = atMillis;
  }

  @Override
  public List<StreamRecord> poll(Duration timeout) {
    List<StreamRecord> out = new ArrayList<>();
    try {
      byte[] first = buffer.poll(Math.min(timeout.toMillis(), 500), TimeUnit.MILLISECONDS);
      if (first == null) {
        return out;
      }
      out.add(new StreamRecord("0", Long.toString(read), first));
      read++;
      List<byte[]> more = new ArrayList<>();
      buffer.drainTo(more, MAX_POLL);
      for (byte[] e : more) {
        out.add(new StreamRecord("0", Long.toString(read), e));
        read++;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return out;
  }

  @Override
  public Map<String, String> positions() {
    return Map.of("0", Long.toString(read));
  }

  @Override
  public Map<String, String> endPositions() {
    return Map.of("0", Long.toString(read + buffer.size()));
  }

  @Override
  public boolean isFinished() {
    return System.currentTimeMillis() >= shutoffMillis && buffer.isEmpty();
  }

  @Override
  public void close() {
    closed = true;
    registry.unregister(serviceName, this);
    if (!buffer.isEmpty()) {
      LOG.warn("Receiver [{}] closed with {} events not read", serviceName, buffer.size());
    }
  }
}
