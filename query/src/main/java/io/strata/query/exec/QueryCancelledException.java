package io.strata.query.exec;

/** A running query was cancelled ({@code DELETE /druid/v2/{queryId}}); Druid answers it with "Query cancelled". */
public final class QueryCancelledException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public QueryCancelledException() {
    super("Query cancelled");
  }
}
