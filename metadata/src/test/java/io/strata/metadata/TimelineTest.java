package io.strata.metadata;

import io.strata.api.time.Interval;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.strata.metadata.MetadataStoreTest.seg;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TimelineTest {
  private static final Interval DAY = Interval.parse("2013-08-31/2013-09-01");
  private static final Interval NEXT_DAY = Interval.parse("2013-09-01/2013-09-02");
  private static final long HOUR = 3_600_000L;

  private static Interval hour(int h) {
    return new Interval(DAY.start() + h * HOUR, DAY.start() + (h + 1) * HOUR);
  }

  @Test
  void newVersionHidesTheOldOne() {
    DataSegment v1 = seg("wiki", DAY, "v1", 0, 1);
    DataSegment v2 = seg("wiki", DAY, "v2", 0, 1);

    Timeline t = Timeline.of(List.of(v1, v2));

    assertThat(t.lookup(List.of(DAY))).containsExactly(v2);
    assertThat(t.overshadowed()).containsExactly(v1);
  }

  @Test
  void appendedPartitionJoinsTheVersion() {
    DataSegment p0 = seg("wiki", DAY, "v1", 0, 1);
    DataSegment p1 = seg("wiki", DAY, "v1", 1, 0);

    Timeline t = Timeline.of(List.of(p1, p0));

    assertThat(t.lookup(List.of(Interval.parse("2013-08-31T05/2013-08-31T06")))).containsExactly(p0, p1);
    assertThat(t.overshadowed()).isEmpty();
  }

  @Test
  void dayReingestOvershadowsHourSegments() {
    List<DataSegment> hours = new ArrayList<>();
    for (int h = 0; h < 24; h++) {
      hours.add(seg("wiki", hour(h), "v1", 0, 1));
    }
    DataSegment day = seg("wiki", DAY, "v2", 0, 1);
    DataSegment nextDay = seg("wiki", NEXT_DAY, "v1", 0, 1);

    Timeline before = Timeline.of(hours).add(nextDay);
    Timeline after = before.add(day);

    assertThat(before.lookup(List.of(DAY))).hasSize(24);
    assertThat(after.lookup(List.of(Interval.parse("2013-08-31/2013-09-02")))).containsExactly(day, nextDay);
    assertThat(after.overshadowed()).containsExactlyInAnyOrderElementsOf(hours);
  }

  @Test
  void newerHourInsideOlderDayHidesOnlyThatHour() {
    DataSegment day = seg("wiki", DAY, "v1", 0, 1);
    DataSegment hour5 = seg("wiki", hour(5), "v2", 0, 1);

    Timeline t = Timeline.of(List.of(day, hour5));

    assertThat(t.lookup(List.of(DAY))).containsExactly(day, hour5);
    assertThat(t.lookupChunks(List.of(DAY))).containsExactly(
        new Timeline.VisibleChunk(new Interval(DAY.start(), hour(5).start()), "v1", List.of(day)),
        new Timeline.VisibleChunk(hour(5), "v2", List.of(hour5)),
        new Timeline.VisibleChunk(new Interval(hour(5).end(), DAY.end()), "v1", List.of(day)));
    assertThat(t.lookup(List.of(hour(5)))).containsExactly(hour5);
    assertThat(t.lookupChunks(List.of(Interval.parse("2013-08-31T05:30/2013-08-31T07"))))
        .extracting(Timeline.VisibleChunk::interval)
        .containsExactly(Interval.parse("2013-08-31T05:30/2013-08-31T06"),
            Interval.parse("2013-08-31T06/2013-08-31T07"));
  }

  @Test
  void olderHourInsideNewerDayIsHidden() {
    DataSegment day = seg("wiki", DAY, "v2", 0, 1);
    DataSegment hour5 = seg("wiki", hour(5), "v1", 0, 1);

    Timeline t = Timeline.of(List.of(day, hour5));

    assertThat(t.visibleChunks()).containsExactly(new Timeline.VisibleChunk(DAY, "v2", List.of(day)));
    assertThat(t.overshadowed()).containsExactly(hour5);
  }

  @Test
  void lookupOutsideTheDataIsEmpty() {
    Timeline t = Timeline.of(List.of(seg("wiki", DAY, "v1", 0, 1)));

    assertThat(t.lookup(List.of(Interval.parse("2014-01-01/2014-02-01")))).isEmpty();
    assertThat(t.lookup(List.of(Interval.parse("2013-08-30/2013-08-31")))).isEmpty();
    assertThat(t.lookup(List.of())).isEmpty();
    assertThat(Timeline.empty().lookup(List.of(Interval.ETERNITY))).isEmpty();
  }

  @Test
  void overlappingQueryIntervalsReturnEachSegmentOnce() {
    DataSegment a = seg("wiki", DAY, "v1", 0, 1);
    DataSegment b = seg("wiki", NEXT_DAY, "v1", 0, 1);
    Timeline t = Timeline.of(List.of(b, a));

    assertThat(t.lookup(List.of(Interval.parse("2013-09-01T12/2013-09-03"), Interval.parse("2013-08-31T01/P1D"),
        Interval.parse("2013-08-31T02/PT1H")))).containsExactly(a, b);
  }

  @Test
  void isCopyOnWrite() {
    DataSegment v1 = seg("wiki", DAY, "v1", 0, 1);
    DataSegment v2 = seg("wiki", DAY, "v2", 0, 1);
    Timeline base = Timeline.of(List.of(v1));

    Timeline withV2 = base.add(v2);
    Timeline removed = withV2.remove(v2.id());

    assertThat(base.lookup(List.of(DAY))).containsExactly(v1);
    assertThat(withV2.lookup(List.of(DAY))).containsExactly(v2);
    assertThat(removed.lookup(List.of(DAY))).containsExactly(v1);
    assertThat(removed.remove(v2.id())).isSameAs(removed);
    assertThat(removed.remove(v1.id()).isEmpty()).isTrue();
    assertThat(withV2.size()).isEqualTo(2);
  }

  @Test
  void holdsOneDataSource() {
    assertThatThrownBy(() -> Timeline.of(List.of(seg("wiki", DAY, "v1", 0, 1), seg("koala", DAY, "v1", 0, 1))))
        .isInstanceOf(IllegalArgumentException.class);

    Map<String, Timeline> byDs = Timeline.byDataSource(
        List.of(seg("wiki", DAY, "v1", 0, 1), seg("koala", DAY, "v1", 0, 1), seg("koala", DAY, "v2", 0, 1)));
    assertThat(byDs.keySet()).containsExactly("koala", "wiki");
    assertThat(byDs.get("koala").lookup(List.of(DAY))).extracting(DataSegment::version).containsExactly("v2");
  }

  /** Random hour/day/two-day chunks and versions; every hour's visible version must match a brute-force max. */
  @Test
  void matchesBruteForceOnRandomTimelines() {
    long seed = new Random().nextLong();
    Random random = new Random(seed);
    for (int round = 0; round < 200; round++) {
      List<DataSegment> segments = new ArrayList<>();
      int n = 1 + random.nextInt(12);
      for (int i = 0; i < n; i++) {
        int hours = new int[] {1, 3, 24, 48}[random.nextInt(4)];
        int startHour = random.nextInt(72 / hours) * hours;
        Interval interval = new Interval(DAY.start() + startHour * HOUR, DAY.start() + (startHour + hours) * HOUR);
        String version = "v" + random.nextInt(6);
        segments.add(seg("wiki", interval, version, random.nextInt(3), 0));
      }
      Timeline t = Timeline.of(segments);
      for (int h = 0; h < 72; h++) {
        Interval probe = new Interval(DAY.start() + h * HOUR, DAY.start() + (h + 1) * HOUR);
        String best = null;
        for (DataSegment s : segments) {
          if (s.interval().containsInterval(probe) && (best == null || s.version().compareTo(best) > 0)) {
            best = s.version();
          }
        }
        List<Timeline.VisibleChunk> found = t.lookupChunks(List.of(probe));
        String context = "seed " + seed + ", round " + round + ", hour " + h + ", segments " + segments;
        if (best == null) {
          assertThat(found).as(context).isEmpty();
        } else {
          assertThat(found).as(context).hasSize(1);
          assertThat(found.get(0).version()).as(context).isEqualTo(best);
          assertThat(found.get(0).interval()).as(context).isEqualTo(probe);
        }
      }
    }
  }
}
