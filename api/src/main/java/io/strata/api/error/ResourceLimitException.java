package io.strata.api.error;

/** A query or task that would exceed a configured resource limit (rows, bytes, time). */
public class ResourceLimitException extends RuntimeException {
  public ResourceLimitException(String message) {
    super(message);
  }
}
