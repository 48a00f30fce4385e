package io.strata.query;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.api.data.ColumnType;
import io.strata.api.time.DateTimes;
import io.strata.processing.ordering.StringComparators;
import io.strata.query.testing.TestSegment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static io.strata.query.testing.TestQueries.parse;
import static io.strata.query.testing.TestQueries.tree;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Enough groups (tens of thousands over three segments) that the merge runs in parallel partitions and topN
 * tries its pruned path; results must equal a plain reference computation on every path. One dimension is
 * skewed (a few values hold most rows, so a pruned topN can prove its answer early), one is uniform (ties
 * everywhere, so it cannot and falls back to the full merge).
 */
class LargeMergeTest {
  private static final long DAY0 = DateTimes.parseIso("2021-03-01");
  private static final List<Map<String, Object>> ROWS = generate();
  private static ExecutorService pool;

  @BeforeAll
  static void start() {
    pool = Executors.newFixedThreadPool(3);
  }

  @AfterAll
  static void stop() {
    pool.shutdownNow();
  }

  private static List<Map<String, Object>> generate() {
    Random r = new Random(5);
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int i = 0; i < 45_000; i++) {
      Map<String, Object> row = new HashMap<>();
      row.put("__time", DAY0 + (long) r.nextInt(3 * 86_400) * 1000L);
      double u = r.nextDouble();
      row.put("skewed", r.nextInt(50) == 0 ? null : "s" + (int) (30_000 * u * u * u));
      row.put("uniform", "u" + r.nextInt(25_000));
      row.put("m", r.nextInt(9) == 0 ? null : (long) r.nextInt(2000) - 600);
      row.put("d", (double) r.nextInt(100)); // integral: sums are exact in any order
      rows.add(row);
    }
    return rows;
  }

  private static List<TestSegment> segments(boolean vectorize, boolean opaque) {
    List<TestSegment> out = new ArrayList<>();
    for (int day = 0; day < 3; day++) {
      long start = DAY0 + day * 86_400_000L;
      TestSegment.Builder b = TestSegment.builder("big", DateTimes.format(start) + "/"
              + DateTimes.format(start + 86_400_000L))
          .dimension("skewed", ColumnType.STRING).dimension("uniform", ColumnType.STRING)
          .metric("m", ColumnType.LONG).metric("d", ColumnType.DOUBLE).vectorize(vectorize)
          .opaqueDictionaries(opaque);
      for (Map<String, Object> row : ROWS) {
        long t = (Long) row.get("__time");
        if (t >= start && t < start + 86_400_000L) {
          b.row(row);
        }
      }
      out.add(b.build());
    }
    return out;
  }

  private static final List<List<TestSegment>> PATHS = List.of(segments(false, false), segments(true, false),
      segments(false, true));

  private static final String AGGS = "'aggregations':[{'type':'count','name':'n'},{'type':'longSum','name':'s',"
      + "'fieldName':'m'},{'type':'doubleMax','name':'x','fieldName':'d'},{'type':'longMin','name':'lo',"
      + "'fieldName':'m'},{'type':'doubleSum','name':'ds','fieldName':'d'}]";

  /** Totals per value of {@code dimension} over rows in {@code [from, to)}: n, s, x, lo, ds. */
  private static Map<String, Object[]> totals(String dimension, long from, long to) {
    Map<String, Object[]> out = new HashMap<>();
    for (Map<String, Object> row : ROWS) {
      long t = (Long) row.get("__time");
      if (t < from || t >= to) {
        continue;
      }
      Object[] acc = out.computeIfAbsent((String) row.get(dimension), k -> new Object[] {0L, null, null, null, null});
      acc[0] = (Long) acc[0] + 1;
      Long m = (Long) row.get("m");
      if (m != null) {
        acc[1] = acc[1] == null ? m : (Long) acc[1] + m;
        acc[3] = acc[3] == null ? m : Math.min((Long) acc[3], m);
      }
      double d = (Double) row.get("d");
      acc[2] = acc[2] == null ? d : Math.max((Double) acc[2], d);
      acc[4] = acc[4] == null ? d : (Double) acc[4] + d;
    }
    return out;
  }

  private static void assertRow(JsonNode row, String dimension, String value, Object[] acc) {
    assertThat(row.get(dimension).isNull() ? null : row.get(dimension).asText()).isEqualTo(value);
    assertThat(row.get("n").asLong()).isEqualTo((Long) acc[0]);
    assertThat(row.get("s").isNull() ? null : row.get("s").asLong()).as("s of %s", value).isEqualTo(acc[1]);
    assertThat(row.get("x").asDouble()).isEqualTo((Double) acc[2]);
    assertThat(row.get("lo").isNull() ? null : row.get("lo").asLong()).isEqualTo(acc[3]);
    assertThat(row.get("ds").asDouble()).isEqualTo((Double) acc[4]);
  }

  @Test
  void groupByMergesTensOfThousandsOfGroups() {
    String query = "{'queryType':'groupBy','dataSource':'big','intervals':['2021-03-01/2021-03-04'],"
        + "'granularity':'all','dimensions':['uniform']," + AGGS + "}";
    TreeMap<String, Object[]> expected = new TreeMap<>(StringComparators.LEXICOGRAPHIC);
    expected.putAll(totals("uniform", DAY0, DAY0 + 3 * 86_400_000L));
    assertThat(expected.size()).isGreaterThan(20_000);
    for (List<TestSegment> segments : PATHS) {
      JsonNode actual = tree(new QueryExecutor(pool).run(parse(query), segments));
      assertThat(actual).hasSize(expected.size());
      int i = 0;
      for (Map.Entry<String, Object[]> e : expected.entrySet()) {
        assertRow(actual.get(i++).get("event"), "uniform", e.getKey(), e.getValue());
      }
    }
  }

  @Test
  void limitedGroupByRanksBeforeMakingRows() {
    // Order by s descending (nulls last), then by the dimension: the offset + limit best of tens of thousands.
    String query = "{'queryType':'groupBy','dataSource':'big','intervals':['2021-03-01/2021-03-04'],"
        + "'granularity':'all','dimensions':['skewed']," + AGGS + ",'limitSpec':{'type':'default','limit':15,"
        + "'offset':5,'columns':[{'dimension':'s','direction':'descending'}]}}";
    List<Map.Entry<String, Object[]>> expected = ranked(totals("skewed", DAY0, DAY0 + 3 * 86_400_000L), 1);
    for (List<TestSegment> segments : PATHS) {
      JsonNode actual = tree(new QueryExecutor(pool).run(parse(query), segments));
      assertThat(actual).hasSize(15);
      for (int i = 0; i < 15; i++) {
        assertRow(actual.get(i).get("event"), "skewed", expected.get(i + 5).getKey(), expected.get(i + 5).getValue());
      }
    }
    // By day first, then by the dimension descending: the last values of the first day.
    String byDay = "{'queryType':'groupBy','dataSource':'big','intervals':['2021-03-01/2021-03-04'],"
        + "'granularity':'day','dimensions':['uniform']," + AGGS + ",'limitSpec':{'type':'default','limit':10,"
        + "'columns':[{'dimension':'uniform','direction':'descending'}]}}";
    TreeMap<String, Object[]> day0 = new TreeMap<>(StringComparators.LEXICOGRAPHIC.reversed());
    day0.putAll(totals("uniform", DAY0, DAY0 + 86_400_000L));
    for (List<TestSegment> segments : PATHS) {
      JsonNode actual = tree(new QueryExecutor(pool).run(parse(byDay), segments));
      assertThat(actual).hasSize(10);
      int i = 0;
      for (Map.Entry<String, Object[]> e : day0.entrySet()) {
        if (i == 10) {
          break;
        }
        assertThat(actual.get(i).get("timestamp").asText()).isEqualTo(DateTimes.format(DAY0));
        assertRow(actual.get(i++).get("event"), "uniform", e.getKey(), e.getValue());
      }
    }
  }

  @Test
  void topNIsExactWhetherOrNotItCanPrune() {
    long from = DAY0 + 3_600_000L;
    long to = DAY0 + 3 * 86_400_000L - 7_200_000L;
    String intervals = "'intervals':['" + DateTimes.format(from) + "/" + DateTimes.format(to) + "']";
    // Two intervals inside every segment: two runs per segment, the same values in both.
    long mid = DAY0 + 86_400_000L + 43_200_000L;
    String split = "'intervals':['" + DateTimes.format(from) + "/" + DateTimes.format(mid) + "','"
        + DateTimes.format(mid) + "/" + DateTimes.format(to) + "']";
    for (String dimension : List.of("skewed", "uniform")) {
      for (String metric : List.of("n", "s")) {
        for (int threshold : new int[] {1, 7, 40}) {
          for (String iv : List.of(intervals, split)) {
            String query = "{'queryType':'topN','dataSource':'big'," + iv + ",'granularity':'all',"
                + "'dimension':'" + dimension + "','metric':'" + metric + "','threshold':" + threshold + ","
                + AGGS + "}";
            List<Map.Entry<String, Object[]>> expected = ranked(totals(dimension, from, to),
                metric.equals("n") ? 0 : 1);
            for (List<TestSegment> segments : PATHS) {
              JsonNode result = tree(new QueryExecutor(pool).run(parse(query), segments)).get(0).get("result");
              assertThat(result).as(query).hasSize(threshold);
              for (int i = 0; i < threshold; i++) {
                assertRow(result.get(i), dimension, expected.get(i).getKey(), expected.get(i).getValue());
              }
            }
          }
        }
      }
    }
  }

  /** By the metric descending (nulls last), then by value (null first). */
  static List<Map.Entry<String, Object[]>> ranked(Map<String, Object[]> totals, int metric) {
    List<Map.Entry<String, Object[]>> out = new ArrayList<>(totals.entrySet());
    Comparator<Map.Entry<String, Object[]>> byMetric = (a, b) -> {
      Long x = (Long) a.getValue()[metric];
      Long y = (Long) b.getValue()[metric];
      if (x == null || y == null) {
        return x == y ? 0 : (x == null ? 1 : -1);
      }
      return Long.compare(y, x);
    };
    out.sort(byMetric.thenComparing(Map.Entry::getKey, StringComparators.LEXICOGRAPHIC));
    return out;
  }
}
