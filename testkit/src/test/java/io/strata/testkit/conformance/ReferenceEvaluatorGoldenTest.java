package io.strata.testkit.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.api.spec.DimensionSchema;
import io.strata.api.time.Granularity;
import io.strata.index.IndexSchema;
import io.strata.testkit.duel.Buckets;
import io.strata.testkit.duel.NaiveEvaluator;
import io.strata.testkit.duel.ReferenceSegment;
import io.strata.testkit.golden.GoldenCase;
import io.strata.testkit.golden.GoldenDatasets;
import io.strata.testkit.json.JsonComparison;
import io.strata.testkit.segments.TestDataset;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks the duel's reference against real Druid: the {@link NaiveEvaluator}, over the golden datasets' rows as
 * its reference rollup stores them ({@link ReferenceSegment#ingest}), must give Druid 33's recorded response for
 * every golden case whose features it models; the others are reported as skipped with the feature it refuses. So
 * a duel disagreement is judged by a reference that real Druid vouches for, not one that merely agrees with
 * Strata. The golden files are found as in {@link GoldenConformanceTest}.
 */
class ReferenceEvaluatorGoldenTest {
  /** The golden cases the evaluator must answer (it refuses scans, metadata queries, numeric dimensions...). */
  static final int MIN_MODELLED = 50;

  @TestFactory
  Stream<DynamicTest> referenceGivesDruidsResponses() {
    List<DynamicTest> tests = new ArrayList<>();
    for (String ds : GoldenConformanceTest.DATA_SOURCES) {
      NaiveEvaluator reference = new NaiveEvaluator(referenceSegments(dataset(ds)));
      for (GoldenCase c : GoldenCase.load(GoldenConformanceTest.GOLDEN_DIR, ds)) {
        tests.add(DynamicTest.dynamicTest("reference: " + c.id(), c.file().toUri(), () -> {
          JsonNode actual;
          try {
            actual = JsonComparison.tree(reference.evaluate(c.query()));
          } catch (NaiveEvaluator.NotModelled e) {
            Assumptions.abort(e.getMessage());
            return;
          }
          assertThat(JsonComparison.exact().differences(c.expected(), actual, 10))
              .as("the naive evaluator's answer to %s differs from Druid's%nquery:    %s%nexpected: %s%n"
                  + "actual:   %s", c.id(), c.query(), c.expected(), actual)
              .isEmpty();
        }));
      }
    }
    return tests.stream();
  }

  @Test
  void theReferenceModelsMostGoldenQueriesOfItsTypes() {
    int modelled = 0;
    for (String ds : GoldenConformanceTest.DATA_SOURCES) {
      NaiveEvaluator reference = new NaiveEvaluator(referenceSegments(dataset(ds)));
      for (GoldenCase c : GoldenCase.load(GoldenConformanceTest.GOLDEN_DIR, ds)) {
        try {
          reference.evaluate(c.query());
          modelled++;
        } catch (NaiveEvaluator.NotModelled e) {
          // counted as not modelled
        }
      }
    }
    assertThat(modelled).isGreaterThanOrEqualTo(MIN_MODELLED);
  }

  private static TestDataset dataset(String dataSource) {
    return dataSource.equals("wikipedia") ? GoldenDatasets.wikipedia(GoldenConformanceTest.GOLDEN_DIR)
        : GoldenDatasets.queryGolden(GoldenConformanceTest.GOLDEN_DIR);
  }

  private static List<ReferenceSegment> referenceSegments(TestDataset dataset) {
    IndexSchema schema = dataset.schema();
    Granularity g = schema.queryGranularity();
    Buckets granularity = g.isNone() ? Buckets.of("none")
        : Buckets.of(((Granularity.PeriodGranularity) g).simpleName().toLowerCase(Locale.ROOT));
    List<String> dimensions = schema.dimensionsSpec().dimensions().stream().map(DimensionSchema::name).toList();
    List<ReferenceSegment> out = new ArrayList<>();
    for (TestDataset.Chunk chunk : dataset.chunks()) {
      out.add(ReferenceSegment.ingest(chunk.interval(), chunk.rows(), dimensions, schema.metrics(), granularity,
          schema.rollup()));
    }
    return out;
  }
}
