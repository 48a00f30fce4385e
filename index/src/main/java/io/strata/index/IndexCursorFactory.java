package io.strata.index;

import io.strata.api.data.ColumnCapabilities;
import io.strata.api.data.CursorBuildSpec;
import io.strata.api.data.CursorFactory;
import io.strata.api.data.CursorHolder;
import io.strata.api.data.RowSignature;
import io.strata.api.time.Interval;

/**
 * The read seam of an {@link IncrementalIndex}. Each holder takes a snapshot when it is made: the rows published
 * so far whose time is in the spec's interval, sorted by time and then dimension values (strings by value,
 * numbers ascending, null first), reversed for descending specs. Rows added later are not seen by that holder.
 * The order is kept between holders ({@link SortedRows}), so a holder costs a merge of the rows added since the
 * last one plus a binary search for the interval, not a full sort.
 * Thread-safe: any number of threads may make holders while the writer adds rows.
 */
final class IndexCursorFactory implements CursorFactory {
  private final IncrementalIndex index;

  IndexCursorFactory(IncrementalIndex index) {
    this.index = index;
  }

  @Override
  public RowSignature signature() {
    return index.signature();
  }

  @Override
  public ColumnCapabilities capabilities(String column) {
    return index.view().capabilities(column);
  }

  @Override
  public CursorHolder makeCursorHolder(CursorBuildSpec spec) {
    IndexView view = index.view();
    Interval interval = spec.interval() == null ? Interval.ETERNITY : spec.interval();
    int[] slots = index.sortedRows().in(view, interval);
    if (spec.descending()) {
      for (int i = 0, j = slots.length - 1; i < j; i++, j--) {
        int t = slots[i];
        slots[i] = slots[j];
        slots[j] = t;
      }
    }
    return new IndexCursorHolder(new CursorRows(view, slots), spec);
  }

  @Override
  public int numRows() {
    return index.numRows();
  }

  @Override
  public long minTime() {
    return index.minTime();
  }

  @Override
  public long maxTime() {
    return index.maxTime();
  }
}
