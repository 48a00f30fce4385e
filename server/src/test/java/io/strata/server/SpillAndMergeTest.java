package io.strata.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.testkit.gen.WikipediaGenerator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * However a task splits its work (one reader holding everything in memory, several readers spilling small indexes to
 * disk, readers sharing time chunks, memory limits in rows or in bytes), the published data is the same: rollup is
 * re-applied across spills, in-memory parts and readers, so every variant answers a full scan identically.
 */
class SpillAndMergeTest {
  private static final int ROWS = 20_000;
  private static final String SCAN = """
      {"queryType":"scan","dataSource":"%s","intervals":["2013-08-31/2013-09-04"],"resultFormat":"compactedList",
       "columns":["__time","language","robot","namespace","continent","count","added","deleted","minDelta","maxDelta"]}""";

  @TempDir
  static Path tmp;
  static TestServer server;
  static Path input;

  @BeforeAll
  static void start() throws Exception {
    server = new TestServer(tmp.resolve("var"));
    // Three days of edits in shuffled order over three files: every reader meets every time chunk.
    StringWriter generated = new StringWriter();
    new WikipediaGenerator(11, WikipediaGenerator.DEFAULT_START_MILLIS, 72).write(ROWS, WikipediaGenerator.Format.JSON,
        generated);
    List<String> lines = new ArrayList<>(List.of(generated.toString().split("\n")));
    Collections.shuffle(lines, new Random(3));
    input = Files.createDirectories(tmp.resolve("input"));
    for (int f = 0; f < 3; f++) {
      Files.write(input.resolve("part-" + f + ".json"), lines.subList(f * lines.size() / 3, (f + 1) * lines.size() / 3));
    }
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static String spec(String dataSource, String type, String tuning) {
    return """
        {"type":"%s","spec":{
          "dataSchema":{"dataSource":"%s",
            "timestampSpec":{"column":"timestamp","format":"iso"},
            "dimensionsSpec":{"dimensions":["language","robot","namespace","continent"]},
            "metricsSpec":[{"type":"count","name":"count"},
                           {"type":"longSum","name":"added","fieldName":"added"},
                           {"type":"longSum","name":"deleted","fieldName":"deleted"},
                           {"type":"longMin","name":"minDelta","fieldName":"delta"},
                           {"type":"longMax","name":"maxDelta","fieldName":"delta"}],
            "granularitySpec":{"segmentGranularity":"day","queryGranularity":"hour","rollup":true}},
          "ioConfig":{"type":"%s","inputSource":{"type":"local","baseDir":"%s","filter":"*.json"},
                      "inputFormat":{"type":"json"}},
          "tuningConfig":{"type":"%s"%s}}}""".formatted(type, dataSource, type, input.toString(), type,
        tuning.isEmpty() ? "" : "," + tuning);
  }

  private static JsonNode ingestAndScan(String dataSource, String type, String tuning) throws Exception {
    JsonNode status = server.runTask(spec(dataSource, type, tuning));
    assertThat(status.get("status").asText()).as(dataSource).isEqualTo("SUCCESS");
    List<JsonNode> rows = new ArrayList<>();
    for (JsonNode segment : server.query(SCAN.formatted(dataSource))) {
      segment.get("events").forEach(rows::add);
    }
    return io.strata.api.json.Json.MAPPER.createArrayNode().addAll(rows);
  }

  @Test
  void everyWayOfSplittingTheWorkPublishesTheSameRows() throws Exception {
    JsonNode inMemory = ingestAndScan("one_reader_in_memory", "index", "");
    long total = 0;
    for (JsonNode row : inMemory) {
      total += row.get(5).asLong();
    }
    assertThat(total).as("count over all rows").isEqualTo(ROWS);
    assertThat(inMemory.size()).as("rollup folded rows").isLessThan(ROWS / 2);

    assertThat(ingestAndScan("three_readers_row_spills", "index_parallel",
        "\"maxNumConcurrentSubTasks\":3,\"maxRowsInMemory\":500")).isEqualTo(inMemory);
    assertThat(ingestAndScan("two_readers_byte_spills", "index_parallel",
        "\"maxNumConcurrentSubTasks\":2,\"maxBytesInMemory\":300000")).isEqualTo(inMemory);
    assertThat(ingestAndScan("one_reader_row_spills", "index", "\"maxRowsInMemory\":700")).isEqualTo(inMemory);
  }
}
