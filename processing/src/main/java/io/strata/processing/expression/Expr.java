package io.strata.processing.expression;

import java.util.function.Function;

/**
 * A node of a parsed expression. Values are Long, Double, String or null (a multi-value List only passes through
 * a bare identifier). Immutable and thread-safe.
 */
@FunctionalInterface
interface Expr {
  Object eval(Function<String, Object> binding);

  /** A constant; the parser folds calls and operators whose arguments are all constants into one. */
  record Literal(Object value) implements Expr {
    @Override
    public Object eval(Function<String, Object> binding) {
      return value;
    }
  }

  /** A field read from the binding, its value normalized to the expression types. */
  record Identifier(String name) implements Expr {
    @Override
    public Object eval(Function<String, Object> binding) {
      return Evals.normalize(binding.apply(name));
    }
  }
}
