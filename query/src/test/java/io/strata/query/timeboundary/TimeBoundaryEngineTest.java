package io.strata.query.timeboundary;

import io.strata.api.query.Query;
import io.strata.query.metadata.DataSourceMetadataEngine;
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

class TimeBoundaryEngineTest {
  private static ExecutorService pool;
  private static TimeBoundaryEngine engine;

  @BeforeAll
  static void start() {
    pool = Executors.newFixedThreadPool(2);
    engine = new TimeBoundaryEngine(pool);
  }

  @AfterAll
  static void stop() {
    pool.shutdownNow();
  }

  private static Object run(String rest, List<TestSegment> segments) {
    Query.TimeBoundary q = parse("{'queryType':'timeBoundary','dataSource':'sales'" + rest + "}");
    return engine.run(q, segments);
  }

  @Test
  void storedBoundsWhenTheIntervalsCoverTheData() {
    List<TestSegment> segments = SalesData.segments();
    assertThat(tree(run("", segments))).isEqualTo(json("[{'timestamp':'2020-01-01T00:00:00.000Z','result':{"
        + "'maxTime':'2020-01-02T05:00:00.000Z','minTime':'2020-01-01T00:00:00.000Z'}}]"));
    assertThat(segments.get(0).rowsRead() + segments.get(1).rowsRead()).isZero();
  }

  @Test
  void boundFilterAndClippedIntervals() {
    assertThat(tree(run(",'bound':'maxTime','filter':{'type':'selector','dimension':'country','value':'US'}",
        SalesData.segments()))).isEqualTo(json("[{'timestamp':'2020-01-02T01:00:00.000Z','result':{"
        + "'maxTime':'2020-01-02T01:00:00.000Z'}}]"));
    assertThat(tree(run(",'bound':'minTime','intervals':['2020-01-01T00:10/2020-01-05']", SalesData.segments())))
        .isEqualTo(json("[{'timestamp':'2020-01-01T00:30:00.000Z','result':{'minTime':'2020-01-01T00:30:00.000Z'}}]"));
  }

  @Test
  void nothingMatchingGivesNoResult() {
    assertThat(tree(run(",'filter':{'type':'selector','dimension':'city','value':'Rome'}", SalesData.segments())))
        .isEqualTo(json("[]"));
    assertThat(tree(run("", List.of()))).isEqualTo(json("[]"));
  }

  @Test
  void dataSourceMetadataReportsTheLatestEventTime() {
    Query.DataSourceMetadata q = parse("{'queryType':'dataSourceMetadata','dataSource':'sales'}");
    assertThat(tree(new DataSourceMetadataEngine().run(q, SalesData.segments()))).isEqualTo(json(
        "[{'timestamp':'2020-01-02T05:00:00.000Z','result':{'maxIngestedEventTime':'2020-01-02T05:00:00.000Z'}}]"));
    assertThat(tree(new DataSourceMetadataEngine().run(q, List.of()))).isEqualTo(json("[]"));
  }
}
