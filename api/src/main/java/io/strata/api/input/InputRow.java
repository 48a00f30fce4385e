package io.strata.api.input;

import java.util.Collection;

/**
 * One record as read from the input, after flattening, with its primary timestamp parsed. Field values are
 * Strings, Numbers, Booleans, Lists (multi-values) or null.
 */
public interface InputRow {
  /** The primary timestamp, epoch millis UTC. */
  long timestamp();

  /** The field's raw value, or null if absent. */
  Object get(String field);

  /** The names of the fields the record has (used for schemaless dimension discovery). */
  Collection<String> fieldNames();
}
