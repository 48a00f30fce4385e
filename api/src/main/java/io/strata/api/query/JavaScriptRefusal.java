package io.strata.api.query;

import io.strata.api.error.InvalidInputException;

/**
 * JavaScript functions (filters, aggregators, post-aggregators, extraction functions): Druid disables them by
 * default ({@code druid.javascript.enabled=false}) because they run arbitrary code on the server, and Strata never
 * runs them. Refused with Druid's message rather than ignored.
 */
final class JavaScriptRefusal {
  private JavaScriptRefusal() {
  }

  static InvalidInputException refused(String what) {
    return new InvalidInputException("type", "JavaScript is disabled: a javascript " + what
        + " cannot run here (Strata never runs JavaScript, as Druid by default does not)");
  }
}
