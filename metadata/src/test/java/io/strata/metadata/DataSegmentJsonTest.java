package io.strata.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.api.data.SegmentId;
import io.strata.api.json.Json;
import io.strata.api.time.Interval;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DataSegmentJsonTest {
  /** Captured from a real Druid 33: GET /druid/coordinator/v1/metadata/datasources/wikipedia/segments?full. */
  private static JsonNode druidSegment() throws Exception {
    try (InputStream in = DataSegmentJsonTest.class.getResourceAsStream("druid33-segments-full.json")) {
      return Json.MAPPER.readTree(in).get(0);
    }
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  @Test
  void readsDruidJson() throws Exception {
    JsonNode druid = druidSegment();
    DataSegment s = Json.MAPPER.treeToValue(druid, DataSegment.class);

    assertThat(s.dataSource()).isEqualTo("wikipedia");
    assertThat(s.interval()).isEqualTo(Interval.parse("2013-08-31/2013-09-01"));
    assertThat(s.version()).isEqualTo(druid.get("version").asText());
    assertThat(s.partitionNum()).isZero();
    assertThat(s.numPartitions()).isEqualTo(1);
    assertThat(s.loadSpec()).containsEntry("type", "local").containsKey("path");
    assertThat(s.dimensions()).startsWith("page", "language", "user").hasSize(13);
    assertThat(s.metrics()).containsExactly("count", "added", "deleted", "delta", "user_sketch");
    assertThat(s.size()).isEqualTo(druid.get("size").asLong());
    assertThat(s.binaryVersion()).isEqualTo(9);
    assertThat(s.numRows()).isZero();
    assertThat(s.id().toString()).isEqualTo(druid.get("identifier").asText());
  }

  @Test
  void writesDruidShapeWithNumRowsAsTheOnlyExtraField() throws Exception {
    JsonNode druid = druidSegment();
    DataSegment read = Json.MAPPER.treeToValue(druid, DataSegment.class);
    DataSegment s = new DataSegment(read.dataSource(), read.interval(), read.version(), read.partitionNum(),
        read.numPartitions(), read.loadSpec(), read.dimensions(), read.metrics(), read.size(), 24433,
        read.binaryVersion());

    JsonNode ours = Json.MAPPER.readTree(Json.MAPPER.writeValueAsString(s));

    List<String> expected = new ArrayList<>(fieldNames(druid));
    expected.add("numRows");
    assertThat(fieldNames(ours)).containsExactlyElementsOf(expected);
    for (String field : fieldNames(druid)) {
      assertThat(ours.get(field)).as(field).isEqualTo(druid.get(field));
    }
    assertThat(ours.get("numRows").asInt()).isEqualTo(24433);
  }

  @Test
  void roundTripsAppendedPartition() throws Exception {
    SegmentId id = new SegmentId("wiki", Interval.parse("2013-08-31T01/2013-08-31T02"), "v1", 3);
    DataSegment s = DataSegment.of(id, 0, Path.of("/deep/wiki/x/v1/3"), List.of("page", "user"), List.of("count"),
        1234L, 56L);

    String json = Json.MAPPER.writeValueAsString(s);
    DataSegment back = Json.MAPPER.readValue(json, DataSegment.class);

    assertThat(back).isEqualTo(s);
    JsonNode tree = Json.MAPPER.readTree(json);
    assertThat(tree.get("identifier").asText())
        .isEqualTo("wiki_2013-08-31T01:00:00.000Z_2013-08-31T02:00:00.000Z_v1_3");
    assertThat(tree.get("shardSpec").toString()).isEqualTo("{\"type\":\"numbered\",\"partitionNum\":3,\"partitions\":0}");
    assertThat(tree.get("dimensions").asText()).isEqualTo("page,user");
    assertThat(tree.get("loadSpec").toString()).isEqualTo("{\"type\":\"local\",\"path\":\"/deep/wiki/x/v1/3\"}");
  }

  @Test
  void readsLenientForms() throws Exception {
    String json = "{\"dataSource\":\"ds\",\"interval\":\"2020-01-01/2020-01-02\",\"version\":\"v\","
        + "\"loadSpec\":{\"type\":\"local\",\"path\":\"/p\"},\"dimensions\":[\"a\",\"b\"],\"metrics\":\"\","
        + "\"shardSpec\":{\"type\":\"none\"},\"size\":7,\"identifier\":\"ignored\",\"someFutureField\":1}";

    DataSegment s = Json.MAPPER.readValue(json, DataSegment.class);

    assertThat(s.dimensions()).containsExactly("a", "b");
    assertThat(s.metrics()).isEmpty();
    assertThat(s.partitionNum()).isZero();
    assertThat(s.numPartitions()).isEqualTo(1);
    assertThat(s.binaryVersion()).isEqualTo(DataSegment.DRUID_BINARY_VERSION);
    assertThat(s.id().toString()).isEqualTo("ds_2020-01-01T00:00:00.000Z_2020-01-02T00:00:00.000Z_v");
  }

  @Test
  void isImmutable() {
    List<String> dims = new ArrayList<>(List.of("a"));
    Map<String, Object> spec = new java.util.HashMap<>(Map.of("type", "local", "path", "/p"));
    DataSegment s = new DataSegment("ds", Interval.parse("2020-01-01/P1D"), "v", 0, 1, spec, dims, List.of(), 0, 0,
        9);
    dims.add("b");
    spec.put("path", "/q");

    assertThat(s.dimensions()).containsExactly("a");
    assertThat(s.loadSpec()).containsEntry("path", "/p");
    assertThatThrownBy(() -> s.dimensions().add("c")).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void rejectsInvalidFields() {
    assertThatThrownBy(() -> new DataSegment("", Interval.parse("2020-01-01/P1D"), "v", 0, 1, Map.of(), List.of(),
        List.of(), 0, 0, 9)).hasMessageContaining("dataSource");
    assertThatThrownBy(() -> new DataSegment("ds", Interval.parse("2020-01-01/P1D"), "v", -1, 1, Map.of(),
        List.of(), List.of(), 0, 0, 9)).hasMessageContaining("partitionNum");
  }
}
