package io.strata.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Druid's lookups config API over HTTP: map lookups stored per tier and version, listed and read back, used by
 * queries (a {@code registeredLookup} extraction function and a {@code lookup} dimension spec by name), kept across
 * a restart, refused when an update's version is not newer, and gone after a delete.
 */
class LookupsTest {
  @TempDir
  Path tmp;

  private static final String DATA = String.join("\\n",
      "{\\\"ts\\\":\\\"2020-01-01T01:00:00Z\\\",\\\"country\\\":\\\"US\\\",\\\"added\\\":10}",
      "{\\\"ts\\\":\\\"2020-01-01T02:00:00Z\\\",\\\"country\\\":\\\"FR\\\",\\\"added\\\":20}",
      "{\\\"ts\\\":\\\"2020-01-01T03:00:00Z\\\",\\\"country\\\":\\\"US\\\",\\\"added\\\":1}",
      "{\\\"ts\\\":\\\"2020-01-01T04:00:00Z\\\",\\\"country\\\":\\\"JP\\\",\\\"added\\\":5}");

  private static List<String> byCountryName(TestServer server, String dimension) throws Exception {
    JsonNode r = server.query("""
        {"queryType":"groupBy","dataSource":"edits","granularity":"all","intervals":["2020-01-01/2020-01-02"],
         "dimensions":[%s],"aggregations":[{"type":"longSum","name":"added","fieldName":"added"}]}"""
        .formatted(dimension));
    List<String> out = new ArrayList<>();
    r.forEach(row -> out.add(row.get("event").get("name").asText("null") + "=" + row.get("event").get("added")));
    return out;
  }

  @Test
  void lookupsAreStoredServedToQueriesVersionedAndDeleted() throws Exception {
    try (TestServer server = new TestServer(tmp.resolve("var"))) {
      JsonNode status = server.runTask("""
          {"type":"index","spec":{
            "dataSchema":{"dataSource":"edits","timestampSpec":{"column":"ts","format":"iso"},
              "dimensionsSpec":{"dimensions":["country"]},
              "metricsSpec":[{"type":"longSum","name":"added","fieldName":"added"}],
              "granularitySpec":{"segmentGranularity":"day","queryGranularity":"none","rollup":false}},
            "ioConfig":{"type":"index","inputSource":{"type":"inline","data":"%s"},"inputFormat":{"type":"json"}}}}"""
          .formatted(DATA));
      assertThat(status.get("status").asText()).isEqualTo("SUCCESS");

      TestServer.Reply posted = server.post("/druid/coordinator/v1/lookups/config", """
          {"__default":{"country_name":{"version":"v1","lookupExtractorFactory":{"type":"map",
            "map":{"US":"United States","FR":"France"}}}}}""");
      assertThat(posted.status()).as(posted.body()).isEqualTo(202);
      assertThat(server.get("/druid/coordinator/v1/lookups/config").json().toString()).isEqualTo("[\"__default\"]");
      assertThat(server.get("/druid/coordinator/v1/lookups/config/__default").json().toString())
          .isEqualTo("[\"country_name\"]");
      JsonNode one = server.get("/druid/coordinator/v1/lookups/config/__default/country_name").json();
      assertThat(one.get("version").asText()).isEqualTo("v1");
      assertThat(one.at("/lookupExtractorFactory/map/US").asText()).isEqualTo("United States");

      // A registered lookup as an extraction function (missing keys kept) and as a lookup dimension spec by name
      // (missing keys replaced).
      assertThat(byCountryName(server, """
          {"type":"extraction","dimension":"country","outputName":"name",
           "extractionFn":{"type":"registeredLookup","lookup":"country_name","retainMissingValue":true}}"""))
          .containsExactly("France=20", "JP=5", "United States=11");
      assertThat(byCountryName(server, """
          {"type":"lookup","dimension":"country","outputName":"name","name":"country_name",
           "replaceMissingValueWith":"other"}"""))
          .containsExactly("France=20", "United States=11", "other=5");

      // An update needs a newer version.
      TestServer.Reply stale = server.post("/druid/coordinator/v1/lookups/config/__default/country_name", """
          {"version":"v0","lookupExtractorFactory":{"type":"map","map":{"JP":"Japan"}}}""");
      assertThat(stale.status()).as(stale.body()).isEqualTo(400);
      assertThat(stale.body()).contains("newer");
      TestServer.Reply newer = server.post("/druid/coordinator/v1/lookups/config/__default/country_name", """
          {"version":"v2","lookupExtractorFactory":{"type":"map","map":{"US":"USA","JP":"Japan"}}}""");
      assertThat(newer.status()).as(newer.body()).isEqualTo(202);
      TestServer.Reply unsupported = server.post("/druid/coordinator/v1/lookups/config/__default/other", """
          {"version":"v1","lookupExtractorFactory":{"type":"cachedNamespace","extractionNamespace":{}}}""");
      assertThat(unsupported.status()).isEqualTo(400);
      assertThat(unsupported.body()).contains("cachedNamespace");

      // Kept in the metadata store across a restart.
      server.restart();
      String registered = """
          {"type":"extraction","dimension":"country","outputName":"name",
           "extractionFn":{"type":"registeredLookup","lookup":"country_name"}}""";
      assertThat(byCountryName(server, registered)).containsExactly("null=20", "Japan=5", "USA=11");

      assertThat(server.delete("/druid/coordinator/v1/lookups/config/__default/country_name").status())
          .isEqualTo(202);
      TestServer.Reply gone = server.post("/druid/v2/", """
          {"queryType":"groupBy","dataSource":"edits","granularity":"all","intervals":["2020-01-01/2020-01-02"],
           "dimensions":[%s]}""".formatted(registered));
      assertThat(gone.status()).isEqualTo(400);
      assertThat(gone.body()).contains("Lookup [country_name] not found");
      assertThat(server.get("/druid/coordinator/v1/lookups/config/__default/country_name").status())
          .isEqualTo(404);
    }
  }
}
