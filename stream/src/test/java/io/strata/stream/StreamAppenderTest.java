package io.strata.stream;

import io.strata.api.data.Cursor;
import io.strata.api.data.CursorBuildSpec;
import io.strata.api.data.CursorHolder;
import io.strata.api.data.Segment;
import io.strata.api.data.SegmentId;
import io.strata.api.json.Json;
import io.strata.api.spec.DataSchema;
import io.strata.api.spec.stream.StreamTuningConfig;
import io.strata.ingest.StreamHandoff;
import io.strata.input.MapInputRow;
import io.strata.segment.read.QueryableSegment;
import io.strata.segment.read.SegmentReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

class StreamAppenderTest {
  private static final long HOUR = 1_377_993_600_000L; // 2013-09-01T00:00Z

  @TempDir
  Path tmp;

  /** Every announced live set, in order. */
  private final List<List<Segment>> announced = new CopyOnWriteArrayList<>();

  private final RealtimeAnnouncer announcer = new RealtimeAnnouncer() {
    @Override
    public void announce(String dataSource, String taskId, List<Segment> live) {
      announced.add(live);
    }

    @Override
    public void handedOff(String dataSource, String taskId, List<Segment> stillLive) {
    }
  };

  private static DataSchema schema() throws Exception {
    return Json.MAPPER.readValue("""
        {"dataSource":"t","timestampSpec":{"column":"ts","format":"millis"},
         "dimensionsSpec":{"dimensions":["page"]},
         "metricsSpec":[{"type":"count","name":"count"},{"type":"longSum","name":"added","fieldName":"added"}],
         "granularitySpec":{"segmentGranularity":"hour","queryGranularity":"hour","rollup":true}}""",
        DataSchema.class);
  }

  @Test
  void aClosedAppenderLeavesWhatItServedOpenForTheQueriesStillReadingIt() throws Exception {
    // A task shut down mid-stream: a query may hold a view with its spills and index at that moment; the serving
    // side closes them once that query is done, so closing the appender must not pull them from under it.
    StreamAppender appender = new StreamAppender("task", schema(), StreamTuningConfig.defaults("kafka"),
        tmp.resolve("spill"), announcer);
    for (int p = 0; p < 100; p++) {
      appender.add(new MapInputRow(HOUR + p, Map.of("page", "p" + p, "added", p)));
    }
    appender.persistAll();
    appender.add(new MapInputRow(HOUR + 5000, Map.of("page", "late", "added", 1)));
    appender.close();
    assertThat(announced.get(announced.size() - 1)).as("nothing served after the close").isEmpty();
    List<Segment> lastServed = announced.get(announced.size() - 2);
    assertThat(lastServed).hasSize(2);
    long rows = 0;
    for (Segment s : lastServed) {
      try (CursorHolder h = s.cursorFactory().makeCursorHolder(CursorBuildSpec.of(
          io.strata.api.time.Interval.ETERNITY, null))) {
        for (Cursor c = h.asCursor(); !c.isDone(); c.advance()) {
          rows++;
        }
      }
      s.close(); // what the serving side does when the last view holding it is released
    }
    assertThat(rows).isEqualTo(101);
  }

