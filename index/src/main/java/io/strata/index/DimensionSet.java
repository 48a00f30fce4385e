package io.strata.index;

import io.strata.api.data.ColumnType;
import io.strata.api.input.InputRow;
import io.strata.api.spec.DimensionSchema;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The dimensions of an index and the key of the row being added.
 *
 * <p>Explicit dimensions come first, typed as declared. With discovery (a schemaless dimensionsSpec, or
 * {@code includeAllDimensions}/{@code useSchemaDiscovery}), every other input field not excluded becomes a string
 * dimension the first time a row has it, in the order fields first appear; rows added before read it as null.
 * Discovered dimensions are always strings (no type inference).
 *
 * <p>The writer encodes a row into reused key arrays ({@link #encode}), hashes and compares it without allocating;
 * readers get the dimensions through {@link #columns()}, a volatile array replaced when a dimension is added.
 * Not thread-safe apart from {@link #columns()}.
 */
final class DimensionSet {
  private static final int EXCLUDED = -1;

  private final boolean discover;
  private final int explicitCount;
  /** Field name to dimension index, or {@link #EXCLUDED}. Writer only. */
  private final Map<String, Integer> fields = new HashMap<>();
  private volatile DimensionColumn[] columns;
  private long[] keys;
  private boolean[] nulls;

  /**
   * @param explicit dimensions declared in the spec, in order
   * @param discover whether other input fields become string dimensions
   * @param excluded fields never discovered (exclusions, timestamp column, metric inputs and names)
   */
  DimensionSet(List<DimensionSchema> explicit, boolean discover, Set<String> excluded) {
    this.discover = discover;
    this.explicitCount = explicit.size();
    DimensionColumn[] cols = new DimensionColumn[explicit.size()];
    for (int i = 0; i < cols.length; i++) {
      DimensionSchema d = explicit.get(i);
      ColumnType type = d.columnType();
      cols[i] = type == ColumnType.STRING ? new DimensionColumn.Strings(d.name(), 0)
          : new DimensionColumn.Numbers(d.name(), type);
      fields.put(d.name(), i);
    }
    for (String field : excluded) {
      fields.putIfAbsent(field, EXCLUDED);
    }
    this.columns = cols;
    this.keys = new long[Math.max(4, cols.length)];
    this.nulls = new boolean[keys.length];
  }

  /** The dimensions in order. Any thread; read it after the published row count. */
  DimensionColumn[] columns() {
    return columns;
  }

  /**
   * Writer only: encodes the row's dimension values into the key arrays. A dimension seen for the first time is
   * created with {@code nextSlot} as its first row.
   */
  void encode(InputRow row, int nextSlot, List<String> errors) {
    DimensionColumn[] cols = columns;
    for (int i = 0; i < explicitCount; i++) {
      keys[i] = cols[i].encode(row.get(cols[i].name), nulls, i, errors);
    }
    if (!discover) {
      return;
    }
    for (int i = explicitCount; i < cols.length; i++) {
      keys[i] = StringDictionary.NULL_ID;
      nulls[i] = true;
    }
    for (String field : row.fieldNames()) {
      Integer index = fields.get(field);
      int i;
      if (index == null) {
        i = addDiscovered(field, nextSlot);
        cols = columns;
      } else {
        i = index;
        if (i < explicitCount) {
          continue;
        }
      }
      if (i != EXCLUDED) {
        keys[i] = cols[i].encode(row.get(field), nulls, i, errors);
      }
    }
  }

  private int addDiscovered(String field, int nextSlot) {
    if (field == null || field.equals(IncrementalIndex.TIME_COLUMN)) {
      if (field != null) {
        fields.put(field, EXCLUDED);
      }
      return EXCLUDED;
    }
    DimensionColumn[] cols = columns;
    int i = cols.length;
    DimensionColumn[] grown = Arrays.copyOf(cols, i + 1);
    grown[i] = new DimensionColumn.Strings(field, nextSlot);
    if (i == keys.length) {
      keys = Arrays.copyOf(keys, i * 2);
      nulls = Arrays.copyOf(nulls, i * 2);
    }
    keys[i] = StringDictionary.NULL_ID;
    nulls[i] = true;
    fields.put(field, i);
    columns = grown;
    return i;
  }

  /**
   * Writer only: the hash of {@code time} and the encoded key. Null values add nothing, so a row hashes the same
   * before and after a dimension it lacks is discovered.
   */
  int hash(long time) {
    long h = mix(time);
    int n = columns.length;
    for (int i = 0; i < n; i++) {
      if (!nulls[i]) {
        h += mix(keys[i] * 0x9E3779B97F4A7C15L + (i + 1) * 0xC2B2AE3D27D4EB4FL);
      }
    }
    return (int) (h ^ (h >>> 32));
  }

  /** Writer only: whether stored row {@code slot} has the encoded dimension values. */
  boolean sameAs(int slot) {
    DimensionColumn[] cols = columns;
    for (int i = 0; i < cols.length; i++) {
      if (!cols[i].sameAs(slot, keys[i], nulls[i])) {
        return false;
      }
    }
    return true;
  }

  /** Writer only: stores the encoded values as new row {@code slot}. */
  void write(int slot) {
    DimensionColumn[] cols = columns;
    for (int i = 0; i < cols.length; i++) {
      cols[i].write(slot, keys[i], nulls[i]);
    }
  }

  /** Writer only: estimated heap bytes of all dimensions. */
  long estimatedBytes() {
    long total = 64L * fields.size();
    for (DimensionColumn c : columns) {
      total += c.estimatedBytes();
    }
    return total;
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
    z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
    return z ^ (z >>> 33);
  }
}
