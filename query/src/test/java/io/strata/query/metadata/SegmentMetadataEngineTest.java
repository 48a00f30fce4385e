package io.strata.query.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.api.data.ColumnType;
import io.strata.api.query.AggregatorSpec;
import io.strata.api.query.Query;
import io.strata.api.time.Granularity;
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

class SegmentMetadataEngineTest {
  private static ExecutorService pool;
  private static SegmentMetadataEngine engine;

  @BeforeAll
  static void start() {
    pool = Executors.newFixedThreadPool(2);
    engine = new SegmentMetadataEngine(pool);
  }

  @AfterAll
  static void stop() {
    pool.shutdownNow();
  }

  private static JsonNode run(String rest, List<TestSegment> segments) {
    Query.SegmentMetadata q = parse("{'queryType':'segmentMetadata','dataSource':'sales'" + rest + "}");
    return tree(engine.run(q, segments));
  }

  @Test
  void perSegmentAnalysisWithAllAnalyses() {
    JsonNode r = run(",'analysisTypes':['cardinality','minmax','size','interval','aggregators','queryGranularity',"
        + "'rollup'],'toInclude':{'type':'list','columns':['city','qty']}", List.of(SalesData.day1(false)));
    assertThat(r).isEqualTo(json("[{'id':'sales_2020-01-01T00:00:00.000Z_2020-01-02T00:00:00.000Z_v1',"
        + "'intervals':['2020-01-01T00:00:00.000Z/2020-01-02T00:00:00.000Z'],'columns':{"
        + "'city':{'typeSignature':'STRING','type':'STRING','hasMultipleValues':false,'hasNulls':true,'size':10,"
        + "'cardinality':4,'minValue':null,'maxValue':'SF','errorMessage':null},"
        + "'qty':{'typeSignature':'LONG','type':'LONG','hasMultipleValues':false,'hasNulls':true,'size':32,"
        + "'cardinality':null,'minValue':null,'maxValue':null,'errorMessage':null}},"
        + "'size':42,'numRows':4,'aggregators':{'count':{'type':'longSum','name':'count','fieldName':'count'},"
        + "'qty':{'type':'longSum','name':'qty','fieldName':'qty'}},'timestampSpec':null,'queryGranularity':'HOUR',"
        + "'rollup':true}]"));
  }

  @Test
  void defaultsLeaveUnaskedAnalysesEmpty() {
    JsonNode r = run(",'analysisTypes':[]", List.of(SalesData.day2(false)));
    JsonNode country = r.get(0).get("columns").get("country");
    assertThat(country.get("cardinality").asInt()).isZero();
    assertThat(country.get("minValue").isNull()).isTrue();
    assertThat(r.get(0).get("intervals").isNull()).isTrue();
    assertThat(r.get(0).get("size").asLong()).isZero();
    assertThat(r.get(0).get("aggregators").isNull()).isTrue();
    assertThat(r.get(0).get("numRows").asInt()).isEqualTo(2);
  }

  @Test
  void mergeTakesMaxCardinalityExtremesAndSums() {
    JsonNode r = run(",'merge':true,'analysisTypes':['cardinality','minmax','size','interval','rollup']",
        SalesData.segments());
    JsonNode merged = r.get(0);
    assertThat(r).hasSize(1);
    assertThat(merged.get("id").asText()).isEqualTo("sales_2020-01-02T00:00:00.000Z_2020-01-03T00:00:00.000Z_merged");
    assertThat(merged.get("intervals")).isEqualTo(json("['2020-01-01T00:00:00.000Z/2020-01-03T00:00:00.000Z']"));
    assertThat(merged.get("numRows").asInt()).isEqualTo(6);
    JsonNode city = merged.get("columns").get("city");
    assertThat(city.get("cardinality").asInt()).isEqualTo(4);
    assertThat(city.get("minValue").isNull()).isTrue();
    assertThat(city.get("maxValue").asText()).isEqualTo("SF");
    assertThat(city.get("hasNulls").asBoolean()).isTrue();
    assertThat(city.get("size").asLong()).isEqualTo(10 + 9);
    assertThat(merged.get("rollup").asBoolean()).isTrue();
  }

  @Test
  void mergingDifferentTypesGivesAnErrorAndDisagreementsGiveNull() {
    TestSegment other = TestSegment.builder("sales", "2020-01-05/2020-01-06").dimension("qty", ColumnType.STRING)
        .info(List.of(AggregatorSpec.Count.of("count"), AggregatorSpec.Numeric.of("longMax", "qty", "qty")),
            Granularity.of("day"), false)
        .row("2020-01-05T00:00", "qty", "x").build();
    JsonNode r = run(",'merge':true,'analysisTypes':['aggregators','queryGranularity','rollup']",
        List.of(SalesData.day1(false), other));
    JsonNode merged = r.get(0);
    assertThat(merged.get("columns").get("qty").get("errorMessage").asText())
        .isEqualTo("error:cannot_merge_diff_types: [LONG] and [STRING]");
    assertThat(merged.get("aggregators").isNull()).isTrue();
    assertThat(merged.get("queryGranularity").isNull()).isTrue();
    assertThat(merged.get("rollup").isNull()).isTrue();
    JsonNode lenient = run(",'merge':true,'analysisTypes':['aggregators'],'aggregatorMergeStrategy':'lenient'",
        List.of(SalesData.day1(false), other)).get(0);
    assertThat(lenient.get("aggregators")).isEqualTo(json("{'count':{'type':'longSum','name':'count',"
        + "'fieldName':'count'},'qty':null}"));
    JsonNode latest = run(",'merge':true,'analysisTypes':['aggregators'],'aggregatorMergeStrategy':'latest'",
        List.of(SalesData.day1(false), other)).get(0);
    assertThat(latest.get("aggregators")).isEqualTo(json("{'count':{'type':'longSum','name':'count',"
        + "'fieldName':'count'},'qty':{'type':'longMax','name':'qty','fieldName':'qty'}}"));
  }

  @Test
  void noSegmentsGiveNoResults() {
    assertThat(run(",'merge':true", List.of())).isEmpty();
  }
}
