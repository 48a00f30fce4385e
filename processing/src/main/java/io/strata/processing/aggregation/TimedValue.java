package io.strata.processing.aggregation;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A first/last aggregator's partial value: the time of the row it came from and the value. Written as Druid writes
 * its pairs ({@code {"lhs": time, "rhs": value}}) where a partial value is shown.
 */
public record TimedValue(@JsonProperty("lhs") long time, @JsonProperty("rhs") Object value) {
}
