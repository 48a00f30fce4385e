package io.strata.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.api.time.DateTimes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The broker's datasource metadata endpoints, as Druid answers them: without {@code interval} they look at the week
 * before now ({@code druid.query.segmentMetadata.defaultHistory}), so old data shows no columns; {@code full} breaks
 * the answer down by time chunk, joining neighbouring chunks with the same columns. Names come in the order Druid's
 * broker lists them (a hash set's), which a real Druid 33 matched for these and the tutorial's columns.
 */
class BrokerMetadataTest {
  private static final long DAY = 86_400_000L;

  @TempDir
  static Path tmp;
  static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    server = new TestServer(tmp.resolve("var"));
    long yesterday = System.currentTimeMillis() - DAY;
    ingest("recent", "{\\\"ts\\\":\\\"" + DateTimes.format(yesterday) + "\\\",\\\"a\\\":\\\"x\\\",\\\"v\\\":1}");
    // Three days in 2013: the first two with the same columns, the third with one more dimension.
    ingest("old", "{\\\"ts\\\":\\\"2013-08-31T01:00:00Z\\\",\\\"a\\\":\\\"x\\\",\\\"v\\\":1}\\n"
        + "{\\\"ts\\\":\\\"2013-09-01T01:00:00Z\\\",\\\"a\\\":\\\"y\\\",\\\"v\\\":2}\\n"
        + "{\\\"ts\\\":\\\"2013-09-02T01:00:00Z\\\",\\\"a\\\":\\\"z\\\",\\\"b\\\":\\\"w\\\",\\\"v\\\":3}");
  }

  private static void ingest(String dataSource, String data) throws Exception {
    JsonNode status = server.runTask("""
        {"type":"index","spec":{
          "dataSchema":{"dataSource":"%s","timestampSpec":{"column":"ts","format":"iso"},
            "metricsSpec":[{"type":"count","name":"count"},{"type":"longSum","name":"v","fieldName":"v"}],
            "granularitySpec":{"segmentGranularity":"day","queryGranularity":"none"}},
          "ioConfig":{"type":"index","inputSource":{"type":"inline","data":"%s"},"inputFormat":{"type":"json"}}}}"""
        .formatted(dataSource, data));
    assertThat(status.get("status").asText()).isEqualTo("SUCCESS");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void withoutAnIntervalOnlyTheLastWeekCounts() throws Exception {
    assertThat(server.get("/druid/v2/datasources/recent").json().toString())
        .isEqualTo("{\"dimensions\":[\"a\"],\"metrics\":[\"v\",\"count\"]}");
    assertThat(server.get("/druid/v2/datasources/old").json().toString())
        .isEqualTo("{\"dimensions\":[],\"metrics\":[]}");
    assertThat(server.get("/druid/v2/datasources/old/dimensions").json().toString()).isEqualTo("[]");
    assertThat(server.get("/druid/v2/datasources/old?full").json().toString()).isEqualTo("{}");
  }

  @Test
  void anIntervalSelectsTheSegmentsOverlappingIt() throws Exception {
    assertThat(server.get("/druid/v2/datasources/old?interval=2013-08-01/2013-10-01").json().toString())
        .isEqualTo("{\"dimensions\":[\"a\",\"b\"],\"metrics\":[\"v\",\"count\"]}");
    assertThat(server.get("/druid/v2/datasources/old?interval=2013-08-31_2013-09-02").json().toString())
        .isEqualTo("{\"dimensions\":[\"a\"],\"metrics\":[\"v\",\"count\"]}");
    assertThat(server.get("/druid/v2/datasources/old/dimensions?interval=2013-09-02/2013-09-03").json().toString())
        .isEqualTo("[\"a\",\"b\"]");
    assertThat(server.get("/druid/v2/datasources/old/metrics?interval=2013-09-02/2013-09-03").json().toString())
        .isEqualTo("[\"v\",\"count\"]");
  }

  @Test
  void fullBreaksTheColumnsDownByChunkJoiningEqualNeighbours() throws Exception {
    JsonNode full = server.get("/druid/v2/datasources/old?interval=2013-08-31T12:00:00Z/2013-10-01&full").json();
    assertThat(full.toString()).isEqualTo("{"
        + "\"2013-08-31T12:00:00.000Z/2013-09-02T00:00:00.000Z\":{\"dimensions\":[\"a\"],\"metrics\":[\"v\",\"count\"]},"
        + "\"2013-09-02T00:00:00.000Z/2013-09-03T00:00:00.000Z\":{\"dimensions\":[\"a\",\"b\"],"
        + "\"metrics\":[\"v\",\"count\"]}}");
  }
}
