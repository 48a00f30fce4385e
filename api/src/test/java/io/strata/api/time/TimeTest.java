package io.strata.api.time;

import io.strata.api.error.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.time.format.DateTimeParseException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TimeTest {
  @Test
  void parsesIsoVariantsAndFormatsLikeDruid() {
    assertThat(DateTimes.format(DateTimes.parseIso("2013-08-31T01:02:33Z"))).isEqualTo("2013-08-31T01:02:33.000Z");
    assertThat(DateTimes.parseIso("2013-08-31 01:02:33.5")).isEqualTo(DateTimes.parseIso("2013-08-31T01:02:33.500Z"));
    assertThat(DateTimes.parseIso("2013-08-31T03:02:33+02:00")).isEqualTo(DateTimes.parseIso("2013-08-31T01:02:33Z"));
    assertThat(DateTimes.parseIso("2013-08-31")).isEqualTo(1377907200000L);
    assertThat(DateTimes.format(DateTimes.parseIso("2013"))).isEqualTo("2013-01-01T00:00:00.000Z");
    assertThat(DateTimes.format(DateTimes.parseIso("2013-08"))).isEqualTo("2013-08-01T00:00:00.000Z");
    assertThat(DateTimes.format(DateTimes.parseIso("2013-08-31T05"))).isEqualTo("2013-08-31T05:00:00.000Z");
    assertThat(DateTimes.format(DateTimes.parseIso("2013-08-31T05:00-0130"))).isEqualTo("2013-08-31T06:30:00.000Z");
    assertThat(Interval.parse("2013/2014").toString()).isEqualTo("2013-01-01T00:00:00.000Z/2014-01-01T00:00:00.000Z");
    assertThatThrownBy(() -> DateTimes.parseIso("2013-08-31X")).isInstanceOf(DateTimeParseException.class);
    assertThatThrownBy(() -> DateTimes.parseIso("2013-02-30")).isInstanceOf(DateTimeParseException.class);
  }

  @Test
  void intervalsParseEndsAndPeriods() {
    assertThat(Interval.parse("2013-08-31/2013-09-01").toString())
        .isEqualTo("2013-08-31T00:00:00.000Z/2013-09-01T00:00:00.000Z");
    assertThat(Interval.parse("2013-08-31/P1D")).isEqualTo(Interval.parse("2013-08-31/2013-09-01"));
    assertThat(Interval.parse("PT1H/2013-09-01")).isEqualTo(Interval.parse("2013-08-31T23:00/2013-09-01"));
    assertThatThrownBy(() -> Interval.parse("2013-09-01/2013-08-31")).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> Interval.parse("yesterday")).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("yesterday");
  }

  @Test
  void granularityBuckets() {
    long t = DateTimes.parseIso("2013-08-31T13:47:12.345Z");
    assertThat(DateTimes.format(Granularity.of("minute").bucketStart(t))).isEqualTo("2013-08-31T13:47:00.000Z");
    assertThat(DateTimes.format(Granularity.of("hour").bucketStart(t))).isEqualTo("2013-08-31T13:00:00.000Z");
    assertThat(DateTimes.format(Granularity.of("day").bucketStart(t))).isEqualTo("2013-08-31T00:00:00.000Z");
    assertThat(DateTimes.format(Granularity.of("week").bucketStart(t))).isEqualTo("2013-08-26T00:00:00.000Z");
    assertThat(DateTimes.format(Granularity.of("month").bucketStart(t))).isEqualTo("2013-08-01T00:00:00.000Z");
    assertThat(DateTimes.format(Granularity.of("quarter").bucketStart(t))).isEqualTo("2013-07-01T00:00:00.000Z");
    assertThat(DateTimes.format(Granularity.of("year").bucketStart(t))).isEqualTo("2013-01-01T00:00:00.000Z");
    assertThat(DateTimes.format(Granularity.of("fifteen_minute").bucketStart(t))).isEqualTo("2013-08-31T13:45:00.000Z");
    assertThat(Granularity.NONE.bucketStart(t)).isEqualTo(t);
    assertThat(DateTimes.format(Granularity.of("month").next(DateTimes.parseIso("2013-08-01"))))
        .isEqualTo("2013-09-01T00:00:00.000Z");
    assertThatThrownBy(() -> Granularity.of("fortnight")).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("fortnight");
  }
}
