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

  @Test
  void druidsEternityFormatsAndParsesAsDruidWritesIt() {
    String eternity = "-146136543-09-08T08:23:32.096Z/146140482-04-24T15:36:27.903Z";
    assertThat(Interval.ETERNITY.toString()).isEqualTo(eternity);
    assertThat(Interval.parse(eternity)).isEqualTo(Interval.ETERNITY);
    assertThat(Interval.ETERNITY.start()).isEqualTo(Long.MIN_VALUE / 2);
    assertThat(Interval.ETERNITY.end()).isEqualTo(Long.MAX_VALUE / 2);
  }

  @Test
  void yearsPastNineThousandNineHundredNinetyNineAndBeforeOneRoundTrip() {
    assertThat(DateTimes.format(DateTimes.parseIso("9999-12-31T23:59:59Z"))).isEqualTo("9999-12-31T23:59:59.000Z");
    Interval lastDay = Granularity.of("day").bucket(DateTimes.parseIso("9999-12-31T23:59:59Z"));
    assertThat(lastDay.toString()).isEqualTo("9999-12-31T00:00:00.000Z/10000-01-01T00:00:00.000Z");
    assertThat(Interval.parse(lastDay.toString())).isEqualTo(lastDay);
    assertThat(DateTimes.format(DateTimes.parseIso("-0001-06-01"))).isEqualTo("-0001-06-01T00:00:00.000Z");
    assertThat(DateTimes.format(DateTimes.parseIso("0000-01-01"))).isEqualTo("0000-01-01T00:00:00.000Z");
    assertThat(DateTimes.parseIso("+10000-01-01")).isEqualTo(DateTimes.parseIso("10000-01-01T00:00:00.000Z"));
    assertThat(Interval.parse("10000/10001").toString())
        .isEqualTo("10000-01-01T00:00:00.000Z/10001-01-01T00:00:00.000Z");
    assertThatThrownBy(() -> DateTimes.parseIso("1234567890-01-01")).isInstanceOf(DateTimeParseException.class);
    assertThatThrownBy(() -> DateTimes.parseIso("-")).isInstanceOf(DateTimeParseException.class);
  }

  /** Every instant a long can hold formats, and the text parses back to the same instant (seeded). */
  @Test
  void everyInstantRoundTripsThroughIsoText() {
    long seed = System.nanoTime();
    java.util.Random random = new java.util.Random(seed);
    long[] edges = {Long.MIN_VALUE / 2, Long.MAX_VALUE / 2, -62167219200001L, -62167219200000L, 253402300799999L,
        253402300800000L, 0, -1, 1};
    for (long t : edges) {
      assertThat(DateTimes.parseIso(DateTimes.format(t))).as("%d", t).isEqualTo(t);
    }
    for (int i = 0; i < 20_000; i++) {
      long t = switch (i % 3) {
        case 0 -> random.nextLong() / 2;
        case 1 -> random.nextLong() % 400_000_000_000_000L;
        default -> random.nextLong() % 10_000_000_000_000L;
      };
      String text = DateTimes.format(t);
      assertThat(DateTimes.parseIso(text)).as("seed %d: %s", seed, text).isEqualTo(t);
    }
  }

  @Test
  void negativeHugeAndMalformedPeriodsAreRefusedByName() {
    for (String bad : new String[] {"2013/P-1D", "2013/P1000000000Y", "P1000000000Y/2013", "2013/P", "2013/PXD",
        "2013/P300000000Y", "2013/PT-1H"}) {
      assertThatThrownBy(() -> Interval.parse(bad)).as(bad).isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("interval");
    }
    assertThatThrownBy(() -> Granularity.period("P-1D")).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("negative");
    assertThatThrownBy(() -> Granularity.period("P1000000000Y")).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("too long");
  }
}
