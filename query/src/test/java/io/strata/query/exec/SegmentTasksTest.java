package io.strata.query.exec;

import io.strata.query.QueryTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SegmentTasksTest {
  private static ExecutorService pool;

  @BeforeAll
  static void start() {
    pool = Executors.newFixedThreadPool(4);
  }

  @AfterAll
  static void stop() {
    pool.shutdownNow();
  }

  @Test
  void resultsKeepInputOrder() {
    List<Integer> out = new SegmentTasks(pool).map(List.of(5, 1, 4, 2, 3), QueryDeadline.NONE, i -> i * 10);
    assertThat(out).containsExactly(50, 10, 40, 20, 30);
  }

  @Test
  void aFailureIsRethrownAsItself() {
    assertThatThrownBy(() -> new SegmentTasks(pool).map(List.of(1, 2, 3), QueryDeadline.NONE, i -> {
      if (i == 2) {
        throw new IllegalStateException("bad segment " + i);
      }
      return i;
    })).isInstanceOf(IllegalStateException.class).hasMessage("bad segment 2");
  }

  @Test
  void aPassedDeadlineStopsWaiting() {
    CountDownLatch never = new CountDownLatch(1);
    QueryDeadline deadline = QueryDeadline.in(1);
    assertThatThrownBy(() -> new SegmentTasks(pool).map(List.of(1, 2), deadline, i -> {
      try {
        never.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return i;
    })).isInstanceOf(QueryTimeoutException.class);
  }

  @Test
  void aCancelledQueryStopsWaitingAndFailsAsCancelled() throws Exception {
    CountDownLatch never = new CountDownLatch(1);
    QueryDeadline deadline = QueryDeadline.in(0);
    Thread canceller = new Thread(() -> {
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      deadline.cancel();
    });
    canceller.start();
    assertThatThrownBy(() -> new SegmentTasks(pool).map(List.of(1, 2), deadline, i -> {
      try {
        never.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return i;
    })).isInstanceOf(QueryCancelledException.class).hasMessage("Query cancelled");
    canceller.join();
    // Each query has its own deadline: cancelling one leaves the others (and "no deadline") alone.
    assertThat(QueryDeadline.in(0).isCancelled()).isFalse();
    assertThat(QueryDeadline.NONE.isCancelled()).isFalse();
  }

  @Test
  void contextTimeoutIsRead() {
    assertThat(QueryDeadline.in(0).isSet()).isFalse();
    assertThat(QueryDeadline.in(60_000).isSet()).isTrue();
    assertThat(QueryDeadline.in(60_000).remainingNanos()).isPositive();
  }
}
