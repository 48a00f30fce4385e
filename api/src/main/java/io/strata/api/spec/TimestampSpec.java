package io.strata.api.spec;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.strata.api.error.InvalidInputException;
import io.strata.api.query.Specs;
import io.strata.api.time.DateTimes;

/**
 * {@code timestampSpec}: where the primary timestamp comes from.
 *
 * @param format       {@code auto} (default), {@code iso}, {@code posix}, {@code millis}, {@code micro},
 *                     {@code nano}, {@code ruby}, or a Joda-style pattern such as {@code yyyy-MM-dd HH:mm:ss}
 * @param missingValue ISO-8601 time used when the column is null or absent; null means such rows are errors
 */
public record TimestampSpec(@JsonProperty("column") String column, @JsonProperty("format") String format,
                            @JsonProperty("missingValue") String missingValue) {
  public TimestampSpec {
    column = Specs.orDefault(column, "timestamp");
    format = Specs.orDefault(format, "auto");
    if (missingValue != null) {
      try {
        DateTimes.parseIso(missingValue);
      } catch (RuntimeException e) {
        throw new InvalidInputException("missingValue", "timestampSpec.missingValue [" + missingValue
            + "] must be an ISO-8601 time like 2000-01-01T01:02:03.456");
      }
    }
  }

  public static TimestampSpec defaults() {
    return new TimestampSpec(null, null, null);
  }

  public Long missingValueMillis() {
    return missingValue == null ? null : DateTimes.parseIso(missingValue);
  }
}
