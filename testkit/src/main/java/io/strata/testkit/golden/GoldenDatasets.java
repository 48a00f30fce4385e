package io.strata.testkit.golden;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strata.api.input.InputRow;
import io.strata.api.input.ParseException;
import io.strata.api.json.Json;
import io.strata.api.spec.DataSchema;
import io.strata.api.spec.InputFormatSpec;
import io.strata.api.spec.InputSourceSpec;
import io.strata.api.time.Interval;
import io.strata.index.IndexSchema;
import io.strata.input.InputFormats;
import io.strata.input.InputRowReader;
import io.strata.input.InputSources;
import io.strata.input.InputSplit;
import io.strata.testkit.segments.TestDataset;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The datasources the golden responses under {@code query/src/test/resources/golden} were recorded on, rebuilt as
 * input rows through the input module (the JSON input format and a timestampSpec, as an ingestion task reads
 * them) with the dataSchema Druid ingested them with. See that directory's README.md.
 */
public final class GoldenDatasets {
  /** The version Druid gave the {@code query_golden} segments (segment ids appear in scan and segmentMetadata). */
  public static final String QUERY_GOLDEN_VERSION = "2026-11-21T13:07:46.596Z";

  /** The dataSchema of README.md: no rollup, day segments, query granularity none. */
  static final String QUERY_GOLDEN_SCHEMA = """
      {"dataSource": "query_golden",
       "timestampSpec": {"column": "ts", "format": "iso"},
       "dimensionsSpec": {"dimensions": ["page", "lang", "user"]},
       "metricsSpec": [{"type": "count", "name": "count"},
                       {"type": "longSum", "name": "added", "fieldName": "added"},
                       {"type": "longSum", "name": "delta", "fieldName": "delta"},
                       {"type": "doubleSum", "name": "price", "fieldName": "price"}],
       "granularitySpec": {"segmentGranularity": "day", "queryGranularity": "none", "rollup": false,
                           "intervals": ["2013-08-31/2013-09-04"]}}
      """;

  /**
   * Re-ingests the stored rows of Druid's {@code wikipedia} segment: minute query granularity with rollup, and
   * {@code count} summed from the stored column (Druid's combining form of its count aggregator, which is also what
   * a reindexing task uses), so rows split into fragments roll up to the stored values.
   */
  static final String WIKIPEDIA_METRICS = """
      [{"type": "longSum", "name": "added", "fieldName": "added"},
       {"type": "longSum", "name": "count", "fieldName": "count"},
       {"type": "longSum", "name": "deleted", "fieldName": "deleted"},
       {"type": "longSum", "name": "delta", "fieldName": "delta"}]
      """;

  /** Every how-many-th wikipedia row is split into two input rows that rollup must put back together. */
  static final int WIKIPEDIA_SPLIT_EVERY = 3;

  private GoldenDatasets() {
  }

  /**
   * {@code query_golden}: the 11 rows of {@code query_golden-rows.jsonl}, read with the JSON input format from the
   * local file, three day chunks with Druid's segment version.
   */
  public static TestDataset queryGolden(Path goldenDir) {
    DataSchema schema = read(QUERY_GOLDEN_SCHEMA, DataSchema.class);
    Path file = goldenDir.resolve("query_golden-rows.jsonl").toAbsolutePath();
    List<InputRow> rows = readRows(new InputSourceSpec.Local(null, null, List.of(file.toString())), schema);
    List<Interval> allowed = schema.granularitySpec().intervals();
    List<InputRow> kept = new ArrayList<>();
    for (InputRow r : rows) {
      if (allowed.stream().anyMatch(i -> i.contains(r.timestamp()))) {
        kept.add(r);
      }
    }
    if (kept.size() != 11) {
      throw new IllegalStateException("expected the 11 rows of " + file + ", read " + kept.size());
    }
    return TestDataset.chunked(schema.dataSource(), IndexSchema.from(schema),
        schema.granularitySpec().segmentGranularity(), QUERY_GOLDEN_VERSION, kept);
  }

