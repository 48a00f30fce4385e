package io.strata.query.scan;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One scan result block before rendering.
 *
 * @param segmentId the segment the rows came from, or null when rows of several segments were merged
 * @param columns   column names, the order of values in each row
 * @param signature Druid's {@code rowSignature} entries
 * @param rows      the rows
 */
record ScanBlock(String segmentId, List<String> columns, List<Map<String, Object>> signature, List<Object[]> rows) {

  /** Drops the first {@code offset} rows (and blocks left empty), then keeps at most {@code limit} rows. */
  static List<ScanBlock> trim(List<ScanBlock> blocks, long offset, long limit) {
    List<ScanBlock> out = new ArrayList<>(blocks.size());
    long skip = offset;
    long left = limit;
    for (ScanBlock b : blocks) {
      if (left <= 0) {
        break;
      }
      List<Object[]> rows = b.rows();
      int from = (int) Math.min(rows.size(), skip);
      skip -= from;
      int to = from + (int) Math.min(rows.size() - from, left);
      if (to > from) {
        out.add(new ScanBlock(b.segmentId(), b.columns(), b.signature(),
            from == 0 && to == rows.size() ? rows : rows.subList(from, to)));
        left -= to - from;
      }
    }
    return out;
  }

  /**
   * Druid's JSON shape: {@code {"segmentId","columns","events","rowSignature"}}. The events are a view over the rows,
   * each made when it is read (serialized), so a large result is not held twice.
   */
  static List<Map<String, Object>> render(List<ScanBlock> blocks, boolean compacted) {
    List<Map<String, Object>> out = new ArrayList<>(blocks.size());
    for (ScanBlock b : blocks) {
      List<Object[]> rows = b.rows();
      List<String> columns = b.columns();
      List<Object> events = new AbstractList<>() {
        @Override
        public Object get(int index) {
          Object[] row = rows.get(index);
          if (compacted) {
            return Arrays.asList(row);
          }
          Map<String, Object> event = new LinkedHashMap<>(columns.size() * 2);
          for (int i = 0; i < row.length; i++) {
            event.put(columns.get(i), row[i]);
          }
          return event;
        }

        @Override
        public int size() {
          return rows.size();
        }
      };
      Map<String, Object> block = new LinkedHashMap<>(8);
      block.put("segmentId", b.segmentId());
      block.put("columns", b.columns());
      block.put("events", events);
      block.put("rowSignature", b.signature());
      out.add(block);
    }
    return out;
  }
}
