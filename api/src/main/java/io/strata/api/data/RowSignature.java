package io.strata.api.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Ordered column names and types. */
public final class RowSignature {
  private final Map<String, ColumnType> columns;

  private RowSignature(Map<String, ColumnType> columns) {
    this.columns = Collections.unmodifiableMap(columns);
  }

  public static Builder builder() {
    return new Builder();
  }

  public List<String> columnNames() {
    return new ArrayList<>(columns.keySet());
  }

  /** The column's type, or null if the signature has no such column. */
  public ColumnType type(String column) {
    return columns.get(column);
  }

  public boolean contains(String column) {
    return columns.containsKey(column);
  }

  public int size() {
    return columns.size();
  }

  public Map<String, ColumnType> asMap() {
    return columns;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RowSignature r && r.columns.equals(columns)
        && List.copyOf(r.columns.keySet()).equals(List.copyOf(columns.keySet()));
  }

  @Override
  public int hashCode() {
    return columns.hashCode();
  }

  @Override
  public String toString() {
    return columns.toString();
  }

  public static final class Builder {
    private final Map<String, ColumnType> columns = new LinkedHashMap<>();

    public Builder add(String name, ColumnType type) {
      columns.put(name, type);
      return this;
    }

    public RowSignature build() {
      return new RowSignature(new LinkedHashMap<>(columns));
    }
  }
}
