package io.strata.index;

import io.strata.api.data.ColumnCapabilities;
import io.strata.api.data.ColumnType;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The rows one cursor holder walks: the slots of an {@link IndexView} that fall in the holder's interval, sorted
 * (reversed for descending cursors). Columns are materialized into plain arrays in that order the first time a
 * selector asks for them, so cursors read {@code array[position]} with no locks or chunk lookups: memory per holder
 * is about 4-9 bytes per row for each column read. The first metric read copies every metric at once, under the
 * metrics lock, so all aggregates a holder shows come from one moment (a count and a sum agree).
 *
 * <p>Columns read as another kind are converted once per holder: numbers read as strings get a dictionary of
 * their distinct values in ascending order; strings read as numbers are parsed once per dictionary value (LONG if
 * every value is a whole number, else DOUBLE; text that is no number reads as null).
 *
 * <p>Thread-safe (materialization is synchronized), though a holder is normally used by one thread.
 */
final class CursorRows {
  final IndexView view;
  final int[] slots;
  final int size;
  private final Map<String, StringValues> strings = new HashMap<>();
  private final Map<String, NumericValues> numbers = new HashMap<>();
  private NumericValues[] metricValues;

  CursorRows(IndexView view, int[] slots) {
    this.view = view;
    this.slots = slots;
    this.size = slots.length;
  }

  ColumnCapabilities capabilities(String column) {
    return view.capabilities(column);
  }

  /** Whether the column is stored as strings (a string dimension). */
  boolean isString(String column) {
    int d = view.dimension(column);
    return d >= 0 && view.dims[d].type() == ColumnType.STRING;
  }

  /** The column read as strings, or null if there is no such column. */
  synchronized StringValues strings(String column) {
    StringValues cached = strings.get(column);
    if (cached == null && !strings.containsKey(column)) {
      cached = materializeStrings(column);
      strings.put(column, cached);
    }
    return cached;
  }

  /** The column read as numbers, or null if there is no such column. */
  synchronized NumericValues numbers(String column) {
    NumericValues cached = numbers.get(column);
    if (cached == null && !numbers.containsKey(column)) {
      cached = materializeNumbers(column);
      numbers.put(column, cached);
    }
    return cached;
  }

  private StringValues materializeStrings(String column) {
    int d = view.dimension(column);
    if (d >= 0 && view.dims[d] instanceof DimensionColumn.StringView s) {
      int[] ids = new int[size];
      for (int i = 0; i < size; i++) {
        ids[i] = s.id(slots[i]);
      }
      int cardinality = s.cardinality();
      StringDictionary dictionary = s.dictionary();
      return new StringValues(ids, s.values(), cardinality, v -> dictionary.lookup(v, cardinality));
    }
    NumericValues n = numbers(column);
    return n == null ? null : numbersAsStrings(n);
  }

  private NumericValues materializeNumbers(String column) {
    if (IncrementalIndex.TIME_COLUMN.equals(column)) {
      NumericValues out = new NumericValues(ColumnType.LONG, size);
      for (int i = 0; i < size; i++) {
        out.longs[i] = view.time(slots[i]);
      }
      return out;
    }
    int d = view.dimension(column);
    if (d >= 0) {
      if (view.dims[d] instanceof DimensionColumn.NumberView n) {
        return dimensionNumbers(n);
      }
      return parsedStrings(strings(column));
    }
    int m = view.metric(column);
    if (m < 0) {
      return null;
    }
    if (metricValues == null) {
      // All metrics at once, under one lock: the holder's aggregates are one consistent snapshot.
      NumericValues[] all = new NumericValues[view.metrics.size()];
      for (int i = 0; i < all.length; i++) {
        all[i] = new NumericValues(view.metrics.type(i), size);
      }
      view.metrics.copyAll(slots, 0, size, all);
      metricValues = all;
    }
    return metricValues[m];
  }

  private NumericValues dimensionNumbers(DimensionColumn.NumberView n) {
    NumericValues out = new NumericValues(n.type(), size);
    boolean anyNull = false;
    for (int i = 0; i < size; i++) {
      int slot = slots[i];
      if (n.isNull(slot)) {
        out.nulls[i] = true;
        anyNull = true;
        continue;
      }
      long bits = n.bits(slot);
      switch (n.type()) {
        case LONG -> out.longs[i] = bits;
        case FLOAT -> out.floats[i] = Float.intBitsToFloat((int) bits);
        default -> out.doubles[i] = Double.longBitsToDouble(bits);
      }
    }
    out.anyNull = anyNull;
    return out;
  }

