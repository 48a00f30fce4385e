package io.strata.index;

import io.strata.api.data.ColumnType;
import io.strata.api.data.CursorHolder;
import io.strata.api.data.RowSignature;
import io.strata.api.query.AggregatorSpec;
import io.strata.api.spec.DimensionsSpec;
import io.strata.api.time.Granularity;
import io.strata.api.time.Interval;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static io.strata.index.TestRows.T0;
import static io.strata.index.TestRows.agg;
import static io.strata.index.TestRows.dims;
import static io.strata.index.TestRows.index;
import static io.strata.index.TestRows.row;
import static io.strata.index.TestRows.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IncrementalIndexAddTest {

  private static List<List<Object>> all(IncrementalIndex index, List<String> columns) {
    try (CursorHolder h = index.cursorFactory().makeCursorHolder(TestRows.spec(Interval.ETERNITY, null, false, 4))) {
      List<List<Object>> rows = TestRows.readRows(h, columns);
      assertThat(TestRows.readVectors(h, columns)).isEqualTo(rows);
      return rows;
    }
  }

  @Test
  void rollupFoldsRowsWithEqualTimeAndDimensions() {
    IncrementalIndex index = index(dims("page", "lang"), Granularity.of("minute"), true,
        agg("count", "rows", null), agg("longSum", "added", "added"), agg("doubleSum", "price", "price"),
        agg("longMin", "minAdded", "added"), agg("longMax", "maxAdded", "added"),
        agg("doubleMin", "minPrice", "price"), agg("doubleMax", "maxPrice", "price"),
        agg("floatSum", "fprice", "price"));

    assertThat(index.add(row(T0 + 1_000, "page", "a", "lang", "en", "added", 5, "price", 1.5)).numRows()).isOne();
    assertThat(index.add(row(T0 + 2_000, "page", "a", "lang", "en", "added", "7", "price", "2.25")).numRows())
        .isOne();
    assertThat(index.add(row(T0 + 3_000, "page", "a", "lang", "en", "added", -2, "price", 0.25)).numRows()).isOne();
    assertThat(index.add(row(T0 + 4_000, "page", "a", "lang", "fr", "added", 1, "price", 1.0)).numRows())
        .isEqualTo(2);
    assertThat(index.add(row(T0 + 5_000, "page", "b", "lang", "en", "added", 1, "price", 1.0)).numRows())
        .isEqualTo(3);

    long minute = Granularity.of("minute").bucketStart(T0);
    assertThat(all(index, List.of("__time", "page", "lang", "rows", "added", "price", "minAdded", "maxAdded",
        "minPrice", "maxPrice", "fprice")))
        .containsExactly(
            values(minute, "a", "en", 3L, 10L, 4.0, -2L, 7L, 0.25, 2.25, 4.0f),
            values(minute, "a", "fr", 1L, 1L, 1.0, 1L, 1L, 1.0, 1.0, 1.0f),
            values(minute, "b", "en", 1L, 1L, 1.0, 1L, 1L, 1.0, 1.0, 1.0f));
    assertThat(index.numRows()).isEqualTo(3);
    assertThat(index.cursorFactory().numRows()).isEqualTo(3);
  }

  @Test
  void withoutRollupEveryInputRowIsKept() {
    IncrementalIndex index = index(dims("page"), Granularity.of("minute"), false,
        agg("count", "rows", null), agg("longSum", "added", "added"));
    for (int i = 0; i < 5; i++) {
      assertThat(index.add(row(T0, "page", "a", "added", i)).numRows()).isEqualTo(i + 1);
    }
    assertThat(all(index, List.of("page", "rows", "added")))
        .containsExactly(values("a", 1L, 0L), values("a", 1L, 1L), values("a", 1L, 2L), values("a", 1L, 3L),
            values("a", 1L, 4L));
  }

  @ParameterizedTest
  @CsvSource({
      "minute, 2024-05-06T07:08:09.123Z, 2024-05-06T07:08:00Z",
      "hour, 2024-05-06T07:08:09.123Z, 2024-05-06T07:00:00Z",
      "day, 2024-05-06T07:08:09.123Z, 2024-05-06T00:00:00Z",
      "none, 2024-05-06T07:08:09.123Z, 2024-05-06T07:08:09.123Z"})
  void queryGranularityTruncatesTimestamps(String granularity, String input, String expected) {
    IncrementalIndex index = index(dims("page"), Granularity.of(granularity), true, agg("count", "rows", null));
    long t = java.time.Instant.parse(input).toEpochMilli();
    index.add(row(t, "page", "a"));
    index.add(row(t + 1, "page", "a"));

    long truncated = java.time.Instant.parse(expected).toEpochMilli();
    List<List<Object>> rows = all(index, List.of("__time", "rows"));
    if (granularity.equals("none")) {
      assertThat(rows).containsExactly(values(truncated, 1L), values(truncated + 1, 1L));
    } else {
      assertThat(rows).containsExactly(values(truncated, 2L));
    }
    assertThat(index.cursorFactory().minTime()).isEqualTo(truncated);
  }

  @Test
  void typedDimensionsParseTheirValuesAndReportBadOnes() {
    IncrementalIndex index = index(dims("long:userId", "double:score", "float:ratio", "page"), Granularity.NONE, true,
        agg("count", "rows", null));

    assertThat(index.add(row(T0, "userId", "12", "score", "1.5", "ratio", 0.5, "page", 7)).parseErrors()).isEmpty();
    assertThat(index.add(row(T0, "userId", 12, "score", 1.5, "ratio", "0.5", "page", "7")).numRows()).isOne();
    AddResult bad = index.add(row(T0, "userId", "abc", "score", "x1", "ratio", List.of(1, 2), "page", true));

    assertThat(bad.numRows()).isEqualTo(2);
    assertThat(bad.hasParseErrors()).isTrue();
    assertThat(bad.parseErrors()).containsExactly(
        "Could not convert value [abc] to long for dimension [userId]; stored null",
        "Could not convert value [x1] to double for dimension [score]; stored null",
        "Could not convert value [[1, 2]] to float for dimension [ratio]; stored null");
    assertThat(all(index, List.of("userId", "score", "ratio", "page", "rows"))).containsExactly(
        values(null, null, null, "true", 1L),
        values(12L, 1.5, 0.5f, "7", 2L));

    RowSignature signature = index.cursorFactory().signature();
    assertThat(signature.columnNames()).containsExactly("__time", "userId", "score", "ratio", "page", "rows");
    assertThat(signature.type("userId")).isEqualTo(ColumnType.LONG);
    assertThat(signature.type("score")).isEqualTo(ColumnType.DOUBLE);
    assertThat(signature.type("ratio")).isEqualTo(ColumnType.FLOAT);
    assertThat(signature.type("page")).isEqualTo(ColumnType.STRING);
  }

  @Test
  void stringDimensionsTakeTheStringFormOfOtherValues() {
    IncrementalIndex index = index(dims("v"), Granularity.NONE, false, agg("count", "rows", null));
    index.add(row(T0, "v", 12L));
    index.add(row(T0 + 1, "v", 1.5));
    index.add(row(T0 + 2, "v", false));
    index.add(row(T0 + 3, "v", List.of("only")));
    index.add(row(T0 + 4, "v", List.of("a", "b")));
    index.add(row(T0 + 5, "v", List.of()));
    index.add(row(T0 + 6, "v", ""));
    index.add(row(T0 + 7));

    assertThat(all(index, List.of("v"))).extracting(r -> r.get(0))
        .containsExactly("12", "1.5", "false", "only", "[a, b]", null, "", null);
  }

  @Test
  void schemalessDiscoversFieldsInFirstAppearanceOrderWithExclusions() {
    DimensionsSpec spec = new DimensionsSpec(null, List.of("secret"), null, null, null);
    IncrementalIndex index = new IncrementalIndex(TestRows.SEGMENT, new IndexSchema(spec,
        List.of(agg("count", "rows", null), agg("longSum", "bytesSum", "bytes")), "ts", Granularity.NONE, true));

    index.add(row(T0, "ts", "2024-01-01", "page", "a", "secret", "s", "bytes", 10, "rows", 99, "__time", 1,
        "lang", "en"));
    assertThat(index.dimensionNames()).containsExactly("page", "lang");

    // A new field mid-stream becomes a dimension; earlier rows read it as null.
    index.add(row(T0 + 1, "country", "nz", "page", "b", "bytes", 5));
    assertThat(index.dimensionNames()).containsExactly("page", "lang", "country");
    // A row equal to the first one (the new dimension absent) still rolls up into it.
    assertThat(index.add(row(T0, "lang", "en", "page", "a", "bytes", 1)).numRows()).isEqualTo(2);

    assertThat(index.cursorFactory().signature().columnNames())
        .containsExactly("__time", "page", "lang", "country", "rows", "bytesSum");
    assertThat(all(index, List.of("page", "lang", "country", "rows", "bytesSum", "secret", "ts"))).containsExactly(
        values("a", "en", null, 2L, 11L, null, null),
        values("b", null, "nz", 1L, 5L, null, null));
  }

  @Test
  void includeAllDimensionsAddsDiscoveredStringsAfterTheExplicitOnes() {
    DimensionsSpec spec = new DimensionsSpec(dims("long:id"), null, null, true, null);
    IncrementalIndex index = new IncrementalIndex(TestRows.SEGMENT,
        new IndexSchema(spec, List.of(agg("count", "rows", null)), "timestamp", Granularity.NONE, true));
    index.add(row(T0, "timestamp", "x", "extra", 3, "id", "4"));
    assertThat(index.dimensionNames()).containsExactly("id", "extra");
    assertThat(all(index, List.of("id", "extra"))).containsExactly(values(4L, "3"));
  }

  @Test
  void nonNumericMetricInputIsNullAndReportedOnceWhileTheRowIsKept() {
    IncrementalIndex index = index(dims("page"), Granularity.NONE, true, agg("count", "rows", null),
        agg("longSum", "sum", "added"), agg("longMax", "max", "added"), agg("doubleSum", "other", "other"));

    AddResult bad = index.add(row(T0, "page", "a", "added", "lots", "other", "1,000.5"));
    assertThat(bad.numRows()).isOne();
    assertThat(bad.parseErrors()).containsExactly("Unable to parse value[lots] for field[added]");
    assertThat(all(index, List.of("rows", "sum", "max", "other"))).containsExactly(values(1L, null, null, 1000.5));

    assertThat(index.add(row(T0, "page", "a", "added", " 3 ")).parseErrors()).isEmpty();
    assertThat(all(index, List.of("rows", "sum", "max", "other"))).containsExactly(values(2L, 3L, 3L, 1000.5));
  }

  @Test
  void infoSignatureAndTimes() {
    IncrementalIndex index = index(dims("page"), Granularity.of("hour"), true, agg("count", "rows", null),
        agg("doubleSum", "d", "x"), agg("floatMax", "f", "x"));
    index.add(row(T0 + 7_200_000, "page", "a"));
    index.add(row(T0, "page", "b"));

    assertThat(index.info().rollup()).isTrue();
    assertThat(index.info().queryGranularity()).isEqualTo(Granularity.of("hour"));
    assertThat(index.info().aggregators()).extracting(AggregatorSpec::name).containsExactly("rows", "d", "f");
    assertThat(index.cursorFactory().signature().asMap()).containsExactly(
        java.util.Map.entry("__time", ColumnType.LONG), java.util.Map.entry("page", ColumnType.STRING),
        java.util.Map.entry("rows", ColumnType.LONG), java.util.Map.entry("d", ColumnType.DOUBLE),
        java.util.Map.entry("f", ColumnType.FLOAT));
    long hour = Granularity.of("hour").bucketStart(T0);
    assertThat(index.cursorFactory().minTime()).isEqualTo(hour);
    assertThat(index.cursorFactory().maxTime()).isEqualTo(hour + 7_200_000);
    assertThat(index.indexes().stringIndex("page")).isNull();
    assertThat(index.indexes().capabilities("page").sortedDictionary()).isFalse();
    assertThat(index.indexes().capabilities("page").dictionaryEncoded()).isTrue();
    assertThat(index.cursorFactory().capabilities("rows").hasNulls()).isFalse();
    assertThat(index.cursorFactory().capabilities("nope")).isNull();
    assertThat(index.columnSizeBytes("page")).isPositive();
    assertThat(index.columnSizeBytes("nope")).isZero();
  }

  @Test
  void memoryEstimateGrowsWithRowsAndCoversTheirData() {
    IncrementalIndex index = index(dims("page", "long:user"), Granularity.NONE, true,
        agg("count", "rows", null), agg("doubleSum", "price", "price"));
    index.add(row(T0, "page", "p0", "user", 0, "price", 1.0));
    long afterOne = index.estimatedBytesInMemory();
    long previous = afterOne;
    for (int i = 1; i < 100_000; i++) {
      index.add(row(T0 + i, "page", "p" + (i % 5000), "user", i, "price", 1.0));
      if (i % 10_000 == 0) {
        long now = index.estimatedBytesInMemory();
        assertThat(now).isGreaterThanOrEqualTo(previous);
        previous = now;
      }
    }
    long afterMany = index.estimatedBytesInMemory();
    assertThat(afterOne).isPositive();
    assertThat(afterMany).isGreaterThan(afterOne);
    // time (8) + dictionary id (4) + user (8 + presence bit) + count (8) + doubleSum (9) per row at least
    assertThat(afterMany).isGreaterThan(100_000L * 37);
  }

  @Test
  void closedIndexRefusesRows() {
    IncrementalIndex index = index(dims("page"), Granularity.NONE, true, agg("count", "rows", null));
    index.add(row(T0, "page", "a"));
    index.close();
    assertThatThrownBy(() -> index.add(row(T0, "page", "b"))).isInstanceOf(IllegalStateException.class);
    assertThat(index.numRows()).isOne();
  }

  @Test
  void schemaComesFromADataSchema() {
    io.strata.api.spec.DataSchema dataSchema = new io.strata.api.spec.DataSchema("wiki",
        new io.strata.api.spec.TimestampSpec("ts", null, null), null, List.of(agg("count", "rows", null)),
        new io.strata.api.spec.GranularitySpec(null, null, Granularity.of("hour"), false, null), null, null);
    IndexSchema schema = IndexSchema.from(dataSchema);
    assertThat(schema.timestampColumn()).isEqualTo("ts");
    assertThat(schema.queryGranularity()).isEqualTo(Granularity.of("hour"));
    assertThat(schema.rollup()).isFalse();
    assertThat(schema.discoversDimensions()).isTrue();
    assertThat(schema.metrics()).extracting(AggregatorSpec::name).containsExactly("rows");
  }

  @Test
  void schemaRejectsRepeatedColumnNames() {
    assertThatThrownBy(() -> index(dims("page"), Granularity.NONE, true, agg("count", "page", null)))
        .hasMessageContaining("[page]");
  }
}
