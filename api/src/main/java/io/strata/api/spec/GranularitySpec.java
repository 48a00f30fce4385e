package io.strata.api.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.strata.api.error.InvalidInputException;
import io.strata.api.query.JsonForms;
import io.strata.api.query.Specs;
import io.strata.api.time.Granularity;
import io.strata.api.time.Interval;

import java.util.List;
import java.util.TreeSet;

/**
 * {@code granularitySpec}: time chunking ({@code segmentGranularity}, default day), timestamp truncation
 * ({@code queryGranularity}, default none), {@code rollup} (default true) and the batch {@code intervals} (rows
 * outside them are thrown away).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GranularitySpec(@JsonProperty("type") String type,
                              @JsonProperty("segmentGranularity") Granularity segmentGranularity,
                              @JsonProperty("queryGranularity") Granularity queryGranularity,
                              @JsonProperty("rollup") Boolean rollup,
                              @JsonProperty("intervals") @JsonDeserialize(using = JsonForms.Intervals.class)
                              List<Interval> intervals) {
  public GranularitySpec {
    type = Specs.orDefault(type, "uniform");
    if (!type.equals("uniform") && !type.equals("arbitrary")) {
      throw new InvalidInputException("granularitySpec.type", "granularitySpec type [" + type
          + "] must be uniform or arbitrary");
    }
    segmentGranularity = Specs.orDefault(segmentGranularity, Granularity.of("day"));
    queryGranularity = Specs.orDefault(queryGranularity, Granularity.NONE);
    rollup = Specs.orDefault(rollup, true);
    intervals = intervals == null ? List.of() : List.copyOf(intervals);
    if (segmentGranularity.isNone()) {
      throw new InvalidInputException("segmentGranularity", "segmentGranularity cannot be none; use hour, day, ...");
    }
  }

  /** The most time chunks {@link #bucketIntervals} lists (a replace with dropExisting touches each). */
  public static final int MAX_TIME_CHUNKS = 100_000;

  public static GranularitySpec defaults() {
    return new GranularitySpec(null, null, null, null, null);
  }

  /**
   * The time chunks the given intervals cover: for uniform specs each interval is widened to whole
   * segmentGranularity buckets; arbitrary specs use the intervals as they are.
   */
  public List<Interval> bucketIntervals() {
    if (type.equals("arbitrary") || segmentGranularity.isAll()) {
      return intervals;
    }
    TreeSet<Interval> out = new TreeSet<>();
    for (Interval i : intervals) {
      long t = segmentGranularity.bucketStart(i.start());
      while (t < i.end()) {
        long next = segmentGranularity.next(t);
        out.add(new Interval(t, next));
        if (out.size() > MAX_TIME_CHUNKS) {
          throw new InvalidInputException("intervals", "granularitySpec intervals " + intervals + " span more than "
              + MAX_TIME_CHUNKS + " time chunks of segmentGranularity " + segmentGranularity
              + "; use narrower intervals or a coarser segmentGranularity");
        }
        t = next;
      }
    }
    return List.copyOf(out);
  }
}
