package io.strata.segment.merge;

import io.strata.api.data.ColumnType;

/**
 * The sort key of one row in the target schema: time, then per dimension either the merged dictionary id (string
 * dimensions) or a null flag and the value's bits (numeric dimensions: the long itself, or the raw IEEE bits of a
 * float or double). Primitive arrays, so comparing keys allocates nothing. Not thread-safe.
 */
final class RowKey {
  static final byte STRING = 0;
  static final byte LONG = 1;
  static final byte FLOAT = 2;
  static final byte DOUBLE = 3;

  long time;
  final int[] ids;
  final long[] bits;
  final boolean[] nulls;

  RowKey(int dims) {
    this.ids = new int[dims];
    this.bits = new long[dims];
    this.nulls = new boolean[dims];
  }

  static byte typeCode(ColumnType type) {
    return switch (type) {
      case STRING -> STRING;
      case LONG -> LONG;
      case FLOAT -> FLOAT;
      case DOUBLE -> DOUBLE;
      default -> throw new IllegalArgumentException("dimensions cannot have type " + type);
    };
  }

  void copyFrom(RowKey other) {
    time = other.time;
    System.arraycopy(other.ids, 0, ids, 0, ids.length);
    System.arraycopy(other.bits, 0, bits, 0, bits.length);
    System.arraycopy(other.nulls, 0, nulls, 0, nulls.length);
  }

  /** Segment order: time, then dimensions in schema order; strings by id, numbers ascending with null first. */
  static int compare(RowKey a, RowKey b, byte[] types) {
    int c = Long.compare(a.time, b.time);
    if (c != 0) {
      return c;
    }
    for (int d = 0; d < types.length; d++) {
      if (types[d] == STRING) {
        c = Integer.compare(a.ids[d], b.ids[d]);
      } else if (a.nulls[d] || b.nulls[d]) {
        c = Boolean.compare(!a.nulls[d], !b.nulls[d]);
      } else {
        c = switch (types[d]) {
          case LONG -> Long.compare(a.bits[d], b.bits[d]);
          case FLOAT -> Float.compare(Float.intBitsToFloat((int) a.bits[d]), Float.intBitsToFloat((int) b.bits[d]));
          default -> Double.compare(Double.longBitsToDouble(a.bits[d]), Double.longBitsToDouble(b.bits[d]));
        };
      }
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }
}