  @Test
  void spillsOfOneLevelAreMergedIntoOneWithRollupReapplied() throws Exception {
    Path spillRoot = tmp.resolve("spill");
    try (StreamAppender appender = new StreamAppender("task", schema(), StreamTuningConfig.defaults("kafka"),
        spillRoot, announcer)) {
      // Three persists of the same 100 keys: three level-0 spills of the chunk, merged into one of 100 rows.
      for (int round = 0; round < StreamAppender.MERGE_FACTOR; round++) {
        for (int p = 0; p < 100; p++) {
          appender.add(new MapInputRow(HOUR + round * 1000 + p, Map.of("page", "p" + p, "added", p)));
        }
        appender.persistAll();
      }
      // One more row stays in memory.
      appender.add(new MapInputRow(HOUR + 5000, Map.of("page", "p0", "added", 1000)));
      List<StreamHandoff.Chunk> chunks = appender.takeChunks();
      assertThat(chunks).hasSize(1);
      StreamHandoff.Chunk chunk = chunks.get(0);
      assertThat(chunk.spills()).as("one merged spill").hasSize(1);
      assertThat(chunk.inMemory()).hasSize(1);

      // The last live set: the merged spill and the in-memory index, nothing of the merged-away spills.
      List<Segment> live = announced.get(announced.size() - 1);
      assertThat(live).hasSize(2);
      assertThat(live.stream().filter(s -> s instanceof QueryableSegment).count()).isEqualTo(1);

      // Merged-away spill directories are gone; only the merged one is left.
      try (var dirs = Files.list(spillRoot)) {
        assertThat(dirs.toList()).containsExactly(chunk.spills().get(0));
      }
      try (QueryableSegment merged = SegmentReader.open(chunk.spills().get(0),
          new SegmentId("t", chunk.interval(), "check", 0), true)) {
        assertThat(merged.numRows()).isEqualTo(100);
        long count = 0;
        long added = 0;
        List<String> pages = new ArrayList<>();
        try (CursorHolder h = merged.cursorFactory().makeCursorHolder(new CursorBuildSpec(null, null, false, CursorBuildSpec.DEFAULT_VECTOR_SIZE))) {
          Cursor c = h.asCursor();
          var countSel = c.selectorFactory().makeColumnValueSelector("count");
          var addedSel = c.selectorFactory().makeColumnValueSelector("added");
          var pageSel = c.selectorFactory().makeColumnValueSelector("page");
          for (; !c.isDone(); c.advance()) {
            count += countSel.getLong();
            added += addedSel.getLong();
            pages.add(String.valueOf(pageSel.getObject()));
          }
        }
        assertThat(count).isEqualTo(300);
        assertThat(added).isEqualTo(3L * (99 * 100 / 2));
        assertThat(pages).doesNotHaveDuplicates().hasSize(100);
      }
    }
  }

  @Test
  void fewerSpillsThanTheMergeFactorStayAsTheyAre() throws Exception {
    try (StreamAppender appender = new StreamAppender("task", schema(), StreamTuningConfig.defaults("kafka"),
        tmp.resolve("spill"), announcer)) {
      for (int round = 0; round < StreamAppender.MERGE_FACTOR - 1; round++) {
        appender.add(new MapInputRow(HOUR + round, Map.of("page", "a", "added", 1)));
        appender.persistAll();
      }
      assertThat(appender.takeChunks().get(0).spills()).hasSize(StreamAppender.MERGE_FACTOR - 1);
    }
  }

  @Test
  void mergesWaitWhileCatchingUpThenEachChunkBecomesOneSpill() throws Exception {
    try (StreamAppender appender = new StreamAppender("task", schema(), StreamTuningConfig.defaults("kafka"),
        tmp.resolve("spill"), announcer)) {
      appender.deferMerges(true);
      for (int round = 0; round < StreamAppender.MERGE_FACTOR + 1; round++) {
        appender.add(new MapInputRow(HOUR + round, Map.of("page", "a", "added", 1)));
        appender.persistAll();
      }
      appender.persistAll(); // nothing in memory: only waits for the last persist
      List<Segment> whileBehind = announced.get(announced.size() - 1);
      assertThat(whileBehind).as("no merge while behind").hasSize(StreamAppender.MERGE_FACTOR + 1);

      appender.deferMerges(false);
      // Caught up: all four spills of the chunk become one.
      List<StreamHandoff.Chunk> chunks = appender.takeChunks();
      assertThat(chunks.get(0).spills()).hasSize(1);
      List<Segment> live = announced.get(announced.size() - 1);
      assertThat(live).hasSize(1);
      try (QueryableSegment merged = SegmentReader.open(chunks.get(0).spills().get(0),
          new SegmentId("t", chunks.get(0).interval(), "check", 0), true)) {
        assertThat(merged.numRows()).as("rolled up into one row of the hour").isEqualTo(1);
      }
    }
  }
}
