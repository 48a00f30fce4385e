package io.strata.query.virtual;

import io.strata.api.data.ColumnCapabilities;
import io.strata.api.data.ColumnType;
import io.strata.api.data.Segment;
import io.strata.api.error.InvalidInputException;
import io.strata.api.query.VirtualColumnSpec;
import io.strata.processing.expression.Expression;
import io.strata.processing.expression.Expressions;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A query's virtual columns, parsed: each a Druid expression over other columns (or other virtual columns) with an
 * output type. {@link #wrap} puts them in front of the segments, so every engine reads them through the read seam
 * like stored columns: as dimensions, in filters, as aggregator inputs, as scan columns. A virtual column hides a
 * stored column of the same name, as in Druid.
 */
public final class VirtualColumns {
  /** How a virtual column's value is computed from the row's other columns. */
  @FunctionalInterface
  interface Computation {
    Object eval(java.util.function.Function<String, Object> row);
  }

  /**
   * One virtual column: computed from {@code inputs} by {@code computation}, coerced to {@code type}. A column that
   * {@code dropsRows} computes {@link #DROP} for rows the query must not see at all.
   */
  record Column(String name, Set<String> inputs, Computation computation, ColumnType type, boolean dropsRows) {
    ColumnCapabilities capabilities() {
      return type == ColumnType.STRING
          ? new ColumnCapabilities(name, type, false, false, false, false, true)
          : ColumnCapabilities.numeric(name, type, true);
    }
  }

  /** What a row-dropping column computes for a row the query skips. */
  static final Object DROP = new Object() {
    @Override
    public String toString() {
      return "DROP";
    }
  };

  public static final VirtualColumns NONE = new VirtualColumns(Map.of());

  private final Map<String, Column> columns;

  private VirtualColumns(Map<String, Column> columns) {
    this.columns = columns;
  }

  /**
   * Parses the specs; refuses an expression that does not parse and virtual columns that depend on each other in a
   * cycle.
   */
  public static VirtualColumns of(List<VirtualColumnSpec> specs) {
    return of(specs, List.of());
  }

  /**
   * The query's virtual columns and the columns derived from its dimension specs ({@link DerivedDimensions});
   * refuses an expression that does not parse and virtual columns that depend on each other in a cycle.
   */
  public static VirtualColumns of(List<VirtualColumnSpec> specs, List<Column> derived) {
    if ((specs == null || specs.isEmpty()) && derived.isEmpty()) {
      return NONE;
    }
    Map<String, Column> out = new LinkedHashMap<>();
    for (VirtualColumnSpec s : specs == null ? List.<VirtualColumnSpec>of() : specs) {
      Expression e;
      try {
        e = Expressions.parse(s.expression());
      } catch (InvalidInputException ex) {
        throw new InvalidInputException("virtualColumns", "Invalid expression of virtual column [" + s.name()
            + "]: " + ex.getMessage());
      }
      out.put(s.name(), new Column(s.name(), e.requiredBindings(), e::eval, s.outputType(), false));
    }
    for (Column c : derived) {
      out.put(c.name(), c);
    }
    for (String name : out.keySet()) {
      checkNoCycle(name, out, new ArrayList<>(), new HashSet<>());
    }
    return new VirtualColumns(Map.copyOf(out));
  }

  /** True when some column drops rows: cursors over the segments must then skip them. */
  boolean dropsRows() {
    for (Column c : columns.values()) {
      if (c.dropsRows()) {
        return true;
      }
    }
    return false;
  }

  /** The columns that drop rows. */
  List<Column> rowDroppers() {
    List<Column> out = new ArrayList<>();
    for (Column c : columns.values()) {
      if (c.dropsRows()) {
        out.add(c);
      }
    }
    return out;
  }

  private static void checkNoCycle(String name, Map<String, Column> all, List<String> path, Set<String> done) {
    if (path.contains(name)) {
      path.add(name);
      throw new InvalidInputException("virtualColumns", "Virtual columns depend on each other in a cycle: "
          + String.join(" -> ", path));
    }
    Column c = all.get(name);
    if (c == null || done.contains(name)) {
      return;
    }
    path.add(name);
    for (String input : c.inputs()) {
      checkNoCycle(input, all, path, done);
    }
    path.remove(path.size() - 1);
    done.add(name);
  }

  public boolean isEmpty() {
    return columns.isEmpty();
  }

  Column get(String name) {
    return columns.get(name);
  }

  boolean contains(String name) {
    return columns.containsKey(name);
  }

  /** True when any of these columns is virtual. */
  boolean anyOf(Set<String> names) {
    for (String n : names) {
      if (columns.containsKey(n)) {
        return true;
      }
    }
    return false;
  }

  /** The segments, with the virtual columns readable from each. */
  public List<Segment> wrap(List<? extends Segment> segments) {
    List<Segment> out = new ArrayList<>(segments.size());
    for (Segment s : segments) {
      out.add(isEmpty() ? s : new VirtualSegment(s, this));
    }
    return out;
  }
}
