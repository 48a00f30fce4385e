package io.strata.api.data;

/**
 * Reads a single-valued string column at the cursor's current row as a dictionary id.
 *
 * <p>When {@link #nameLookupPossibleInAdvance()} is true, ids are stable for the life of the cursor and
 * {@link #lookupName(int)} may be called for any id in {@code [0, getValueCardinality())} before rows are read:
 * filters use this to evaluate a predicate once per dictionary value instead of once per row.
 */
public interface DimensionSelector {
  int CARDINALITY_UNKNOWN = -1;

  /** The id of the current row's value. */
  int getValueId();

  /** The value for an id; null for the null value. */
  String lookupName(int id);

  /** The number of distinct ids, or {@link #CARDINALITY_UNKNOWN}. */
  int getValueCardinality();

  boolean nameLookupPossibleInAdvance();

  /** The id of {@code value} if the dictionary holds it, else -1. Only if {@link #nameLookupPossibleInAdvance()}. */
  int idLookup(String value);

  /** The current row's value. */
  default String getValue() {
    return lookupName(getValueId());
  }
}
