package io.strata.server.http;

/** A route's answer when it is not a plain 200 with a JSON body. */
public record HttpResult(int status, Object body) {
}
