package io.strata.api.data;

/**
 * Dictionary ids of a string column for the current batch. The array is reused: it is valid until the cursor
 * advances, and callers must not modify it.
 */
public interface SingleValueDimensionVectorSelector {
  int[] getRowVector();

  String lookupName(int id);

  int getValueCardinality();

  boolean nameLookupPossibleInAdvance();

  int idLookup(String value);
}
