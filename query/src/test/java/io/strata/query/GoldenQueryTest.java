package io.strata.query;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.api.json.Json;
import io.strata.api.query.Query;
import io.strata.api.time.Interval;
import io.strata.query.testing.GoldenData;
import io.strata.query.testing.TestQueries;
import io.strata.query.testing.TestSegment;
import io.strata.query.testing.WikipediaData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replays the queries under {@code golden/<datasource>/} against that data ({@code query_golden}: a tiny
 * three-segment datasource ingested for these tests; {@code wikipedia}: the oracle's example datasource) and
 * compares with the responses a real Druid 33 gave for the same data and queries, on the row path, the vector
 * path and with selectors that have no usable dictionary.
 */
class GoldenQueryTest {
  private static ExecutorService pool;

  @BeforeAll
  static void start() {
    pool = Executors.newFixedThreadPool(3);
  }

  @AfterAll
  static void stop() {
    pool.shutdownNow();
  }

  @TestFactory
  Stream<DynamicTest> goldenQueries() throws IOException, URISyntaxException {
    Path dir = Path.of(GoldenQueryTest.class.getResource("/golden").toURI());
    List<Path> files = new ArrayList<>();
    for (String dataSource : List.of(GoldenData.DATA_SOURCE, "wikipedia")) {
      try (Stream<Path> s = Files.list(dir.resolve(dataSource))) {
        files.addAll(s.filter(p -> p.toString().endsWith(".json")).sorted().toList());
      }
    }
    assertThat(files).hasSizeGreaterThan(100);
    List<DynamicTest> tests = new ArrayList<>();
    for (Path f : files) {
      String name = f.getFileName().toString().replace(".json", "");
      tests.add(DynamicTest.dynamicTest(name + " (rows)", () -> check(f, false, false)));
      tests.add(DynamicTest.dynamicTest(name + " (vectors)", () -> check(f, true, false)));
      tests.add(DynamicTest.dynamicTest(name + " (no dictionaries)", () -> check(f, false, true)));
    }
    return tests.stream();
  }

  private static void check(Path file, boolean vectorize, boolean opaque) throws IOException {
    JsonNode golden;
    try (InputStream in = Files.newInputStream(file)) {
      golden = Json.MAPPER.readTree(in);
    }
    // Read as a client sends it (TestQueries.parse would turn the quotes of time patterns like 'T' into ").
    Query query = Json.MAPPER.readValue(golden.get("query").toString(), Query.class);
    List<TestSegment> visible = new ArrayList<>();
    List<TestSegment> all = query.dataSource().equals("wikipedia") ? WikipediaData.segments(vectorize, opaque)
        : GoldenData.segments(vectorize, opaque);
    for (TestSegment s : all) {
      for (Interval i : query.intervals()) {
        if (i.overlaps(s.id().interval())) {
          visible.add(s);
          break;
        }
      }
    }
    Object result = new QueryExecutor(pool).run(query, visible);
    JsonNode actual = Json.MAPPER.readTree(Json.MAPPER.writeValueAsString(result));
    assertThat(actual).as("response to %s", golden.get("query")).isEqualTo(golden.get("expected"));
  }
}
