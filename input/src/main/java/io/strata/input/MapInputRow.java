package io.strata.input;

import io.strata.api.input.InputRow;
import io.strata.api.time.DateTimes;

import java.util.Collection;
import java.util.Collections;
import java.util.Map;

/**
 * An {@link InputRow} backed by a map that keeps field order: for schemaless dimension discovery the order of
 * {@link #fieldNames()} is the order in which fields first appear in the record, so it must be an insertion-ordered
 * map such as {@link java.util.LinkedHashMap}.
 *
 * <p>The row takes ownership of the map and exposes it read-only; it is immutable as long as the caller does not keep
 * and modify the map it passed in.
 */
public final class MapInputRow implements InputRow {
  private final long timestamp;
  private final Map<String, Object> fields;

  /**
   * @param timestamp the primary timestamp, epoch millis UTC
   * @param fields    field name to value (String, Long, Double, Boolean, List or null), in first-appearance order
   */
  public MapInputRow(long timestamp, Map<String, Object> fields) {
    this.timestamp = timestamp;
    this.fields = fields;
  }

  @Override
  public long timestamp() {
    return timestamp;
  }

  @Override
  public Object get(String field) {
    return fields.get(field);
  }

  @Override
  public Collection<String> fieldNames() {
    return Collections.unmodifiableSet(fields.keySet());
  }

  /** All fields, read-only, in first-appearance order. */
  public Map<String, Object> fields() {
    return Collections.unmodifiableMap(fields);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MapInputRow r && r.timestamp == timestamp && r.fields.equals(fields);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(timestamp) * 31 + fields.hashCode();
  }

  @Override
  public String toString() {
    return "MapInputRow{timestamp=" + DateTimes.format(timestamp) + ", fields=" + fields + '}';
  }
}
