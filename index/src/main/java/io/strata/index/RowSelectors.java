package io.strata.index;

import io.strata.api.data.ColumnValueSelector;
import io.strata.api.data.DimensionSelector;
import io.strata.api.data.NullSelectors;

/**
 * Row selectors over a {@link CursorRows}, reading the position a row cursor is at. One class per stored kind,
 * chosen once when the selector is made. Not thread-safe (one cursor's thread).
 */
final class RowSelectors {
  private RowSelectors() {
  }

  /** The position of a row cursor, shared with its selectors. */
  static final class Offset {
    int position;
  }

  static DimensionSelector dimension(StringValues values, Offset offset) {
    return values == null ? NullSelectors.DIMENSION : new Dimension(values, offset);
  }

  /** A value selector; {@code strings} is given for string dimensions, whose objects are their strings. */
  static ColumnValueSelector value(NumericValues numbers, StringValues strings, Offset offset) {
    if (numbers == null) {
      return NullSelectors.VALUE;
    }
    if (strings != null) {
      return new StringValue(numbers, strings, offset);
    }
    return switch (numbers.type) {
      case LONG -> new LongValue(numbers, offset);
      case FLOAT -> new FloatValue(numbers, offset);
      case DOUBLE -> new DoubleValue(numbers, offset);
      default -> new ObjectValue(numbers, offset);
    };
  }

  /** Ids are the dictionary ids of the holder's rows; names can be looked up in advance. */
  private static final class Dimension implements DimensionSelector {
    private final int[] ids;
    private final String[] names;
    private final StringValues values;
    private final Offset offset;

    Dimension(StringValues values, Offset offset) {
      this.ids = values.ids();
      this.names = values.names();
      this.values = values;
      this.offset = offset;
    }

    @Override
    public int getValueId() {
      return ids[offset.position];
    }

    @Override
    public String lookupName(int id) {
      return names[id];
    }

    @Override
    public int getValueCardinality() {
      return values.cardinality();
    }

    @Override
    public boolean nameLookupPossibleInAdvance() {
      return true;
    }

    @Override
    public int idLookup(String value) {
      return values.lookup().idOf(value);
    }

    @Override
    public String getValue() {
      return names[ids[offset.position]];
    }
  }

  private abstract static class Numeric implements ColumnValueSelector {
    final NumericValues values;
    final boolean[] nulls;
    final Offset offset;

    Numeric(NumericValues values, Offset offset) {
      this.values = values;
      this.nulls = values.nulls;
      this.offset = offset;
    }

    @Override
    public boolean isNull() {
      return nulls[offset.position];
    }

    @Override
    public Object getObject() {
      return values.getObject(offset.position);
    }
  }

  private static final class LongValue extends Numeric {
    private final long[] longs;

    LongValue(NumericValues values, Offset offset) {
      super(values, offset);
      this.longs = values.longs;
    }

    @Override
    public long getLong() {
      return longs[offset.position];
    }

    @Override
    public double getDouble() {
      return longs[offset.position];
    }

    @Override
    public float getFloat() {
      return longs[offset.position];
    }
  }

  private static final class FloatValue extends Numeric {
    private final float[] floats;

    FloatValue(NumericValues values, Offset offset) {
      super(values, offset);
      this.floats = values.floats;
    }

    @Override
    public long getLong() {
      return (long) floats[offset.position];
    }

    @Override
    public double getDouble() {
      return floats[offset.position];
    }

    @Override
    public float getFloat() {
      return floats[offset.position];
    }
  }

  private static final class DoubleValue extends Numeric {
    private final double[] doubles;

    DoubleValue(NumericValues values, Offset offset) {
      super(values, offset);
      this.doubles = values.doubles;
    }

    @Override
    public long getLong() {
      return (long) doubles[offset.position];
    }

    @Override
    public double getDouble() {
      return doubles[offset.position];
    }

    @Override
    public float getFloat() {
      return (float) doubles[offset.position];
    }
  }

  /** Complex values; numeric getters read Numbers and give 0 otherwise. */
  private static final class ObjectValue extends Numeric {
    ObjectValue(NumericValues values, Offset offset) {
      super(values, offset);
    }

    @Override
    public long getLong() {
      return values.getLong(offset.position);
    }

    @Override
    public double getDouble() {
      return values.getDouble(offset.position);
    }

    @Override
    public float getFloat() {
      return values.getFloat(offset.position);
    }
  }

  /** A string dimension: the object is the string, numbers are its parsed value (null if it is no number). */
  private static final class StringValue extends Numeric {
    private final int[] ids;
    private final String[] names;

    StringValue(NumericValues numbers, StringValues strings, Offset offset) {
      super(numbers, offset);
      this.ids = strings.ids();
      this.names = strings.names();
    }

    @Override
    public long getLong() {
      return values.getLong(offset.position);
    }

    @Override
    public double getDouble() {
      return values.getDouble(offset.position);
    }

    @Override
    public float getFloat() {
      return values.getFloat(offset.position);
    }

    @Override
    public Object getObject() {
      return names[ids[offset.position]];
    }
  }
}
