package io.strata.processing.expression;

import java.util.Set;
import java.util.function.Function;

/**
 * A parsed expression, ready to evaluate against rows. Immutable and thread-safe.
 *
 * <p>Results are Long, Double, String or null (booleans are the longs 1 and 0). Inputs read through the binding
 * are converted the same way: integral numbers to Long, other numbers to Double, booleans to 1/0; a one-element
 * list reads as its element and a longer list (multi-value) passes through a bare identifier unchanged but is not
 * mapped over by functions and operators.
 */
public final class Expression {
  private final String text;
  private final Expr root;
  private final Set<String> requiredBindings;

  Expression(String text, Expr root, Set<String> requiredBindings) {
    this.text = text;
    this.root = root;
    this.requiredBindings = Set.copyOf(requiredBindings);
  }

  /**
   * Evaluates against one row.
   *
   * @param binding field name to value; {@code __time} should give the row timestamp in epoch millis
   */
  public Object eval(Function<String, Object> binding) {
    return root.eval(binding);
  }

  /** The identifiers the expression reads. */
  public Set<String> requiredBindings() {
    return requiredBindings;
  }

  /** True if the expression reads no field (its value is the same for every row). */
  public boolean isConstant() {
    return root instanceof Expr.Literal;
  }

  /**
   * True if the expression is a bare identifier, e.g. {@code "x"}; then evaluation returns the input value as the
   * binding gives it (multi-values included).
   */
  public String identifierName() {
    return root instanceof Expr.Identifier id ? id.name() : null;
  }

  public String text() {
    return text;
  }

  @Override
  public String toString() {
    return text;
  }
}
