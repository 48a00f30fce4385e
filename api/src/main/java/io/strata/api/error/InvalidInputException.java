package io.strata.api.error;

/**
 * A request (spec, query, parameter) that cannot be served as written. The HTTP layer turns it into a 400
 * with Druid's error JSON; the message names the offending field and what is allowed.
 */
public class InvalidInputException extends RuntimeException {
  private final String field;

  public InvalidInputException(String field, String message) {
    super(message);
    this.field = field;
  }

  public InvalidInputException(String field, String message, Throwable cause) {
    super(message, cause);
    this.field = field;
  }

  /** The spec or query field at fault, or null if the fault is not tied to one field. */
  public String field() {
    return field;
  }
}
