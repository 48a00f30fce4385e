package io.strata.api.data;

/**
 * Selectors for a column the data does not have: as {@link ColumnSelectorFactory} promises, every row reads as
 * null (one dictionary id, 0, for the null value; numbers null). Stateless and shared.
 */
public final class NullSelectors {
  /** A string column with only the null value. */
  public static final DimensionSelector DIMENSION = new DimensionSelector() {
    @Override
    public int getValueId() {
      return 0;
    }

    @Override
    public String lookupName(int id) {
      return null;
    }

    @Override
    public int getValueCardinality() {
      return 1;
    }

    @Override
    public boolean nameLookupPossibleInAdvance() {
      return true;
    }

    @Override
    public int idLookup(String value) {
      return value == null ? 0 : -1;
    }
  };

  /** A column whose every value is null. */
  public static final ColumnValueSelector VALUE = new ColumnValueSelector() {
    @Override
    public long getLong() {
      return 0;
    }

    @Override
    public double getDouble() {
      return 0;
    }

    @Override
    public float getFloat() {
      return 0;
    }

    @Override
    public boolean isNull() {
      return true;
    }

    @Override
    public Object getObject() {
      return null;
    }
  };

  private NullSelectors() {
  }
}
