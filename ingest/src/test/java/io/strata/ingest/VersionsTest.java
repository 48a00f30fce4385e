package io.strata.ingest;

import io.strata.api.time.DateTimes;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Versions are never handed out twice, even to tasks starting in the same millisecond on different threads. */
class VersionsTest {
  @Test
  void versionsAreUniqueAndIncreasing() {
    long now = System.currentTimeMillis();
    Set<String> seen = ConcurrentHashMap.newKeySet();
    IntStream.range(0, 10_000).parallel().forEach(i -> assertThat(seen.add(Versions.next(now))).isTrue());
    String a = Versions.next(now);
    String b = Versions.next(now - 1000);
    assertThat(b).isGreaterThan(a);
    Versions.after(DateTimes.parseIso("2999-01-01"));
    assertThat(Versions.next(now)).isGreaterThan("2999-01-01T00:00:00.000Z");
    Set<String> sequential = new HashSet<>();
    for (int i = 0; i < 100; i++) {
      assertThat(sequential.add(Versions.next(now))).isTrue();
    }
  }
}
