package io.strata.processing.expression;

import io.strata.api.data.ColumnType;
import io.strata.api.error.InvalidInputException;
import io.strata.processing.util.Numbers;

import java.util.List;

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

  /**
   * An expression's value as {@code type}: a Long, Double or Float for the numeric types (null for text that is no
   * number), a String otherwise. A multi-value result with one value stands for that value; with none or several
   * it has no single value (null).
   */
  public static Object coerce(Object v, ColumnType type) {
    if (v == null) {
      return null;
    }
    if (v instanceof List<?> list) {
      if (list.size() != 1 || list.get(0) == null) {
        return null;
      }
      v = list.get(0);
    }
    return switch (type) {
      case LONG -> {
        Number n = Numbers.asNumber(v);
        yield n == null ? null : (Object) n.longValue();
      }
      case DOUBLE -> {
        Number n = Numbers.asNumber(v);
        yield n == null ? null : (Object) n.doubleValue();
      }
      case FLOAT -> {
        Number n = Numbers.asNumber(v);
        yield n == null ? null : (Object) n.floatValue();
      }
      default -> v instanceof String s ? s : String.valueOf(v);
    };
  }
}
