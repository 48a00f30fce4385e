package io.strata.query.testing;

import io.strata.api.data.ColumnSelectorFactory;
import io.strata.api.data.Cursor;

/** A row cursor over chosen rows of a {@link TestSegment}, in the given order. */
final class TestRowCursor implements Cursor {
  private final java.util.concurrent.atomic.AtomicLong counter;
  private final int[] order;
  private final ColumnSelectorFactory selectors;
  private int pos;

  TestRowCursor(java.util.concurrent.atomic.AtomicLong counter, TestSegment segment, int[] order) {
    this.counter = counter;
    this.order = order;
    this.selectors = TestSegment.rowSelectors(segment, this::currentRow);
  }

  int currentRow() {
    return order[pos];
  }

  @Override
  public ColumnSelectorFactory selectorFactory() {
    return selectors;
  }

  @Override
  public void advance() {
    pos++;
    if (counter != null) {
      counter.incrementAndGet();
    }
  }

  @Override
  public boolean isDone() {
    return pos >= order.length;
  }

  @Override
  public void reset() {
    pos = 0;
  }
}
