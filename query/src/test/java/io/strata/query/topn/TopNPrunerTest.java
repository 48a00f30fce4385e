package io.strata.query.topn;

import io.strata.api.data.ColumnType;
import io.strata.api.query.Query;
import io.strata.api.time.DateTimes;
import io.strata.api.time.Interval;
import io.strata.processing.filter.Filters;
import io.strata.query.exec.AggregatorSet;
import io.strata.query.exec.QueryDeadline;
import io.strata.query.exec.SegmentGrouper;
import io.strata.query.exec.SegmentTasks;
import io.strata.query.testing.TestSegment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static io.strata.query.testing.TestQueries.parse;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * When {@link TopNPruner} accepts a shortcut, and when it must refuse one (the full merge then runs; its answers
 * are checked against a reference in {@code LargeMergeTest}).
 */
class TopNPrunerTest {
  private static final long DAY0 = DateTimes.parseIso("2021-03-01");
  private static ExecutorService pool;

  @BeforeAll
  static void start() {
    pool = Executors.newFixedThreadPool(2);
  }

  @AfterAll
  static void stop() {
    pool.shutdownNow();
  }

  /** Three segments; value {@code "v" + i} has {@code weight.apply(i)} rows with {@code m = mValue(i)} in each. */
  private static List<TestSegment> segments(int values, java.util.function.IntUnaryOperator rowsPerValue,
                                            java.util.function.IntToLongFunction mValue) {
    List<TestSegment> out = new ArrayList<>();
    for (int day = 0; day < 3; day++) {
      long start = DAY0 + day * 86_400_000L;
      TestSegment.Builder b = TestSegment.builder("p", DateTimes.format(start) + "/"
              + DateTimes.format(start + 86_400_000L))
          .dimension("v", ColumnType.STRING).metric("m", ColumnType.LONG).vectorize(true);
      for (int i = 0; i < values; i++) {
        for (int k = 0; k < rowsPerValue.applyAsInt(i); k++) {
          Map<String, Object> row = new HashMap<>();
          row.put("__time", start + k * 1000L);
          row.put("v", "v" + i);
          row.put("m", mValue.applyAsLong(i));
          b.row(row);
        }
      }
      out.add(b.build());
    }
    return out;
  }

  private static List<TopNCandidate> candidates(String metric, int threshold, List<TestSegment> segments) {
    Query.TopN q = parse("{'queryType':'topN','dataSource':'p','intervals':['2021-03-01/2021-03-04'],"
        + "'granularity':'all','dimension':'v','metric':" + metric + ",'threshold':" + threshold + ","
        + "'aggregations':[{'type':'count','name':'n'},{'type':'longSum','name':'s','fieldName':'m'}]}");
    AggregatorSet aggs = AggregatorSet.of(q.aggregations());
    TopNOrdering ordering = TopNOrdering.of(q.metric(), Set.of("n", "s"), ColumnType.STRING);
    SegmentTasks tasks = new SegmentTasks(pool);
    TopNPruner pruner = TopNPruner.of(q, aggs, ordering, tasks);
    if (pruner == null) {
      return null;
    }
    SegmentGrouper grouper = new SegmentGrouper(q.granularity(), List.of("v"), aggs, Filters.create(null),
        QueryDeadline.NONE);
    List<Interval> intervals = q.intervals();
    List<SegmentGrouper.Partial> partials = tasks.map(segments, QueryDeadline.NONE, s -> grouper.run(s, intervals));
    return pruner.candidates(partials, QueryDeadline.NONE);
  }

  @Test
  void provesTheAnswerWhenAFewValuesStandOut() {
    // 9000 values per segment; v0..v9 have many rows, the rest one each.
    List<TestSegment> segments = segments(9000, i -> i < 10 ? 50 + i : 1, i -> 1);
    List<TopNCandidate> picked = candidates("'n'", 5, segments);
    assertThat(picked).isNotNull();
    assertThat(picked.size()).isBetween(5, 3 * 128);
    assertThat(picked.stream().map(TopNCandidate::value)).contains("v9", "v8", "v7", "v6", "v5");
    TopNCandidate best = picked.stream().filter(c -> c.value().equals("v9")).findFirst().orElseThrow();
    assertThat(best.metricValue()).isEqualTo(3L * 59);
    assertThat(best.aggregates()).containsExactly(3L * 59, 3L * 59);
  }

  @Test
  void refusesWhenTiesReachTheBound() {
    // Every value has the same count: the threshold-th best equals the bound on the values left out.
    assertThat(candidates("'n'", 5, segments(9000, i -> 1, i -> 1))).isNull();
  }

  @Test
  void refusesWhenNegativeSumsCouldWrap() {
    List<TestSegment> segments = segments(9000, i -> i < 10 ? 3 : 1,
        i -> i < 10 ? 1000 : Long.MIN_VALUE / 2);
    assertThat(candidates("'s'", 3, segments)).isNull();
  }

  @Test
  void appliesOnlyToDescendingLongSums() {
    List<TestSegment> segments = segments(9000, i -> i < 10 ? 5 : 1, i -> 1);
    assertThat(candidates("{'type':'inverted','metric':'n'}", 3, segments)).isNull();
    assertThat(candidates("{'type':'dimension','ordering':'lexicographic'}", 3, segments)).isNull();
    assertThat(candidates("'s'", 3, segments)).isNotNull();
  }
}
