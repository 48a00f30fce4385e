package io.strata.api.spec.stream;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.strata.api.error.InvalidInputException;
import io.strata.api.query.Specs;
import io.strata.api.time.DateTimes;
import io.strata.api.time.Interval;

import java.time.DateTimeException;
import java.util.Map;

/**
 * {@code ioConfig.firehose} of a realtime spec: where its rows come from. Types, all in one place: {@code kafka-0.8}
 * and {@code kafka-0.7.2} (a Kafka topic, read by a current Kafka client), {@code receiver} (events pushed over
 * HTTP), {@code inline} (rows in the spec), and the wrappers {@code timed} (stop at a time) and {@code clipped}
 * (only rows of an interval).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.EXISTING_PROPERTY, property = "type",
    visible = true)
@JsonSubTypes({
    @JsonSubTypes.Type(value = Firehose.Kafka.class, names = {"kafka-0.8", "kafka-0.7.2"}),
    @JsonSubTypes.Type(value = Firehose.Receiver.class, name = "receiver"),
    @JsonSubTypes.Type(value = Firehose.Inline.class, name = "inline"),
    @JsonSubTypes.Type(value = Firehose.Timed.class, name = "timed"),
    @JsonSubTypes.Type(value = Firehose.Clipped.class, name = "clipped"),
})
public sealed interface Firehose {
  String type();

  /** The firehose that reads, under any wrappers. */
  default Firehose source() {
    return this;
  }

  /**
   * A Kafka topic. The legacy consumer properties are translated when the task starts (the Kafka module knows the
   * current client's settings).
   *
   * @param consumerProps the 0.7/0.8 consumer properties ({@code zk.connect}, {@code groupid},
   *                      {@code autooffset.reset}, ...), and {@code bootstrap.servers} where given
   * @param feed          the topic
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Kafka(@JsonProperty("type") String type, @JsonProperty("consumerProps") Map<String, Object> consumerProps,
               @JsonProperty("feed") String feed) implements Firehose {
    public Kafka {
      consumerProps = Specs.mapOrEmpty(consumerProps);
      if (feed == null && consumerProps.get("topic") instanceof String t) {
        feed = t;
      }
      Specs.required(feed, "feed", "the Kafka topic to read");
    }
  }

  /**
   * Events pushed by HTTP to {@code /druid/worker/v1/chat/{serviceName}/push-events} (Tranquility's endpoint).
   *
   * @param bufferSize events held between the HTTP handler and the indexer; a push waits while it is full. Default
   *                   100,000.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Receiver(@JsonProperty("type") String type, @JsonProperty("serviceName") String serviceName,
                  @JsonProperty("bufferSize") Integer bufferSize) implements Firehose {
    public Receiver {
      Specs.required(serviceName, "serviceName", "the name clients push events to");
      if (!serviceName.matches("[A-Za-z0-9:._-]{1,255}")) {
        throw new InvalidInputException("serviceName", "Invalid value for field [serviceName]: [" + serviceName
            + "]; use letters, digits and : . _ - (at most 255)");
      }
      bufferSize = Specs.orDefault(bufferSize, 100_000);
      if (bufferSize < 1) {
        throw new InvalidInputException("bufferSize", "bufferSize must be at least 1, got " + bufferSize);
      }
    }
  }

  /** Rows given in the spec, one per line, read with the spec's parser; the task ends after them. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Inline(@JsonProperty("type") String type, @JsonProperty("data") String data) implements Firehose {
    public Inline {
      Specs.required(data, "data", "the rows, one per line");
    }
  }

  /** Stops reading at {@code shutoffTime}; then everything is handed off and the task ends. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Timed(@JsonProperty("type") String type, @JsonProperty("shutoffTime") String shutoffTime,
               @JsonProperty("delegate") Firehose delegate) implements Firehose {
    public Timed {
      Specs.required(shutoffTime, "shutoffTime", "when to stop reading, an ISO time");
      try {
        DateTimes.parseIso(shutoffTime);
      } catch (DateTimeException e) {
        throw new InvalidInputException("shutoffTime", "Invalid value for field [shutoffTime]: [" + shutoffTime
            + "] is not an ISO time");
      }
      Specs.required(delegate, "delegate", "the firehose to read");
    }

    public long shutoffMillis() {
      return DateTimes.parseIso(shutoffTime);
    }

    @Override
    public Firehose source() {
      return delegate.source();
    }
  }

  /** Keeps only rows within {@code interval}; others are rejected (counted and dead-lettered). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Clipped(@JsonProperty("type") String type, @JsonProperty("interval") Interval interval,
                 @JsonProperty("delegate") Firehose delegate) implements Firehose {
    public Clipped {
      Specs.required(interval, "interval", "the interval of the rows to keep");
      Specs.required(delegate, "delegate", "the firehose to read");
    }

    @Override
    public Firehose source() {
      return delegate.source();
    }
  }
}
