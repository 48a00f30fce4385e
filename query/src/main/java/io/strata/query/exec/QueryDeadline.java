package io.strata.query.exec;

import io.strata.api.error.InvalidInputException;
import io.strata.api.error.QueryContextException;
import io.strata.api.query.Query;
import io.strata.query.QueryTimeoutException;

/**
 * The point in time by which a query must finish, from its context {@code timeout} in milliseconds (absent or 0:
 * no deadline, as in Druid), and whether it was cancelled ({@code DELETE /druid/v2/{queryId}}). Engines call
 * {@link #check()} between batches of rows. Each query gets its own instance ({@link #in}), so cancelling one stops
 * no other. Thread-safe.
 */
public final class QueryDeadline {
  /** Timeouts longer than this (about 73 years) are as good as none, and would overflow in nanoseconds. */
  private static final long MAX_TRACKED_MILLIS = Long.MAX_VALUE / 4_000_000L;

  /** A deadline that never passes, for work no one can cancel (never give it to a registered query). */
  public static final QueryDeadline NONE = new QueryDeadline(0, Long.MAX_VALUE);

  private final long timeoutMillis;
  private final long deadlineNanos;
  private volatile boolean cancelled;

  private QueryDeadline(long timeoutMillis, long deadlineNanos) {
    this.timeoutMillis = timeoutMillis;
    this.deadlineNanos = deadlineNanos;
  }

  /** A deadline {@code timeoutMillis} from now; 0 or less means none. */
  public static QueryDeadline in(long timeoutMillis) {
    if (timeoutMillis <= 0 || timeoutMillis > MAX_TRACKED_MILLIS) {
      return new QueryDeadline(0, Long.MAX_VALUE);
    }
    return new QueryDeadline(timeoutMillis, System.nanoTime() + timeoutMillis * 1_000_000L);
  }

  /** The deadline set by the query's context {@code timeout}, starting now. */
  public static QueryDeadline of(Query query) {
    Object v = query.contextValue("timeout");
    return in(v == null ? 0 : parseTimeout(v));
  }

  /**
   * A context {@code timeout} value in milliseconds.
   *
   * @throws InvalidInputException if it is not a non-negative whole number
   */
  public static long parseTimeout(Object v) {
    long ms;
    if (v instanceof Number n) {
      ms = n.longValue();
    } else {
      try {
        ms = Long.parseLong(v.toString().trim());
      } catch (NumberFormatException e) {
        throw new QueryContextException("timeout", "Expected key [timeout] to be in long format, but got [" + v + "]");
      }
    }
    if (ms < 0) {
      throw new QueryContextException("timeout", "Timeout [timeout] must be a non negative value, but was " + ms);
    }
    return ms;
  }

  /** True if this deadline can pass. */
  public boolean isSet() {
    return deadlineNanos != Long.MAX_VALUE;
  }

  /** Nanoseconds left (never negative); {@link Long#MAX_VALUE} if there is no deadline. */
  public long remainingNanos() {
    if (!isSet()) {
      return Long.MAX_VALUE;
    }
    return Math.max(0, deadlineNanos - System.nanoTime());
  }

  /** Cancels the query: its next {@link #check} fails with {@link QueryCancelledException}. */
  public void cancel() {
    cancelled = true;
  }

  public boolean isCancelled() {
    return cancelled;
  }

  /**
   * @throws QueryCancelledException if the query was cancelled
   * @throws QueryTimeoutException   if the deadline has passed
   */
  public void check() {
    if (cancelled) {
      throw new QueryCancelledException();
    }
    if (isSet() && System.nanoTime() - deadlineNanos > 0) {
      throw new QueryTimeoutException(timeoutMillis);
    }
  }

  /** The exception to throw once the deadline has passed. */
  public QueryTimeoutException timeout() {
    return new QueryTimeoutException(timeoutMillis);
  }
}
