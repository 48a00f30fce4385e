package io.strata.query.scan;

import io.strata.api.error.InvalidInputException;
import io.strata.api.query.Query;
import io.strata.query.testing.SalesData;
import io.strata.query.testing.TestSegment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static io.strata.query.testing.TestQueries.json;
import static io.strata.query.testing.TestQueries.parse;
import static io.strata.query.testing.TestQueries.tree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScanEngineTest {
  private static final String BASE = "'queryType':'scan','dataSource':'sales'";
  private static final String ID1 = "sales_2020-01-01T00:00:00.000Z_2020-01-02T00:00:00.000Z_v1";
  private static final String ID2 = "sales_2020-01-02T00:00:00.000Z_2020-01-03T00:00:00.000Z_v1";
  private static final String SIG = "[{'name':'city','type':'STRING'},{'name':'__time','type':'LONG'}]";

  private static ExecutorService pool;
  private static ScanEngine engine;

  @BeforeAll
  static void start() {
    pool = Executors.newFixedThreadPool(2);
    engine = new ScanEngine(pool);
  }

  @AfterAll
  static void stop() {
    pool.shutdownNow();
  }

  private static Object run(String rest, List<TestSegment> segments) {
    String intervals = rest.contains("'intervals'") ? "" : ",'intervals':['2020-01-01/2020-01-03']";
    Query.Scan q = parse("{" + BASE + intervals + "," + rest + "}");
    return engine.run(q, segments);
  }

  @Test
  void allColumnsAsObjectsWithTimeFirstAndNullsForMissingValues() {
    Object r = run("'limit':1", SalesData.segments());
    assertThat(tree(r)).isEqualTo(json("[{'segmentId':'" + ID1 + "','columns':['__time','country','city','qty','price'],"
        + "'events':[{'__time':1577836800000,'country':'US','city':'NYC','qty':1,'price':10.0}],'rowSignature':["
        + "{'name':'__time','type':'LONG'},{'name':'country','type':'STRING'},{'name':'city','type':'STRING'},"
        + "{'name':'qty','type':'LONG'},{'name':'price','type':'DOUBLE'}]}]"));
  }

  @Test
  void unorderedBatchesPerSegmentThenOffsetAndLimit() {
    Object r = run("'columns':['city','__time'],'batchSize':2,'offset':1,'limit':4,'resultFormat':'compactedList'",
        SalesData.segments());
    assertThat(tree(r)).isEqualTo(json("["
        + "{'segmentId':'" + ID1 + "','columns':['city','__time'],'events':[['SF',1577838600000]],'rowSignature':" + SIG + "},"
        + "{'segmentId':'" + ID1 + "','columns':['city','__time'],'events':[['Paris',1577844000000],[null,1577844900000]],"
        + "'rowSignature':" + SIG + "},"
        + "{'segmentId':'" + ID2 + "','columns':['city','__time'],'events':[['NYC',1577926800000]],'rowSignature':" + SIG + "}]"));
  }

  @Test
  void unorderedReadingStopsAtTheLimit() {
    List<TestSegment> segments = SalesData.segments();
    run("'columns':['city'],'limit':2", segments);
    assertThat(segments.get(0).rowsRead()).isLessThanOrEqualTo(2);
    assertThat(segments.get(1).rowsRead()).isZero();
  }

  @Test
  void descendingWithLimitMergesSegmentsIntoBlocksWithoutSegmentId() {
    Object r = run("'columns':['city','__time'],'order':'descending','limit':3,'batchSize':2,"
        + "'resultFormat':'compactedList'", SalesData.segments());
    assertThat(tree(r)).isEqualTo(json("["
        + "{'segmentId':null,'columns':['city','__time'],'events':[['Berlin',1577941200000],['NYC',1577926800000]],"
        + "'rowSignature':" + SIG + "},"
        + "{'segmentId':null,'columns':['city','__time'],'events':[[null,1577844900000]],'rowSignature':" + SIG + "}]"));
  }

  @Test
  void anOrderedLimitedScanSkipsSegmentsLaterThanTheRowsItAlreadyHas() {
    TestSegment day1 = SalesData.day1(false);
    TestSegment day2 = SalesData.day2(false);
    run("'columns':['city','__time'],'order':'ascending','limit':2", List.of(day2, day1));
    assertThat(day1.rowsRead()).isPositive();
    assertThat(day2.rowsRead()).as("day 2 cannot hold rows earlier than day 1's first two").isZero();

    TestSegment late1 = SalesData.day1(false);
    TestSegment late2 = SalesData.day2(false);
    run("'columns':['city','__time'],'order':'descending','limit':2", List.of(late1, late2));
    assertThat(late1.rowsRead()).as("day 1 cannot hold rows later than day 2's last two").isZero();
  }

  /** Per seed: segments of overlapping intervals (live spills of one chunk alike); every limit and offset. */
  @Test
  void orderedLimitedScansOverOverlappingSegmentsArePrefixesOfTheWholeOrder() {
    String[] intervals = {"2020-01-01/2020-01-02", "2020-01-01/2020-01-03", "2020-01-02/2020-01-03",
        "2020-01-03/2020-01-04", "2020-01-01/2020-01-04"};
    String[] cities = {"NYC", "SF", "Paris", "Berlin", null};
    for (long seed = 1; seed <= 40; seed++) {
      java.util.Random random = new java.util.Random(seed);
      List<TestSegment> segments = new java.util.ArrayList<>();
      int n = 1 + random.nextInt(6);
      for (int k = 0; k < n; k++) {
        String interval = intervals[random.nextInt(intervals.length)];
        io.strata.api.time.Interval iv = io.strata.api.time.Interval.parse(interval);
        TestSegment.Builder b = SalesData.builder(interval, random.nextBoolean()).partition(k);
        int rows = random.nextInt(6);
        for (int r = 0; r < rows; r++) {
          long t = iv.start() + 60_000L * random.nextInt((int) ((iv.end() - iv.start()) / 60_000L));
          b.row(io.strata.api.time.DateTimes.format(t), "city", cities[random.nextInt(cities.length)], "qty",
              (long) random.nextInt(9), "price", 1.0);
        }
        segments.add(b.build());
      }
      for (String order : List.of("ascending", "descending")) {
        String all = "'intervals':['2020-01-01/2020-01-04'],'columns':['__time','city','qty'],'order':'" + order
            + "','resultFormat':'compactedList'";
        List<Object> whole = events(run(all, segments));
        for (int offset = 0; offset <= 2; offset++) {
          for (int limit = 1; limit <= whole.size() + 1; limit++) {
            List<Object> got = events(run(all + ",'offset':" + offset + ",'limit':" + limit, segments));
            List<Object> want = whole.subList(Math.min(offset, whole.size()), Math.min(whole.size(), offset + limit));
            assertThat(got).as("seed %d %s offset %d limit %d", seed, order, offset, limit).isEqualTo(want);
          }
        }
      }
    }
  }

  /** The events of all blocks, in order. */
  private static List<Object> events(Object result) {
    List<Object> out = new java.util.ArrayList<>();
    tree(result).forEach(block -> block.get("events").forEach(out::add));
    return out;
  }

  @Test
  void orderedWithoutLimitGivesOneRowPerBlockWithItsSegment() {
    Object r = run("'columns':['city','__time'],'order':'ascending','offset':3,'resultFormat':'compactedList'",
        SalesData.segments());
    assertThat(tree(r)).isEqualTo(json("["
        + "{'segmentId':'" + ID1 + "','columns':['city','__time'],'events':[[null,1577844900000]],'rowSignature':" + SIG + "},"
        + "{'segmentId':'" + ID2 + "','columns':['city','__time'],'events':[['NYC',1577926800000]],'rowSignature':" + SIG + "},"
        + "{'segmentId':'" + ID2 + "','columns':['city','__time'],'events':[['Berlin',1577941200000]],'rowSignature':" + SIG + "}]"));
  }

  @Test
  void filterClippingAndMissingColumnWithoutType() {
    Object r = run("'intervals':['2020-01-01T00:15/2020-01-02T02:00'],'columns':['city','nope'],"
        + "'filter':{'type':'selector','dimension':'country','value':'US'}", SalesData.segments());
    String sig = "[{'name':'city','type':'STRING'},{'name':'nope'}]";
    assertThat(tree(r)).isEqualTo(json("["
        + "{'segmentId':'" + ID1 + "','columns':['city','nope'],'events':[{'city':'SF','nope':null}],'rowSignature':" + sig + "},"
        + "{'segmentId':'" + ID2 + "','columns':['city','nope'],'events':[{'city':'NYC','nope':null}],'rowSignature':" + sig + "}]"));
  }

  @Test
  void orderingNeedsTheTimeColumn() {
    assertThatThrownBy(() -> run("'columns':['city'],'order':'ascending'", SalesData.segments()))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("__time");
  }

  @Test
  void vectorAndRowPathsAgree() {
    for (String order : List.of("none", "ascending", "descending")) {
      String rest = "'order':'" + order + "','limit':5,'batchSize':2";
      assertThat(tree(run(rest, SalesData.segments(true)))).isEqualTo(tree(run(rest, SalesData.segments(false))));
    }
  }

  @Test
  void aScanHoldingMoreValuesThanItsBudgetIsRefusedNotRunOutOfMemory() {
    ScanEngine small = new ScanEngine(pool, 10);
    Query.Scan all = parse("{" + BASE + ",'intervals':['2020-01-01/2020-01-03']}");
    assertThatThrownBy(() -> small.run(all, SalesData.segments()))
        .isInstanceOf(io.strata.api.error.ResourceLimitException.class).hasMessageContaining("add a limit");
    assertThatThrownBy(() -> small.run(all, SalesData.segments(false)))
        .isInstanceOf(io.strata.api.error.ResourceLimitException.class);
    ScanEngine enough = new ScanEngine(pool, 1000);
    assertThat(tree(enough.run(all, SalesData.segments()))).isEqualTo(tree(engine.run(all, SalesData.segments())));
  }
}
