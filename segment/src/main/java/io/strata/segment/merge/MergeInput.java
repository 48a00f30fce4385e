package io.strata.segment.merge;

import io.strata.api.data.ColumnType;
import io.strata.api.data.SegmentSchema;
import io.strata.api.data.SortedRowSource;
import io.strata.api.query.AggregatorSpec;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One input of a merge: its row source, how its columns map onto the target schema (a column it lacks reads as
 * null), and the target-schema {@link RowKey} of its current row. Not thread-safe.
 */
final class MergeInput {
  final int index;
  final SortedRowSource source;
  final RowKey key;
  /** Target dimension → this input's dimension index, or -1 if it lacks the dimension. */
  private final int[] dimIndex;
  /** Target string dimension → (input id → merged id); null for numeric or missing dimensions. */
  private final int[][] idMaps;
  /** Target metric → this input's metric index, or -1. */
  final int[] metricIndex;
  private final byte[] dimTypes;

  MergeInput(int index, SortedRowSource source, SegmentSchema target, byte[] dimTypes) {
    this.index = index;
    this.source = source;
    this.dimTypes = dimTypes;
    SegmentSchema own = source.schema();
    Map<String, Integer> dims = new HashMap<>();
    for (int d = 0; d < own.dimensions().size(); d++) {
      dims.put(own.dimensions().get(d).name(), d);
    }
    List<SegmentSchema.Column> targetDims = target.dimensions();
    this.dimIndex = new int[targetDims.size()];
    this.idMaps = new int[targetDims.size()][];
    for (int d = 0; d < targetDims.size(); d++) {
      SegmentSchema.Column want = targetDims.get(d);
      Integer i = dims.get(want.name());
      dimIndex[d] = i == null ? -1 : i;
      if (i != null) {
        ColumnType have = own.dimensions().get(i).type();
        if ((have == ColumnType.STRING) != (want.type() == ColumnType.STRING)) {
          throw new IllegalArgumentException("cannot merge dimension [" + want.name() + "]: it is " + have
              + " in input " + index + " but " + want.type() + " in the target schema");
        }
      }
    }
    checkSortCompatible(own, target);
    Map<String, Integer> metrics = new HashMap<>();
    List<AggregatorSpec> ownMetrics = own.metrics();
    for (int m = 0; m < ownMetrics.size(); m++) {
      metrics.put(ownMetrics.get(m).name(), m);
    }
    this.metricIndex = new int[target.metrics().size()];
    for (int m = 0; m < metricIndex.length; m++) {
      Integer i = metrics.get(target.metrics().get(m).name());
      metricIndex[m] = i == null ? -1 : i;
    }
    this.key = new RowKey(targetDims.size());
  }

  /**
   * A k-way merge streams only if every input is already sorted in target order: the target dimensions an input
   * has must be the leading dimensions of the input, in the same order (dimensions it lacks are constant null, and
   * extra dimensions after them do not disturb the order).
   */
  private void checkSortCompatible(SegmentSchema own, SegmentSchema target) {
    int expected = 0;
    for (int d = 0; d < dimIndex.length; d++) {
      if (dimIndex[d] < 0) {
        continue;
      }
      if (dimIndex[d] != expected++) {
        throw new IllegalArgumentException("cannot merge input " + index + ": its rows are sorted by dimensions "
            + names(own) + ", which disagrees with the target order " + names(target) + "; the target's dimensions "
            + "that an input has must lead its own dimension list in the same order");
      }
    }
  }

  private static List<String> names(SegmentSchema s) {
    return s.dimensions().stream().map(SegmentSchema.Column::name).toList();
  }

  /** This input's dictionary of target string dimension {@code d}; {@code [null]} if it lacks the dimension. */
  String[] dictionary(int d) {
    return dimIndex[d] < 0 ? new String[] {null} : source.dictionary(dimIndex[d]);
  }

  void setIdMap(int d, int[] map) {
    idMaps[d] = map;
  }

  /** Moves to the next row and loads its key; false at the end. */
  boolean advance() {
    if (!source.next()) {
      return false;
    }
    RowKey k = key;
    k.time = source.time();
    for (int d = 0; d < dimTypes.length; d++) {
      int si = dimIndex[d];
      if (dimTypes[d] == RowKey.STRING) {
        k.ids[d] = si < 0 ? idMaps[d][0] : idMaps[d][source.stringId(si)];
        continue;
      }
      boolean isNull = si < 0 || source.isNull(si);
      k.nulls[d] = isNull;
      if (isNull) {
        k.bits[d] = 0;
        continue;
      }
      k.bits[d] = switch (dimTypes[d]) {
        case RowKey.LONG -> source.longValue(si);
        case RowKey.FLOAT -> Float.floatToRawIntBits(source.floatValue(si));
        default -> Double.doubleToRawLongBits(source.doubleValue(si));
      };
    }
    return true;
  }
}
