package io.strata.index;

import io.strata.api.data.ColumnType;

/**
 * The values of one numeric column for a run of rows, in read order: one primitive array chosen by type (LONG:
 * {@code longs}, FLOAT: {@code floats}, DOUBLE: {@code doubles}, COMPLEX: {@code objects}) and a null flag per
 * row. Conversions to the other numeric types happen on read. Written once, when materialized, then only read
 * (holders of an unchanged index share them).
 */
final class NumericValues {
  final ColumnType type;
  final long[] longs;
  final float[] floats;
  final double[] doubles;
  final Object[] objects;
  final boolean[] nulls;
  /** False when no null flag in {@link #nulls} is set, so readers may skip them. */
  boolean anyNull;

  NumericValues(ColumnType type, int size) {
    this.type = type;
    this.longs = type == ColumnType.LONG ? new long[size] : null;
    this.floats = type == ColumnType.FLOAT ? new float[size] : null;
    this.doubles = type == ColumnType.DOUBLE ? new double[size] : null;
    this.objects = type == ColumnType.COMPLEX || type == ColumnType.STRING ? new Object[size] : null;
    this.nulls = new boolean[size];
  }

  boolean isNull(int i) {
    return nulls[i];
  }

  long getLong(int i) {
    return switch (type) {
      case LONG -> longs[i];
      case FLOAT -> (long) floats[i];
      case DOUBLE -> (long) doubles[i];
      default -> objects[i] instanceof Number n ? n.longValue() : 0;
    };
  }

  double getDouble(int i) {
    return switch (type) {
      case LONG -> longs[i];
      case FLOAT -> floats[i];
      case DOUBLE -> doubles[i];
      default -> objects[i] instanceof Number n ? n.doubleValue() : 0;
    };
  }

  float getFloat(int i) {
    return switch (type) {
      case LONG -> longs[i];
      case FLOAT -> floats[i];
      case DOUBLE -> (float) doubles[i];
      default -> objects[i] instanceof Number n ? n.floatValue() : 0;
    };
  }

  /** The boxed value (Long, Float, Double or the complex object), null for null. */
  Object getObject(int i) {
    if (nulls[i]) {
      return null;
    }
    return switch (type) {
      case LONG -> longs[i];
      case FLOAT -> floats[i];
      case DOUBLE -> doubles[i];
      default -> objects[i];
    };
  }
}
