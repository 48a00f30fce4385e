package io.strata.metadata;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.strata.api.json.Json;

import java.util.Map;
import java.util.TreeMap;

/**
 * The position in a stream up to which a datasource's published segments hold the data: per partition, the offset
 * (or sequence number) of the next record to read. Kafka offsets and Kinesis sequence numbers are both kept as
 * strings, compared by their owner, so this class knows nothing of either.
 *
 * <p>JSON: {@code {"stream": "wikipedia", "partitions": {"0": "123", "1": "456"}}}. Immutable.
 *
 * @param stream     the topic or stream name
 * @param partitions partition id to the next offset to read
 */
public record StreamOffsets(@JsonProperty("stream") String stream,
                            @JsonProperty("partitions") Map<String, String> partitions) {
  @JsonCreator
  public StreamOffsets {
    if (stream == null || stream.isEmpty()) {
      throw new IllegalArgumentException("stream offsets need the stream name");
    }
    partitions = partitions == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(partitions));
  }

  /** These offsets with {@code newer} laid over them (partitions in both take {@code newer}'s). */
  public StreamOffsets plus(StreamOffsets newer) {
    Map<String, String> merged = new TreeMap<>(partitions);
    merged.putAll(newer.partitions);
    return new StreamOffsets(stream, merged);
  }

  String toJson() {
    try {
      return Json.MAPPER.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static StreamOffsets fromJson(String json) {
    try {
      return Json.MAPPER.readValue(json, StreamOffsets.class);
    } catch (JsonProcessingException e) {
      throw new MetadataStoreException("unreadable stream offsets in the metadata store: " + e.getOriginalMessage(), e);
    }
  }
}
