package io.strata.testkit.duel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strata.api.data.Segment;
import io.strata.api.json.Json;
import io.strata.api.query.Query;
import io.strata.api.time.Interval;
import io.strata.query.QueryExecutor;
import io.strata.testkit.json.JsonComparison;
import io.strata.testkit.segments.Representation;
import io.strata.testkit.segments.AccessPathSegment;
import io.strata.testkit.segments.SegmentMaker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Seeded random duel: random timeseries, topN and groupBy queries ({@link RandomQueries}) over a random dataset
 * ({@link RandomDataset}) answered by {@link QueryExecutor} and by a deliberately simple reference
 * ({@link NaiveEvaluator}), which must agree exactly (double metrics are multiples of 0.25, so sums do not depend on
 * the order of additions). The engines run over five forms of the same rows: the persisted segments and the
 * in-memory indexes, each through the vector path and the row path ({@link AccessPathSegment#rowsOnly}), and merged
 * segments (vector path); a last check confirms that the vector targets really took vector cursors.
 *
 * <p>A disagreement is shrunk ({@link QueryShrinker}) and reported with the seed, the query number, the original
 * and the shrunk query and the command that replays it. Properties:
 * <ul>
 *   <li>{@code tests.seed}: the dataset and query seed (default: random, printed);</li>
 *   <li>{@code tests.duel.queries}: how many queries (default {@value #DEFAULT_QUERIES});</li>
 *   <li>{@code tests.duel.query}: run only this query number.</li>
 * </ul>
 */
class QueryDuelTest {
  static final int DEFAULT_QUERIES = 240;
  private static final long SEED = seed();
  private static final int QUERIES = Integer.getInteger("tests.duel.queries", DEFAULT_QUERIES);
  private static final Integer ONLY = Integer.getInteger("tests.duel.query");

  @TempDir
  static Path workDir;
  private static ExecutorService pool;
  private static SegmentMaker maker;
  private static RandomDataset data;
  private static NaiveEvaluator naive;
  private static RandomQueries queries;
  private static QueryExecutor executor;
  private static final Map<String, List<Segment>> TARGETS = new LinkedHashMap<>();

  private static long seed() {
    String fixed = System.getProperty("tests.seed");
    long seed = fixed != null ? Long.parseLong(fixed) : System.nanoTime();
    System.out.println("QueryDuelTest seed=" + seed + " (replay with -Dtests.seed=" + seed + ")");
    return seed;
  }

  @BeforeAll
  static void build() {
    try {
      buildTargets();
    } catch (RuntimeException | Error e) {
      throw new AssertionError("building the duel's data failed; seed " + SEED + " (replay with -Dtests.seed="
          + SEED + ")", e);
    }
  }

  private static void buildTargets() {
    data = RandomDataset.generate(SEED);
    System.out.println("QueryDuelTest " + data);
    naive = new NaiveEvaluator(data.referenceSegments());
    queries = new RandomQueries(data);
    pool = Executors.newFixedThreadPool(4);
    executor = new QueryExecutor(pool);
    maker = new SegmentMaker(workDir);
    List<Segment> persisted = maker.make(data.toTestDataset(), Representation.PERSISTED);
    List<Segment> index = maker.make(data.toTestDataset(), Representation.INCREMENTAL_INDEX);
    List<Segment> merged = maker.make(data.toTestDataset(), Representation.MERGED);
    TARGETS.put("persisted/vector", observed(persisted, AccessPathSegment::observing));
    TARGETS.put("persisted/row", observed(persisted, AccessPathSegment::rowsOnly));
    TARGETS.put("index/vector", observed(index, AccessPathSegment::observing));
    TARGETS.put("index/row", observed(index, AccessPathSegment::rowsOnly));
    TARGETS.put("merged/vector", observed(merged, AccessPathSegment::observing));
  }

  private static List<Segment> observed(List<Segment> segments, Function<Segment, AccessPathSegment> view) {
    return segments.stream().<Segment>map(view).toList();
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

  /** Rollup in the index and in the merger must store exactly the reference rollup's rows. */
  @Test
  void everyFormStoresTheReferenceRows() {
    for (Map.Entry<String, List<Segment>> t : TARGETS.entrySet()) {
      int rows = t.getValue().stream().mapToInt(s -> s.cursorFactory().numRows()).sum();
      assertThat(rows).as("stored rows of %s, %s", t.getKey(), data).isEqualTo(data.storedRowCount());
    }
  }

  @TestFactory
  Stream<DynamicNode> randomQueriesAgreeWithTheNaiveEvaluator() {
    IntStream numbers = ONLY != null ? IntStream.of(ONLY) : IntStream.range(0, QUERIES);
    List<DynamicTest> tests = new ArrayList<>(numbers.mapToObj(i -> {
      ObjectNode query = query(i);
      return DynamicTest.dynamicTest(String.format("q%03d %s", i, query.get("queryType").asText()),
          () -> duel(i, query));
    }).toList());
    if (ONLY == null) {
      tests.add(DynamicTest.dynamicTest("the vector targets took vector cursors", QueryDuelTest::checkPaths));
    }
    return Stream.of(DynamicContainer.dynamicContainer("seed " + SEED, tests));
  }

  /** Runs after the queries (dynamic tests run in order): each target's cursors were of the kind its name says. */
  private static void checkPaths() {
    for (Map.Entry<String, List<Segment>> t : TARGETS.entrySet()) {
      long rows = 0;
      long vectors = 0;
      for (Segment s : t.getValue()) {
        rows += ((AccessPathSegment) s).rowCursors();
        vectors += ((AccessPathSegment) s).vectorCursors();
      }
      System.out.printf("QueryDuelTest %s: %d row cursors, %d vector cursors%n", t.getKey(), rows, vectors);
      if (t.getKey().endsWith("/row")) {
        assertThat(vectors).as("vector cursors of %s", t.getKey()).isZero();
        assertThat(rows).as("row cursors of %s", t.getKey()).isPositive();
      } else {
        assertThat(vectors).as("vector cursors of %s, against %d row cursors", t.getKey(), rows)
            .isGreaterThan(rows);
      }
    }
  }

  /** Query {@code i} of the run: its own random stream, so it does not depend on the other queries. */
  static ObjectNode query(int i) {
    return queries.next(Seeds.random(SEED, i));
  }

  private static void duel(int number, ObjectNode query) {
    JsonNode expected = JsonComparison.tree(naive.evaluate(query));
    for (String target : TARGETS.keySet()) {
      Outcome outcome = run(target, query, expected);
      if (outcome.kind() != Kind.AGREE) {
        // Shrink while it fails the same way: a wrong answer must stay a wrong answer, not become a rejection.
        ObjectNode minimal = QueryShrinker.shrink(query, q -> run(target, q, null).kind() == outcome.kind());
        Outcome shrunk = run(target, minimal, null);
        fail("""
            query duel: Strata (%s) disagrees with the naive evaluator; seed %d, query %d, %s
            replay:  mvn -o test -pl testkit -Dtest=QueryDuelTest -Dtests.seed=%d -Dtests.duel.query=%d
            shrunk query: %s
              %s
              naive:  %s
              strata: %s
            original query: %s
              %s""", target, SEED, number, data, SEED, number, minimal, shrunk.problem(),
            abbreviate(shrunk.expected()), abbreviate(shrunk.actual()), query, outcome.problem());
      }
    }
  }

  /**
   * Runs {@code query} on {@code target} and compares with the naive answer.
   *
   * @param expected the naive answer to {@code query} if already known (a generated query), else null (a shrinker
   *                 candidate, which may be a query that cannot run: that is {@link Kind#NOT_COMPARABLE})
   */
  private static Outcome run(String target, ObjectNode query, JsonNode expected) {
    boolean generated = expected != null;
    JsonNode naiveAnswer;
    try {
      naiveAnswer = generated ? expected : JsonComparison.tree(naive.evaluate(query));
    } catch (RuntimeException e) {
      return Outcome.NOT_COMPARABLE;
    }
    Query parsed;
    List<Segment> visible = new ArrayList<>();
    JsonNode actual;
    try {
      parsed = Json.MAPPER.treeToValue(query, Query.class);
      for (Segment s : TARGETS.get(target)) {
        for (Interval i : parsed.intervals()) {
          if (i.overlaps(s.id().interval())) {
            visible.add(s);
            break;
          }
        }
      }
      actual = JsonComparison.tree(executor.run(parsed, visible));
    } catch (JsonProcessingException | RuntimeException e) {
      return new Outcome(Kind.ERROR, "query failed: " + e, naiveAnswer, null);
    }
    List<String> differences = JsonComparison.exact().differences(naiveAnswer, actual, 8);
    return differences.isEmpty() ? new Outcome(Kind.AGREE, null, naiveAnswer, actual)
        : new Outcome(Kind.DIFFERENT, "differences: " + differences, naiveAnswer, actual);
  }

  enum Kind { AGREE, DIFFERENT, ERROR, NOT_COMPARABLE }

  private record Outcome(Kind kind, String problem, JsonNode expected, JsonNode actual) {
    static final Outcome NOT_COMPARABLE = new Outcome(Kind.NOT_COMPARABLE, null, null, null);
  }

  private static String abbreviate(JsonNode n) {
    if (n == null) {
      return "-";
    }
    String s = n.toString();
    return s.length() <= 3000 ? s : s.substring(0, 3000) + "... (" + s.length() + " chars)";
  }
}
