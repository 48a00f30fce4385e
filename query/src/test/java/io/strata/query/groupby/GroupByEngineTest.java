package io.strata.query.groupby;

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

class GroupByEngineTest {
  private static final String BASE = "'queryType':'groupBy','dataSource':'sales','intervals':['2020-01-01/2020-01-03'],"
      + "'aggregations':[{'type':'count','name':'n'},{'type':'longSum','name':'q','fieldName':'qty'}]";
  private static final String T = "'version':'v1','timestamp':'2020-01-01T00:00:00.000Z'";

  private static ExecutorService pool;
  private static GroupByEngine engine;

  @BeforeAll
  static void start() {
    pool = Executors.newFixedThreadPool(2);
    engine = new GroupByEngine(pool);
  }

  @AfterAll
  static void stop() {
    pool.shutdownNow();
  }

  private static Object run(String rest) {
    Query.GroupBy q = parse("{" + BASE + "," + rest + "}");
    return engine.run(q, SalesData.segments(false));
  }

  @Test
  void defaultOrderIsByDimensionsNullFirst() {
    Object r = run("'granularity':'all','dimensions':['country','city']");
    assertThat(tree(r)).isEqualTo(json("["
        + "{" + T + ",'event':{'country':null,'city':null,'n':1,'q':null}},"
        + "{" + T + ",'event':{'country':'DE','city':'Berlin','n':1,'q':5}},"
        + "{" + T + ",'event':{'country':'FR','city':'Paris','n':1,'q':3}},"
        + "{" + T + ",'event':{'country':'US','city':'NYC','n':2,'q':5}},"
        + "{" + T + ",'event':{'country':'US','city':'SF','n':1,'q':2}}]"));
  }

  @Test
  void havingThenOrderingByMetricThenOffsetAndLimit() {
    Object r = run("'granularity':'all','dimensions':['city'],'having':{'type':'greaterThan','aggregation':'q','value':1},"
        + "'limitSpec':{'type':'default','offset':1,'limit':2,'columns':[{'dimension':'q','direction':'descending'}]}");
    // q by city: NYC 5, Berlin 5, Paris 3, SF 2; ties (NYC, Berlin) break by city ascending.
    assertThat(tree(r)).isEqualTo(json("["
        + "{" + T + ",'event':{'city':'NYC','n':2,'q':5}},"
        + "{" + T + ",'event':{'city':'Paris','n':1,'q':3}}]"));
  }

  @Test
  void dayGranularityOrdersByTimestampFirst() {
    Object r = run("'granularity':'day','dimensions':['country'],"
        + "'limitSpec':{'type':'default','columns':[{'dimension':'q','direction':'descending'}]}");
    String d2 = "'version':'v1','timestamp':'2020-01-02T00:00:00.000Z'";
    assertThat(tree(r)).isEqualTo(json("["
        + "{" + T + ",'event':{'country':'FR','n':1,'q':3}},"
        + "{" + T + ",'event':{'country':'US','n':2,'q':3}},"
        + "{" + T + ",'event':{'country':null,'n':1,'q':null}},"
        + "{" + d2 + ",'event':{'country':'DE','n':1,'q':5}},"
        + "{" + d2 + ",'event':{'country':'US','n':1,'q':4}}]"));
  }

  @Test
  void postAggregatorsReadDimensionsAndAggregatorsAndCanBeOrderedOn() {
    Object r = run("'granularity':'all','dimensions':['country'],'filter':{'type':'not','field':"
        + "{'type':'null','column':'country'}},'postAggregations':[{'type':'arithmetic','name':'per','fn':'/',"
        + "'fields':[{'type':'fieldAccess','fieldName':'q'},{'type':'fieldAccess','fieldName':'n'}]}],"
        + "'limitSpec':{'type':'default','columns':['per']}");
    assertThat(tree(r)).isEqualTo(json("["
        + "{" + T + ",'event':{'country':'US','n':3,'q':7,'per':2.3333333333333335}},"
        + "{" + T + ",'event':{'country':'FR','n':1,'q':3,'per':3.0}},"
        + "{" + T + ",'event':{'country':'DE','n':1,'q':5,'per':5.0}}]"));
  }

  @Test
  void numericOutputTypeAndNumericDimensionOrder() {
    Object asLong = run("'granularity':'all','dimensions':[{'type':'default','dimension':'qty','outputName':'v',"
        + "'outputType':'LONG'}],'limitSpec':{'type':'default','columns':[{'dimension':'v','direction':'descending'}],"
        + "'limit':2}");
    assertThat(tree(asLong)).isEqualTo(json("["
        + "{" + T + ",'event':{'v':5,'n':1,'q':5}},{" + T + ",'event':{'v':4,'n':1,'q':4}}]"));
    Object asString = run("'granularity':'all','dimensions':['price'],"
        + "'limitSpec':{'type':'default','columns':[{'dimension':'price','dimensionOrder':'numeric'}],'limit':3}");
    assertThat(tree(asString)).isEqualTo(json("["
        + "{" + T + ",'event':{'price':'1.0','n':1,'q':null}},{" + T + ",'event':{'price':'2.5','n':1,'q':4}},"
        + "{" + T + ",'event':{'price':'4.0','n':1,'q':5}}]"));
  }

  @Test
  void noDimensionsAndNoRowsStillGiveOneRow() {
    Object r = run("'granularity':'all','dimensions':[],'filter':{'type':'selector','dimension':'city','value':'Rome'}");
    assertThat(tree(r)).isEqualTo(json("[{" + T + ",'event':{'n':0,'q':null}}]"));
  }

  @Test
  void unknownOrderingColumnIsRejected() {
    assertThatThrownBy(() -> run("'granularity':'all','dimensions':['city'],"
        + "'limitSpec':{'type':'default','columns':['nope']}")).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("nope");
  }

  @Test
  void vectorAndRowPathsAgree() {
    String q = "{" + BASE + ",'granularity':'hour','dimensions':['country','city']}";
    Object v = engine.run(parse(q), SalesData.segments(true));
    Object r = engine.run(parse(q), SalesData.segments(false));
    assertThat(tree(v)).isEqualTo(tree(r));
  }
}
