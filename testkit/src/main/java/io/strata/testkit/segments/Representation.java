package io.strata.testkit.segments;

/**
 * The physical forms the same rows can be queried in. A conformance suite runs every case over each of them: the
 * engines only see the read seam, so every form must give the same answers.
 */
public enum Representation {
  /** The in-memory {@link io.strata.index.IncrementalIndex} the rows were added to (no bitmap indexes). */
  INCREMENTAL_INDEX("index"),
  /** The index persisted with {@link io.strata.segment.write.SegmentWriter} and memory-mapped again. */
  PERSISTED("persisted"),
  /**
   * Each chunk's rows spread over three indexes, each persisted, the three merged by
   * {@link io.strata.segment.merge.SegmentMerger} (rollup as the schema says), written and memory-mapped: the
   * form a finished ingestion task publishes.
   */
  MERGED("merged");

  private final String label;

  Representation(String label) {
    this.label = label;
  }

  /** A short name for test names. */
  public String label() {
    return label;
  }
}
