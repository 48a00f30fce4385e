package io.strata.query.topn;

import io.strata.api.error.InvalidInputException;
import io.strata.api.query.Query;
import io.strata.query.testing.SalesData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static io.strata.query.testing.TestQueries.json;
import static io.strata.query.testing.TestQueries.parse;
import static io.strata.query.testing.TestQueries.tree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TopNEngineTest {
  private static final String BASE = "'queryType':'topN','dataSource':'sales','intervals':['2020-01-01/2020-01-03'],"
      + "'aggregations':[{'type':'count','name':'n'},{'type':'longSum','name':'q','fieldName':'qty'}]";

  private static ExecutorService pool;
  private static TopNEngine engine;

  @BeforeAll
  static void start() {
    pool = Executors.newFixedThreadPool(2);
    engine = new TopNEngine(pool);
  }

  @AfterAll
  static void stop() {
    pool.shutdownNow();
  }

  private static Object run(String rest) {
    String granularity = rest.contains("'granularity'") ? "" : ",'granularity':'all'";
    Query.TopN q = parse("{" + BASE + granularity + "," + rest + "}");
    return engine.run(q, SalesData.segments(false));
  }

  @Test
  void valuesAreMergedAcrossSegmentsBeforeRanking() {
    // US appears in both segments: 1 + 2 + 4 = 7.
    Object r = run("'dimension':'country','metric':'q','threshold':2");
    assertThat(tree(r)).isEqualTo(json("[{'timestamp':'2020-01-01T00:00:00.000Z','result':["
        + "{'country':'US','n':3,'q':7},{'country':'DE','n':1,'q':5}]}]"));
  }

  @Test
  void invertedRanksAscendingWithNullMetricsLast() {
    Object r = run("'dimension':'country','metric':{'type':'inverted','metric':'q'},'threshold':10");
    assertThat(tree(r)).isEqualTo(json("[{'timestamp':'2020-01-01T00:00:00.000Z','result':["
        + "{'country':'FR','n':1,'q':3},{'country':'DE','n':1,'q':5},{'country':'US','n':3,'q':7},"
        + "{'country':null,'n':1,'q':null}]}]"));
  }

  @Test
  void tiesBreakByDimensionValueNullFirst() {
    Object r = run("'dimension':'country','metric':'n','threshold':3");
    assertThat(tree(r)).isEqualTo(json("[{'timestamp':'2020-01-01T00:00:00.000Z','result':["
        + "{'country':'US','n':3,'q':7},{'country':null,'n':1,'q':null},{'country':'DE','n':1,'q':5}]}]"));
  }

  @Test
  void dimensionOrderingWithPreviousStopAndOutputName() {
    Object r = run("'dimension':{'type':'default','dimension':'city','outputName':'c'},"
        + "'metric':{'type':'dimension','ordering':'lexicographic','previousStop':'NYC'},'threshold':2");
    assertThat(tree(r)).isEqualTo(json("[{'timestamp':'2020-01-01T00:00:00.000Z','result':["
        + "{'c':'Paris','n':1,'q':3},{'c':'SF','n':1,'q':2}]}]"));
  }

  @Test
  void invertedDimensionOrderingKeepsNullFirst() {
    Object r = run("'dimension':'country','metric':{'type':'inverted','metric':{'type':'dimension'}},'threshold':3");
    assertThat(tree(r)).isEqualTo(json("[{'timestamp':'2020-01-01T00:00:00.000Z','result':["
        + "{'country':null,'n':1,'q':null},{'country':'US','n':3,'q':7},{'country':'FR','n':1,'q':3}]}]"));
  }

  @Test
  void rankByPostAggregatorPerDay() {
    Object r = run("'granularity':'day','dimension':'city','metric':'avg','threshold':1,'postAggregations':["
        + "{'type':'arithmetic','name':'avg','fn':'/','fields':[{'type':'fieldAccess','fieldName':'q'},"
        + "{'type':'fieldAccess','fieldName':'n'}]}]");
    assertThat(tree(r)).isEqualTo(json("[{'timestamp':'2020-01-01T00:00:00.000Z','result':["
        + "{'city':'Paris','n':1,'q':3,'avg':3.0}]},{'timestamp':'2020-01-02T00:00:00.000Z','result':["
        + "{'city':'Berlin','n':1,'q':5,'avg':5.0}]}]"));
  }

  @Test
  void numericOutputTypeConvertsValues() {
    Object r = run("'dimension':{'type':'default','dimension':'qty','outputName':'qq','outputType':'LONG'},"
        + "'metric':{'type':'dimension','ordering':'numeric'},'threshold':3");
    assertThat(tree(r)).isEqualTo(json("[{'timestamp':'2020-01-01T00:00:00.000Z','result':["
        + "{'qq':null,'n':1,'q':null},{'qq':1,'n':1,'q':1},{'qq':2,'n':1,'q':2}]}]"));
  }

  @Test
  void unknownMetricIsRejected() {
    assertThatThrownBy(() -> run("'dimension':'country','metric':'nope','threshold':2"))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("nope");
  }

  @Test
  void vectorAndRowPathsAgree() {
    String q = "{" + BASE + ",'granularity':'hour','dimension':'city','metric':'q','threshold':2}";
    Object v = engine.run(parse(q), SalesData.segments(true));
    Object r = engine.run(parse(q), SalesData.segments(false));
    assertThat(tree(v)).isEqualTo(tree(r));
  }
}
