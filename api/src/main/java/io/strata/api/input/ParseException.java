package io.strata.api.input;

/**
 * A record that cannot be turned into a row (bad JSON or CSV, a missing or bad timestamp, a non-numeric metric
 * input). Ingestion counts and samples these per the task's parse-exception settings; they never stop the
 * pipeline on their own.
 *
 * @see #input() the offending record's text, kept for the task report
 */
public class ParseException extends RuntimeException {
  private final String input;
  private final boolean unparseable;

  /**
   * @param unparseable true when the record could not be read at all (counted as "unparseable"); false when it
   *                    was read but a value in it is bad (counted as "processedWithError")
   */
  public ParseException(String input, boolean unparseable, String message) {
    super(message);
    this.input = input;
    this.unparseable = unparseable;
  }

  public String input() {
    return input;
  }

  public boolean unparseable() {
    return unparseable;
  }
}
