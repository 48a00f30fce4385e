package io.strata.testkit.conformance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strata.api.data.Segment;
import io.strata.api.json.Json;
import io.strata.api.query.Query;
import io.strata.api.time.Interval;
import io.strata.query.QueryExecutor;
import io.strata.testkit.golden.GoldenCase;
import io.strata.testkit.golden.GoldenDatasets;
import io.strata.testkit.json.JsonComparison;
import io.strata.testkit.segments.Representation;
import io.strata.testkit.segments.AccessPathSegment;
import io.strata.testkit.segments.SegmentMaker;
import io.strata.testkit.segments.TestDataset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The golden cases recorded from a real Druid 33 (the query module's {@code src/test/resources/golden}, see its
 * README.md), replayed over every physical representation of the same data: the in-memory index, the persisted
 * segment and the merged segment ({@link Representation}), each through the engines' vector path and their row
 * path ({@link AccessPathSegment#rowsOnly}). The data is built for real: the recorded rows are read by the input module and
 * added to an {@code IncrementalIndex} per day chunk with the dataSchema Druid used ({@link GoldenDatasets}), then
 * persisted and merged with the segment module, under the segment ids Druid gave them.
 *
 * <p>Each (representation, path, case) is its own test, named {@code <representation>/<path>: <datasource>/<case>}.
 * Responses are compared with the golden tests' semantics ({@link JsonComparison#exact()}: key order ignored,
 * numbers as written). The few cases that cannot be compared as they are are listed in {@link #SPECIAL}, each
 * with its reason: excluded (reported as skipped), relaxed (a named part of the response is not compared), or a
 * known divergence (a reported bug: skipped while it still differs, failing once it matches so the entry gets
 * removed).
 *
 * <p>The golden files are read from {@value #GOLDEN_DIR_TEXT}, relative to the working directory: Maven runs a
 * module's tests with the module directory ({@code testkit/}) as working directory, so this is the query module's
 * test resources. An IDE must use the module directory as working directory too.
 */
class GoldenConformanceTest {
  static final String GOLDEN_DIR_TEXT = "../query/src/test/resources/golden";
  static final Path GOLDEN_DIR = Path.of(GOLDEN_DIR_TEXT);
  static final List<String> DATA_SOURCES = List.of("query_golden", "wikipedia");
  /** The query module holds 107 cases; fewer means the directory was not found whole. */
  static final int MIN_CASES = 107;

  enum AccessPath { VECTOR, ROW }

  enum Kind { EXCLUDED, RELAXED, KNOWN_DIVERGENCE }

  /**
   * A case that is not compared as it is.
   *
   * @param normalize for RELAXED: applied to both the expected and the actual response before comparing
   */
  record Special(Kind kind, Set<Representation> representations, Predicate<GoldenCase> cases, String reason,
                 UnaryOperator<JsonNode> normalize) {
    boolean appliesTo(Representation r, GoldenCase c) {
      return representations.contains(r) && cases.test(c);
    }
  }

  private static final Predicate<GoldenCase> SCANS_OF_ALL_COLUMNS = c -> c.query().path("queryType").asText()
      .equals("scan") && !c.query().has("columns");
  private static final Predicate<GoldenCase> SEGMENT_METADATA = c -> c.query().path("queryType").asText()
      .equals("segmentMetadata");

  static final List<Special> SPECIAL = List.of(
      new Special(Kind.EXCLUDED, EnumSet.of(Representation.INCREMENTAL_INDEX), SCANS_OF_ALL_COLUMNS,
          "a scan without 'columns' lists the metric columns in storage order. Druid sorts metric columns by name "
              + "only when it persists a segment (IndexMergerV9.merge: IndexMerger.mergeIndexed over the metric "
              + "names), and these responses come from persisted segments; an in-memory index, Druid's as ours, "
              + "keeps metricsSpec order (query_golden: count before added), so the column order legitimately "
              + "differs", null),
      new Special(Kind.RELAXED, EnumSet.of(Representation.INCREMENTAL_INDEX), SEGMENT_METADATA,
          "an in-memory index does not track whether a metric column holds nulls, so segmentMetadata reports "
              + "hasNulls=true for its nullable metrics (as Druid's IncrementalIndex does in SQL-compatible mode: "
              + "numeric metric capabilities leave hasNulls unknown, which the analyzer reports as true), where a "
              + "persisted segment knows; hasNulls of non-string, non-__time columns is not compared",
          GoldenConformanceTest::withoutMetricHasNulls));

  @TempDir
  static Path workDir;
  private static ExecutorService pool;
  private static SegmentMaker maker;
  private static final Map<String, Map<Representation, List<Segment>>> SEGMENTS = new LinkedHashMap<>();

  @BeforeAll
  static void build() {
    assertThat(GOLDEN_DIR.resolve("README.md"))
        .as("golden cases are read from %s relative to the working directory %s; run the tests from the testkit "
            + "module directory", GOLDEN_DIR_TEXT, Path.of("").toAbsolutePath())
        .exists();
    pool = Executors.newFixedThreadPool(3);
    maker = new SegmentMaker(workDir);
    for (String ds : DATA_SOURCES) {
      TestDataset dataset = ds.equals("wikipedia") ? GoldenDatasets.wikipedia(GOLDEN_DIR)
          : GoldenDatasets.queryGolden(GOLDEN_DIR);
      Map<Representation, List<Segment>> reps = new EnumMap<>(Representation.class);
      for (Representation r : Representation.values()) {
        reps.put(r, maker.make(dataset, r));
      }
      SEGMENTS.put(ds, reps);
    }
  }

  @AfterAll
  static void release() {
    if (maker != null) {
      maker.close();
    }
    if (pool != null) {
      pool.shutdownNow();
    }
  }

  /**
   * Druid stored query_golden as 4, 4 and 3 rows a day and wikipedia as 500 rows; a third of the wikipedia rows
   * were split into two input rows, so every representation must have rolled them back together.
   */
  @Test
  void everyRepresentationStoresDruidsRows() {
    Map<String, List<Integer>> druid = Map.of("query_golden", List.of(4, 4, 3), "wikipedia", List.of(500));
    for (String ds : DATA_SOURCES) {
      for (Representation r : Representation.values()) {
        List<Integer> rows = SEGMENTS.get(ds).get(r).stream().map(s -> s.cursorFactory().numRows()).toList();
        assertThat(rows).as("rows per segment of %s as %s", ds, r.label()).isEqualTo(druid.get(ds));
      }
    }
  }

  @TestFactory
  Stream<DynamicNode> goldenCasesOverEveryRepresentation() {
    List<GoldenCase> cases = new ArrayList<>();
    for (String ds : DATA_SOURCES) {
      cases.addAll(GoldenCase.load(GOLDEN_DIR, ds));
    }
    assertThat(cases).as("golden cases under %s", GOLDEN_DIR.toAbsolutePath()).hasSizeGreaterThanOrEqualTo(MIN_CASES);
    List<DynamicNode> containers = new ArrayList<>();
    for (Representation r : Representation.values()) {
      for (AccessPath path : AccessPath.values()) {
        String label = r.label() + "/" + path.name().toLowerCase(Locale.ROOT);
        List<DynamicTest> tests = new ArrayList<>();
        for (GoldenCase c : cases) {
          Special special = SPECIAL.stream().filter(s -> s.appliesTo(r, c)).findFirst().orElse(null);
          tests.add(DynamicTest.dynamicTest(label + ": " + c.id(), c.file().toUri(), () -> check(r, path, c, special)));
        }
        containers.add(DynamicContainer.dynamicContainer(label, tests));
      }
    }
    return containers.stream();
  }

  private static void check(Representation representation, AccessPath path, GoldenCase golden, Special special)
      throws JsonProcessingException {
    if (special != null && special.kind() == Kind.EXCLUDED) {
      Assumptions.abort("excluded: " + special.reason());
    }
    Query query = Json.MAPPER.treeToValue(golden.query(), Query.class);
    List<Segment> visible = new ArrayList<>();
    for (Segment s : SEGMENTS.get(golden.dataSource()).get(representation)) {
      for (Interval i : query.intervals()) {
        if (i.overlaps(s.id().interval())) {
          visible.add(path == AccessPath.ROW ? AccessPathSegment.rowsOnly(s) : s);
          break;
        }
      }
    }
    JsonNode actual = JsonComparison.tree(new QueryExecutor(pool).run(query, visible));
    JsonNode expected = golden.expected();
    if (special != null && special.kind() == Kind.RELAXED) {
      expected = special.normalize().apply(expected.deepCopy());
      actual = special.normalize().apply(actual);
    }
    List<String> differences = JsonComparison.exact().differences(expected, actual, 10);
    if (special != null && special.kind() == Kind.KNOWN_DIVERGENCE) {
      if (differences.isEmpty()) {
        fail("%s over the %s representation now matches Druid: remove the known divergence \"%s\" from "
            + "GoldenConformanceTest.SPECIAL", golden.id(), representation.label(), special.reason());
      }
      Assumptions.abort("known divergence: " + special.reason() + "; differences: " + differences);
    }
    assertThat(differences)
        .as("%s over the %s representation (%s path) differs from Druid's response%nquery:    %s%n"
            + "expected: %s%nactual:   %s", golden.id(), representation.label(),
            path.name().toLowerCase(Locale.ROOT), golden.query(), abbreviate(expected), abbreviate(actual))
        .isEmpty();
  }

  /** Drops {@code hasNulls} of every non-string column but {@code __time} in segmentMetadata results. */
  private static JsonNode withoutMetricHasNulls(JsonNode response) {
    for (JsonNode analysis : response) {
      JsonNode columns = analysis.path("columns");
      columns.fields().forEachRemaining(e -> {
        if (!e.getKey().equals("__time") && !e.getValue().path("type").asText().equals("STRING")
            && e.getValue() instanceof ObjectNode o) {
          o.remove("hasNulls");
        }
      });
    }
    return response;
  }

  private static String abbreviate(JsonNode n) {
    String s = n.toString();
    return s.length() <= 2000 ? s : s.substring(0, 2000) + "... (" + s.length() + " chars)";
  }
}
