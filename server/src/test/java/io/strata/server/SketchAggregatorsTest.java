package io.strata.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DataSketches HLL and theta aggregators at query time over HTTP, on two day segments (so partial sketches merge),
 * with their post-aggregators. On a few distinct values both sketches are exact (up to HLL's tiny bias), so the
 * expected counts are worked out by hand from the rows below.
 */
class SketchAggregatorsTest {
  @TempDir
  static Path tmp;
  static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    StringBuilder data = new StringBuilder();
    // 2 days x 30 rows; user u0..u9 on day one, u5..u14 on day two (15 distinct, 5 on both days).
    for (int day = 0; day < 2; day++) {
      for (int i = 0; i < 30; i++) {
        int user = day * 5 + i % 10;
        data.append("{\\\"ts\\\":\\\"2020-01-0").append(day + 1).append("T").append(String.format("%02d", i % 24))
            .append(":00:00Z\\\",\\\"user\\\":\\\"u").append(user).append("\\\",\\\"page\\\":\\\"p").append(user % 3)
            .append("\\\",\\\"added\\\":").append(i).append("}\\n");
      }
    }
    server = new TestServer(tmp.resolve("var"));
    JsonNode status = server.runTask("""
        {"type":"index","spec":{
          "dataSchema":{"dataSource":"sk","timestampSpec":{"column":"ts","format":"iso"},
            "dimensionsSpec":{"dimensions":["user","page"]},
            "metricsSpec":[{"type":"longSum","name":"added","fieldName":"added"}],
            "granularitySpec":{"segmentGranularity":"day","queryGranularity":"none","rollup":false}},
          "ioConfig":{"type":"index","inputSource":{"type":"inline","data":"%s"},"inputFormat":{"type":"json"}}}}"""
        .formatted(data));
    assertThat(status.get("status").asText()).as(status.toString()).isEqualTo("SUCCESS");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void hllAndThetaCountDistinctValuesAcrossSegments() throws Exception {
    JsonNode r = server.query("""
        {"queryType":"timeseries","dataSource":"sk","granularity":"all","intervals":["2020-01-01/2020-01-03"],
         "aggregations":[
           {"type":"HLLSketchBuild","name":"hll","fieldName":"user","round":true},
           {"type":"HLLSketchBuild","name":"hllRaw","fieldName":"user","lgK":10,"tgtHllType":"HLL_8"},
           {"type":"HLLSketchBuild","name":"hllAdded","fieldName":"added","round":true},
           {"type":"thetaSketch","name":"theta","fieldName":"user"},
           {"type":"cardinality","name":"card","fields":["user"]},
           {"type":"cardinality","name":"pairs","fields":["user","page"],"byRow":true,"round":true},
           {"type":"filtered","filter":{"type":"in","dimension":"page","values":["p0","p1"]},
            "aggregator":{"type":"thetaSketch","name":"p0","fieldName":"user"}},
           {"type":"filtered","filter":{"type":"in","dimension":"page","values":["p1","p2"]},
            "aggregator":{"type":"thetaSketch","name":"p1","fieldName":"user"}}],
         "postAggregations":[
           {"type":"HLLSketchEstimateWithBounds","name":"bounds","field":{"type":"fieldAccess","fieldName":"hllRaw"},
            "numStdDev":2},
           {"type":"thetaSketchEstimate","name":"both","field":{"type":"thetaSketchSetOp","name":"i",
             "func":"INTERSECT","fields":[{"type":"fieldAccess","fieldName":"p0"},
                                          {"type":"fieldAccess","fieldName":"p1"}]}},
           {"type":"thetaSketchEstimate","name":"either","field":{"type":"thetaSketchSetOp","name":"u",
             "func":"UNION","fields":[{"type":"fieldAccess","fieldName":"p0"},
                                      {"type":"fieldAccess","fieldName":"p1"}]}},
           {"type":"thetaSketchEstimate","name":"onlyP0","field":{"type":"thetaSketchSetOp","name":"n",
             "func":"NOT","fields":[{"type":"fieldAccess","fieldName":"p0"},
                                    {"type":"fieldAccess","fieldName":"p1"}]}}]}""");
    JsonNode result = r.get(0).get("result");
    assertThat(result.get("hll").asLong()).isEqualTo(15);
    assertThat(result.get("hllRaw").asDouble()).isCloseTo(15.0, org.assertj.core.data.Offset.offset(0.01));
    assertThat(result.get("hllAdded").asLong()).isEqualTo(30); // added is 0..29 on both days
    assertThat(result.get("theta").asDouble()).isEqualTo(15.0);
    // Druid's HyperLogLog: 15 values in 15 of 2048 buckets, so linear counting gives 2048 ln(2048 / 2033).
    assertThat(result.get("card").asDouble()).isEqualTo(2048 * Math.log(2048.0 / 2033));
    assertThat(result.get("pairs").asLong()).isEqualTo(15); // a user has one page
    JsonNode bounds = result.get("bounds");
    assertThat(bounds.size()).isEqualTo(3);
    assertThat(bounds.get(1).asDouble()).isLessThanOrEqualTo(15.0);
    assertThat(bounds.get(2).asDouble()).isGreaterThanOrEqualTo(15.0);
    // A row's page is p(user % 3): the first sketch holds users with user % 3 in {0, 1} (10 of them), the second
    // those in {1, 2}; both: user % 3 == 1 (u1, u4, u7, u10, u13); the first but not the second: user % 3 == 0.
    assertThat(result.get("both").asDouble()).isEqualTo(5.0);
    assertThat(result.get("either").asDouble()).isEqualTo(15.0);
    assertThat(result.get("onlyP0").asDouble()).isEqualTo(5.0);
  }

  @Test
  void quantilesSketchesAnswerExactlyOnFewerValuesThanK() throws Exception {
    // added is 0..29 on each day: 60 values, each twice; k 128 holds them all, so the sketch is exact.
    for (String type : new String[] {"quantilesDoublesSketch", "KllDoublesSketch"}) {
      JsonNode r = server.query("""
          {"queryType":"timeseries","dataSource":"sk","granularity":"all","intervals":["2020-01-01/2020-01-03"],
           "aggregations":[{"type":"%1$s","name":"q","fieldName":"added","k":128}],
           "postAggregations":[
             {"type":"%1$sToQuantile","name":"median","field":{"type":"fieldAccess","fieldName":"q"},"fraction":0.5},
             {"type":"%1$sToQuantiles","name":"qs","field":{"type":"fieldAccess","fieldName":"q"},
              "fractions":[0,1]},
             {"type":"%1$sToCDF","name":"cdf","field":{"type":"fieldAccess","fieldName":"q"},"splitPoints":[10,20]},
             {"type":"%1$sToHistogram","name":"hist","field":{"type":"fieldAccess","fieldName":"q"},
              "splitPoints":[10,20]},
             {"type":"%1$sToRank","name":"rank","field":{"type":"fieldAccess","fieldName":"q"},"value":14}]}"""
          .formatted(type));
      JsonNode result = r.get(0).get("result");
      assertThat(result.get("q").asLong()).as(type).isEqualTo(60); // finalized: the number of values
      assertThat(result.get("median").asDouble()).as(type).isEqualTo(14.0); // the 30th of 60 sorted values
      assertThat(result.get("qs").toString()).as(type).isEqualTo("[0.0,29.0]");
      // At most 10: 0..10 twice (22 of 60); at most 20: 42 of 60.
      assertThat(result.get("cdf").get(0).asDouble()).as(type).isEqualTo(22.0 / 60);
      assertThat(result.get("cdf").get(1).asDouble()).as(type).isEqualTo(42.0 / 60);
      // Counts per bin, (-inf, 10], (10, 20], (20, +inf): the fractions times N (so 18 may print as 18.000000000000004).
      double[] hist = {22, 20, 18};
      for (int i = 0; i < hist.length; i++) {
        assertThat(result.get("hist").get(i).asDouble()).as(type).isCloseTo(hist[i],
            org.assertj.core.data.Offset.offset(1e-9));
      }
      assertThat(result.get("rank").asDouble()).as(type).isEqualTo(30.0 / 60);
    }
  }

  @Test
  void perGroupSketchesAndRefusals() throws Exception {
    JsonNode g = server.query("""
        {"queryType":"groupBy","dataSource":"sk","granularity":"day","intervals":["2020-01-01/2020-01-03"],
         "dimensions":[],"aggregations":[{"type":"HLLSketchBuild","name":"users","fieldName":"user","round":true}],
         "postAggregations":[{"type":"HLLSketchEstimate","name":"est","round":true,
           "field":{"type":"fieldAccess","fieldName":"users"}}]}""");
    assertThat(g.size()).isEqualTo(2);
    for (JsonNode row : g) {
      assertThat(row.get("event").get("users").asLong()).isEqualTo(10);
      assertThat(row.get("event").get("est").asLong()).isEqualTo(10);
    }
    TestServer.Reply merge = server.post("/druid/v2/", """
        {"queryType":"timeseries","dataSource":"sk","granularity":"all","intervals":["2020-01-01/2020-01-03"],
         "aggregations":[{"type":"HLLSketchMerge","name":"m","fieldName":"user"}]}""");
    assertThat(merge.status()).as(merge.body()).isEqualTo(400);
    assertThat(merge.body()).contains("HLLSketchBuild");
    TestServer.Reply ingest = server.post("/druid/indexer/v1/task", """
        {"type":"index","spec":{"dataSchema":{"dataSource":"sk2","timestampSpec":{"column":"ts"},
           "dimensionsSpec":{"dimensions":[]},"metricsSpec":[{"type":"thetaSketch","name":"t","fieldName":"user"}],
           "granularitySpec":{"segmentGranularity":"day"}},
         "ioConfig":{"type":"index","inputSource":{"type":"inline","data":"{}"},"inputFormat":{"type":"json"}}}}""");
    assertThat(ingest.status()).as(ingest.body()).isEqualTo(400);
    assertThat(ingest.body()).contains("thetaSketch");
  }
}
