package io.strata.segment.read;

import io.strata.api.data.ColumnValueSelector;
import io.strata.api.data.DimensionSelector;
import io.strata.api.data.NullSelectors;

/**
 * The row cursor's selectors. Each reads {@link RowOffset#row} of its cursor; numeric ones go through their own
 * {@link BlockDecoder}, so a block is decoded once while the cursor stays in it. Not thread-safe.
 */
final class RowSelectors {
  private RowSelectors() {
  }

  static ColumnValueSelector numeric(RowOffset offset, NumericColumn column) {
    BlockDecoder dec = column.decoder();
    if (dec.longs != null) {
      return new LongSelector(offset, dec);
    }
    if (dec.floats != null) {
      return new FloatSelector(offset, dec);
    }
    return new DoubleSelector(offset, dec);
  }

  /** Values of a long column ({@code __time} included). */
  private static final class LongSelector implements ColumnValueSelector {
    private final RowOffset offset;
    private final BlockDecoder dec;

    LongSelector(RowOffset offset, BlockDecoder dec) {
      this.offset = offset;
      this.dec = dec;
    }

    @Override
    public long getLong() {
      int i = dec.seek(offset.row);
      return dec.longs[i];
    }

    @Override
    public double getDouble() {
      return getLong();
    }

    @Override
    public float getFloat() {
      return getLong();
    }

    @Override
    public boolean isNull() {
      return dec.nulls != null && dec.nulls[dec.seek(offset.row)];
    }

    @Override
    public Object getObject() {
      return isNull() ? null : getLong();
    }
  }

  private static final class FloatSelector implements ColumnValueSelector {
    private final RowOffset offset;
    private final BlockDecoder dec;
    private final float[] values;

    FloatSelector(RowOffset offset, BlockDecoder dec) {
      this.offset = offset;
      this.dec = dec;
      this.values = dec.floats;
    }

    @Override
    public long getLong() {
      return (long) getFloat();
    }

    @Override
    public double getDouble() {
      return getFloat();
    }

    @Override
    public float getFloat() {
      return values[dec.seek(offset.row)];
    }

    @Override
    public boolean isNull() {
      return dec.nulls != null && dec.nulls[dec.seek(offset.row)];
    }

    @Override
    public Object getObject() {
      return isNull() ? null : getFloat();
    }
  }

  private static final class DoubleSelector implements ColumnValueSelector {
    private final RowOffset offset;
    private final BlockDecoder dec;
    private final double[] values;

    DoubleSelector(RowOffset offset, BlockDecoder dec) {
      this.offset = offset;
      this.dec = dec;
      this.values = dec.doubles;
    }

    @Override
    public long getLong() {
      return (long) getDouble();
    }

    @Override
    public double getDouble() {
      return values[dec.seek(offset.row)];
    }

    @Override
    public float getFloat() {
      return (float) getDouble();
    }

    @Override
    public boolean isNull() {
      return dec.nulls != null && dec.nulls[dec.seek(offset.row)];
    }

    @Override
    public Object getObject() {
      return isNull() ? null : getDouble();
    }
  }

  /** Dictionary ids of a string column, read in place from the packed stream. */
  static final class StringDimension implements DimensionSelector {
    private final RowOffset offset;
    private final StringColumn column;

    StringDimension(RowOffset offset, StringColumn column) {
      this.offset = offset;
      this.column = column;
    }

    @Override
    public int getValueId() {
      return column.id(offset.row);
    }

    @Override
    public String lookupName(int id) {
      return column.lookupName(id);
    }

    @Override
    public int getValueCardinality() {
      return column.cardinality;
    }

    @Override
    public boolean nameLookupPossibleInAdvance() {
      return true;
    }

    @Override
    public int idLookup(String value) {
      int id = column.indexOf(value);
      return id >= 0 ? id : -1;
    }
  }

  /**
   * A string column read as a value: {@link #getObject()} is the string and {@link #isNull()} tells whether it is
   * null; the numeric getters parse it (0 when it is not a number).
   */
  static final class StringValue implements ColumnValueSelector {
    private final RowOffset offset;
    private final StringColumn column;

    StringValue(RowOffset offset, StringColumn column) {
      this.offset = offset;
      this.column = column;
    }

    @Override
    public Object getObject() {
      return column.lookupName(column.id(offset.row));
    }

    @Override
    public boolean isNull() {
      return getObject() == null;
    }

    @Override
    public long getLong() {
      Double d = Numbers.parse((String) getObject());
      return d == null ? 0L : d.longValue();
    }

    @Override
    public double getDouble() {
      Double d = Numbers.parse((String) getObject());
      return d == null ? 0d : d;
    }

    @Override
    public float getFloat() {
      return (float) getDouble();
    }
  }

  /**
   * A numeric column read as strings. Ids mean nothing across rows: id 0 names the current row's value, so
   * {@link #nameLookupPossibleInAdvance()} is false and the cardinality unknown.
   */
  static final class NumericAsDimension implements DimensionSelector {
    private final ColumnValueSelector values;

    NumericAsDimension(ColumnValueSelector values) {
      this.values = values;
    }

    @Override
    public int getValueId() {
      return 0;
    }

    @Override
    public String lookupName(int id) {
      Object v = values.getObject();
      return v == null ? null : v.toString();
    }

    @Override
    public int getValueCardinality() {
      return CARDINALITY_UNKNOWN;
    }

    @Override
    public boolean nameLookupPossibleInAdvance() {
      return false;
    }

    @Override
    public int idLookup(String value) {
      return -1;
    }
  }
}
