package io.strata.index;

/**
 * The values of one column read as strings for a run of rows, in read order: a dictionary id per row, the
 * dictionary, and a way to find an id by value. Id 0 is always the null value. Immutable once built; the
 * {@code ids} array is owned by the cursor holder that built it.
 *
 * @param ids         dictionary id per row
 * @param names       values by id; ids below {@code cardinality} are valid
 * @param cardinality number of ids, the null id included
 * @param lookup      finds the id of a value (-1 if absent)
 */
record StringValues(int[] ids, String[] names, int cardinality, IdLookup lookup) {

  /** Finds dictionary ids by value. */
  @FunctionalInterface
  interface IdLookup {
    /** The id of {@code value} (0 for null), or -1 if the dictionary does not hold it. */
    int idOf(String value);
  }
}