  /**
   * {@code wikipedia}: the 500 stored rows of {@code wikipedia-rows.json} (one day segment; its id gives the
   * version), turned into JSON input lines with the time in a {@code time} column (millis) and read with the JSON
   * input format from an inline source. Every {@value #WIKIPEDIA_SPLIT_EVERY}rd row becomes two consecutive input
   * rows whose metrics add up to the stored ones (each metric null in one of them, the second 17 s later in the same
   * minute), so both the index's rollup and the merger's rollup must restore the stored row; consecutive rows go to
   * different indexes of a merged representation.
   */
  public static TestDataset wikipedia(Path goldenDir) {
    JsonNode stored;
    Path file = goldenDir.resolve("wikipedia-rows.json");
    try (InputStream in = Files.newInputStream(file)) {
      stored = Json.MAPPER.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file.toAbsolutePath(), e);
    }
    // wikipedia_2013-08-31T00:00:00.000Z_2013-09-01T00:00:00.000Z_<version>
    String[] idParts = stored.get("segmentId").asText().split("_");
    String version = idParts[3];
    List<String> columns = new ArrayList<>();
    stored.get("columns").forEach(c -> columns.add(c.asText()));
    List<String> metrics = new ArrayList<>();
    read(WIKIPEDIA_METRICS, JsonNode.class).forEach(m -> metrics.add(m.get("name").asText()));
    List<String> dimensions = new ArrayList<>();
    for (String c : columns) {
      if (!c.equals("__time") && !metrics.contains(c)) {
        dimensions.add(c);
      }
    }
    ObjectNode dataSchema = Json.MAPPER.createObjectNode();
    dataSchema.put("dataSource", "wikipedia");
    dataSchema.set("timestampSpec", read("{\"column\": \"time\", \"format\": \"millis\"}", JsonNode.class));
    dataSchema.putObject("dimensionsSpec").set("dimensions", Json.MAPPER.valueToTree(dimensions));
    dataSchema.set("metricsSpec", read(WIKIPEDIA_METRICS, JsonNode.class));
    dataSchema.set("granularitySpec", read("{\"segmentGranularity\": \"day\", \"queryGranularity\": \"minute\", "
        + "\"rollup\": true}", JsonNode.class));
    DataSchema schema = read(dataSchema.toString(), DataSchema.class);

    StringBuilder lines = new StringBuilder();
    int n = 0;
    for (JsonNode row : stored.get("rows")) {
      ObjectNode line = Json.MAPPER.createObjectNode();
      for (int i = 0; i < columns.size(); i++) {
        line.set(columns.get(i).equals("__time") ? "time" : columns.get(i), row.get(i));
      }
      if (n++ % WIKIPEDIA_SPLIT_EVERY == 0) {
        ObjectNode first = line.deepCopy();
        ObjectNode second = line.deepCopy();
        second.put("time", line.get("time").asLong() + 17_000);
        for (int m = 0; m < metrics.size(); m++) {
          String metric = metrics.get(m);
          long v = line.get(metric).asLong();
          long half = v / 2;
          // Metric m: both halves; the one after it entirely in the first row; the one after that in the second.
          switch ((m + n) % 3) {
            case 0 -> {
              first.put(metric, half);
              second.put(metric, v - half);
            }
            case 1 -> second.putNull(metric);
            default -> {
              first.putNull(metric);
            }
          }
        }
        lines.append(first).append('\n').append(second).append('\n');
      } else {
        lines.append(line).append('\n');
      }
    }
    List<InputRow> rows = readRows(new InputSourceSpec.Inline(lines.toString()), schema);
    return TestDataset.chunked(schema.dataSource(), IndexSchema.from(schema),
        schema.granularitySpec().segmentGranularity(), version, rows);
  }

  private static List<InputRow> readRows(InputSourceSpec source, DataSchema schema) {
    List<InputRow> rows = new ArrayList<>();
    try {
      for (InputSplit split : InputSources.splits(source, null)) {
        try (InputRowReader reader = InputFormats.open(new InputFormatSpec.JsonFormat(null, null),
            schema.timestampSpec(), split)) {
          InputRow r;
          while ((r = reader.next()) != null) {
            rows.add(r);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (ParseException e) {
      throw new IllegalStateException("golden input has a bad row: " + e.getMessage(), e);
    }
    return rows;
  }

  private static <T> T read(String json, Class<T> type) {
    try {
      return Json.MAPPER.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("bad built-in JSON: " + json, e);
    }
  }
}
