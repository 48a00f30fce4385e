package io.strata.ingest;

import io.strata.api.data.SegmentId;
import io.strata.api.spec.DataSchema;
import io.strata.index.IncrementalIndex;
import io.strata.index.IndexSchema;

/** Makes the in-memory index of one time chunk for a task's dataSchema. */
final class Indexes {
  private Indexes() {
  }

  static IncrementalIndex create(SegmentId id, DataSchema schema) {
    return new IncrementalIndex(id, IndexSchema.from(schema));
  }
}