  /** Parses each dictionary value once, then maps rows through their ids. */
  private NumericValues parsedStrings(StringValues s) {
    int card = s.cardinality();
    long[] longs = new long[card];
    double[] doubles = new double[card];
    boolean[] valid = new boolean[card];
    boolean allLong = true;
    ValueConversions.ParsedNumber parsed = new ValueConversions.ParsedNumber();
    for (int id = 0; id < card; id++) {
      String v = s.names()[id];
      if (v != null && ValueConversions.parse(v, parsed) == ValueConversions.NUMBER) {
        valid[id] = true;
        longs[id] = parsed.asLong();
        doubles[id] = parsed.asDouble();
        allLong &= parsed.isLong;
      }
    }
    NumericValues out = new NumericValues(allLong ? ColumnType.LONG : ColumnType.DOUBLE, size);
    boolean anyNull = false;
    int[] ids = s.ids();
    for (int i = 0; i < size; i++) {
      int id = ids[i];
      if (!valid[id]) {
        out.nulls[i] = true;
        anyNull = true;
      } else if (allLong) {
        out.longs[i] = longs[id];
      } else {
        out.doubles[i] = doubles[id];
      }
    }
    out.anyNull = anyNull;
    return out;
  }

  /** A dictionary of the distinct values (ascending, after null at id 0) and an id per row. */
  private StringValues numbersAsStrings(NumericValues n) {
    String[] names;
    int[] ids = new int[size];
    switch (n.type) {
      case LONG -> {
        long[] distinct = distinct(n.longs.clone(), n);
        names = new String[distinct.length + 1];
        for (int k = 0; k < distinct.length; k++) {
          names[k + 1] = Long.toString(distinct[k]);
        }
        for (int i = 0; i < size; i++) {
          ids[i] = n.nulls[i] ? 0 : 1 + Arrays.binarySearch(distinct, n.longs[i]);
        }
      }
      case FLOAT, DOUBLE -> {
        double[] values = new double[size];
        for (int i = 0; i < size; i++) {
          values[i] = n.getDouble(i);
        }
        double[] distinct = distinct(values.clone(), n);
        names = new String[distinct.length + 1];
        for (int k = 0; k < distinct.length; k++) {
          names[k + 1] = n.type == ColumnType.FLOAT ? Float.toString((float) distinct[k])
              : Double.toString(distinct[k]);
        }
        for (int i = 0; i < size; i++) {
          ids[i] = n.nulls[i] ? 0 : 1 + Arrays.binarySearch(distinct, values[i]);
        }
      }
      default -> {
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < size; i++) {
          if (!n.nulls[i]) {
            seen.putIfAbsent(String.valueOf(n.objects[i]), 0);
          }
        }
        String[] sorted = seen.keySet().toArray(new String[0]);
        Arrays.sort(sorted);
        names = new String[sorted.length + 1];
        System.arraycopy(sorted, 0, names, 1, sorted.length);
        for (int i = 0; i < size; i++) {
          ids[i] = n.nulls[i] ? 0 : 1 + Arrays.binarySearch(sorted, String.valueOf(n.objects[i]));
        }
      }
    }
    Map<String, Integer> byName = new HashMap<>();
    for (int id = 1; id < names.length; id++) {
      byName.put(names[id], id);
    }
    return new StringValues(ids, names, names.length, v -> v == null ? 0 : byName.getOrDefault(v, -1));
  }

  /** The sorted distinct non-null values; {@code values} is a scratch copy. */
  private long[] distinct(long[] values, NumericValues n) {
    int k = 0;
    for (int i = 0; i < size; i++) {
      if (!n.nulls[i]) {
        values[k++] = values[i];
      }
    }
    Arrays.sort(values, 0, k);
    int u = 0;
    for (int i = 0; i < k; i++) {
      if (u == 0 || values[i] != values[u - 1]) {
        values[u++] = values[i];
      }
    }
    return Arrays.copyOf(values, u);
  }

  private double[] distinct(double[] values, NumericValues n) {
    int k = 0;
    for (int i = 0; i < size; i++) {
      if (!n.nulls[i]) {
        values[k++] = values[i];
      }
    }
    Arrays.sort(values, 0, k);
    int u = 0;
    for (int i = 0; i < k; i++) {
      if (u == 0 || Double.compare(values[i], values[u - 1]) != 0) {
        values[u++] = values[i];
      }
    }
    return Arrays.copyOf(values, u);
  }
}
