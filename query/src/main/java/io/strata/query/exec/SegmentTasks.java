package io.strata.query.exec;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Runs one piece of work per segment (or other item) in parallel on an executor and collects the results in
 * input order. The first failure (or the deadline passing) cancels the remaining work and is rethrown to the
 * caller.
 */
public final class SegmentTasks {
  private final ExecutorService executor;

  public SegmentTasks(ExecutorService executor) {
    this.executor = executor;
  }

  /**
   * Applies {@code work} to every item, in parallel when there is more than one.
   *
   * @return the results, in the order of {@code items}
   * @throws io.strata.query.QueryTimeoutException if {@code deadline} passes first
   */
  public <S, T> List<T> map(List<S> items, QueryDeadline deadline, Function<S, T> work) {
    if (items.isEmpty()) {
      return List.of();
    }
    if (items.size() == 1 || executor == null) {
      List<T> out = new ArrayList<>(items.size());
      for (S s : items) {
        deadline.check();
        out.add(work.apply(s));
      }
      return out;
    }
    List<Future<T>> futures = new ArrayList<>(items.size());
    try {
      for (S s : items) {
        futures.add(executor.submit(() -> {
          deadline.check();
          return work.apply(s);
        }));
      }
      List<T> out = new ArrayList<>(items.size());
      for (Future<T> f : futures) {
        out.add(await(f, deadline));
      }
      return out;
    } finally {
      for (Future<T> f : futures) {
        if (!f.isDone()) {
          f.cancel(true);
        }
      }
    }
  }

  private static final long CANCEL_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

  private static <T> T await(Future<T> f, QueryDeadline deadline) {
    try {
      // Waits in slices, so a cancelled query stops waiting even on a task that does not reach its next check.
      while (true) {
        deadline.check();
        long slice = Math.min(deadline.remainingNanos(), CANCEL_POLL_NANOS);
        try {
          return f.get(slice, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
          if (deadline.remainingNanos() == 0) {
            throw deadline.timeout();
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancellationException("query interrupted");
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof RuntimeException r) {
        throw r;
      }
      if (c instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException("segment work failed: " + c, c);
    }
  }
}
