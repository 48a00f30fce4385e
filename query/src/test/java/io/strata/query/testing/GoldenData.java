package io.strata.query.testing;

import com.fasterxml.jackson.core.type.TypeReference;
import io.strata.api.data.ColumnType;
import io.strata.api.json.Json;
import io.strata.api.query.AggregatorSpec;
import io.strata.api.time.DateTimes;
import io.strata.api.time.Granularity;
import io.strata.api.time.Interval;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code query_golden} datasource the golden responses were recorded on: the rows of
 * {@code golden/query_golden-rows.jsonl} ingested by Druid 33 without rollup into day segments (2013-08-31, 2013-09-01 and
 * 2013-09-03), with dimensions page, lang, user and metrics count, added, delta (longSum) and price (doubleSum).
 */
public final class GoldenData {
  /** The version Druid gave the segments, so segment ids match the recorded responses. */
  public static final String VERSION = "2026-11-21T13:07:46.596Z";
  public static final String DATA_SOURCE = "query_golden";

  private GoldenData() {
  }

  /** The three segments, as row segments; {@code vectorize} offers vector cursors. */
  public static List<TestSegment> segments(boolean vectorize, boolean opaqueDictionaries) {
    Map<String, TestSegment.Builder> byDay = new HashMap<>();
    List<String> days = new ArrayList<>();
    for (Map<String, Object> raw : rows()) {
      long t = DateTimes.parseIso(raw.get("ts").toString());
      long dayStart = Math.floorDiv(t, 86_400_000L) * 86_400_000L;
      String day = new Interval(dayStart, dayStart + 86_400_000L).toString();
      TestSegment.Builder b = byDay.computeIfAbsent(day, d -> {
        days.add(d);
        return TestSegment.builder(DATA_SOURCE, d).version(VERSION)
            .dimension("page", ColumnType.STRING).dimension("lang", ColumnType.STRING)
            .dimension("user", ColumnType.STRING)
            .metric("added", ColumnType.LONG).metric("count", ColumnType.LONG).metric("delta", ColumnType.LONG)
            .metric("price", ColumnType.DOUBLE)
            .info(List.of(AggregatorSpec.Count.of("count"), AggregatorSpec.Numeric.of("longSum", "added", "added"),
                AggregatorSpec.Numeric.of("longSum", "delta", "delta"),
                AggregatorSpec.Numeric.of("doubleSum", "price", "price")), Granularity.NONE, false)
            .vectorize(vectorize).opaqueDictionaries(opaqueDictionaries);
      });
      Map<String, Object> row = new HashMap<>();
      row.put("__time", t);
      row.put("page", raw.get("page"));
      row.put("lang", raw.get("lang"));
      row.put("user", raw.get("user"));
      row.put("added", toLong(raw.get("added")));
      row.put("count", 1L);
      row.put("delta", toLong(raw.get("delta")));
      row.put("price", raw.get("price") == null ? null : ((Number) raw.get("price")).doubleValue());
      b.row(row);
    }
    List<TestSegment> out = new ArrayList<>();
    for (String d : days) {
      out.add(byDay.get(d).build());
    }
    return out;
  }

  private static Long toLong(Object o) {
    return o == null ? null : ((Number) o).longValue();
  }

  private static List<Map<String, Object>> rows() {
    List<Map<String, Object>> out = new ArrayList<>();
    try (InputStream in = GoldenData.class.getResourceAsStream("/golden/query_golden-rows.jsonl");
         BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        if (!line.isBlank()) {
          out.add(Json.MAPPER.readValue(line, new TypeReference<Map<String, Object>>() { }));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }
}
