package io.strata.index;

import io.strata.api.data.ColumnType;

import java.util.List;

/**
 * The stored values of one dimension, by row slot. The writer encodes each input value into a {@code long} key
 * ({@link #encode}), compares it with stored rows for rollup ({@link #sameAs}) and stores it for new rows
 * ({@link #write}); readers take immutable {@link #view() views}. Rows are never changed once written, so views
 * need no locking (see {@link IntChunks} for how rows are published).
 */
abstract sealed class DimensionColumn permits DimensionColumn.Strings, DimensionColumn.Numbers {
  final String name;
  final ColumnType type;

  private DimensionColumn(String name, ColumnType type) {
    // Interned like the field names Jackson hands out, so that looking the dimension up in a row matches by identity.
    this.name = name.intern();
    this.type = type;
  }

  /**
   * Encodes a raw input value.
   *
   * @param errors receives a message if the value cannot be stored (the value is then null)
   * @return the key; {@code nulls[dim]} is set to whether the value is null
   */
  abstract long encode(Object raw, boolean[] nulls, int dim, List<String> errors);

  /** Writer only: whether stored row {@code slot} holds the encoded value. */
  abstract boolean sameAs(int slot, long key, boolean isNull);

  /** Writer only: stores the encoded value for the new row {@code slot}. */
  abstract void write(int slot, long key, boolean isNull);

  /** Writer only: estimated heap bytes. */
  abstract long estimatedBytes();

  /** A read view, valid for rows published before it was taken. */
  abstract DimensionView view();

  /** Frozen read access to one dimension, taken after the reader read the published row count. */
  sealed interface DimensionView permits StringView, NumberView {
    String name();

    ColumnType type();
  }

  /**
   * @param ids         chunked dictionary ids by slot (see {@link IntChunks#get(int[][], int)})
   * @param values      dictionary values by id; ids below {@code cardinality} are valid
   * @param cardinality dictionary size when the view was taken, the null id included
   */
  record StringView(String name, ColumnType type, int[][] ids, String[] values, int cardinality,
                    StringDictionary dictionary) implements DimensionView {
    int id(int slot) {
      return IntChunks.get(ids, slot);
    }

    StringDictionary.SortedOrder order() {
      return dictionary.order(cardinality, values);
    }
  }

  /**
   * @param bits    chunked value bits by slot: the long, {@link Double#doubleToLongBits} or
   *                {@link Float#floatToIntBits} of the value
   * @param present chunked presence bits, bit {@code slot & 63} of word {@code slot >>> 6}; unset means null
   */
  record NumberView(String name, ColumnType type, long[][] bits, long[][] present) implements DimensionView {
    boolean isNull(int slot) {
      return (LongChunks.get(present, slot >>> 6) >>> (slot & 63) & 1L) == 0;
    }

    long bits(int slot) {
      return LongChunks.get(bits, slot);
    }

    /** Orders two non-null values of this column. */
    int compareBits(long a, long b) {
      return switch (type) {
        case LONG -> Long.compare(a, b);
        case FLOAT -> Float.compare(Float.intBitsToFloat((int) a), Float.intBitsToFloat((int) b));
        default -> Double.compare(Double.longBitsToDouble(a), Double.longBitsToDouble(b));
      };
    }
  }

  /** A dictionary-encoded string dimension; the key is the dictionary id, 0 for null. */
  static final class Strings extends DimensionColumn {
    private final StringDictionary dictionary = new StringDictionary();
    private final IntChunks ids;

    /** @param firstRow rows before this slot existed before the dimension did, and read null */
    Strings(String name, int firstRow) {
      super(name, ColumnType.STRING);
      this.ids = IntChunks.startingAt(firstRow);
    }

    StringDictionary dictionary() {
      return dictionary;
    }

    @Override
    long encode(Object raw, boolean[] nulls, int dim, List<String> errors) {
      int id = dictionary.idOf(ValueConversions.toDimensionString(raw));
      nulls[dim] = id == StringDictionary.NULL_ID;
      return id;
    }

    @Override
    boolean sameAs(int slot, long key, boolean isNull) {
      return IntChunks.get(ids.directory(), slot) == (int) key;
    }

    @Override
    void write(int slot, long key, boolean isNull) {
      // Written even for null (0) so that every published slot's chunk exists.
      ids.set(slot, (int) key);
    }

    @Override
    long estimatedBytes() {
      return ids.allocatedBytes() + dictionary.estimatedBytes();
    }

    @Override
    StringView view() {
      int cardinality = dictionary.size();
      return new StringView(name, type, ids.directory(), dictionary.values(), cardinality, dictionary);
    }
  }

  /** A long, float or double dimension; the key holds the value's bits. */
  static final class Numbers extends DimensionColumn {
    private final LongChunks bits = new LongChunks();
    private final LongChunks present = new LongChunks();
    private final ValueConversions.ParsedNumber parsed = new ValueConversions.ParsedNumber();

    Numbers(String name, ColumnType type) {
      super(name, type);
      if (!type.isNumeric()) {
        throw new IllegalArgumentException("not a numeric type: " + type);
      }
    }

    @Override
    long encode(Object raw, boolean[] nulls, int dim, List<String> errors) {
      int outcome = ValueConversions.toNumber(raw, parsed);
      if (outcome == ValueConversions.NUMBER && (parsed.isLong || type != ColumnType.LONG
          || Double.isFinite(parsed.doubleValue))) {
        nulls[dim] = false;
        return switch (type) {
          case LONG -> parsed.asLong();
          case FLOAT -> Float.floatToIntBits((float) parsed.asDouble());
          default -> Double.doubleToLongBits(parsed.asDouble());
        };
      }
      if (outcome != ValueConversions.NULL) {
        errors.add("Could not convert value [" + raw + "] to " + type.name().toLowerCase(java.util.Locale.ROOT)
            + " for dimension [" + name + "]; stored null");
      }
      nulls[dim] = true;
      return 0;
    }

    @Override
    boolean sameAs(int slot, long key, boolean isNull) {
      boolean storedNull = (LongChunks.get(present.directory(), slot >>> 6) >>> (slot & 63) & 1L) == 0;
      if (storedNull || isNull) {
        return storedNull == isNull;
      }
      return LongChunks.get(bits.directory(), slot) == key;
    }

    @Override
    void write(int slot, long key, boolean isNull) {
      // Written even for null so that every published slot's chunks exist. A word of presence bits is rewritten
      // while readers may read it: they only look at bits of published rows, which never change.
      bits.set(slot, isNull ? 0 : key);
      int word = slot >>> 6;
      long current = (slot & 63) == 0 ? 0 : LongChunks.get(present.directory(), word);
      present.set(word, isNull ? current : current | 1L << (slot & 63));
    }

    @Override
    long estimatedBytes() {
      return bits.allocatedBytes() + present.allocatedBytes();
    }

    @Override
    NumberView view() {
      return new NumberView(name, type, bits.directory(), present.directory());
    }
  }
}
