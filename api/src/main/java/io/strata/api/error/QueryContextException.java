package io.strata.api.error;

/**
 * A query context value that cannot be used (a {@code timeout} that is not a number, is negative, or exceeds the
 * server's maximum). Druid reports these as its legacy "Query context parse failed" error.
 */
public class QueryContextException extends InvalidInputException {
  public QueryContextException(String key, String message) {
    super(key, message);
  }
}
