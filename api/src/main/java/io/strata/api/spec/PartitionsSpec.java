package io.strata.api.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.strata.api.error.InvalidInputException;

import java.util.List;

/**
 * {@code tuningConfig.partitionsSpec}. Druid's types, all in one place: {@code dynamic} (segments cut at
 * {@code maxRowsPerSegment} rows, Strata's only partitioning), and {@code hashed}, {@code single_dim} and
 * {@code range} (secondary partitioning by dimension values), which Strata refuses with a 400 rather than quietly
 * partitioning another way. As in Druid, a partitionsSpec without a type is {@code hashed}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PartitionsSpec(@JsonProperty("type") String type,
                             @JsonProperty("maxRowsPerSegment") Integer maxRowsPerSegment,
                             @JsonProperty("maxTotalRows") Long maxTotalRows) {
  static final List<String> TYPES = List.of("dynamic", "hashed", "single_dim", "range");

  public PartitionsSpec {
    String t = type == null ? "hashed" : type;
    if (!TYPES.contains(t)) {
      throw new InvalidInputException("partitionsSpec.type", "Unknown type [" + type + "] at "
          + "[tuningConfig.partitionsSpec.type]; known types: " + String.join(", ", TYPES));
    }
    if (!t.equals("dynamic")) {
      throw new InvalidInputException("partitionsSpec.type", "partitionsSpec type [" + t + "]"
          + (type == null ? " (the default when no type is given)" : "") + " is not supported: Strata partitions "
          + "time chunks by row count only; use {\"type\": \"dynamic\", \"maxRowsPerSegment\": ...} (rollup is "
          + "perfect either way)");
    }
    if (maxRowsPerSegment != null && maxRowsPerSegment < 1) {
      throw new InvalidInputException("maxRowsPerSegment", "maxRowsPerSegment must be at least 1, got "
          + maxRowsPerSegment);
    }
    if (maxTotalRows != null && maxTotalRows < 1) {
      throw new InvalidInputException("maxTotalRows", "maxTotalRows must be at least 1, got " + maxTotalRows);
    }
  }
}
