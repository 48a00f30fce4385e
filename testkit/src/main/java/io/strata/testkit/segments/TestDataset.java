package io.strata.testkit.segments;

import io.strata.api.data.SegmentId;
import io.strata.api.input.InputRow;
import io.strata.api.time.Granularity;
import io.strata.api.time.Interval;
import io.strata.index.IndexSchema;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Input rows of one datasource cut into time chunks (one segment each, partition 0), with the index schema they
 * are ingested with. Immutable.
 *
 * @param version the segment version of every chunk (so segment ids can match recorded responses)
 * @param chunks  in time order; each chunk's rows in input order
 */
public record TestDataset(String dataSource, IndexSchema schema, String version, List<Chunk> chunks) {
  public TestDataset {
    chunks = List.copyOf(chunks);
  }

  /** The input rows of one time chunk. */
  public record Chunk(Interval interval, List<InputRow> rows) {
    public Chunk {
      rows = List.copyOf(rows);
    }
  }

  /** Cuts {@code rows} into {@code segmentGranularity} chunks, keeping input order within each chunk. */
  public static TestDataset chunked(String dataSource, IndexSchema schema, Granularity segmentGranularity,
                                    String version, Iterable<? extends InputRow> rows) {
    Map<Long, List<InputRow>> byChunk = new TreeMap<>();
    for (InputRow r : rows) {
      byChunk.computeIfAbsent(segmentGranularity.bucketStart(r.timestamp()), k -> new ArrayList<>()).add(r);
    }
    List<Chunk> chunks = new ArrayList<>();
    byChunk.forEach((start, list) -> chunks.add(new Chunk(new Interval(start, segmentGranularity.next(start)), list)));
    return new TestDataset(dataSource, schema, version, chunks);
  }

  /** The id the segment of {@code chunk} is served under. */
  public SegmentId segmentId(Chunk chunk) {
    return new SegmentId(dataSource, chunk.interval(), version, 0);
  }

  /** Input rows over all chunks. */
  public int inputRowCount() {
    int n = 0;
    for (Chunk c : chunks) {
      n += c.rows().size();
    }
    return n;
  }
}
