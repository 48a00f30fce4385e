package io.strata.query.exec;

import io.strata.api.time.Granularity;
import io.strata.api.time.Interval;
import io.strata.query.testing.SalesData;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TimeRangesTest {
  @Test
  void condenseSortsAndMergesOverlappingAndAbuttingIntervals() {
    List<Interval> c = TimeRanges.condense(List.of(Interval.parse("2020-01-05/2020-01-06"),
        Interval.parse("2020-01-01/2020-01-02"), Interval.parse("2020-01-02/2020-01-03"),
        Interval.parse("2020-01-05T12:00/2020-01-07")));
    assertThat(c).containsExactly(Interval.parse("2020-01-01/2020-01-03"), Interval.parse("2020-01-05/2020-01-07"));
  }

  @Test
  void clipToDataEndsAtTheEndOfTheLastRowsBucket() {
    var data = SalesData.day1(false).cursorFactory(); // rows 00:00 .. 02:15
    Interval day = Interval.parse("2020-01-01/2020-01-02");
    assertThat(TimeRanges.clipToData(day, Granularity.of("hour"), data))
        .isEqualTo(Interval.parse("2020-01-01T00:00/2020-01-01T03:00"));
    assertThat(TimeRanges.clipToData(day, Granularity.ALL, data))
        .isEqualTo(Interval.parse("2020-01-01T00:00/2020-01-02T00:00"));
    assertThat(TimeRanges.clipToData(Interval.parse("2020-01-01T05:00/2020-01-01T06:00"), Granularity.of("hour"),
        data)).isNull();
    assertThat(TimeRanges.clipToData(Interval.parse("2020-01-01T05:00/2020-01-01T06:00"), Granularity.ALL, data))
        .isEqualTo(Interval.parse("2020-01-01T05:00/2020-01-01T06:00"));
  }

  @Test
  void withinSegmentKeepsTheQueryIntervalPartsInsideTheSegment() {
    List<Interval> within = TimeRanges.withinSegment(List.of(Interval.parse("2019-12-31/2020-01-01T01:00"),
        Interval.parse("2020-01-01T20:00/2020-01-05")), SalesData.day1(false));
    assertThat(within).containsExactly(Interval.parse("2020-01-01T00:00/2020-01-01T01:00"),
        Interval.parse("2020-01-01T20:00/2020-01-02T00:00"));
  }
}
