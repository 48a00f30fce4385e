package io.strata.server.http;

/** A route's answer when it is not a plain 200 with a JSON body. */
public record HttpResult(int status, Object body) {
  /** A body sent as {@code text/plain} rather than JSON. */
  public record PlainText(String text) {
  }
}
