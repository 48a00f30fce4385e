package io.strata.segment.read;

import io.strata.api.data.ColumnCapabilities;
import io.strata.segment.format.ColumnMetadata;

/**
 * One opened column of a segment: its metadata and capabilities, and exactly one of a numeric or string column
 * reader.
 */
record ColumnHandle(ColumnMetadata meta, ColumnCapabilities capabilities, NumericColumn numeric,
                    StringColumn string) {
  boolean isString() {
    return string != null;
  }
}
