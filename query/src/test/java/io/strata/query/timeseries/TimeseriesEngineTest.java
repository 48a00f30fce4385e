package io.strata.query.timeseries;

import io.strata.api.data.Segment;
import io.strata.api.query.Query;
import io.strata.query.QueryTimeoutException;
import io.strata.query.testing.DelayedSegment;
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

class TimeseriesEngineTest {
  private static ExecutorService pool;
  private static TimeseriesEngine engine;

  @BeforeAll
  static void start() {
    pool = Executors.newFixedThreadPool(2);
    engine = new TimeseriesEngine(pool);
  }

  @AfterAll
  static void stop() {
    pool.shutdownNow();
  }

  private static Object run(String query) {
    Query.Timeseries q = parse(query);
    return engine.run(q, SalesData.segments());
  }

  @Test
  void allGranularityMergesSegmentsAndStampsTheFirstDataTime() {
    Object r = run("{'queryType':'timeseries','dataSource':'sales','intervals':['2019-12-31/2020-01-05'],"
        + "'granularity':'all','aggregations':[{'type':'count','name':'n'},{'type':'longSum','name':'q','fieldName':'qty'},"
        + "{'type':'doubleMax','name':'pmax','fieldName':'price'}]}");
    assertThat(tree(r)).isEqualTo(json(
        "[{'timestamp':'2020-01-01T00:00:00.000Z','result':{'n':6,'q':15,'pmax':20.0}}]"));
  }

  @Test
  void emptyBucketsInsideTheDataRangeHaveZeroCountAndNullSums() {
    Object r = run("{'queryType':'timeseries','dataSource':'sales','intervals':['2020-01-01/2020-01-02'],"
        + "'granularity':'hour','aggregations':[{'type':'count','name':'n'},{'type':'longSum','name':'q','fieldName':'qty'}]}");
    assertThat(tree(r)).isEqualTo(json("[{'timestamp':'2020-01-01T00:00:00.000Z','result':{'n':2,'q':3}},"
        + "{'timestamp':'2020-01-01T01:00:00.000Z','result':{'n':0,'q':null}},"
        + "{'timestamp':'2020-01-01T02:00:00.000Z','result':{'n':2,'q':3}}]"));
  }

  @Test
  void skipEmptyBucketsDescendingAndLimit() {
    Object r = run("{'queryType':'timeseries','dataSource':'sales','intervals':['2020-01-01/2020-01-03'],"
        + "'granularity':'hour','descending':true,'limit':2,'context':{'skipEmptyBuckets':'true'},"
        + "'aggregations':[{'type':'count','name':'n'}]}");
    assertThat(tree(r)).isEqualTo(json("[{'timestamp':'2020-01-02T05:00:00.000Z','result':{'n':1}},"
        + "{'timestamp':'2020-01-02T01:00:00.000Z','result':{'n':1}}]"));
  }

  @Test
  void clippedIntervalAndPostAggregators() {
    Object r = run("{'queryType':'timeseries','dataSource':'sales','intervals':['2020-01-01T00:15/2020-01-02T03:00'],"
        + "'granularity':'day','aggregations':[{'type':'longSum','name':'q','fieldName':'qty'},"
        + "{'type':'doubleSum','name':'p','fieldName':'price'}],'postAggregations':[{'type':'arithmetic','name':'avg',"
        + "'fn':'/','fields':[{'type':'fieldAccess','fieldName':'p'},{'type':'fieldAccess','fieldName':'q'}]}]}");
    assertThat(tree(r)).isEqualTo(json("[{'timestamp':'2020-01-01T00:00:00.000Z','result':{'q':5,'p':26.0,'avg':5.2}},"
        + "{'timestamp':'2020-01-02T00:00:00.000Z','result':{'q':4,'p':2.5,'avg':0.625}}]"));
  }

  @Test
  void allWithoutDataGivesOneEmptyRowAtTheIntervalStart() {
    Query.Timeseries q = parse("{'queryType':'timeseries','dataSource':'sales','intervals':['2021-01-01/2021-02-01'],"
        + "'granularity':'all','aggregations':[{'type':'count','name':'n'},{'type':'longSum','name':'q','fieldName':'qty'}]}");
    assertThat(tree(engine.run(q, List.of()))).isEqualTo(json(
        "[{'timestamp':'2021-01-01T00:00:00.000Z','result':{'n':0,'q':null}}]"));
  }

  @Test
  void filterIsApplied() {
    Object r = run("{'queryType':'timeseries','dataSource':'sales','intervals':['2020-01-01/2020-01-03'],"
        + "'filter':{'type':'selector','dimension':'country','value':'US'},"
        + "'granularity':'all','aggregations':[{'type':'longSum','name':'q','fieldName':'qty'}]}");
    assertThat(tree(r)).isEqualTo(json("[{'timestamp':'2020-01-01T00:00:00.000Z','result':{'q':7}}]"));
  }

  @Test
  void vectorAndRowPathsAgreeAndTheVectorPathIsUsed() {
    String query = "{'queryType':'timeseries','dataSource':'sales','intervals':['2020-01-01/2020-01-03'],"
        + "'granularity':'thirty_minute','aggregations':[{'type':'count','name':'n'},"
        + "{'type':'longMin','name':'qmin','fieldName':'qty'},{'type':'floatSum','name':'p','fieldName':'price'}]}";
    List<TestSegment> vector = SalesData.segments(true);
    Object v = engine.run(parse(query), vector);
    Object rows = engine.run(parse(query), SalesData.segments(false));
    assertThat(tree(v)).isEqualTo(tree(rows));
    assertThat(vector.get(0).vectorCursorsMade()).isPositive();
  }

  @Test
  void timeoutFailsTheQuery() {
    Query.Timeseries q = parse("{'queryType':'timeseries','dataSource':'sales','intervals':['2020-01-01/2020-01-03'],"
        + "'granularity':'all','context':{'timeout':1},'aggregations':[{'type':'count','name':'n'}]}");
    List<Segment> segments = List.of(new DelayedSegment(SalesData.day1(false), 300),
        new DelayedSegment(SalesData.day2(false), 300));
    assertThatThrownBy(() -> engine.run(q, segments)).isInstanceOf(QueryTimeoutException.class)
        .hasMessageContaining("timeout of 1 ms");
  }
}
