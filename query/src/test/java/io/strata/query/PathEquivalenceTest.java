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
 * A few thousand generated rows over three segments: every query gives the same answer on the row path, the
 * vector path and with selectors that have no usable dictionary (local ids, object keys), and groupBy matches a
 * plain reference computation (this data takes the hashed key path).
 */
class PathEquivalenceTest {
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
    Random r = new Random(42);
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      Map<String, Object> row = new HashMap<>();
      row.put("__time", DAY0 + (long) r.nextInt(3 * 86_400) * 1000L);
      row.put("a", "a" + r.nextInt(50));
      row.put("b", "b" + r.nextInt(300));
      row.put("c", r.nextInt(5) == 0 ? null : "c" + r.nextInt(4));
      row.put("m", r.nextInt(7) == 0 ? null : (long) r.nextInt(1000) - 300);
      row.put("d", r.nextDouble() * 100);
      rows.add(row);
    }
    return rows;
  }

  private static List<TestSegment> segments(boolean vectorize, boolean opaque) {
    List<TestSegment> out = new ArrayList<>();
    for (int day = 0; day < 3; day++) {
      long start = DAY0 + day * 86_400_000L;
      TestSegment.Builder b = TestSegment.builder("gen", DateTimes.format(start) + "/"
              + DateTimes.format(start + 86_400_000L))
          .dimension("a", ColumnType.STRING).dimension("b", ColumnType.STRING).dimension("c", ColumnType.STRING)
          .metric("m", ColumnType.LONG).metric("d", ColumnType.DOUBLE).vectorize(vectorize).opaqueDictionaries(opaque);
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

  private static JsonNode run(String query, boolean vectorize, boolean opaque) {
    return tree(new QueryExecutor(pool).run(parse(query), segments(vectorize, opaque)));
  }

  private static void assertSameOnAllPaths(String query) {
    JsonNode rows = run(query, false, false);
    assertThat(run(query, true, false)).as("vector path of %s", query).isEqualTo(rows);
    assertThat(run(query, false, true)).as("no-dictionary path of %s", query).isEqualTo(rows);
  }

  private static final String AGGS = "'aggregations':[{'type':'count','name':'n'},{'type':'longSum','name':'s',"
      + "'fieldName':'m'},{'type':'doubleMax','name':'x','fieldName':'d'},{'type':'longMin','name':'lo','fieldName':'m'}]";

  @Test
  void groupByMatchesAReferenceComputation() {
    String query = "{'queryType':'groupBy','dataSource':'gen','intervals':['2021-03-01/2021-03-04'],"
        + "'granularity':'hour','dimensions':['a','b']," + AGGS + "}";
    JsonNode actual = run(query, false, false);

    Comparator<List<Object>> keyOrder = Comparator.<List<Object>, Long>comparing(k -> (Long) k.get(0))
        .thenComparing(k -> (String) k.get(1), StringComparators.LEXICOGRAPHIC)
        .thenComparing(k -> (String) k.get(2), StringComparators.LEXICOGRAPHIC);
    TreeMap<List<Object>, Object[]> expected = new TreeMap<>(keyOrder);
    for (Map<String, Object> row : ROWS) {
      long hour = Math.floorDiv((Long) row.get("__time"), 3_600_000L) * 3_600_000L;
      Object[] acc = expected.computeIfAbsent(List.of(hour, row.get("a"), row.get("b")),
          k -> new Object[] {0L, null, null, null});
      acc[0] = (Long) acc[0] + 1;
      Long m = (Long) row.get("m");
      if (m != null) {
        acc[1] = acc[1] == null ? m : (Long) acc[1] + m;
        acc[3] = acc[3] == null ? m : Math.min((Long) acc[3], m);
      }
      double d = (Double) row.get("d");
      acc[2] = acc[2] == null ? d : Math.max((Double) acc[2], d);
    }
    assertThat(actual).hasSize(expected.size());
    int i = 0;
    for (Map.Entry<List<Object>, Object[]> e : expected.entrySet()) {
      JsonNode row = actual.get(i++);
      assertThat(row.get("timestamp").asText()).isEqualTo(DateTimes.format((Long) e.getKey().get(0)));
      JsonNode event = row.get("event");
      assertThat(event.get("a").asText()).isEqualTo(e.getKey().get(1));
      assertThat(event.get("b").asText()).isEqualTo(e.getKey().get(2));
      Object[] acc = e.getValue();
      assertThat(event.get("n").asLong()).isEqualTo((Long) acc[0]);
      assertThat(event.get("s").isNull() ? null : event.get("s").asLong()).isEqualTo(acc[1]);
      assertThat(event.get("x").asDouble()).isEqualTo((Double) acc[2]);
      assertThat(event.get("lo").isNull() ? null : event.get("lo").asLong()).isEqualTo(acc[3]);
    }
  }

  @Test
  void groupByAgreesAcrossPaths() {
    assertSameOnAllPaths("{'queryType':'groupBy','dataSource':'gen','intervals':['2021-03-01/2021-03-04'],"
        + "'granularity':'hour','dimensions':['a','b','c']," + AGGS + "}");
    assertSameOnAllPaths("{'queryType':'groupBy','dataSource':'gen','intervals':['2021-03-01T05:00/2021-03-03T07:00'],"
        + "'granularity':'all','dimensions':['c'],'filter':{'type':'in','dimension':'a','values':['a1','a2','a3']},"
        + AGGS + ",'limitSpec':{'type':'default','limit':3,'columns':[{'dimension':'s','direction':'descending'}]}}");
  }

  @Test
  void topNAndTimeseriesAgreeAcrossPaths() {
    assertSameOnAllPaths("{'queryType':'topN','dataSource':'gen','intervals':['2021-03-01/2021-03-04'],"
        + "'granularity':'six_hour','dimension':'b','metric':'s','threshold':5," + AGGS + "}");
    assertSameOnAllPaths("{'queryType':'topN','dataSource':'gen','intervals':['2021-03-01/2021-03-04'],"
        + "'granularity':'all','dimension':'c','metric':{'type':'inverted','metric':'x'},'threshold':3," + AGGS + "}");
    assertSameOnAllPaths("{'queryType':'timeseries','dataSource':'gen','intervals':['2021-03-01/2021-03-04'],"
        + "'granularity':'fifteen_minute','filter':{'type':'selector','dimension':'c','value':null}," + AGGS + "}");
    assertSameOnAllPaths("{'queryType':'timeseries','dataSource':'gen','intervals':['2021-03-01/2021-03-04'],"
        + "'granularity':{'type':'period','period':'P1D','timeZone':'America/New_York'}," + AGGS + "}");
  }

  @Test
  void scanAgreesAcrossPaths() {
    assertSameOnAllPaths("{'queryType':'scan','dataSource':'gen','intervals':['2021-03-01/2021-03-04'],"
        + "'order':'descending','limit':700,'offset':10,'batchSize':100}");
    assertSameOnAllPaths("{'queryType':'scan','dataSource':'gen','intervals':['2021-03-02/2021-03-04'],"
        + "'columns':['m','a','__time'],'filter':{'type':'bound','dimension':'m','lower':'0','ordering':'numeric'},"
        + "'resultFormat':'compactedList','limit':900}");
  }
}
