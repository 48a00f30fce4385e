package io.strata.query.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.api.data.ColumnType;
import io.strata.api.json.Json;
import io.strata.api.query.AggregatorSpec;
import io.strata.api.time.Granularity;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The oracle's {@code wikipedia} datasource: the 500 stored (rolled-up, minute granularity) rows of its one
 * segment as Druid 33 returned them from a scan, without the HLL sketch column.
 */
public final class WikipediaData {
  private static final Set<String> METRICS = Set.of("added", "count", "deleted", "delta");

  private WikipediaData() {
  }

  public static List<TestSegment> segments(boolean vectorize, boolean opaqueDictionaries) {
    JsonNode data;
    try (InputStream in = WikipediaData.class.getResourceAsStream("/golden/wikipedia-rows.json")) {
      data = Json.MAPPER.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String id = data.get("segmentId").asText();
    // wikipedia_2013-08-31T00:00:00.000Z_2013-09-01T00:00:00.000Z_<version>
    String[] parts = id.split("_");
    TestSegment.Builder b = TestSegment.builder("wikipedia", parts[1] + "/" + parts[2]).version(parts[3])
        .info(List.of(AggregatorSpec.Count.of("count"), AggregatorSpec.Numeric.of("longSum", "added", "added"),
            AggregatorSpec.Numeric.of("longSum", "deleted", "deleted"),
            AggregatorSpec.Numeric.of("longSum", "delta", "delta")), Granularity.of("minute"), true)
        .vectorize(vectorize).opaqueDictionaries(opaqueDictionaries);
    JsonNode columns = data.get("columns");
    for (JsonNode c : columns) {
      String name = c.asText();
      if (METRICS.contains(name)) {
        b.metric(name, ColumnType.LONG);
      } else if (!name.equals("__time")) {
        b.dimension(name, ColumnType.STRING);
      }
    }
    for (JsonNode row : data.get("rows")) {
      Map<String, Object> r = new HashMap<>();
      for (int i = 0; i < columns.size(); i++) {
        String name = columns.get(i).asText();
        JsonNode v = row.get(i);
        r.put(name, v.isNull() ? null : (v.isNumber() ? (Object) v.asLong() : v.asText()));
      }
      b.row(r);
    }
    return List.of(b.build());
  }
}
