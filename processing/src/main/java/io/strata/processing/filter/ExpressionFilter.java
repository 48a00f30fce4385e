package io.strata.processing.filter;

import io.strata.api.data.ColumnIndexSelector;
import io.strata.api.data.ColumnSelectorFactory;
import io.strata.api.data.ColumnValueSelector;
import io.strata.api.data.VectorColumnSelectorFactory;
import io.strata.api.data.VectorObjectSelector;
import io.strata.api.error.InvalidInputException;
import io.strata.api.exec.ValueMatcher;
import io.strata.api.exec.VectorValueMatcher;
import io.strata.processing.expression.Expression;
import io.strata.processing.expression.Expressions;
import org.roaringbitmap.buffer.ImmutableRoaringBitmap;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Druid's {@code expression} filter: a row matches when the expression is true — a number above 0, or the text
 * "true" — and a null result is unknown (neither the filter nor its {@code not} matches it). Evaluated per row.
 */
final class ExpressionFilter extends BaseFilter {
  private final Expression expression;
  private final List<String> inputs;

  ExpressionFilter(String text) {
    try {
      this.expression = Expressions.parse(text);
    } catch (InvalidInputException e) {
      throw new InvalidInputException("expression", "Invalid expression filter [" + text + "]: " + e.getMessage());
    }
    this.inputs = List.copyOf(expression.requiredBindings());
  }

  @Override
  public Set<String> requiredColumns() {
    return expression.requiredBindings();
  }

  /** TRUE, FALSE or (null) UNKNOWN. */
  private static Boolean truth(Object v) {
    if (v == null) {
      return null;
    }
    if (v instanceof Number n) {
      return n instanceof Double || n instanceof Float ? n.doubleValue() > 0 : n.longValue() > 0;
    }
    if (v instanceof Boolean b) {
      return b;
    }
    return Boolean.parseBoolean(v.toString());
  }

  private static boolean matches(Object v, boolean includeUnknown) {
    Boolean t = truth(v);
    return t == null ? includeUnknown : t;
  }

  @Override
  ImmutableRoaringBitmap bitmap(ColumnIndexSelector indexes, boolean includeUnknown) {
    return null;
  }

  @Override
  ValueMatcher matcher(ColumnSelectorFactory factory, boolean includeUnknown) {
    Map<String, ColumnValueSelector> selectors = new HashMap<>();
    for (String in : inputs) {
      selectors.put(in, factory.makeColumnValueSelector(in));
    }
    return () -> matches(expression.eval(name -> {
      ColumnValueSelector s = selectors.get(name);
      return s == null ? null : s.getObject();
    }), includeUnknown);
  }

  @Override
  VectorValueMatcher vectorMatcher(VectorColumnSelectorFactory factory, boolean includeUnknown) {
    VectorObjectSelector[] selectors = new VectorObjectSelector[inputs.size()];
    Map<String, Integer> slot = new HashMap<>();
    for (int i = 0; i < selectors.length; i++) {
      selectors[i] = factory.makeObjectSelector(inputs.get(i));
      slot.put(inputs.get(i), i);
    }
    Object[][] vectors = new Object[selectors.length][];
    int[] row = new int[1];
    java.util.function.Function<String, Object> binding = name -> {
      Integer i = slot.get(name);
      return i == null ? null : vectors[i][row[0]];
    };
    return (out, size) -> {
      for (int i = 0; i < selectors.length; i++) {
        vectors[i] = selectors[i].getObjectVector();
      }
      int n = 0;
      for (int r = 0; r < size; r++) {
        row[0] = r;
        boolean m = matches(expression.eval(binding), includeUnknown);
        out[r] = m;
        n += m ? 1 : 0;
      }
      return n;
    };
  }

  @Override
  public String toString() {
    return "expression(" + expression + ")";
  }
}
