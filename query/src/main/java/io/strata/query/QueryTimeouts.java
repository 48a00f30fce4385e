package io.strata.query;

import io.strata.api.error.InvalidInputException;
import io.strata.api.error.QueryContextException;
import io.strata.api.query.Query;
import io.strata.query.exec.QueryDeadline;

/**
 * A server's query timeouts, as Druid's {@code druid.server.http.defaultQueryTimeout} and {@code maxQueryTimeout}:
 * a query whose context has no {@code timeout} gets the default (capped by the maximum); a query asking for more
 * than the maximum is refused; a context {@code timeout} of 0 means none, and passes the maximum, as in Druid.
 *
 * @param defaultMillis the timeout of queries that set none
 * @param maxMillis     the most a query may ask for; {@link Long#MAX_VALUE} for no maximum
 */
public record QueryTimeouts(long defaultMillis, long maxMillis) {
  /** Only the context's own {@code timeout}, if any: for engines used outside a server. */
  public static final QueryTimeouts CONTEXT_ONLY = new QueryTimeouts(0, Long.MAX_VALUE);

  /** @throws InvalidInputException if the context's timeout is not a non-negative number or exceeds the maximum */
  public QueryDeadline deadlineFor(Query query) {
    Object v = query.contextValue("timeout");
    if (v == null) {
      return QueryDeadline.in(Math.min(defaultMillis, maxMillis));
    }
    long asked = QueryDeadline.parseTimeout(v);
    if (asked > maxMillis) {
      throw new QueryContextException("timeout", "Configured timeout = " + asked + " is more than enforced limit of "
          + maxMillis + ".");
    }
    return QueryDeadline.in(asked);
  }
}
