package io.strata.segment.format;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.strata.api.json.Json;
import io.strata.api.data.SegmentSchema;
import io.strata.api.query.AggregatorSpec;
import io.strata.api.time.Granularity;
import io.strata.api.time.Interval;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The content of {@code segment.meta}: everything about a segment that is not column data. Serialized as JSON so
 * that it is readable with standard tools and new fields can be added without breaking older readers.
 *
 * @param interval         the time chunk the segment covers; every row's {@code __time} lies in it
 * @param numRows          rows stored (after rollup)
 * @param minTime          smallest {@code __time}; 0 when there are no rows
 * @param maxTime          largest {@code __time}; 0 when there are no rows
 * @param rollup           whether rows were rolled up
 * @param queryGranularity timestamps were truncated to this (null if unknown)
 * @param columns          {@code __time}, then dimensions in sort order, then metrics in metricsSpec order
 */
public record SegmentMetadata(@JsonProperty("interval") Interval interval,
                              @JsonProperty("numRows") int numRows,
                              @JsonProperty("minTime") long minTime,
                              @JsonProperty("maxTime") long maxTime,
                              @JsonProperty("rollup") boolean rollup,
                              @JsonProperty("queryGranularity")
                              @JsonDeserialize(using = GranularityFromTree.class) Granularity queryGranularity,
                              @JsonProperty("columns") List<ColumnMetadata> columns) {
  public SegmentMetadata {
    columns = List.copyOf(columns);
  }

  /** The schema the segment was written with. */
  public SegmentSchema schema() {
    List<SegmentSchema.Column> dims = new ArrayList<>();
    List<AggregatorSpec> metrics = new ArrayList<>();
    List<io.strata.api.data.ColumnType> metricTypes = new ArrayList<>();
    for (ColumnMetadata c : columns) {
      if (c.role() == ColumnMetadata.Role.DIMENSION) {
        dims.add(new SegmentSchema.Column(c.name(), c.type()));
      } else if (c.role() == ColumnMetadata.Role.METRIC) {
        metrics.add(c.aggregator());
        metricTypes.add(c.type());
      }
    }
    return new SegmentSchema(dims, metrics, metricTypes, queryGranularity, rollup);
  }

  /** The column named {@code name}, or null. */
  public ColumnMetadata column(String name) {
    for (ColumnMetadata c : columns) {
      if (c.name().equals(name)) {
        return c;
      }
    }
    return null;
  }

  /**
   * Reads a nested granularity through a tree. Granularity's own deserializer reads object forms with
   * {@code readValueAsTree()}, which {@code Json.MAPPER}'s FAIL_ON_TRAILING_TOKENS rejects when the granularity is
   * not the root value; converting from a tree makes it the root.
   */
  public static final class GranularityFromTree extends JsonDeserializer<Granularity> {
    @Override
    public Granularity deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      JsonNode node = ctxt.readTree(p);
      return node == null || node.isNull() ? null : Json.MAPPER.treeToValue(node, Granularity.class);
    }
  }
}
