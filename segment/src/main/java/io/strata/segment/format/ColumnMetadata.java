package io.strata.segment.format;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.strata.api.data.ColumnType;
import io.strata.api.query.AggregatorSpec;

/**
 * One column's entry in {@code segment.meta}: what the column is and where it is stored.
 *
 * @param name        column name ({@code __time} for the time column)
 * @param role        time, dimension or metric
 * @param type        LONG, FLOAT, DOUBLE or STRING
 * @param file        the column file in the segment directory
 * @param sizeBytes   bytes of the column file (reported as the column's size by segmentMetadata)
 * @param hasNulls    some row is null
 * @param cardinality distinct values of a string column (null for numeric columns)
 * @param aggregator  the aggregator whose intermediate values a metric holds (null for other columns)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ColumnMetadata(@JsonProperty("name") String name,
                             @JsonProperty("role") Role role,
                             @JsonProperty("type") ColumnType type,
                             @JsonProperty("file") String file,
                             @JsonProperty("sizeBytes") long sizeBytes,
                             @JsonProperty("hasNulls") boolean hasNulls,
                             @JsonProperty("cardinality") Integer cardinality,
                             @JsonProperty("aggregator") AggregatorSpec aggregator) {

  /** What a column is for. */
  public enum Role { TIME, DIMENSION, METRIC }
}
