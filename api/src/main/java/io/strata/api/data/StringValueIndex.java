package io.strata.api.data;

import org.roaringbitmap.buffer.ImmutableRoaringBitmap;

/**
 * A sorted dictionary of a string column with one bitmap of rows per value. Id 0 is the null value when the
 * column has nulls ({@link #lookupName(int)} returns null for it). Thread-safe.
 */
public interface StringValueIndex {
  int cardinality();

  String lookupName(int id);

  /** The id of {@code value} (null for the null value), or {@code -(insertionPoint) - 1} if absent. */
  int indexOf(String value);

  /** Rows holding the value with this id. */
  ImmutableRoaringBitmap bitmap(int id);
}
