package io.strata.server.cli;

import io.strata.api.json.Json;
import io.strata.api.time.DateTimes;
import io.strata.testkit.gen.WikipediaGenerator;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Produces generated Wikipedia edits to a Kafka topic at a steady rate, stamped with the current time, on a thread
 * of its own until closed: the quickstart's stream of live events.
 */
final class WikipediaStreamer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WikipediaStreamer.class);

  private final KafkaProducer<byte[], byte[]> producer;
  private final String topic;
  private final int eventsPerSecond;
  private final WikipediaGenerator generator = new WikipediaGenerator(System.nanoTime(),
      WikipediaGenerator.DEFAULT_START_MILLIS, WikipediaGenerator.DEFAULT_HOURS);
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final Thread thread;
  private volatile boolean running = true;

  WikipediaStreamer(String bootstrapServers, String topic, int eventsPerSecond) {
    if (eventsPerSecond < 1) {
      throw new IllegalArgumentException("--rate must be at least 1 event per second, got " + eventsPerSecond);
    }
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    this.producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    this.topic = topic;
    this.eventsPerSecond = eventsPerSecond;
    this.thread = new Thread(this::run, "wikipedia-streamer");
    thread.setDaemon(true);
    thread.start();
  }

  long sent() {
    return sent.get();
  }

  private void run() {
    long start = System.nanoTime();
    long produced = 0;
    while (running) {
      // Catch up to where the rate says we should be, then sleep a tick: steady on average, bursts of ~rate/100.
      long due = (System.nanoTime() - start) / 1_000_000L * eventsPerSecond / 1000L;
      try {
        for (; produced < due && running; produced++) {
          Map<String, Object> event = generator.nextEvent();
          event.put("timestamp", DateTimes.format(System.currentTimeMillis()));
          producer.send(new ProducerRecord<>(topic, Json.MAPPER.writeValueAsBytes(event)), (m, e) -> {
            if (e == null) {
              sent.incrementAndGet();
            } else if (failed.getAndIncrement() % 10_000 == 0) {
              LOG.warn("Could not send an event to topic [{}]: {}", topic, e.getMessage());
            }
          });
        }
        Thread.sleep(10);
      } catch (InterruptedException e) {
        return;
      } catch (Exception e) {
        LOG.warn("Event generator stopped: {}", e.getMessage());
        return;
      }
    }
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
    try {
      thread.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    producer.close(java.time.Duration.ofSeconds(5));
  }
}
