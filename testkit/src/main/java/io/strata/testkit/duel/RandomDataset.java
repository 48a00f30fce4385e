package io.strata.testkit.duel;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.strata.api.input.InputRow;
import io.strata.api.json.Json;
import io.strata.api.query.AggregatorSpec;
import io.strata.api.spec.DataSchema;
import io.strata.api.time.DateTimes;
import io.strata.api.time.Interval;
import io.strata.index.IndexSchema;
import io.strata.input.MapInputRow;
import io.strata.testkit.segments.TestDataset;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A seeded random datasource for query duels: 1–4 day segments (days may be skipped, so there can be gaps between
 * segments), each with a few thousand input rows in a random window of its day with some empty hours. Half of the
 * datasets roll up (query granularity minute, fifteen_minute or hour); the others do not (query granularity none
 * or minute).
 *
 * <ul>
 *   <li>{@code lo}: low cardinality ({@code a b c A} and {@code ""}), with nulls;</li>
 *   <li>{@code hi}: up to {@value #HI_CARDINALITY} skewed values (fewer than 1000 per segment, so Druid's topN is
 *       exact too), with nulls and {@code ""};</li>
 *   <li>{@code num}: numeric strings (integers and halves, each number in one spelling), with nulls;</li>
 *   <li>{@code sparse}: mostly null, and entirely null in some segments;</li>
 *   <li>metrics {@code cnt} (count), {@code l} (longSum of long inputs in ±{@value #LONG_RANGE}) and {@code d}
 *       (doubleSum of multiples of 0.25 in ±{@value #DOUBLE_RANGE}: sums stay exact in any order), each input null
 *       at times.</li>
 * </ul>
 *
 * <p>Besides the input rows, each part holds the rows a correct ingestion stores, computed by plain maps
 * ({@link ReferenceSegment#ingest}, the reference rollup): time truncated to the query granularity; with rollup,
 * one row per (time, dimensions) with {@code cnt} the number of input rows and {@code l}, {@code d} the sums of
 * their non-null inputs (null when there is none, as in SQL-compatible Druid).
 */
public final class RandomDataset {
  public static final String DATA_SOURCE = "duel";
  public static final String VERSION = "2024-01-01T00:00:00.000Z";
  public static final List<String> STRING_DIMENSIONS = List.of("lo", "hi", "num", "sparse");
  public static final List<String> LOW_VALUES = List.of("a", "b", "c", "A", "");
  public static final int HI_CARDINALITY = 800;
  public static final long LONG_RANGE = 1000;
  public static final double DOUBLE_RANGE = 1000;
  static final long DAY = 86_400_000L;
  static final long HOUR = 3_600_000L;
  /** The first day a dataset may start on. */
  static final long BASE = DateTimes.parseIso("2021-03-01T00:00:00Z");

  /** The metricsSpec. */
  static final List<AggregatorSpec> METRICS = List.of(AggregatorSpec.Count.of("cnt"),
      AggregatorSpec.Numeric.of("longSum", "l", "l"), AggregatorSpec.Numeric.of("doubleSum", "d", "d"));

  /**
   * One day segment.
   *
   * @param inputRows what is ingested, in time order
   * @param stored    what a correct ingestion stores (the reference rollup)
   */
  public record Part(List<InputRow> inputRows, ReferenceSegment stored) {
    public Interval interval() {
      return stored.interval();
    }

    public List<InputRow> storedRows() {
      return stored.rows();
    }

    public long minTime() {
      return stored.minTime();
    }

    public long maxTime() {
      return stored.maxTime();
    }
  }

  private final long seed;
  private final boolean rollup;
  private final Buckets queryGranularity;
  private final List<Part> parts;
  private final IndexSchema schema;

  private RandomDataset(long seed, boolean rollup, Buckets queryGranularity, List<Part> parts, IndexSchema schema) {
    this.seed = seed;
    this.rollup = rollup;
    this.queryGranularity = queryGranularity;
    this.parts = List.copyOf(parts);
    this.schema = schema;
  }

  /** The dataset of {@code seed}; the same seed always gives the same rows. */
  public static RandomDataset generate(long seed) {
    return generate(seed, 1500, 4000);
  }

  /** As {@link #generate(long)}, with each segment's input row count drawn from {@code [minRows, maxRows]}. */
  public static RandomDataset generate(long seed, int minRows, int maxRows) {
    Random r = Seeds.random(seed);
    boolean rollup = r.nextBoolean();
    Buckets granularity = rollup ? Buckets.of(List.of("minute", "fifteen_minute", "hour").get(r.nextInt(3)))
        : Buckets.of(r.nextInt(3) == 0 ? "minute" : "none");
    int segments = 1 + r.nextInt(4);
    List<Part> parts = new ArrayList<>();
    long day = BASE + r.nextInt(3) * DAY;
    for (int s = 0; s < segments; s++) {
      List<InputRow> input = inputRows(r, day, minRows + r.nextInt(maxRows - minRows + 1));
      parts.add(new Part(input, ReferenceSegment.ingest(new Interval(day, day + DAY), input, STRING_DIMENSIONS,
          METRICS, granularity, rollup)));
      day += (r.nextInt(4) == 0 ? 2 : 1) * DAY;
    }
    String schemaJson = """
        {"dataSource": "duel",
         "timestampSpec": {"column": "ts", "format": "millis"},
         "dimensionsSpec": {"dimensions": ["lo", "hi", "num", "sparse"]},
         "metricsSpec": [{"type": "count", "name": "cnt"},
                         {"type": "longSum", "name": "l", "fieldName": "l"},
                         {"type": "doubleSum", "name": "d", "fieldName": "d"}],
         "granularitySpec": {"segmentGranularity": "day", "queryGranularity": "%s", "rollup": %s}}
        """.formatted(granularity.name(), rollup);
    DataSchema dataSchema;
    try {
      dataSchema = Json.MAPPER.readValue(schemaJson, DataSchema.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    return new RandomDataset(seed, rollup, granularity, parts, IndexSchema.from(dataSchema));
  }

  private static List<InputRow> inputRows(Random r, long dayStart, int rows) {
    int firstHour = r.nextInt(8);
    int lastHour = 14 + r.nextInt(10); // inclusive
    double[] hourWeights = new double[24];
    double total = 0;
    for (int h = firstHour; h <= lastHour; h++) {
      hourWeights[h] = r.nextInt(5) == 0 ? 0 : 0.2 + r.nextDouble();
      total += hourWeights[h];
    }
    if (total == 0) {
      hourWeights[firstHour] = 1;
      total = 1;
    }
    boolean sparseAllNull = r.nextInt(3) == 0;
    List<InputRow> out = new ArrayList<>(rows);
    for (int i = 0; i < rows; i++) {
      double x = r.nextDouble() * total;
      int hour = -1;
      for (int h = firstHour; h <= lastHour && (hour < 0 || x >= 0); h++) {
        if (hourWeights[h] > 0) {
          hour = h;
          x -= hourWeights[h];
        }
      }
      long t = dayStart + hour * HOUR + (long) (r.nextDouble() * HOUR);
      Map<String, Object> fields = new LinkedHashMap<>();
      fields.put("ts", t);
      fields.put("lo", pick(r, 0.1, LOW_VALUES.get(r.nextInt(LOW_VALUES.size()))));
      fields.put("hi", r.nextInt(50) == 0 ? "" : pick(r, 0.05, "h" + skewed(r, HI_CARDINALITY)));
      fields.put("num", pick(r, 0.15, numeric(r)));
      fields.put("sparse", sparseAllNull ? null : pick(r, 0.9, "s" + r.nextInt(3)));
      fields.put("l", r.nextInt(100) < 15 ? null : (long) (r.nextInt((int) (2 * LONG_RANGE + 1)) - LONG_RANGE));
      fields.put("d", r.nextInt(100) < 15 ? null : (r.nextInt((int) (8 * DOUBLE_RANGE + 1)) - 4 * DOUBLE_RANGE) / 4.0);
      out.add(new MapInputRow(t, fields));
    }
    out.sort(Comparator.comparingLong(InputRow::timestamp));
    return out;
  }

  private static Object pick(Random r, double nullProbability, Object value) {
    return r.nextDouble() < nullProbability ? null : value;
  }

  /** 0..n-1, small values far more likely. */
  private static int skewed(Random r, int n) {
    double u = r.nextDouble();
    return Math.min(n - 1, (int) (n * u * u * u));
  }

  private static String numeric(Random r) {
    int i = r.nextInt(101) - 50;
    return r.nextInt(5) == 0 ? (i < 0 ? "-" : "") + Math.abs(i) + ".5" : Integer.toString(i);
  }

  public long seed() {
    return seed;
  }

  public boolean rollup() {
    return rollup;
  }

  public Buckets queryGranularity() {
    return queryGranularity;
  }

  /** The segments' rows, in time order of the segments. */
  public List<Part> parts() {
    return parts;
  }

  public IndexSchema schema() {
    return schema;
  }

  /** The earliest and (exclusive) latest stored time. */
  public Interval dataSpan() {
    return new Interval(parts.get(0).minTime(), parts.get(parts.size() - 1).maxTime() + 1);
  }

  /** Rows a correct ingestion stores, over all segments. */
  public int storedRowCount() {
    int n = 0;
    for (Part p : parts) {
      n += p.storedRows().size();
    }
    return n;
  }

  /** The stored rows of each segment, for the {@link NaiveEvaluator}. */
  public List<ReferenceSegment> referenceSegments() {
    return parts.stream().map(Part::stored).toList();
  }

  /** As a {@link TestDataset} of the input rows, one chunk per part, for the segment maker. */
  public TestDataset toTestDataset() {
    List<TestDataset.Chunk> chunks = new ArrayList<>();
    for (Part p : parts) {
      chunks.add(new TestDataset.Chunk(p.interval(), p.inputRows()));
    }
    return new TestDataset(DATA_SOURCE, schema, VERSION, chunks);
  }

  @Override
  public String toString() {
    return "RandomDataset{seed=" + seed + ", " + parts.size() + " segments, rollup=" + rollup
        + ", queryGranularity=" + queryGranularity.name() + ", " + storedRowCount() + " stored rows}";
  }
}
