package io.strata.processing.aggregation;

import io.strata.api.data.ColumnSelectorFactory;
import io.strata.api.data.ColumnValueSelector;
import io.strata.api.data.VectorColumnSelectorFactory;
import io.strata.api.data.VectorObjectSelector;
import io.strata.api.data.VectorValueSelector;
import io.strata.processing.expression.Expression;
import io.strata.processing.util.Numbers;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Number selectors over an expression, for aggregators given an {@code expression} instead of a {@code fieldName}:
 * the expression is evaluated per row on the values of the columns it names, and its result read as a number as
 * {@link Numbers#asNumber} reads values (anything else, or null, is a null value, which the aggregator skips).
 *
 * <p>The selectors have no notion of the current row or batch, so each read evaluates the expression again (an
 * aggregator reads a row twice: null check, then value); expression aggregators are rare enough for that.
 */
final class ExpressionSelectors {
  private ExpressionSelectors() {
  }

  static ColumnValueSelector row(Expression expression, ColumnSelectorFactory factory) {
    Map<String, ColumnValueSelector> inputs = new HashMap<>();
    for (String column : expression.requiredBindings()) {
      inputs.put(column, factory.makeColumnValueSelector(column));
    }
    Function<String, Object> binding = column -> {
      ColumnValueSelector s = inputs.get(column);
      return s == null ? null : s.getObject();
    };
    return new ColumnValueSelector() {
      private Number eval() {
        return Numbers.asNumber(expression.eval(binding));
      }

      @Override
      public long getLong() {
        Number n = eval();
        return n == null ? 0 : n.longValue();
      }

      @Override
      public double getDouble() {
        Number n = eval();
        return n == null ? 0 : n.doubleValue();
      }

      @Override
      public float getFloat() {
        Number n = eval();
        return n == null ? 0 : n.floatValue();
      }

      @Override
      public boolean isNull() {
        return eval() == null;
      }

      @Override
      public Object getObject() {
        return eval();
      }
    };
  }

  static VectorValueSelector vector(Expression expression, VectorColumnSelectorFactory factory) {
    String[] columns = expression.requiredBindings().toArray(new String[0]);
    VectorObjectSelector[] inputs = new VectorObjectSelector[columns.length];
    for (int i = 0; i < columns.length; i++) {
      inputs[i] = factory.makeObjectSelector(columns[i]);
    }
    int size = factory.getMaxVectorSize();
    return new VectorValueSelector() {
      private final long[] longs = new long[size];
      private final float[] floats = new float[size];
      private final double[] doubles = new double[size];
      private final boolean[] nulls = new boolean[size];
      private final Object[][] vectors = new Object[columns.length][];
      private int row;
      private final Function<String, Object> binding = column -> {
        for (int i = 0; i < columns.length; i++) {
          if (columns[i].equals(column)) {
            Object[] v = vectors[i];
            return v == null ? null : v[row];
          }
        }
        return null;
      };

      /** Evaluates every row of the batch (rows past its end hold stale inputs; their results go unread). */
      private void evalAll() {
        for (int i = 0; i < inputs.length; i++) {
          vectors[i] = inputs[i].getObjectVector();
        }
        for (row = 0; row < size; row++) {
          Number n = Numbers.asNumber(expression.eval(binding));
          nulls[row] = n == null;
          longs[row] = n == null ? 0 : n.longValue();
          doubles[row] = n == null ? 0 : n.doubleValue();
          floats[row] = (float) doubles[row];
        }
      }

      @Override
      public long[] getLongVector() {
        evalAll();
        return longs;
      }

      @Override
      public float[] getFloatVector() {
        evalAll();
        return floats;
      }

      @Override
      public double[] getDoubleVector() {
        evalAll();
        return doubles;
      }

      @Override
      public boolean[] getNullVector() {
        evalAll();
        return nulls;
      }
    };
  }
}
