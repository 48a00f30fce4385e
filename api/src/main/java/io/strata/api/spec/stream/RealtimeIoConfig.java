package io.strata.api.spec.stream;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.strata.api.error.InvalidInputException;
import io.strata.api.query.Specs;
import io.strata.api.time.Interval;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code ioConfig} of a realtime spec: {@code {"type":"realtime","firehose":{...},"plumber":{"type":"realtime"}}}.
 * The plumber is Strata's streaming core whatever is named, so only {@code realtime} (or none) is accepted.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RealtimeIoConfig(@JsonProperty("type") String type, @JsonProperty("firehose") Firehose firehose,
                               @JsonProperty("firehoseV2") Map<String, Object> firehoseV2,
                               @JsonProperty("plumber") Map<String, Object> plumber) {
  public RealtimeIoConfig {
    if (type != null && !type.equals("realtime")) {
      throw new InvalidInputException("ioConfig.type", "Unknown type [" + type + "] at [ioConfig.type] of a realtime "
          + "spec; known types: realtime");
    }
    if (firehoseV2 != null) {
      throw new InvalidInputException("firehoseV2", "firehoseV2 is not supported; use firehose");
    }
    Specs.required(firehose, "firehose", "where the rows come from, for example {\"type\":\"kafka-0.8\",...}");
    if (plumber != null) {
      Object t = plumber.get("type");
      if (t != null && !"realtime".equals(t)) {
        throw new InvalidInputException("plumber", "Unknown plumber type [" + t + "]; known: realtime");
      }
      for (String key : plumber.keySet()) {
        if (!key.equals("type")) {
          throw new InvalidInputException("plumber." + key, "[plumber." + key + "] is not supported: tuning such "
              + "as windowPeriod and rejectionPolicy belongs in tuningConfig");
        }
      }
    }
  }

  /** The time of the {@code timed} wrapper, or Long.MAX_VALUE. */
  public long shutoffMillis() {
    long at = Long.MAX_VALUE;
    for (Firehose f = firehose; ; ) {
      if (f instanceof Firehose.Timed t) {
        at = Math.min(at, t.shutoffMillis());
        f = t.delegate();
      } else if (f instanceof Firehose.Clipped c) {
        f = c.delegate();
      } else {
        return at;
      }
    }
  }

  /** The intervals of the {@code clipped} wrappers (a row must be in all of them); empty for none. */
  public List<Interval> clipIntervals() {
    List<Interval> out = new ArrayList<>();
    for (Firehose f = firehose; ; ) {
      if (f instanceof Firehose.Timed t) {
        f = t.delegate();
      } else if (f instanceof Firehose.Clipped c) {
        out.add(c.interval());
        f = c.delegate();
      } else {
        return out;
      }
    }
  }
}
