package io.strata.api.spec;

import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.strata.api.data.ColumnType;
import io.strata.api.error.InvalidInputException;
import io.strata.api.json.Json;
import io.strata.api.query.AggregatorSpec;
import io.strata.api.query.Query;
import io.strata.api.time.Granularity;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SpecParsingTest {
  /** The example spec of the ingestion reference (002), its typo mended. */
  static final String SEED_SPEC = """
      {
        "type": "index_parallel",
        "spec": {
          "dataSchema": {
            "dataSource": "wikipedia",
            "timestampSpec": { "column": "timestamp", "format": "auto" },
            "dimensionsSpec": {
              "dimensions": [
                { "type": "string", "name": "page" },
                { "type": "string", "name": "language" },
                { "type": "long", "name": "userId" }
              ]
            },
            "metricsSpec": [
              { "type": "count", "name": "count" },
              { "type": "doubleSum", "name": "bytes_added_sum", "fieldName": "bytes_added" },
              { "type": "doubleSum", "name": "bytes_deleted_sum", "fieldName": "bytes_deleted" }
            ],
            "granularitySpec": {
              "segmentGranularity": "day",
              "queryGranularity": "none",
              "intervals": [ "2013-08-31/2013-09-01" ]
            }
          },
          "ioConfig": {
            "type": "index_parallel",
            "inputSource": { "type": "local", "baseDir": "examples/indexing/", "filter": "wikipedia_data.json" },
            "inputFormat": {
              "type": "json",
              "flattenSpec": {
                "useFieldDiscovery": true,
                "fields": [ { "type": "path", "name": "userId", "expr": "$.user.id" } ]
              }
            }
          },
          "tuningConfig": { "type": "index_parallel" }
        }
      }""";

  @Test
  void seedExampleSpecParsesWithDruidDefaults() throws Exception {
    TaskSpec.IndexTask task = (TaskSpec.IndexTask) Json.MAPPER.readValue(SEED_SPEC, TaskSpec.class);
    DataSchema ds = task.spec().dataSchema();
    assertThat(ds.dimensionsSpec().dimensions()).extracting(DimensionSchema::name)
        .containsExactly("page", "language", "userId");
    assertThat(ds.dimensionsSpec().dimensions().get(2).columnType()).isEqualTo(ColumnType.LONG);
    assertThat(ds.metricsSpec()).hasSize(3).first().isInstanceOf(AggregatorSpec.Count.class);
    assertThat(ds.granularitySpec().rollup()).isTrue();
    assertThat(ds.granularitySpec().queryGranularity()).isEqualTo(Granularity.NONE);
    assertThat(ds.granularitySpec().bucketIntervals()).hasSize(1);
    InputFormatSpec.JsonFormat format = (InputFormatSpec.JsonFormat) task.spec().ioConfig().inputFormat();
    assertThat(format.flattenSpec().fields().get(0).expr()).isEqualTo("$.user.id");
    TuningConfig tuning = task.spec().tuningConfig();
    assertThat(tuning.maxRowsInMemory()).isEqualTo(1_000_000);
    assertThat(tuning.maxParseExceptions()).isEqualTo(Integer.MAX_VALUE);
    assertThat(tuning.maxSavedParseExceptions()).isZero();
    assertThat(task.spec().ioConfig().appendToExisting()).isFalse();
  }

  @Test
  void legacyParserIsTranslatedIntoTheCurrentModel() throws Exception {
    String legacy = """
        {"type":"index","spec":{"dataSchema":{"dataSource":"w",
          "parser":{"type":"string","parseSpec":{"format":"json",
            "flattenSpec":{"useFieldDiscovery":true,"fields":[{"type":"path","name":"userId","expr":"$.user.id"}]},
            "timestampSpec":{"column":"ts","format":"iso"},
            "dimensionsSpec":{"dimensions":["page",{"type":"long","name":"userId"}]}}},
          "metricsSpec":[{"type":"count","name":"count"}]},
         "ioConfig":{"type":"index","inputSource":{"type":"inline","data":"{}"}}}}""";
    TaskSpec.IndexTask task = (TaskSpec.IndexTask) Json.MAPPER.readValue(legacy, TaskSpec.class);
    DataSchema ds = task.spec().dataSchema();
    assertThat(ds.parser()).isNull();
    assertThat(ds.timestampSpec().column()).isEqualTo("ts");
    assertThat(ds.dimensionsSpec().dimensions()).extracting(DimensionSchema::name).containsExactly("page", "userId");
    assertThat(task.spec().ioConfig().inputFormat()).isInstanceOf(InputFormatSpec.JsonFormat.class);
    assertThat(task.spec().ioConfig().inputFormat().flattenSpec().fields()).hasSize(1);
  }

  @Test
  void invalidSpecsNameTheField() {
    assertThatThrownBy(() -> Json.MAPPER.readValue("""
        {"type":"index","spec":{"dataSchema":{"dataSource":"w","dimensionsSpec":{"dimensions":["a","a"]}},
         "ioConfig":{"type":"index","inputSource":{"type":"inline","data":"{}"},"inputFormat":{"type":"json"}}}}""",
        TaskSpec.class)).isInstanceOf(ValueInstantiationException.class)
        .hasRootCauseInstanceOf(InvalidInputException.class).hasMessageContaining("[a]");
    assertThatThrownBy(() -> Json.MAPPER.readValue("""
        {"type":"index","spec":{"dataSchema":{"dataSource":"w"},
         "ioConfig":{"type":"index","inputSource":{"type":"local","baseDir":"x"},"inputFormat":{"type":"json"}}}}""",
        TaskSpec.class)).hasMessageContaining("filter");
  }

  @Test
  void queriesParseWithEveryDataSourceAndIntervalForm() throws Exception {
    Query q = Json.MAPPER.readValue("""
        {"queryType":"timeseries","dataSource":{"type":"table","name":"w"},
         "intervals":{"type":"intervals","intervals":["2013-08-31/2013-09-01"]},"granularity":{"type":"period","period":"PT1H"}}""",
        Query.class);
    assertThat(q.dataSource()).isEqualTo("w");
    assertThat(q.intervals()).hasSize(1);
    assertThat(((Query.Timeseries) q).granularity()).isEqualTo(Granularity.of("hour"));
    Query tb = Json.MAPPER.readValue("{\"queryType\":\"timeBoundary\",\"dataSource\":\"w\"}", Query.class);
    assertThat(tb.intervals()).hasSize(1);
  }
}
