package io.strata.processing.transform;

import io.strata.api.error.InvalidInputException;
import io.strata.api.exec.Filter;
import io.strata.api.exec.ValueMatcher;
import io.strata.api.input.InputRow;
import io.strata.api.input.ParseException;
import io.strata.api.spec.TransformSpec;
import io.strata.api.time.DateTimes;
import io.strata.processing.expression.Expression;
import io.strata.processing.expression.Expressions;
import io.strata.processing.filter.Filters;
import io.strata.processing.filter.MapColumnSelectorFactory;

import java.time.DateTimeException;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Applies a {@code transformSpec} to input rows, as Druid does:
 *
 * <ul>
 *   <li>every transform's expression is evaluated against the <em>input</em> row: a transform may read the field
 *       it shadows (its input value), and no transform sees another's output; {@code __time} reads the row
 *       timestamp;</li>
 *   <li>outputs shadow input fields of the same name; a transform named {@code __time} replaces the timestamp
 *       (its value must be epoch millis or ISO-8601 text);</li>
 *   <li>then the filter is evaluated against the transformed row; rows it rejects are dropped (null);</li>
 *   <li>the transformed row keeps the input's {@link InputRow#fieldNames()} (transform outputs are not
 *       candidates for schemaless dimension discovery), but {@link InputRow#get} sees the outputs.</li>
 * </ul>
 *
 * <p>A transform that fails on a row, or gives a bad {@code __time}, raises a {@link ParseException} for that
 * row. Expressions are parsed in {@link #create}, so a bad spec fails up front with an {@link
 * InvalidInputException}. Thread-safe.
 */
public final class Transformer {
  public static final String TIME = "__time";

  private static final Transformer IDENTITY = new Transformer(new String[0], new Expression[0], null);

  private final String[] names;
  private final Expression[] expressions;
  private final Map<String, Integer> indexByName = new HashMap<>();
  private final int timeIndex;
  private final Filter filter;
  private final ThreadLocal<FilterState> filterState;

  private record FilterState(MapColumnSelectorFactory factory, ValueMatcher matcher) {
  }

  private Transformer(String[] names, Expression[] expressions, Filter filter) {
    this.names = names;
    this.expressions = expressions;
    for (int i = 0; i < names.length; i++) {
      indexByName.put(names[i], i);
    }
    this.timeIndex = indexByName.getOrDefault(TIME, -1);
    this.filter = filter;
    this.filterState = filter == null ? null : ThreadLocal.withInitial(() -> {
      MapColumnSelectorFactory f = new MapColumnSelectorFactory();
      return new FilterState(f, filter.makeMatcher(f));
    });
  }

  /** The transformer for a spec; a null spec (or one with no transforms and no filter) passes rows through. */
  public static Transformer create(TransformSpec spec) {
    if (spec == null || (spec.transforms().isEmpty() && spec.filter() == null)) {
      return IDENTITY;
    }
    List<TransformSpec.Transform> transforms = spec.transforms();
    String[] names = new String[transforms.size()];
    Expression[] expressions = new Expression[transforms.size()];
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < names.length; i++) {
      TransformSpec.Transform t = transforms.get(i);
      if (!seen.add(t.name())) {
        throw new InvalidInputException("transforms", "transformSpec has two transforms named [" + t.name()
            + "]; transform names must be unique");
      }
      names[i] = t.name();
      if (t instanceof TransformSpec.ExpressionTransform e) {
        expressions[i] = Expressions.parse(e.expression());
      } else {
        throw new InvalidInputException("transforms", "unsupported transform " + t);
      }
    }
    return new Transformer(names, expressions, Filters.create(spec.filter()));
  }

  /** True if rows pass through unchanged. */
  public boolean isIdentity() {
    return names.length == 0 && filter == null;
  }

  /** The transformed row, or null if the filter drops it. */
  public InputRow transform(InputRow row) {
    if (isIdentity()) {
      return row;
    }
    InputRow out = row;
    if (names.length > 0) {
      Function<String, Object> binding = f -> TIME.equals(f) ? (Object) row.timestamp() : row.get(f);
      Object[] values = new Object[names.length];
      for (int i = 0; i < names.length; i++) {
        Expression e = expressions[i];
        String copied = e.identifierName();
        try {
          values[i] = copied != null ? binding.apply(copied) : e.eval(binding);
        } catch (RuntimeException ex) {
          throw new ParseException(String.valueOf(row), false, "transform [" + names[i] + "] failed on expression ["
              + e.text() + "]: " + ex.getMessage());
        }
      }
      long timestamp = timeIndex < 0 ? row.timestamp() : toMillis(values[timeIndex], row);
      out = new TransformedRow(row, timestamp, values);
    }
    if (filter != null) {
      FilterState s = filterState.get();
      s.factory.setRow(out);
      if (!s.matcher.matches()) {
        return null;
      }
    }
    return out;
  }

  private long toMillis(Object v, InputRow row) {
    if (v instanceof Number n) {
      return n.longValue();
    }
    if (v instanceof String s) {
      try {
        return DateTimes.parseIsoOrMillis(s);
      } catch (DateTimeException | NumberFormatException e) {
        // fall through
      }
    }
    throw new ParseException(String.valueOf(row), false, "transform [__time] gave [" + v
        + "], which is not a timestamp (epoch millis or ISO-8601)");
  }

  private final class TransformedRow implements InputRow {
    private final InputRow input;
    private final long timestamp;
    private final Object[] values;

    TransformedRow(InputRow input, long timestamp, Object[] values) {
      this.input = input;
      this.timestamp = timestamp;
      this.values = values;
    }

    @Override
    public long timestamp() {
      return timestamp;
    }

    @Override
    public Object get(String field) {
      if (TIME.equals(field) && timeIndex >= 0) {
        return timestamp;
      }
      Integer i = indexByName.get(field);
      return i != null ? values[i] : input.get(field);
    }

    @Override
    public Collection<String> fieldNames() {
      return input.fieldNames();
    }

    @Override
    public String toString() {
      StringBuilder sb = new StringBuilder("TransformedRow{").append(DateTimes.format(timestamp));
      for (int i = 0; i < names.length; i++) {
        sb.append(", ").append(names[i]).append('=').append(values[i]);
      }
      return sb.append(", input=").append(input).append('}').toString();
    }
  }
}
