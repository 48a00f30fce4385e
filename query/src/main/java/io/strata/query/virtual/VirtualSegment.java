package io.strata.query.virtual;

import io.strata.api.data.ColumnCapabilities;
import io.strata.api.data.ColumnIndexSelector;
import io.strata.api.data.CursorBuildSpec;
import io.strata.api.data.CursorFactory;
import io.strata.api.data.CursorHolder;
import io.strata.api.data.RowSignature;
import io.strata.api.data.Segment;
import io.strata.api.data.SegmentId;
import io.strata.api.data.StringValueIndex;
import io.strata.api.data.Cursor;
import io.strata.api.data.VectorCursor;
import io.strata.api.exec.Filter;

/**
 * A segment seen with a query's virtual columns. Cursors over it read on the row path (the virtual columns are
 * computed row by row); a filter that reads a virtual column is applied here, on the computed values, and the rest
 * of the work (interval, time order) is the segment's own. Its indexes know nothing of virtual columns, so no filter
 * takes a stored column's bitmap for a virtual one.
 */
final class VirtualSegment implements Segment {
  private final Segment delegate;
  private final VirtualColumns columns;
  private final CursorFactory cursorFactory;

  VirtualSegment(Segment delegate, VirtualColumns columns) {
    this.delegate = delegate;
    this.columns = columns;
    this.cursorFactory = new Factory(delegate.cursorFactory());
  }

  @Override
  public SegmentId id() {
    return delegate.id();
  }

  @Override
  public CursorFactory cursorFactory() {
    return cursorFactory;
  }

  @Override
  public ColumnIndexSelector indexes() {
    ColumnIndexSelector base = delegate.indexes();
    if (base == null) {
      return null;
    }
    return new ColumnIndexSelector() {
      @Override
      public int numRows() {
        return base.numRows();
      }

      @Override
      public StringValueIndex stringIndex(String column) {
        return columns.contains(column) ? null : base.stringIndex(column);
      }

      @Override
      public ColumnCapabilities capabilities(String column) {
        VirtualColumns.Column v = columns.get(column);
        return v != null ? v.capabilities() : base.capabilities(column);
      }
    };
  }

  @Override
  public SegmentInfo info() {
    return delegate.info();
  }

  @Override
  public long columnSizeBytes(String column) {
    return delegate.columnSizeBytes(column);
  }

  @Override
  public void close() {
    delegate.close();
  }

  private final class Factory implements CursorFactory {
    private final CursorFactory base;

    Factory(CursorFactory base) {
      this.base = base;
    }

    @Override
    public RowSignature signature() {
      return base.signature();
    }

    @Override
    public ColumnCapabilities capabilities(String column) {
      VirtualColumns.Column v = columns.get(column);
      return v != null ? v.capabilities() : base.capabilities(column);
    }

    @Override
    public CursorHolder makeCursorHolder(CursorBuildSpec spec) {
      Filter filter = spec.filter();
      boolean here = filter != null && columns.anyOf(filter.requiredColumns());
      // Rows a derived dimension drops are skipped here too, so the cursor is always a virtual one then.
      CursorHolder holder = base.makeCursorHolder(here
          ? new CursorBuildSpec(spec.interval(), null, spec.descending(), spec.vectorSize(), spec.anyOrder()) : spec);
      Filter postFilter = here ? filter : null;
      return new CursorHolder() {
        @Override
        public Cursor asCursor() {
          return new VirtualCursor(holder.asCursor(), columns, postFilter);
        }

        @Override
        public boolean canVectorize() {
          return false;
        }

        @Override
        public VectorCursor asVectorCursor() {
          return null;
        }

        @Override
        public void close() {
          holder.close();
        }
      };
    }

    @Override
    public int numRows() {
      return base.numRows();
    }

    @Override
    public long minTime() {
      return base.minTime();
    }

    @Override
    public long maxTime() {
      return base.maxTime();
    }
  }
}
