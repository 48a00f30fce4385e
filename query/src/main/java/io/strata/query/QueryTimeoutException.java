package io.strata.query;

import io.strata.api.error.ResourceLimitException;

/**
 * A query ran past the deadline set by its context {@code timeout} (milliseconds). Druid answers this with HTTP 504
 * and error code {@code Query timeout}.
 */
public class QueryTimeoutException extends ResourceLimitException {
  private static final long serialVersionUID = 1L;

  private final long timeoutMillis;

  public QueryTimeoutException(long timeoutMillis) {
    super("Query did not finish within its timeout of " + timeoutMillis
        + " ms; raise the query context \"timeout\" or narrow the query (intervals, filter)");
    this.timeoutMillis = timeoutMillis;
  }

  /** The timeout that was exceeded, in milliseconds. */
  public long timeoutMillis() {
    return timeoutMillis;
  }
}
