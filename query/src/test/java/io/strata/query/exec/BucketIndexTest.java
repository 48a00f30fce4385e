package io.strata.query.exec;

import io.strata.api.error.ResourceLimitException;
import io.strata.api.time.DateTimes;
import io.strata.api.time.Granularity;
import io.strata.api.time.Interval;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BucketIndexTest {
  private static long t(String iso) {
    return DateTimes.parseIso(iso);
  }

  @Test
  void fixedBucketsStartAtTheBucketHoldingTheRangeStart() {
    BucketIndex b = BucketIndex.of(Granularity.of("hour"), Interval.parse("2020-01-01T01:15/2020-01-01T04:30"));
    assertThat(b.numBuckets()).isEqualTo(4);
    assertThat(b.start(0)).isEqualTo(t("2020-01-01T01:00"));
    assertThat(b.ordinal(t("2020-01-01T03:59:59.999"))).isEqualTo(2);
    assertThat(b.starts()).containsExactly(t("2020-01-01T01:00"), t("2020-01-01T02:00"), t("2020-01-01T03:00"),
        t("2020-01-01T04:00"));
  }

  @Test
  void calendarBucketsFollowMonths() {
    BucketIndex b = BucketIndex.of(Granularity.of("month"), Interval.parse("2020-01-20/2020-04-02"));
    assertThat(b.starts()).containsExactly(t("2020-01-01"), t("2020-02-01"), t("2020-03-01"), t("2020-04-01"));
    assertThat(b.ordinal(t("2020-02-29T23:00"))).isEqualTo(1);
    assertThat(b.ordinal(t("2020-04-01T10:00"))).isEqualTo(3);
    assertThat(b.ordinal(t("2020-01-25"))).isEqualTo(0);
  }

  @Test
  void allIsOneBucketStartingAtTheRange() {
    BucketIndex b = BucketIndex.of(Granularity.ALL, Interval.parse("2020-01-20/2020-04-02"));
    assertThat(b.numBuckets()).isEqualTo(1);
    assertThat(b.start(0)).isEqualTo(t("2020-01-20"));
    assertThat(b.ordinal(t("2020-03-01"))).isZero();
  }

  @Test
  void noneCountsMillisecondsWithoutListingThem() {
    BucketIndex b = BucketIndex.of(Granularity.NONE, Interval.parse("2020-01-01/2020-03-01"));
    assertThat(b.numBuckets()).isEqualTo(60L * 86_400_000L);
    assertThat(b.ordinal(t("2020-01-01T00:00:01"))).isEqualTo(1000);
    assertThatThrownBy(b::starts).isInstanceOf(ResourceLimitException.class);
  }
}
