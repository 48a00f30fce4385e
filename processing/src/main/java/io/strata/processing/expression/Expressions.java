package io.strata.processing.expression;

import io.strata.api.error.InvalidInputException;

/** Entry point of the expression language: {@code Expressions.parse("concat('#', channel)")}. */
public final class Expressions {
  private Expressions() {
  }

  /**
   * Parses an expression.
   *
   * @throws InvalidInputException (field {@code expression}) naming the expression and the error's position
   */
  public static Expression parse(String text) {
    return ExprParser.parse(text);
  }
}
