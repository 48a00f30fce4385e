package io.strata.metadata;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import io.strata.api.data.SegmentId;
import io.strata.api.time.Interval;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The descriptor of one published segment: which datasource, time chunk, version and partition it is, where it
 * lives in deep storage and what it holds. It is what the metadata store keeps per segment and what the HTTP API
 * returns for {@code GET /druid/coordinator/v1/metadata/datasources/{ds}/segments?full}.
 *
 * <h2>JSON form</h2>
 * Serialised exactly like Druid 33's {@code DataSegment}, field for field and in the same order, plus one extra
 * field {@code numRows} (Druid clients ignore unknown fields):
 * <pre>{@code
 * {"dataSource": "wikipedia",
 *  "interval": "2013-08-31T00:00:00.000Z/2013-09-01T00:00:00.000Z",
 *  "version": "2026-11-21T13:07:14.932Z",
 *  "loadSpec": {"type": "local", "path": "/data/deep-storage/wikipedia/.../0"},
 *  "dimensions": "page,language,user",           // comma-joined, as Druid writes it
 *  "metrics": "count,added",
 *  "shardSpec": {"type": "numbered", "partitionNum": 0, "partitions": 1},
 *  "binaryVersion": 9,
 *  "size": 66359,
 *  "identifier": "wikipedia_2013-08-31T00:00:00.000Z_2013-09-01T00:00:00.000Z_2026-11-21T13:07:14.932Z",
 *  "numRows": 24433}
 * }</pre>
 * Reading is lenient the way Druid's is: {@code dimensions}/{@code metrics} may also be JSON arrays, a shardSpec
 * of type {@code none} means partition 0 of 1, any other shardSpec type contributes its {@code partitionNum} and
 * {@code partitions}, {@code identifier} is recomputed rather than trusted, and a missing {@code numRows} (JSON
 * written by Druid) reads as 0.
 *
 * <p>Instances are immutable (the load spec and column lists are unmodifiable copies) and thread-safe.
 *
 * @param dataSource    the datasource name
 * @param interval      the time chunk the segment belongs to
 * @param version       the chunk version; versions compare as strings and the greater one overshadows
 * @param partitionNum  the partition number within (interval, version)
 * @param numPartitions the number of core partitions of the version ("partitions" of Druid's numbered shardSpec);
 *                      0 for segments appended to a chunk, which do not count towards its core set
 * @param loadSpec      where deep storage keeps the segment, e.g. {@code {"type":"local","path":"/abs/path"}}
 * @param dimensions    dimension column names, in segment order
 * @param metrics       metric column names, in segment order
 * @param size          bytes the segment takes in deep storage
 * @param numRows       rows in the segment (after rollup)
 * @param binaryVersion the segment format version
 */
public record DataSegment(
    String dataSource,
    Interval interval,
    String version,
    int partitionNum,
    int numPartitions,
    Map<String, Object> loadSpec,
    List<String> dimensions,
    List<String> metrics,
    long size,
    int numRows,
    int binaryVersion) {

  /**
   * The {@code binaryVersion} Druid writes for its V9 segment format. Strata writes the same number so that tools
   * reading Druid's JSON see a familiar value; nothing in Druid's clients or web console interprets it further,
   * and Strata's own segment files carry their own format version in their header.
   */
  public static final int DRUID_BINARY_VERSION = 9;

  /** {@code loadSpec.type} of segments kept by {@link DeepStorage} on the local filesystem. */
  public static final String LOCAL_LOAD_SPEC_TYPE = "local";

  public DataSegment {
    requireNonEmpty(dataSource, "dataSource");
    Objects.requireNonNull(interval, "interval");
    requireNonEmpty(version, "version");
    if (partitionNum < 0) {
      throw new IllegalArgumentException("partitionNum must be >= 0, got " + partitionNum);
    }
    if (numPartitions < 0) {
      throw new IllegalArgumentException("numPartitions must be >= 0, got " + numPartitions);
    }
    if (size < 0) {
      throw new IllegalArgumentException("size must be >= 0, got " + size);
    }
    if (numRows < 0) {
      throw new IllegalArgumentException("numRows must be >= 0, got " + numRows);
    }
    loadSpec = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(loadSpec, "loadSpec")));
    dimensions = List.copyOf(Objects.requireNonNull(dimensions, "dimensions"));
    metrics = List.copyOf(Objects.requireNonNull(metrics, "metrics"));
  }

  /**
   * A descriptor for a segment just pushed to local deep storage.
   *
   * @param id            the segment's id (datasource, interval, version, partition)
   * @param numPartitions core partitions of the version (0 for appended segments)
   * @param location      the path {@link DeepStorage#push} returned
   * @param numRows       rows in the segment; must fit an int
   */
  public static DataSegment of(SegmentId id, int numPartitions, Path location, List<String> dimensions,
                               List<String> metrics, long size, long numRows) {
    return new DataSegment(id.dataSource(), id.interval(), id.version(), id.partitionNum(), numPartitions,
        DeepStorage.loadSpec(location), dimensions, metrics, size, Math.toIntExact(numRows), DRUID_BINARY_VERSION);
  }

  /** The segment's identity; {@code id().toString()} is Druid's segment id ({@code identifier} in JSON). */
  public SegmentId id() {
    return new SegmentId(dataSource, interval, version, partitionNum);
  }

  /** The same segment with another load spec (e.g. after moving it in deep storage). */
  public DataSegment withLoadSpec(Map<String, Object> newLoadSpec) {
    return new DataSegment(dataSource, interval, version, partitionNum, numPartitions, newLoadSpec, dimensions,
        metrics, size, numRows, binaryVersion);
  }

  @JsonValue
  Wire toWire() {
    return new Wire(dataSource, interval, version, loadSpec, String.join(",", dimensions), String.join(",", metrics),
        new Wire.ShardSpec("numbered", partitionNum, numPartitions), binaryVersion, size, id().toString(), numRows);
  }

  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  static DataSegment fromWire(Wire w) {
    int partitionNum = 0;
    int partitions = 1;
    Wire.ShardSpec shard = w.shardSpec();
    if (shard != null && !"none".equals(shard.type())) {
      partitionNum = shard.partitionNum() == null ? 0 : shard.partitionNum();
      partitions = shard.partitions() == null ? 0 : shard.partitions();
    }
    return new DataSegment(w.dataSource(), w.interval(), w.version(), partitionNum, partitions,
        w.loadSpec() == null ? Map.of() : w.loadSpec(), columnList(w.dimensions(), "dimensions"),
        columnList(w.metrics(), "metrics"), w.size() == null ? 0 : w.size(),
        w.numRows() == null ? 0 : w.numRows(),
        w.binaryVersion() == null ? DRUID_BINARY_VERSION : w.binaryVersion());
  }

  /** Druid writes column lists as one comma-joined string; older writers used arrays. Accept both. */
  private static List<String> columnList(Object value, String field) {
    List<String> out = new ArrayList<>();
    if (value == null) {
      return out;
    }
    if (value instanceof String s) {
      for (String part : s.split(",")) {
        String name = part.trim();
        if (!name.isEmpty()) {
          out.add(name);
        }
      }
      return out;
    }
    if (value instanceof List<?> list) {
      for (Object o : list) {
        out.add(String.valueOf(o));
      }
      return out;
    }
    throw new IllegalArgumentException("segment field [" + field
        + "] must be a comma-separated string or an array of names, got " + value);
  }

  private static void requireNonEmpty(String s, String field) {
    if (s == null || s.isEmpty()) {
      throw new IllegalArgumentException("segment field [" + field + "] must not be empty");
    }
  }

  /** The JSON wire form; component order is the JSON field order (Druid's). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Wire(
      String dataSource,
      Interval interval,
      String version,
      Map<String, Object> loadSpec,
      Object dimensions,
      Object metrics,
      ShardSpec shardSpec,
      Integer binaryVersion,
      Long size,
      String identifier,
      Integer numRows) {

    /** Druid's {@code numbered} shard spec; other types are read for their partition fields only. */
    record ShardSpec(String type, Integer partitionNum, Integer partitions) {
    }
  }
}
