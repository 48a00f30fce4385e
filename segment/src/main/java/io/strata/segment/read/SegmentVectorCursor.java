package io.strata.segment.read;

import io.strata.api.data.ColumnCapabilities;
import io.strata.api.data.SingleValueDimensionVectorSelector;
import io.strata.api.data.VectorColumnSelectorFactory;
import io.strata.api.data.VectorCursor;
import io.strata.api.data.VectorObjectSelector;
import io.strata.api.data.VectorValueSelector;
import io.strata.api.exec.Filter;
import io.strata.api.exec.VectorValueMatcher;

/**
 * Walks a segment's rows in ascending batches. Batches come from a {@link BatchSource} (a row range, or a filter
 * bitmap). When the filter needs row values, its {@link VectorValueMatcher} is evaluated on each candidate batch
 * and the batch is then compacted to the matching rows, so selectors only ever return matching rows; empty
 * batches are skipped. Not thread-safe.
 */
final class SegmentVectorCursor implements VectorCursor, VectorColumnSelectorFactory {
  private final QueryableSegment segment;
  private final BatchSource source;
  private final VectorOffset offset;
  private final VectorValueMatcher matcher;
  private final boolean[] matches;
  private final int maxSize;
  private final boolean usable;
  private boolean done;

  /**
   * @param matcherFilter a filter to evaluate per batch, or null when the source yields only matching rows
   */
  SegmentVectorCursor(QueryableSegment segment, BatchSource source, Filter matcherFilter, int maxSize) {
    this.segment = segment;
    this.source = source;
    this.maxSize = maxSize;
    this.offset = new VectorOffset(maxSize);
    this.matcher = matcherFilter == null ? null : matcherFilter.makeVectorMatcher(this);
    this.matches = matcher == null ? null : new boolean[maxSize];
    this.usable = matcherFilter == null || matcher != null;
    if (usable) {
      load();
    }
  }

  /** False if the filter cannot be evaluated over batches. */
  boolean usable() {
    return usable;
  }

  @Override
  public VectorColumnSelectorFactory selectorFactory() {
    return this;
  }

  @Override
  public int getMaxVectorSize() {
    return maxSize;
  }

  @Override
  public int getCurrentVectorSize() {
    return offset.size;
  }

  @Override
  public void advance() {
    load();
  }

  @Override
  public boolean isDone() {
    return done;
  }

  @Override
  public void reset() {
    source.reset();
    done = false;
    load();
  }

  private void load() {
    while (source.next(offset)) {
      if (matcher == null) {
        return;
      }
      int n = offset.size;
      int matched = matcher.match(matches, n);
      if (matched == n) {
        return;
      }
      if (matched > 0) {
        compact(n, matched);
        return;
      }
    }
    done = true;
    offset.size = 0;
  }

  private void compact(int n, int matched) {
    int[] rows = offset.rows;
    int j = 0;
    if (offset.contiguous) {
      int start = offset.start;
      for (int i = 0; i < n; i++) {
        if (matches[i]) {
          rows[j++] = start + i;
        }
      }
    } else {
      for (int i = 0; i < n; i++) {
        if (matches[i]) {
          rows[j++] = rows[i];
        }
      }
    }
    if (j != matched) {
      throw new IllegalStateException("vector matcher reported " + matched + " matches but set " + j);
    }
    offset.setRows(j);
  }

  @Override
  public SingleValueDimensionVectorSelector makeSingleValueDimensionSelector(String column) {
    ColumnHandle h = segment.column(column);
    if (h == null) {
      return new VectorSelectors.NullIds(maxSize);
    }
    if (h.isString()) {
      return new VectorSelectors.StringIds(offset, h.string(), maxSize);
    }
    NumericVectorSelector values = NumericVectorSelector.of(offset, h.numeric(), maxSize);
    return new VectorSelectors.NumericAsDimension(new NumericVectorSelector.Objects(values), maxSize);
  }

  @Override
  public VectorValueSelector makeValueSelector(String column) {
    ColumnHandle h = segment.column(column);
    if (h == null) {
      return new VectorSelectors.NullValues(maxSize);
    }
    if (h.isString()) {
      VectorSelectors.StringIds ids = new VectorSelectors.StringIds(offset, h.string(), maxSize);
      return new VectorSelectors.StringAsNumbers(new VectorSelectors.StringObjects(ids, offset, maxSize), offset,
          maxSize);
    }
    return NumericVectorSelector.of(offset, h.numeric(), maxSize);
  }

  @Override
  public VectorObjectSelector makeObjectSelector(String column) {
    ColumnHandle h = segment.column(column);
    if (h == null) {
      return new VectorSelectors.NullValues(maxSize);
    }
    if (h.isString()) {
      return new VectorSelectors.StringObjects(new VectorSelectors.StringIds(offset, h.string(), maxSize), offset,
          maxSize);
    }
    return new NumericVectorSelector.Objects(NumericVectorSelector.of(offset, h.numeric(), maxSize));
  }

  @Override
  public ColumnCapabilities capabilities(String column) {
    ColumnHandle h = segment.column(column);
    return h == null ? null : h.capabilities();
  }
}
